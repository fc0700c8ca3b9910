// The few messages a link's two ends exchange besides data. Data messages always have at least two
// frames (envelope, body); control messages are a single frame, so the two never mix up.
//   receiver -> sender  ""                 hello: on every (re)connect; the first one is libzmq's ZMQ_PROBE_ROUTER
//                                          message. A hello from a known receiver is answered again.
//   receiver -> sender  "REFLEX/1 BYE"     the receiver is closing; stop sending to it
//   sender -> receiver  "REFLEX/1 WELCOME" the sender has registered this receiver; data follows
export const HELLO = Buffer.alloc(0);
export const WELCOME = Buffer.from("REFLEX/1 WELCOME");
export const BYE = Buffer.from("REFLEX/1 BYE");

export function isFrame(frame: Uint8Array | undefined, expected: Buffer): boolean {
  return frame !== undefined && frame.byteLength === expected.byteLength && expected.equals(frame);
}
