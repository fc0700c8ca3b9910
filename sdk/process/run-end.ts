// When a run on the real clock is over: its duration elapsed, or its signal aborted (Ctrl-C, a caller
// that stops it), whichever comes first. Both ways of running a graph (run-graph.ts, launcher.ts) wait so.

/** Resolves after `durationS` seconds (never, when undefined) or once `signal` aborts. */
export function endOfRun(durationS: number | undefined, signal: AbortSignal | undefined): Promise<void> {
  return new Promise<void>((resolve) => {
    const t = durationS !== undefined ? setTimeout(resolve, durationS * 1000) : undefined;
    if (signal?.aborted) resolve();
    signal?.addEventListener("abort", () => {
      if (t) clearTimeout(t);
      resolve();
    });
  });
}
