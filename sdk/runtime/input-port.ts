// A node input port: a hot stream the runtime pushes delivered messages into, many subscribers allowed.
// It behaves as the RxJS Subject it replaces (late subscribers get only later messages; after complete()
// new subscribers complete at once), at less cost per message: Subject.next allocates a closure and an
// iterator on every call, this loops over an array that is copied only when a subscriber comes or goes.
import { Observable } from "rxjs";

/** What a port delivers to: an RxJS subscriber, or a runtime sink attached without RxJS (attach()). */
export interface PortSink<T> {
  next(value: T): void;
  complete(): void;
}

export class InputPort<T> {
  /** What the node sees (ctx.inputs): subscribe-only, like subject.asObservable(). */
  readonly observable: Observable<T>;
  // Copy-on-write: next() iterates the array it started with, so a subscriber added or removed during a
  // delivery takes effect from the next message, as with a Subject.
  private subscribers: readonly PortSink<T>[] = [];
  private stopped = false;

  constructor() {
    this.observable = new Observable<T>((subscriber) => {
      if (this.stopped) {
        subscriber.complete();
        return undefined;
      }
      this.subscribers = [...this.subscribers, subscriber];
      return () => {
        this.subscribers = this.subscribers.filter((s) => s !== subscriber);
      };
    });
  }

  /**
   * Delivers to `sink` directly, without an RxJS subscriber around it (ctx.subscribe on an input: one
   * call per message instead of four). Returns the detach; after complete() the sink completes at once.
   */
  attach(sink: PortSink<T>): () => void {
    if (this.stopped) {
      sink.complete();
      return () => undefined;
    }
    this.subscribers = [...this.subscribers, sink];
    return () => {
      this.subscribers = this.subscribers.filter((s) => s !== sink);
    };
  }

  get observed(): boolean {
    return this.subscribers.length > 0;
  }

  /** Exceptions a subscriber lets through propagate to the caller, as from Subject.next. */
  next(value: T): void {
    if (this.stopped) return;
    const subs = this.subscribers;
    for (let i = 0; i < subs.length; i++) subs[i]!.next(value);
  }

  complete(): void {
    if (this.stopped) return;
    this.stopped = true;
    const subs = this.subscribers;
    this.subscribers = [];
    for (const s of subs) s.complete();
  }
}
