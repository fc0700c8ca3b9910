// A fault hook for the sending end of a link (HIL scenarios: "corrupt a fraction of frames on a link").
// Inside its window, a seeded fraction of the messages leaves with bytes flipped in its envelope and
// body frames, as a bad cable or a buggy bridge would deliver them. The receiver must drop and count
// what no longer decodes (bad_frames) and the graph must go on. The bytes are flipped in copies: the
// encoded frames share buffers with the message body (bulk fields), which other consumers still read.
import { Sfc32 } from "../core/sfc32.js";

export interface FrameCorruptionOptions {
  /** Share of the messages corrupted, 0..1. */
  readonly fraction: number;
  readonly seed?: number;
  /** Bytes flipped per corrupted message (default 8: about 97 % of such messages no longer decode). */
  readonly flips?: number;
  /** Whether the fault is on now (its window); default always. */
  readonly active?: () => boolean;
}

export class FrameCorrupter {
  /** Messages sent corrupted. */
  corrupted = 0;
  private readonly rng: Sfc32;
  private readonly flips: number;

  constructor(private readonly opts: FrameCorruptionOptions) {
    this.rng = new Sfc32(0x85ebca6b, (opts.seed ?? 1) >>> 0, 0xc2b2ae35);
    this.flips = Math.max(1, opts.flips ?? 8);
  }

  /** The frames to send: `frames` itself, or a copy with bytes flipped in frame 0 and 1. */
  apply(frames: Uint8Array[]): Uint8Array[] {
    if (this.opts.active && !this.opts.active()) return frames;
    if (this.rng.next() >= this.opts.fraction) return frames;
    const head = frames.slice(0, 2).map((f) => Uint8Array.from(f));
    const total = head.reduce((a, f) => a + f.byteLength, 0);
    if (total === 0) return frames;
    for (let i = 0; i < this.flips; i++) {
      let at = this.rng.nextU32() % total;
      const f = at < head[0]!.byteLength ? head[0]! : head[1]!;
      if (f !== head[0]) at -= head[0]!.byteLength;
      f[at]! ^= 1 + (this.rng.nextU32() % 255);
    }
    this.corrupted++;
    return [...head, ...frames.slice(2)];
  }
}
