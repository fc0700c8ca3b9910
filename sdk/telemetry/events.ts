// Recent events for the dashboard (deadline misses, drops, restarts, errors, stale inputs, a watchdog's
// holds and resumes), bounded: the newest `capacity` are kept, older ones fall off. Events are made once
// per window interval from counter growth, never per message, so a graph missing its deadline at 1 kHz
// makes one event per interval.
import type { EventSnap } from "./snapshot-types.js";

/** An event stamped with the clock (ns); `atMs` of the snapshot is relative to the run's start. */
export interface RawEvent {
  readonly atNs: number;
  readonly kind: EventSnap["kind"];
  readonly where: string;
  readonly detail: string;
}

export const EVENTS_KEPT = 50;

export class EventLog {
  private readonly ring: (RawEvent | undefined)[];
  private head = 0;
  private size = 0;
  /** Events pushed since start, including those that fell off. */
  total = 0;

  constructor(readonly capacity = EVENTS_KEPT) {
    this.ring = new Array<RawEvent | undefined>(capacity);
  }

  push(e: RawEvent): void {
    this.ring[(this.head + this.size) % this.capacity] = e;
    if (this.size < this.capacity) this.size++;
    else this.head = (this.head + 1) % this.capacity;
    this.total++;
  }

  /** Oldest first. */
  list(): RawEvent[] {
    const out: RawEvent[] = [];
    for (let i = 0; i < this.size; i++) out.push(this.ring[(this.head + i) % this.capacity]!);
    return out;
  }
}

export function toEventSnap(e: RawEvent, startedNs: number): EventSnap {
  return { atMs: Math.round((e.atNs - startedNs) / 1e3) / 1e3, kind: e.kind, where: e.where, detail: e.detail };
}
