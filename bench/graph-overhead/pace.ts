// Sends at a fixed rate against the clock. setTimeout cannot reach 10 kHz (its resolution is 1 ms), so
// the loop spins on the clock between sends and yields to the event loop (setImmediate) about once a
// millisecond, and only when the next send is not due within the next few tens of microseconds.
import { setImmediate as yieldToLoop } from "node:timers/promises";
import type { Clock } from "../../sdk/core/clock.js";

export interface PaceResult {
  readonly sent: number;
  readonly elapsedNs: number;
  /** Sends that went out more than one period after their due time (the process was busy elsewhere). */
  readonly late: number;
  readonly maxLagNs: number;
}

const YIELD_EVERY_NS = 1e6;
const YIELD_IF_FREE_NS = 50e3;

export async function pace(clock: Clock, rateHz: number, count: number, send: (i: number) => void): Promise<PaceResult> {
  const period = 1e9 / rateHz;
  const start = clock.nowNs() + period;
  let lastYield = clock.nowNs();
  let late = 0;
  let maxLag = 0;
  let i = 0;
  while (i < count) {
    const now = clock.nowNs();
    const due = start + i * period;
    if (now >= due) {
      const lag = now - due;
      if (lag > period) late++;
      if (lag > maxLag) maxLag = lag;
      send(i);
      i++;
      continue;
    }
    if (due - now > YIELD_IF_FREE_NS && now - lastYield > YIELD_EVERY_NS) {
      await yieldToLoop();
      lastYield = clock.nowNs();
    }
  }
  return { sent: count, elapsedNs: clock.nowNs() - start, late, maxLagNs: maxLag };
}
