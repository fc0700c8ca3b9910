// The watchdog's bookkeeping, apart from its streams: whether it holds, and the figures it reports
// (gauges in the run summary, read by HIL budgets). Times are clock ns.
import { nsToMs } from "../../sdk/core/clock.js";

export interface WatchdogFigures {
  /** 1 while holding. */
  holding: number;
  /** Hold commands sent (the first of an episode and its repeats). */
  holds: number;
  /** Times it went from forwarding to holding. */
  hold_episodes: number;
  /** Stale actions it did not forward. */
  withheld: number;
  /** Fresh actions it forwarded. */
  forwarded: number;
  /** Oldest action it ever forwarded (must stay within the deadline), ms. */
  max_forwarded_age_ms: number;
  /** Longest hold episode that ended, ms. */
  max_hold_ms: number;
  /** Clock ns when the latest hold episode began and when the latest one ended (0: never). */
  last_hold_ns: number;
  last_resume_ns: number;
}

export class WatchdogState {
  holding = false;
  holds = 0;
  holdEpisodes = 0;
  withheld = 0;
  forwarded = 0;
  maxForwardedAgeNs = 0;
  maxHoldNs = 0;
  lastHoldMs = 0;
  lastHoldNs = 0;
  lastResumeNs = 0;
  /** Begin and end of the first `keepEpisodes` hold episodes (bounded: a flapping policy cannot grow it). */
  readonly episodes: { holdNs: number; resumeNs: number }[] = [];

  constructor(private readonly keepEpisodes = 0) {}

  /** A hold command goes out now; returns true when it starts an episode. */
  hold(nowNs: number): boolean {
    this.holds++;
    if (this.holding) return false;
    this.holding = true;
    this.holdEpisodes++;
    this.lastHoldNs = nowNs;
    if (this.episodes.length < this.keepEpisodes) this.episodes.push({ holdNs: nowNs, resumeNs: 0 });
    return true;
  }

  /** A fresh action goes out now; returns true when it ends a hold episode. */
  forward(nowNs: number, ageNs: number): boolean {
    this.forwarded++;
    if (ageNs > this.maxForwardedAgeNs) this.maxForwardedAgeNs = ageNs;
    if (!this.holding) return false;
    this.holding = false;
    this.lastResumeNs = nowNs;
    const ep = this.episodes[this.holdEpisodes - 1];
    if (ep) ep.resumeNs = nowNs;
    const held = nowNs - this.lastHoldNs;
    this.lastHoldMs = nsToMs(held);
    if (held > this.maxHoldNs) this.maxHoldNs = held;
    return true;
  }

  figures(): WatchdogFigures & Record<string, number> {
    const eps: Record<string, number> = {};
    this.episodes.forEach((e, i) => {
      eps[`hold_${i + 1}_ns`] = e.holdNs;
      eps[`resume_${i + 1}_ns`] = e.resumeNs;
    });
    return {
      ...eps,
      holding: this.holding ? 1 : 0,
      holds: this.holds,
      hold_episodes: this.holdEpisodes,
      withheld: this.withheld,
      forwarded: this.forwarded,
      max_forwarded_age_ms: nsToMs(this.maxForwardedAgeNs),
      max_hold_ms: nsToMs(this.maxHoldNs),
      last_hold_ns: this.lastHoldNs,
      last_resume_ns: this.lastResumeNs,
    };
  }
}
