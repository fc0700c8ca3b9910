// Runs one scenario: builds its graph (overrides and fault nodes), runs it in this process (virtual or
// real clock) or in supervised workers (multi-process graphs: real clock, kill faults), taps the
// actuator, and measures what the budgets check.
import pino from "pino";
import type { Diagnostic } from "../config/diagnostic.js";
import type { NodeRegistry } from "../graph/registry.js";
import { runGraph } from "../process/run-graph.js";
import type { Supervisor } from "../process/supervisor.js";
import type { KillRecord, Measured, RecorderPart } from "./measured.js";
import { RealClock } from "../core/clock.js";
import { ActuatorProbe, findActuator } from "./actuator-probe.js";
import { evaluateBudgets, type BudgetRow } from "./budgets.js";
import { buildEffectiveGraph, type EffectiveGraph } from "./effective-graph.js";
import { readGolden, writeGolden } from "./golden.js";
import type { LoadedScenario } from "./scenario-load.js";

export interface ScenarioResult {
  readonly name: string;
  readonly file: string;
  readonly description?: string;
  /** Problems in the scenario or its graph: nothing ran. */
  readonly diagnostics?: readonly Diagnostic[];
  /** The run itself failed (a node's init, a worker that would not start). */
  readonly error?: string;
  readonly measured?: Measured;
  readonly budgets: readonly BudgetRow[];
  readonly passed: boolean;
}

export interface RunScenarioOptions {
  readonly outDir: string;
  /** The node types the scenario's graph may use, fault nodes included (the CLI adds them to the built-ins). */
  readonly registry: NodeRegistry;
  readonly logLevel?: string;
  readonly note?: (line: string) => void;
  /** Write the golden file from this run (then compare against it, which passes by construction). */
  readonly updateGolden?: boolean;
}

export async function runScenario(s: LoadedScenario, opts: RunScenarioOptions): Promise<ScenarioResult> {
  const head = { name: s.name, file: s.file, ...(s.description !== undefined ? { description: s.description } : {}) };
  const built = await buildEffectiveGraph(s, opts.outDir, opts.registry);
  if (!built.ok) return { ...head, diagnostics: built.diagnostics, budgets: [], passed: false };
  const eg = built.value;
  const actuator = findActuator(eg.graph, s.actuator);
  if (typeof actuator === "string") {
    return { ...head, diagnostics: [s.source.diagnostic(s.actuator ? ["actuator"] : ["graph"], actuator)], budgets: [], passed: false };
  }
  const clock = s.clock ?? (eg.multiProcess ? "real" : "virtual");
  if (eg.multiProcess && clock === "virtual") {
    return { ...head, diagnostics: [s.source.diagnostic(["clock"], "a graph placed in several processes runs on the real clock only", { suggestion: "clock: real" })], budgets: [], passed: false };
  }
  if (s.budgets.golden && clock !== "virtual") {
    return { ...head, diagnostics: [s.source.diagnostic(["budgets", "golden"], "golden outputs need the virtual clock (a real-clock run is not repeatable bit for bit)", { suggestion: "clock: virtual" })], budgets: [], passed: false };
  }
  let measured: Measured;
  try {
    measured = eg.multiProcess
      ? await runPlaced(s, eg, opts, actuator.staleMs, actuator.watchdog)
      : await runHere(s, eg, clock, opts, actuator.edge.from, actuator.staleMs, actuator.watchdog);
  } catch (err) {
    return { ...head, error: err instanceof Error ? err.message : String(err), budgets: [], passed: false };
  }
  if (opts.updateGolden && s.budgets.golden && measured.commands) {
    await writeGolden(s.budgets.golden.file, s.name, measured.commands);
    opts.note?.(`wrote ${s.budgets.golden.file} (${measured.commands.length} commands)`);
  }
  const golden = s.budgets.golden ? await readGolden(s.budgets.golden.file) : undefined;
  const budgets = await evaluateBudgets(s, measured, golden);
  return { ...head, measured, budgets, passed: budgets.every((b) => b.pass) };
}

