// Per-topic sequence numbers. ZeroMQ keeps order on one connection, so a jump forward is loss (a drop
// at a high-water mark upstream) and a step back is a producer that restarted from 1.

/** Returned by SeqTracker.observe when the sequence went backwards. */
export const SEQ_RESET = -1;

export class SeqTracker {
  private readonly last = new Map<string, number>();

  /**
   * How many messages are missing before `seq` on `topic` (0 when none), or SEQ_RESET. The first message
   * seen on a topic sets the baseline: what was sent before this receiver connected is not its loss.
   */
  observe(topic: string, seq: number): number {
    const last = this.last.get(topic);
    this.last.set(topic, seq);
    if (last === undefined) return 0;
    if (seq > last) return seq - last - 1;
    return SEQ_RESET;
  }

  reset(): void {
    this.last.clear();
  }
}
