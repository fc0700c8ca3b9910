// A node's stream subscribed so that an error in it is counted and the stream is subscribed again: what
// `tap({ error })` + `retry({ resetOnSuccess: true })` did, without their two operator layers on every
// message (one subscriber per output instead of three).
import { Subscription, type Observable } from "rxjs";

/**
 * Subscribes `next` to `stream`; each error goes to `onError`, then the stream is subscribed again
 * (at once, without limit, as retry() with no count does). The returned subscription ends it all.
 * Exceptions thrown by `next` itself are reported by RxJS (config.onUnhandledError), not retried.
 */
export function subscribeResilient<T>(stream: Observable<T>, next: (value: T) => void, onError: (err: unknown) => void): Subscription {
  const holder = new Subscription();
  const subscribeOnce = (): void => {
    if (holder.closed) return;
    let current: Subscription | undefined;
    let erredSync = false;
    current = stream.subscribe({
      next,
      error: (err: unknown) => {
        onError(err);
        if (current) {
          holder.remove(current);
          current.unsubscribe();
          current = undefined;
          subscribeOnce();
        } else {
          erredSync = true; // erred inside subscribe(): resubscribe once subscribe() has returned
        }
      },
    });
    if (erredSync) {
      current.unsubscribe();
      current = undefined;
      subscribeOnce();
      return;
    }
    holder.add(current);
  };
  subscribeOnce();
  return holder;
}
