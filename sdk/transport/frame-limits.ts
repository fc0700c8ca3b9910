// The largest frame a link's socket takes in (ZeroMQ's ZMQ_MAXMSGSIZE, checked per frame before
// libzmq allocates it): a peer that announces a larger one is disconnected, so a 64 MB frame from a
// stray or hostile process never reaches this process's memory. Generous for the types whose bytes
// fields travel as their own frames (images, tensors, blobs: a 4K RGBA image is 33 MB), small for the
// rest, whose envelope and body are a few kilobytes at most (an action chunk of 50 x 32 floats is 6 KB).
import { bulkFieldsOf, isMessageName } from "../messages/index.js";

/** Frames of a type with bulk (bytes) fields: the raw bytes of one field. */
export const BULK_FRAME_LIMIT = 256 * 1024 * 1024;
/** Frames of every other type: an envelope or a body. */
export const PLAIN_FRAME_LIMIT = 4 * 1024 * 1024;
/** What a link sender reads from its peers: hellos and byes, a few bytes each. */
export const CONTROL_FRAME_LIMIT = 4096;

/** The frame limit of an edge carrying `type`; an unknown name gets the bulk limit (refused later, by type). */
export function maxFrameBytesOf(type: string): number {
  if (!isMessageName(type)) return BULK_FRAME_LIMIT;
  return bulkFieldsOf(type).length > 0 ? BULK_FRAME_LIMIT : PLAIN_FRAME_LIMIT;
}
