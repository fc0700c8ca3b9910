// The few messages a link's two ends exchange besides data. Data messages always have at least two
// frames (envelope, body); control messages are a single frame, so the two never mix up.
//   receiver -> sender  ""                 hello: on every (re)connect; the first one is libzmq's ZMQ_PROBE_ROUTER
//                                          message. A hello from a known receiver is answered again.
//   receiver -> sender  "REFLEX/1 BYE"     the receiver is closing; stop sending to it
//   sender -> receiver  "REFLEX/1 WELCOME" the sender has registered this receiver; data follows
//   sender -> receiver  "REFLEX/1 END"     the sender is closing; nothing follows
//   receiver -> sender  "REFLEX/1 ENDED"   the receiver has read everything up to END
// END/ENDED is the flush at shutdown: libzmq may discard messages a receiver had not yet read from the
// kernel when an ipc peer closes, so the sender closes only once each receiver has read to the end
// (or after lingerMs).
export const HELLO = Buffer.alloc(0);
export const WELCOME = Buffer.from("REFLEX/1 WELCOME");
export const BYE = Buffer.from("REFLEX/1 BYE");
export const END = Buffer.from("REFLEX/1 END");
export const ENDED = Buffer.from("REFLEX/1 ENDED");

export function isFrame(frame: Uint8Array | undefined, expected: Buffer): boolean {
  return frame !== undefined && frame.byteLength === expected.byteLength && expected.equals(frame);
}
