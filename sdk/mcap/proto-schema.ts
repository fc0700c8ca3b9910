// The protobuf schema an MCAP channel carries: a FileDescriptorSet of every Reflex message, built once
// from the generated descriptor.json (the same .proto files, sdk/messages/*.proto), so Foxglove and any
// MCAP reader decode the recorded bodies without our code.
import protobuf from "protobufjs";
import descriptorExt from "protobufjs/ext/descriptor.js"; // also adds Root#toDescriptor
import descriptor from "../messages/generated/descriptor.json" with { type: "json" };

/** MCAP's names for the encodings of a Reflex channel. */
export const PROTOBUF_ENCODING = "protobuf";

interface JsonNamespace {
  nested?: Record<string, JsonNamespace & { fields?: Record<string, { protoName?: string } & Record<string, unknown>> }>;
}

let cached: Uint8Array | undefined;

/** The serialized google.protobuf.FileDescriptorSet holding every Reflex message type. */
export function reflexFileDescriptorSet(): Uint8Array {
  if (cached) return cached;
  // pbjs writes field names in camelCase with the .proto name in `protoName`; put the .proto names back
  // so readers show the fields as the .proto files spell them (frame_id, not frameId).
  const root = protobuf.Root.fromJSON(withProtoNames(descriptor as JsonNamespace) as protobuf.INamespace);
  const set = root.toDescriptor("proto3");
  const bytes = descriptorExt.FileDescriptorSet.encode(set).finish();
  cached = bytes;
  return bytes;
}

function withProtoNames(ns: JsonNamespace): JsonNamespace {
  const out: Record<string, unknown> = { ...ns };
  if (ns.nested) {
    out.nested = Object.fromEntries(
      Object.entries(ns.nested).map(([name, def]) => {
        const copy = withProtoNames(def) as Record<string, unknown>;
        if (def.fields) {
          copy.fields = Object.fromEntries(
            Object.entries(def.fields).map(([fname, f]) => {
              const { protoName, ...rest } = f;
              return [protoName ?? fname, rest];
            }),
          );
        }
        return [name, copy];
      }),
    );
  }
  return out as JsonNamespace;
}
