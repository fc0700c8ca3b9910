// The live one-line status of a long run on a terminal: messages, rate, worst p99, drops, misses.
import { type Clock, nsToMs } from "../core/clock.js";
import type { MetricsRegistry } from "../core/stats.js";

export class StatusLine {
  private timer: NodeJS.Timeout | undefined;
  private lastCount = 0;
  private lastWallMs = performance.now();

  constructor(
    private readonly registry: MetricsRegistry,
    private readonly clock: Clock,
    private readonly out: NodeJS.WriteStream = process.stderr,
  ) {}

  start(everyMs = 500): void {
    if (!this.out.isTTY) return;
    this.timer = setInterval(() => this.render(), everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.out.isTTY) this.out.write("\r\x1b[2K");
  }

  line(): string {
    const r = this.registry;
    let count = 0;
    for (const n of r.nodes.values()) count += n.emitted;
    let drops = 0;
    let misses = 0;
    for (const e of r.edges.values()) {
      drops += e.drops;
      misses += e.deadlineMisses;
    }
    let p99 = 0;
    for (const p of r.paths.values()) p99 = Math.max(p99, p.latency.percentileNs(99));
    const now = performance.now();
    const rate = ((count - this.lastCount) * 1000) / Math.max(1, now - this.lastWallMs);
    this.lastCount = count;
    this.lastWallMs = now;
    const t = (this.clock.nowNs() - r.startedNs) / 1e9;
    return `t=${t.toFixed(1)}s  msgs=${count}  rate=${rate.toFixed(0)}/s  e2e p99=${nsToMs(p99).toFixed(2)} ms  drops=${drops}  misses=${misses}  (Ctrl-C stops)`;
  }

  private render(): void {
    this.out.write(`\r\x1b[2K${this.line().slice(0, (this.out.columns || 120) - 1)}`);
  }
}
