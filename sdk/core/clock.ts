// Every timestamp in Reflex comes from a Clock. The real clock reads CLOCK_MONOTONIC (shared by all
// processes on a host, so stamps compare across a ZeroMQ hop); the virtual clock moves only when the
// runtime advances it, so replays and HIL runs are exact and run as fast as the work allows.

export type ClockKind = "real" | "virtual";

export interface Cancel {
  (): void;
}

export interface Clock {
  readonly kind: ClockKind;
  /** Monotonic nanoseconds (float64; exact to the ns for 104 days of uptime). */
  nowNs(): number;
  /** Runs `fn` once at clock time `atNs` (at once if that has passed). */
  at(atNs: number, fn: () => void): Cancel;
  /**
   * Runs `fn(index, dueNs)` every `periodNs` from `startNs`, without drift: tick k is due at
   * startNs + k * periodNs. On the real clock a tick more than a period late is skipped and counted.
   */
  every(periodNs: number, fn: (index: number, dueNs: number) => void, startNs?: number): Cancel;
  /** Ticks the real clock skipped because the process was busy past their due time. */
  readonly skippedTicks: number;
}

// performance.now() is the cheapest monotonic read in Node; anchor it once to CLOCK_MONOTONIC so that
// stamps from different processes on the host share one time base.
const monotonicAnchorNs = Number(process.hrtime.bigint()) - performance.now() * 1e6;

export class RealClock implements Clock {
  readonly kind = "real" as const;
  skippedTicks = 0;

  nowNs(): number {
    return monotonicAnchorNs + performance.now() * 1e6;
  }

  at(atNs: number, fn: () => void): Cancel {
    let handle: NodeJS.Timeout | undefined;
    // setTimeout may fire early by up to a millisecond's rounding; re-arm until the due time has come.
    const arm = (): void => {
      const waitMs = (atNs - this.nowNs()) / 1e6;
      if (waitMs <= 0) {
        handle = undefined;
        fn();
      } else {
        handle = setTimeout(arm, Math.max(0, Math.floor(waitMs)));
      }
    };
    arm();
    return () => {
      if (handle) clearTimeout(handle);
      handle = undefined;
    };
  }

  every(periodNs: number, fn: (index: number, dueNs: number) => void, startNs = this.nowNs()): Cancel {
    return periodic(this, periodNs, fn, startNs, (index) => {
      const lateBy = this.nowNs() - (startNs + index * periodNs);
      if (lateBy <= periodNs) return index;
      const skip = Math.floor(lateBy / periodNs);
      this.skippedTicks += skip;
      return index + skip;
    });
  }
}

/**
 * Tick k of a periodic timer is due at startNs + k * periodNs (no drift). `catchUp` may move the index
 * forward when a tick fires late (the real clock skips ticks it missed).
 */
function periodic(
  clock: Clock,
  periodNs: number,
  fn: (index: number, dueNs: number) => void,
  startNs: number,
  catchUp: (index: number) => number = (i) => i,
): Cancel {
  if (!(periodNs > 0)) throw new RangeError(`clock period must be > 0 ns, got ${periodNs}`);
  let index = 0;
  let cancelled = false;
  let cancelTimer: Cancel = () => undefined;
  const tick = (): void => {
    if (cancelled) return;
    index = catchUp(index);
    fn(index, startNs + index * periodNs);
    index += 1;
    if (!cancelled) cancelTimer = clock.at(startNs + index * periodNs, tick);
  };
  cancelTimer = clock.at(startNs, tick);
  return () => {
    cancelled = true;
    cancelTimer();
  };
}

interface Timer {
  atNs: number;
  order: number;
  fn: () => void;
  cancelled: boolean;
}

/** A clock whose time moves only through advanceTo(): timers fire in time order, ties in scheduling order. */
export class VirtualClock implements Clock {
  readonly kind = "virtual" as const;
  readonly skippedTicks = 0;
  private now: number;
  private order = 0;
  private readonly heap: Timer[] = [];

  constructor(startNs = 0) {
    this.now = startNs;
  }

  nowNs(): number {
    return this.now;
  }

  at(atNs: number, fn: () => void): Cancel {
    const timer: Timer = { atNs: Math.max(atNs, this.now), order: this.order++, fn, cancelled: false };
    this.push(timer);
    return () => {
      timer.cancelled = true;
    };
  }

  every(periodNs: number, fn: (index: number, dueNs: number) => void, startNs = this.now): Cancel {
    return periodic(this, periodNs, fn, startNs);
  }

  /** Time of the next pending timer, or undefined when none is pending. */
  nextDueNs(): number | undefined {
    this.dropCancelled();
    return this.heap[0]?.atNs;
  }

  /** Fires the earliest pending timer if it is due by `limitNs`; returns whether one fired. */
  fireNext(limitNs: number): boolean {
    this.dropCancelled();
    const top = this.heap[0];
    if (!top || top.atNs > limitNs) return false;
    this.pop();
    this.now = top.atNs;
    top.fn();
    return true;
  }

  /** Fires every timer due by `atNs` in order, then sets the time to `atNs`. */
  advanceTo(atNs: number): void {
    while (this.fireNext(atNs));
    if (atNs > this.now) this.now = atNs;
  }

  advanceBy(ns: number): void {
    this.advanceTo(this.now + ns);
  }

  private dropCancelled(): void {
    while (this.heap[0]?.cancelled) this.pop();
  }

  private less(a: Timer, b: Timer): boolean {
    return a.atNs < b.atNs || (a.atNs === b.atNs && a.order < b.order);
  }

  private push(t: Timer): void {
    const h = this.heap;
    h.push(t);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(h[i]!, h[p]!)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }

  private pop(): Timer | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.less(h[l]!, h[m]!)) m = l;
        if (r < h.length && this.less(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }
}

export function createClock(kind: ClockKind): Clock {
  return kind === "virtual" ? new VirtualClock() : new RealClock();
}

export const msToNs = (ms: number): number => ms * 1e6;
export const nsToMs = (ns: number): number => ns / 1e6;
