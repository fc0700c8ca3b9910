// The receiver's bounded mailbox: the edge's QoS applied on this side of the wire, as in one process.
// keep-latest is a queue of one that drops the oldest. A ring buffer, so offer/take allocate nothing.

export type LinkQos =
  | { readonly kind: "keep-latest" }
  | { readonly kind: "queue"; readonly size: number; readonly drop: "oldest" | "newest" };

export class Mailbox<T> {
  private readonly slots: (T | undefined)[];
  private head = 0;
  private count = 0;
  private readonly dropNewest: boolean;

  constructor(qos: LinkQos) {
    const size = qos.kind === "keep-latest" ? 1 : qos.size;
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`queue size must be an integer >= 1, got ${size}`);
    this.slots = new Array<T | undefined>(size).fill(undefined);
    this.dropNewest = qos.kind === "queue" && qos.drop === "newest";
  }

  get length(): number {
    return this.count;
  }

  get capacity(): number {
    return this.slots.length;
  }

  /** Adds an item; returns true when that cost one (the oldest held, or this one for drop: newest). */
  offer(item: T): boolean {
    const cap = this.slots.length;
    if (this.count < cap) {
      this.slots[(this.head + this.count) % cap] = item;
      this.count++;
      return false;
    }
    if (this.dropNewest) return true;
    this.slots[this.head] = item;
    this.head = (this.head + 1) % cap;
    return true;
  }

  take(): T | undefined {
    if (this.count === 0) return undefined;
    const item = this.slots[this.head];
    this.slots[this.head] = undefined;
    this.head = (this.head + 1) % this.slots.length;
    this.count--;
    return item;
  }

  clear(): void {
    this.slots.fill(undefined);
    this.head = 0;
    this.count = 0;
  }
}
