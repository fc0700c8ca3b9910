// The baseline: the same chain from bare RxJS Subjects. Each hop subscribes to the previous Subject,
// stamps the time with the same clock read Reflex uses (RealClock.nowNs, performance.now based) and
// next()s a new small object, linked to the one it came from, into its own Subject: the least a
// traced pass-through hop can do.
import { Subject } from "rxjs";
import type { Clock } from "../../sdk/core/clock.js";
import type { Blob } from "./reflex-chain.js";

/** One hop's stamp, newest first, like a Reflex trace (outNs is when the hop emitted). */
export interface BareStamp {
  readonly body: Blob;
  readonly outNs: number;
  readonly prev: BareStamp | undefined;
}

export interface BareChain {
  /** Emits one message from the source Subject; the whole chain runs synchronously inside this call. */
  push(body: Blob): void;
  stop(): void;
}

export function startBareChain(hops: number, clock: Clock, onArrive: (last: BareStamp) => void): BareChain {
  const source = new Subject<BareStamp>();
  const subjects: Subject<BareStamp>[] = [source];
  let prev = source;
  for (let i = 1; i <= hops; i++) {
    const next = new Subject<BareStamp>();
    prev.subscribe((m) => next.next({ body: m.body, outNs: clock.nowNs(), prev: m }));
    subjects.push(next);
    prev = next;
  }
  prev.subscribe(onArrive);
  return {
    push: (body) => source.next({ body, outNs: clock.nowNs(), prev: undefined }),
    stop: () => {
      for (const s of subjects) s.complete();
    },
  };
}
