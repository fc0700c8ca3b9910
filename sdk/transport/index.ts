// Reflex transport: cross-process links (ZeroMQ ROUTER/DEALER), the envelope codec, CurveZMQ keys.
export { encodeFrames, decodeFrames } from "./codec.js";
export { DecodeError, EncodeError, decodeReasons, type DecodeReason } from "./decode-error.js";
export { LinkSender, type LinkSenderOptions, type LinkSenderCurve } from "./link-sender.js";
export { LinkReceiver, type LinkReceiverOptions, type LinkReceiverCurve, type LinkStatus, type LinkEdgeContract } from "./link-receiver.js";
export { maxFrameBytesOf, BULK_FRAME_LIMIT, PLAIN_FRAME_LIMIT, CONTROL_FRAME_LIMIT } from "./frame-limits.js";
export type { LinkCommonOptions } from "./link-options.js";
export { Mailbox, type LinkQos } from "./mailbox.js";
export { newReceiverCounters, newSenderCounters, badFrameTotal, type ReceiverCounters, type SenderCounters } from "./counters.js";
export { makeRunDir, ipcEndpoint, tcpEndpoint, checkEndpoint, isLocalHost, isLoopbackHost, type EndpointPolicy } from "./endpoint.js";
export { generateKeyPair, writeKeyFiles, readKeyPair, readPublicKey, type CurveKeyPair, type KeyFiles } from "./curve-keys.js";
export { FrameCorrupter, type FrameCorruptionOptions } from "./frame-corruption.js";
