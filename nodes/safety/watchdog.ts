// watchdog: the safety gate between a policy and an actuator. It forwards an action only while it is
// fresh (its age, from the capture stamp of the observation it was computed from, or from its arrival,
// is within `deadline_ms`), and sends a hold (zero velocity) the moment the newest action goes stale:
// a stopped policy, a camera that went dark, a policy working on an old frame all show up as old
// capture stamps. It resumes with the first fresh action. The robot never acts on a stale action:
// stale ones are withheld (counted), and a hold is due exactly when the action it follows expires.
import { Type } from "@sinclair/typebox";
import { DurationMs } from "../../sdk/core/number-limits.js";
import { filter, map, Observable, share } from "rxjs";
import type { reflex } from "../../sdk/messages/index.js";
import { type Cancel, msToNs, nsToMs } from "../../sdk/core/clock.js";
import { defineNode, type Delivered, type Outgoing } from "../../sdk/core/node.js";
import { WatchdogState } from "./watchdog-state.js";

type Chunk = reflex.ActionChunk.$Properties;

export default defineNode({
  type: "watchdog",
  description: "Safety gate before an actuator: forwards fresh action chunks, sends a hold (zero velocity) when the newest is older than its deadline.",
  kind: "control",
  params: Type.Object(
    {
      deadline_ms: DurationMs({ default: 150, description: "an action older than this is stale, ms" }),
      measure: Type.Union([Type.Literal("capture"), Type.Literal("arrival")], {
        default: "capture",
        description: "age from the capture stamp of the observation (capture) or from when the action arrived here (arrival)",
      }),
      hold_every_ms: DurationMs({ default: 100, description: "while holding, repeat the hold this often, ms" }),
      report_episodes: Type.Integer({
        minimum: 0,
        maximum: 64,
        default: 0,
        description: "report when each of the first N hold episodes began and ended (gauges hold_<k>_ns, resume_<k>_ns; HIL recovery times)",
      }),
    },
    { additionalProperties: false },
  ),
  inputs: {
    actions: { type: "reflex.ActionChunk", description: "action chunks from the policy" },
  },
  outputs: {
    command: { type: "reflex.ActionChunk", description: "fresh action chunks, or holds (hold: true)" },
    events: { type: "reflex.DeadlineMiss", description: "one per hold episode: the action's age and the deadline" },
  },
  create(ctx, p) {
    const deadlineNs = msToNs(p.deadline_ms);
    const state = new WatchdogState(p.report_episodes);
    const gauges = (): void => {
      for (const [k, v] of Object.entries(state.figures())) ctx.metrics.gauge(k, v);
    };
    gauges();
    let lastLogNs = Number.NEGATIVE_INFINITY;
    const holdBody = (from: Chunk | undefined): Chunk => ({ horizon: 0, dim: from?.dim ?? 2, data: [], stepMs: from?.stepMs ?? 0, hold: true });

    // One stream feeds both outputs (shared): the expiry timer and the hold ticks live in it.
    const core = new Observable<{ port: "command" | "events"; out: Outgoing<unknown> }>((sub) => {
      let expiry: Cancel | undefined;
      let newest: Delivered<Chunk> | undefined;
      const stampOf = (m: Delivered<Chunk>): number => (p.measure === "capture" ? m.header.captureNs : m.receivedNs);

      const hold = (ageNs: number): void => {
        const now = ctx.clock.nowNs();
        const started = state.hold(now);
        // A hold is the watchdog's own command, issued now: new data (its age at the robot is its own).
        sub.next({ port: "command", out: ctx.msg(holdBody(newest?.body)) });
        if (started) {
          const ev: reflex.DeadlineMiss.$Properties = { node: ctx.id, port: "actions", ageMs: nsToMs(ageNs), deadlineMs: p.deadline_ms };
          // It keeps the stale action's capture stamp and trace (which action went stale, from where), but
          // its work starts now: derived as is, its processing time would be the whole wait for the deadline.
          sub.next({ port: "events", out: newest ? { ...ctx.msg(ev, newest), inNs: now } : ctx.msg(ev) });
          if (now - lastLogNs >= 1e9) {
            lastLogNs = now;
            ctx.log.warn({ age_ms: ev.ageMs, deadline_ms: p.deadline_ms, hold_episodes: state.holdEpisodes }, `watchdog ${ctx.id}: newest action is stale; holding`);
          }
        }
        gauges();
      };

      const actions = ctx.subscribe(ctx.inputs.actions, (m) => {
        const now = ctx.clock.nowNs();
        const ageNs = now - stampOf(m);
        if (m.body.hold) {
          // A hold from upstream (another watchdog, an e-stop) always passes.
          sub.next({ port: "command", out: ctx.msg(m.body, m) });
          return;
        }
        if (ageNs > deadlineNs) {
          state.withheld++;
          if (!state.holding) hold(ageNs);
          else gauges();
          return;
        }
        const resumed = state.forward(now, ageNs);
        newest = m;
        if (resumed) ctx.log.info({ held_ms: state.lastHoldMs }, `watchdog ${ctx.id}: fresh actions again; resuming`);
        expiry?.();
        // The hold is due the instant this action expires (not at the next tick): exact on both clocks.
        expiry = ctx.clock.at(stampOf(m) + deadlineNs + 1, () => {
          expiry = undefined;
          if (newest === m) hold(ctx.clock.nowNs() - stampOf(m));
        });
        sub.next({ port: "command", out: ctx.msg(m.body, m) });
        gauges();
      });
      // While holding, repeat the hold: an actuator that missed one (a lossy link) still stops.
      const repeat = ctx.subscribe(ctx.every(p.hold_every_ms), () => {
        if (state.holding) hold(newest ? ctx.clock.nowNs() - stampOf(newest) : 0);
      });
      return () => {
        expiry?.();
        actions.unsubscribe();
        repeat.unsubscribe();
      };
    });
    const shared = core.pipe(share());
    const port = <T>(name: "command" | "events"): Observable<Outgoing<T>> =>
      shared.pipe(
        filter((v) => v.port === name),
        map((v) => v.out as Outgoing<T>),
      );
    return {
      outputs: {
        command: port<Chunk>("command"),
        events: port<reflex.DeadlineMiss.$Properties>("events"),
      },
    };
  },
});
