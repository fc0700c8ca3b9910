// Refused requests (foreign Host, cross-site Origin, missing token), counted by reason and logged at
// most once per reason per interval with how many the line stands for: a hostile page can retry a
// WebSocket in a tight loop, and a line per attempt would drown the run's log. (The same rule as
// sdk/transport/rate-limited-log.ts, which the dashboard layer may not import.)
import type { Logger } from "pino";

export type RefusalReason = "host" | "origin" | "token";

export class RefusalLog {
  readonly counts: Record<RefusalReason, number> = { host: 0, origin: 0, token: 0 };
  private readonly lastAt: Record<RefusalReason, number> = { host: -Infinity, origin: -Infinity, token: -Infinity };
  private readonly held: Record<RefusalReason, { n: number; fields: Record<string, unknown>; msg: string } | undefined> = { host: undefined, origin: undefined, token: undefined };

  constructor(
    private readonly logger: Logger | undefined,
    private readonly intervalMs = 1000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  refused(reason: RefusalReason, fields: Record<string, unknown>, msg: string): void {
    this.counts[reason]++;
    const t = this.now();
    const held = this.held[reason];
    if (t - this.lastAt[reason] >= this.intervalMs) {
      this.logger?.warn({ ...fields, reason, count: (held?.n ?? 0) + 1 }, msg);
      this.lastAt[reason] = t;
      this.held[reason] = undefined;
    } else {
      this.held[reason] = { n: (held?.n ?? 0) + 1, fields, msg };
    }
  }

  /** Logs what is still held back (at close, so no count is lost). */
  flush(): void {
    for (const reason of Object.keys(this.held) as RefusalReason[]) {
      const h = this.held[reason];
      if (h) this.logger?.warn({ ...h.fields, reason, count: h.n }, h.msg);
      this.held[reason] = undefined;
    }
  }
}
