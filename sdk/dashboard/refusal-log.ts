// Refused requests (foreign Host, cross-site Origin, missing token), counted by reason and logged at
// most once per reason per interval with how many the line stands for: a hostile page can retry a
// WebSocket in a tight loop, and a line per attempt would drown the run's log.
import type { Logger } from "pino";
import { RateLimitedLog } from "../core/rate-limited-log.js";

export type RefusalReason = "host" | "origin" | "token";

export class RefusalLog {
  readonly counts: Record<RefusalReason, number> = { host: 0, origin: 0, token: 0 };
  private readonly log: RateLimitedLog | undefined;

  constructor(logger: Logger | undefined, intervalMs = 1000, now: () => number = () => performance.now()) {
    this.log = logger && new RateLimitedLog(logger, intervalMs, now);
  }

  refused(reason: RefusalReason, fields: Record<string, unknown>, msg: string): void {
    this.counts[reason]++;
    this.log?.warn(reason, { ...fields, reason }, msg);
  }

  /** Logs what is still held back (at close, so no count is lost). */
  flush(): void {
    this.log?.flush();
  }
}
