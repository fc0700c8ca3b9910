// Per-link counters. Names are snake_case because they are metric names (reflex_link_<name>) as much
// as fields; every drop on a link lands in exactly one of them.
import { decodeReasons, type DecodeReason } from "./decode-error.js";

export interface SenderCounters {
  /** Messages ZeroMQ accepted for a peer (one per peer per message). */
  sent: number;
  /** Messages dropped because a peer's queue was at its high-water mark (the peer is not keeping up). */
  send_dropped: number;
  /** Messages sent while no peer had said hello, or to a peer found gone: nobody to deliver to. */
  send_no_peer: number;
  /** Messages that could not be encoded (unknown type, a body protobufjs refuses). */
  encode_errors: number;
  peers_joined: number;
  peers_left: number;
  /** CurveZMQ clients refused by the ZAP handler (key not in the allowed set). */
  auth_refused: number;
  /** Messages a peer sent that are none of the control frames (junk from a local process): ignored. */
  junk_frames: number;
}

export interface ReceiverCounters {
  /** Multipart data messages taken off the socket, good or bad. */
  received: number;
  /** Messages handed to the consumer. */
  delivered: number;
  /** Messages missing from the per-topic sequence (lost before they reached this receiver). */
  dropped_gap: number;
  /** Messages the edge's QoS dropped here (keep-latest replaced, queue full). */
  dropped_qos: number;
  /** Times a topic's sequence went backwards: the producer restarted. Not a loss. */
  seq_resets: number;
  /** Consumer callbacks that threw (logged, the link goes on). */
  callback_errors: number;
  /** Messages that do not decode, by reason. */
  bad_frames: Record<DecodeReason, number>;
  /**
   * Well-formed messages refused because they are not what the edge carries: another message type,
   * or another topic than the edge's producer port. Bad frames too (badFrameTotal counts them).
   */
  wrong_type: number;
  wrong_topic: number;
  /**
   * Connections libzmq dropped for a protocol error after the handshake (a frame over the edge's size
   * limit, bytes that are not ZMTP), re-opened by the receiver. The message being read is lost.
   */
  protocol_drops: number;
}

export function newSenderCounters(): SenderCounters {
  return { sent: 0, send_dropped: 0, send_no_peer: 0, encode_errors: 0, peers_joined: 0, peers_left: 0, auth_refused: 0, junk_frames: 0 };
}

export function newReceiverCounters(): ReceiverCounters {
  const bad = Object.fromEntries(decodeReasons.map((r) => [r, 0])) as Record<DecodeReason, number>;
  return { received: 0, delivered: 0, dropped_gap: 0, dropped_qos: 0, seq_resets: 0, callback_errors: 0, bad_frames: bad, wrong_type: 0, wrong_topic: 0, protocol_drops: 0 };
}

/** Every message the receiver refused: undecodable ones and ones that are not the edge's. */
export function badFrameTotal(c: ReceiverCounters): number {
  let n = c.wrong_type + c.wrong_topic;
  for (const r of decodeReasons) n += c.bad_frames[r];
  return n;
}
