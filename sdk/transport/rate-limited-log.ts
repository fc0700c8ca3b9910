// Bad input can arrive thousands of times a second; a log line for each would drown the log and cost
// more than the link. One line per key per interval, carrying how many events it stands for.
import type { Logger } from "pino";

interface KeyState {
  lastAt: number;
  suppressed: number;
  fields: Record<string, unknown>;
  msg: string;
}

export class RateLimitedLog {
  private readonly keys = new Map<string, KeyState>();

  constructor(
    private readonly logger: Logger,
    private readonly intervalMs = 1000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Logs at warn level unless this key logged within the interval; then it is counted for the next line. */
  warn(key: string, fields: Record<string, unknown>, msg: string): void {
    const t = this.now();
    let state = this.keys.get(key);
    if (!state) {
      state = { lastAt: -Infinity, suppressed: 0, fields, msg };
      this.keys.set(key, state);
    }
    if (t - state.lastAt >= this.intervalMs) {
      this.logger.warn({ ...fields, count: state.suppressed + 1 }, msg);
      state.lastAt = t;
      state.suppressed = 0;
    } else {
      state.suppressed++;
      state.fields = fields;
      state.msg = msg;
    }
  }

  /** Logs what is still held back (at close, so no count is lost). */
  flush(): void {
    for (const state of this.keys.values()) {
      if (state.suppressed > 0) this.logger.warn({ ...state.fields, count: state.suppressed }, state.msg);
      state.suppressed = 0;
    }
  }
}
