// CPU% and RSS of this process, for the dashboard's process panel. CPU time is measured against wall
// time by nature (under the virtual clock, clock time would make it meaningless), so the interval comes
// from a RealClock of its own, not from the run's clock.
import { RealClock } from "../core/clock.js";

export interface Usage {
  /** Percent of one core over the last interval (200 = two cores busy). */
  readonly cpuPct: number;
  readonly rssMb: number;
}

export class ProcessUsage {
  private readonly wall = new RealClock();
  private lastCpu = process.cpuUsage();
  private lastNs = this.wall.nowNs();
  private current: Usage = { cpuPct: 0, rssMb: Math.round(process.memoryUsage.rss() / 1e5) / 10 };

  /** Closes an interval; returns the figures over it. */
  sample(): Usage {
    const now = this.wall.nowNs();
    const cpu = process.cpuUsage();
    const busyUs = cpu.user - this.lastCpu.user + (cpu.system - this.lastCpu.system);
    const wallUs = (now - this.lastNs) / 1e3;
    this.lastCpu = cpu;
    this.lastNs = now;
    this.current = {
      cpuPct: wallUs > 0 ? Math.round((busyUs / wallUs) * 1000) / 10 : 0,
      rssMb: Math.round(process.memoryUsage.rss() / 1e5) / 10,
    };
    return this.current;
  }

  /** The figures of the last interval closed. */
  get last(): Usage {
    return this.current;
  }
}
