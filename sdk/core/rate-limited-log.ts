// Bad input can arrive thousands of times a second; a log line for each would drown the log and cost
// more than the link. One line per key per interval, carrying how many events it stands for.
import type { Logger } from "pino";

interface KeyState {
  level: "warn" | "info";
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
    this.line("warn", key, fields, msg);
  }

  /** The same at info level: for what is normal once (a producer restart) but must not flood. */
  info(key: string, fields: Record<string, unknown>, msg: string): void {
    this.line("info", key, fields, msg);
  }

  private line(level: "warn" | "info", key: string, fields: Record<string, unknown>, msg: string): void {
    const t = this.now();
    let state = this.keys.get(key);
    if (!state) {
      state = { level, lastAt: -Infinity, suppressed: 0, fields, msg };
      this.keys.set(key, state);
    }
    if (t - state.lastAt >= this.intervalMs) {
      this.logger[level]({ ...fields, count: state.suppressed + 1 }, msg);
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
      if (state.suppressed > 0) this.logger[state.level]({ ...state.fields, count: state.suppressed }, state.msg);
      state.suppressed = 0;
    }
  }
}
