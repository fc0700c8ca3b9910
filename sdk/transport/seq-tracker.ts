// Per-topic sequence numbers. ZeroMQ keeps order on one connection, so a jump forward is loss (a drop
// at a high-water mark upstream) and a step back is a producer that restarted from 1.
//
// A jump forward is loss only while it is plausible: more than MAX_PLAUSIBLE_GAP messages missing at
// once (2^20: over 17 minutes of total loss at 1 kHz, with the receiver connected all along) is not a
// link losing messages but a producer that started over from another base, or a peer sending a made-up
// sequence number (one frame with seq 10^15 once made a run report 10^15 drops). It is taken as a
// restart: the count of drops is left alone and the new number becomes the baseline.

/** Returned by SeqTracker.observe when the sequence went backwards: the producer restarted. */
export const SEQ_RESET = -1;
/** Returned when the sequence jumped forward past plausible loss: taken as a restart too. */
export const SEQ_JUMP = -2;

/** The largest forward jump counted as lost messages; a larger one is a restart (see above). */
export const MAX_PLAUSIBLE_GAP = 2 ** 20;

export class SeqTracker {
  private readonly last = new Map<string, number>();

  /**
   * How many messages are missing before `seq` on `topic` (0 when none), SEQ_RESET or SEQ_JUMP. The first message
   * seen on a topic sets the baseline: what was sent before this receiver connected is not its loss.
   */
  observe(topic: string, seq: number): number {
    const last = this.last.get(topic);
    this.last.set(topic, seq);
    if (last === undefined) return 0;
    if (seq > last) {
      const gap = seq - last - 1;
      return gap <= MAX_PLAUSIBLE_GAP ? gap : SEQ_JUMP;
    }
    return SEQ_RESET;
  }

  reset(): void {
    this.last.clear();
  }
}
