// protobufjs (v8) decodes a known field that arrives with the wrong wire type as an unknown field
// instead of failing, so a body of another message type often "decodes". That is the one schema
// violation a decoder can see, so the codec asks here: does any $unknowns entry carry the number of a
// field this type (or a nested one) declares? Truly unknown field numbers stay allowed: a C++ or
// Python node built from newer .proto files may add fields, and protobuf's rule is to skip them.
import descriptor from "../messages/generated/descriptor.json" with { type: "json" };

interface FieldDef {
  readonly type: string;
  readonly id: number;
  readonly rule?: string;
}
interface NamespaceDef {
  readonly nested?: Record<string, NamespaceDef>;
  readonly fields?: Record<string, FieldDef>;
}

interface TypeShape {
  readonly ids: ReadonlySet<number>;
  /** Fields whose values are messages themselves: [field name, fully qualified type]. */
  readonly messageFields: readonly (readonly [string, string])[];
}

const shapes = new Map<string, TypeShape>();
(function walk(ns: NamespaceDef, prefix: string): void {
  for (const [name, def] of Object.entries(ns.nested ?? {})) {
    const full = prefix ? `${prefix}.${name}` : name;
    if (def.fields) {
      const fields = Object.entries(def.fields);
      shapes.set(full, {
        ids: new Set(fields.map(([, f]) => f.id)),
        // Type references in descriptor.json are relative to the package; every Reflex type lives in one.
        messageFields: fields.filter(([, f]) => !isScalar(f.type)).map(([n, f]) => [n, f.type.includes(".") ? f.type : `${prefix}.${f.type}`] as const),
      });
    }
    walk(def, full);
  }
})(descriptor as NamespaceDef, "");

function isScalar(type: string): boolean {
  return /^(double|float|u?int(32|64)|s?fixed(32|64)|sint(32|64)|bool|string|bytes)$/.test(type);
}

/** The field number of a raw field (its leading tag varint). */
function fieldNumber(raw: Uint8Array): number {
  let tag = 0;
  let shift = 0;
  for (let i = 0; i < raw.length && i < 5; i++) {
    const b = raw[i] as number;
    tag += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) break;
    shift += 7;
  }
  return Math.floor(tag / 8);
}

/**
 * Why a decoded message breaks its schema, or undefined when it does not. `message` is what the
 * generated decoder returned for `typeName` (so nested values are decoded messages too).
 */
export function schemaViolation(typeName: string, message: object): string | undefined {
  const shape = shapes.get(typeName);
  if (!shape) return undefined;
  const unknowns = (message as { $unknowns?: Uint8Array[] }).$unknowns;
  if (unknowns) {
    for (const raw of unknowns) {
      const id = fieldNumber(raw);
      if (shape.ids.has(id)) return `${typeName} field ${id} has the wrong wire type`;
    }
  }
  for (const [name, type] of shape.messageFields) {
    const value = (message as Record<string, unknown>)[name];
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      for (const v of value) {
        const why = typeof v === "object" && v !== null ? schemaViolation(type, v) : undefined;
        if (why) return why;
      }
    } else if (typeof value === "object") {
      const why = schemaViolation(type, value);
      if (why) return why;
    }
  }
  return undefined;
}
