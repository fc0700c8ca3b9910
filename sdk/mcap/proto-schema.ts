// The protobuf schema an MCAP channel carries: a FileDescriptorSet of every Reflex message, built once
// from the generated descriptor.json (the same .proto files, sdk/messages/*.proto), so Foxglove and any
// MCAP reader decode the recorded bodies without our code. The channel's schema name is the message's
// full name (reflex.Image), the file declares `package reflex`, and every message-typed field names its
// type fully qualified (.reflex.Pose2D), as protoc writes a descriptor set: protobufjs writes them
// relative to the message (Pose2D), which a reader has to resolve by protobuf's scoping rules, and not
// every reader does.
import protobuf from "protobufjs";
import descriptorExt, { type IDescriptorProto } from "protobufjs/ext/descriptor.js"; // also adds Root#toDescriptor
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
  for (const file of set.file) {
    for (const m of file.messageType ?? []) qualifyFieldTypes(root, file.package ? `${file.package}.` : "", m);
  }
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

/** Replaces each message or enum field's type name with the resolved type's full name (leading dot). */
function qualifyFieldTypes(root: protobuf.Root, scope: string, m: IDescriptorProto): void {
  const type = root.lookupType(`${scope}${m.name ?? ""}`);
  for (const f of m.field ?? []) {
    if (!f.typeName || f.typeName.startsWith(".")) continue;
    const field = type.fieldsArray.find((x) => x.name === f.name);
    if (field?.map) {
      // A map's entry message is generated inside the message that holds the map.
      f.typeName = `${type.fullName}.${f.typeName}`;
      continue;
    }
    const resolved = field?.resolve().resolvedType;
    if (!resolved) throw new Error(`reflex descriptor: ${type.fullName}.${f.name ?? "?"} names "${f.typeName}", which does not resolve`);
    f.typeName = resolved.fullName;
  }
  for (const nested of m.nestedType ?? []) qualifyFieldTypes(root, `${scope}${m.name ?? ""}.`, nested);
}
