// Why a multipart message on a link was refused. The reasons are the keys of the bad_frames counter,
// so a dashboard can tell a version mismatch (unknown-type) from corruption (envelope, body, bulk).

/**
 * - `envelope`: frame 0 is missing, does not decode as reflex.Envelope, or breaks its rules (empty topic, seq 0).
 * - `unknown-type`: the envelope names a message type no .proto of this build defines.
 * - `body`: frame 1 is missing, does not decode as the named type, or a known field has the wrong wire type.
 * - `bulk`: the bulk frames do not match Envelope.bulk (count, length, or a field that is not a bytes field).
 */
export type DecodeReason = "envelope" | "unknown-type" | "body" | "bulk";

export const decodeReasons: readonly DecodeReason[] = ["envelope", "unknown-type", "body", "bulk"];

export class DecodeError extends Error {
  override readonly name = "DecodeError";
  constructor(
    readonly reason: DecodeReason,
    detail: string,
  ) {
    super(`${reason}: ${detail}`);
  }
}

/** A message the sender cannot put on the wire (a type no .proto defines, a body protobufjs refuses). */
export class EncodeError extends Error {
  override readonly name = "EncodeError";
}
