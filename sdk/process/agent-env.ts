// The per-incarnation environment of a worker on another board. The launcher's supervisor gives a
// restarted worker REFLEX_RESTART (so recorders write `<name>.<k>.mcap` instead of truncating) and
// REFLEX_RUN_START_NS (so fault windows count from the run's start). The first is a plain count and
// travels as it is. The second is a reading of the launcher board's CLOCK_MONOTONIC, which means
// nothing on another board: it travels as the run's age at spawn (`runElapsedNs`) and the agent turns
// it back into a start on its own monotonic clock (off by the one-way latency of the spawn frame).
// Pure, so both halves are tested without processes (test/process/remote-restart-env.test.ts).

export const RUN_START_ENV = "REFLEX_RUN_START_NS";
export const RESTART_ENV = "REFLEX_RESTART";

/** Launcher side: the env to send (without RUN_START_ENV) and the run's age, if the env had a start. */
export function toAgentSpawn(env: Readonly<Record<string, string>>, nowNs: number): { env: Record<string, string>; runElapsedNs?: number } {
  const { [RUN_START_ENV]: start, ...rest } = env;
  const startNs = Number(start);
  if (start === undefined || !(startNs > 0)) return { env: rest };
  return { env: rest, runElapsedNs: Math.max(0, nowNs - startNs) };
}

export interface AgentWorkerEnv {
  /** The variables to lay over the agent's own environment for this worker. */
  readonly env: Record<string, string>;
  /** The restart count the worker gets (0 = first start), for the agent's log. */
  readonly restart: number;
  /** Set when the spawn frame carried something unusable (ignored, not fatal): for the agent's log. */
  readonly problem?: string;
}

/**
 * Agent side: the worker's variables from a spawn frame (a CurveZMQ-authenticated launcher, but still
 * checked: a frame from another Reflex version must not fork a worker with a garbage env).
 */
export function agentWorkerEnv(wireEnv: unknown, runElapsedNs: unknown, nowNs: number): AgentWorkerEnv {
  const env: Record<string, string> = {};
  const problems: string[] = [];
  if (wireEnv !== undefined && (typeof wireEnv !== "object" || wireEnv === null || Array.isArray(wireEnv))) {
    problems.push(`env is ${Array.isArray(wireEnv) ? "an array" : typeof wireEnv}, not an object of strings`);
  } else {
    for (const [k, v] of Object.entries((wireEnv ?? {}) as Record<string, unknown>)) {
      if (typeof v === "string") env[k] = v;
      else problems.push(`env.${k} is ${typeof v}, not a string`);
    }
  }
  // A start on the launcher's clock would put this board's fault windows anywhere: only ours counts.
  delete env[RUN_START_ENV];
  if (runElapsedNs !== undefined) {
    if (typeof runElapsedNs === "number" && Number.isFinite(runElapsedNs) && runElapsedNs >= 0) {
      env[RUN_START_ENV] = String(Math.max(1, nowNs - runElapsedNs));
    } else {
      problems.push(`runElapsedNs ${JSON.stringify(runElapsedNs)} is not a duration in ns`);
    }
  }
  const restartText = env[RESTART_ENV];
  let restart = 0;
  if (restartText !== undefined) {
    restart = Number(restartText);
    if (!(Number.isInteger(restart) && restart >= 0)) {
      problems.push(`${RESTART_ENV}=${JSON.stringify(restartText)} is not a restart count`);
      delete env[RESTART_ENV];
      restart = 0;
    }
  }
  return problems.length > 0 ? { env, restart, problem: `${problems.join("; ")} (ignored; is the launcher the same Reflex version?)` } : { env, restart };
}
