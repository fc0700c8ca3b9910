// The one receive loop behind every ZeroMQ socket Reflex reads (link senders and receivers, the ZAP
// handler, the agent and its clients): take each message's frames until the socket's owner has closed
// it. zeromq.js rejects a pending receive when the socket closes, and on some transient errors while it
// stays open; the first ends the loop, the second is reported and the loop goes on.

export interface FrameSource {
  receive(): Promise<Buffer[]>;
}

/** What a handler returns: "stop" ends the loop (a reply could not be sent, say). */
export type FramesHandled = void | "stop" | Promise<void | "stop">;

/**
 * Runs until `open()` is false when a receive fails, or a handler says "stop". A handler that needs
 * no await returns nothing, so the loop adds no microtask per message on a link's hot path.
 */
export async function receiveFrames(
  socket: FrameSource,
  open: () => boolean,
  onFrames: (frames: Buffer[]) => FramesHandled,
  onError?: (err: Error) => void,
): Promise<void> {
  for (;;) {
    let frames: Buffer[];
    try {
      frames = await socket.receive();
    } catch (err) {
      if (!open()) return;
      onError?.(err as Error);
      continue;
    }
    const handled = onFrames(frames);
    if (handled === "stop" || (handled instanceof Promise && (await handled) === "stop")) return;
  }
}
