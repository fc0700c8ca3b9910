// Exit codes the CLI uses, so scripts and CI can tell a bad config from a failed run.
export const EXIT_OK = 0;
/** The run started but something failed (a node's init, a worker). */
export const EXIT_FAILED = 1;
/** The input was wrong (config, arguments): nothing was started. */
export const EXIT_USAGE = 2;
/** Stopped by a second Ctrl-C. */
export const EXIT_INTERRUPTED = 130;