async function runHere(
  s: LoadedScenario,
  eg: EffectiveGraph,
  clockKind: "virtual" | "real",
  opts: RunScenarioOptions,
  tap: { node: string; port: string },
  staleMs: number | undefined,
  watchdog: string | undefined,
): Promise<Measured> {
  const log = pino({ level: opts.logLevel ?? "error", base: { scenario: s.name } }, pino.destination({ fd: 2, sync: true }));
  let probe: ActuatorProbe | undefined;
  let wall = 0;
  const ran = await runGraph(eg.graph, {
    clock: clockKind,
    log,
    durationS: s.duration_s,
    taps: {
      onRuntime: (runtime, clock) => {
        const p = new ActuatorProbe(() => runtime.registry.startedNs, () => clock.nowNs());
        runtime.listen(tap.node, tap.port, p.listener);
        probe = p;
        wall = performance.now();
      },
    },
  });
  const { summary } = ran;
  const rec = eg.recorder ? summary.nodes.find((n) => n.node === eg.recorder!.node)?.gauges : undefined;
  return {
    summary,
    ...(rec ? { recorderParts: [partOf(rec, true)] } : {}),
    clock: clockKind,
    wallS: (performance.now() - wall) / 1000,
    commands: probe!.commands,
    staleMs,
    watchdog,
    kills: [],
    graph: eg,
  };
}

async function runPlaced(s: LoadedScenario, eg: EffectiveGraph, opts: RunScenarioOptions, staleMs: number | undefined, watchdog: string | undefined): Promise<Measured> {
  const clock = new RealClock();
  const kills: KillRecord[] = [];
  const timers: NodeJS.Timeout[] = [];
  const wall = performance.now();
  const note = opts.note ?? (() => undefined);
  let supervisor: Supervisor | undefined;
  const ran = await runGraph(eg.graph, {
    clock: "real",
    durationS: s.duration_s,
    workers: {
      configFile: eg.file,
      logLevel: opts.logLevel ?? "error",
      note,
      registry: "hil",
      ...(eg.linkFaults.size > 0 ? { linkFaults: eg.linkFaults } : {}),
    },
    taps: {
      onWorkersStarted: (sup) => {
        supervisor = sup;
        for (const f of eg.faults) {
          if (!("kill" in f.fault)) continue;
          const name = f.fault.kill;
          timers.push(
            setTimeout(() => {
              const w = sup.workers.get(name);
              kills.push({ process: name, atNs: clock.nowNs(), pid: w?.pid });
              note(`fault: SIGKILL worker ${name} (pid ${w?.pid})`);
              w?.child?.kill("SIGKILL");
            }, f.fromMs),
          );
        }
      },
    },
  });
  if (!ran.placed) throw new Error(`graph "${eg.graph.name}" ran in one process`); // multiProcess said otherwise
  const { failed, summary } = ran;
  for (const t of timers) clearTimeout(t);
  if (failed.length > 0) note(`worker(s) failed: ${failed.join(", ")}`);
  // Each incarnation of the recorder's process left its own figures (the last report before a death).
  const parts: RecorderPart[] = [];
  const w = eg.recorder ? supervisor?.workers.get(eg.recorder.process) : undefined;
  if (w && eg.recorder) {
    w.reports.forEach((r, i) => {
      const g = r?.summary.nodes.find((n) => n.node === eg.recorder!.node)?.gauges;
      if (g) parts.push(partOf(g, i === w.reports.length - 1 && w.state === "stopped"));
    });
  }
  // Corrupted at the senders (every incarnation's last report), dropped as bad at the receivers.
  const links = [...eg.linkFaults.keys()].map((edge) => {
    let corrupted = 0;
    for (const wk of supervisor?.workers.values() ?? []) for (const r of wk.reports) corrupted += r?.corrupted?.find((c) => c.edge === edge)?.corrupted ?? 0;
    const badFrames = summary.links.filter((l) => l.edge === edge).reduce((a, l) => a + l.badFrames, 0);
    return { edge, corrupted, badFrames };
  });
  return {
    summary,
    clock: "real",
    wallS: (performance.now() - wall) / 1000,
    staleMs,
    watchdog,
    kills,
    processes: summary.processes,
    graph: eg,
    ...(eg.recorder ? { recorderParts: parts } : {}),
    ...(links.length > 0 ? { links } : {}),
  };
}

function partOf(g: Readonly<Record<string, number>>, closed: boolean): RecorderPart {
  return { part: g.part ?? 0, recorded: g.recorded ?? 0, flushed: g.flushed ?? 0, dropped: g.dropped ?? 0, closed };
}
