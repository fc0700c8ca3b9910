// RxJS has one process-wide hook for an error no subscriber handles (config.onUnhandledError): a
// subscriber's own callback that threw. The runtime catches what its own subscribers and ctx.subscribe
// see, so what still comes here is a node's raw `.subscribe(fn)` or a watcher of runtime.events(). This
// dispatcher installs the hook once and hands each error to a runtime: RxJS reports it from a timer,
// after the call stack that threw is gone, so the only runtime it can be pinned on is the only one
// running. With several running, the newest one logs it and says it may come from another.
import { config as rxConfig } from "rxjs";

/** A runtime as the dispatcher sees it. */
export interface UnhandledErrorSink {
  /** `certain` is false when other runtimes were running too: the error may be theirs. */
  unhandled(err: unknown, certain: boolean): void;
}

const running = new Set<UnhandledErrorSink>();
// With none running: the last runtime to stop (an error a stopping graph threw is reported a timer
// later), or before any started, the first one built.
let fallback: UnhandledErrorSink | undefined;
let installed = false;

function dispatch(err: unknown): void {
  let newest: UnhandledErrorSink | undefined;
  for (const sink of running) newest = sink;
  const target = newest ?? fallback;
  // Never rethrow: an error in a subscriber must not take the process down (what the hook is there for).
  try {
    target?.unhandled(err, running.size <= 1);
  } catch {
    // A logger that fails has nowhere to report to.
  }
}

/** A runtime was built: installs the process hook the first time (idempotent). */
export function installUnhandledErrorHook(sink: UnhandledErrorSink): void {
  fallback ??= sink;
  if (installed) return;
  installed = true;
  rxConfig.onUnhandledError = dispatch;
}

/** The runtime is running: unhandled errors may be its own. */
export function unhandledErrorsStarted(sink: UnhandledErrorSink): void {
  installUnhandledErrorHook(sink);
  running.delete(sink); // re-added last: the newest running
  running.add(sink);
}

/** The runtime stopped: later errors go to a runtime still running, or to it when none is. */
export function unhandledErrorsStopped(sink: UnhandledErrorSink): void {
  if (running.delete(sink)) fallback = sink;
}
