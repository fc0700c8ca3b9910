#!/usr/bin/env python3
"""Reads an MCAP file the way a third-party tool would: its own parse of the records (no Reflex code),
each schema's data as a google.protobuf FileDescriptorSet loaded into a fresh descriptor pool, the
message type found by the schema's name, and each channel's first message decoded with it.
Prints one JSON object: {"schemas": [...], "channels": [...]}; exits non-zero if any step fails.

    python3 test/record/read-mcap-protobuf.py recording.mcap
"""
import json
import struct
import sys

from google.protobuf import descriptor_pb2, descriptor_pool, json_format, message_factory

MAGIC = b"\x89MCAP0\r\n"
OP_SCHEMA, OP_CHANNEL, OP_MESSAGE, OP_CHUNK = 0x03, 0x04, 0x05, 0x06


class Cursor:
    def __init__(self, data):
        self.data, self.pos = data, 0

    def take(self, n):
        out = self.data[self.pos:self.pos + n]
        if len(out) != n:
            raise ValueError(f"truncated at byte {self.pos}")
        self.pos += n
        return out

    def u16(self):
        return struct.unpack("<H", self.take(2))[0]

    def u32(self):
        return struct.unpack("<I", self.take(4))[0]

    def u64(self):
        return struct.unpack("<Q", self.take(8))[0]

    def string(self):
        return self.take(self.u32()).decode("utf-8")

    def bytes32(self):
        return self.take(self.u32())


def records(data):
    """(opcode, body) of each record in `data` (no magic)."""
    c = Cursor(data)
    while c.pos < len(data):
        op = c.take(1)[0]
        yield op, c.take(c.u64())


def main(path):
    raw = open(path, "rb").read()
    if not raw.startswith(MAGIC):
        raise ValueError("not an MCAP file")
    end = len(raw) - len(MAGIC) if raw.endswith(MAGIC) else len(raw)
    schemas, channels, first = {}, {}, {}

    def visit(op, body):
        c = Cursor(body)
        if op == OP_SCHEMA:
            sid, name, encoding, data = c.u16(), c.string(), c.string(), c.bytes32()
            schemas[sid] = {"name": name, "encoding": encoding, "data": data}
        elif op == OP_CHANNEL:
            cid, sid, topic, encoding = c.u16(), c.u16(), c.string(), c.string()
            channels[cid] = {"topic": topic, "schema_id": sid, "message_encoding": encoding}
        elif op == OP_MESSAGE:
            cid = c.u16()
            c.u32(), c.u64(), c.u64()  # sequence, log time, publish time
            first.setdefault(cid, body[c.pos:])
        elif op == OP_CHUNK:
            c.u64(), c.u64(), c.u64(), c.u32()  # start, end, uncompressed size, crc
            compression = c.string()
            inner = c.take(c.u64())
            if compression != "":
                raise ValueError(f"chunk compression {compression!r}: this reader only reads uncompressed chunks")
            for iop, ibody in records(inner):
                visit(iop, ibody)

    for op, body in records(raw[len(MAGIC):end]):
        visit(op, body)

    out_schemas = []
    classes = {}
    for sid, s in sorted(schemas.items()):
        fds = descriptor_pb2.FileDescriptorSet.FromString(s["data"])
        # protoc writes every field's type reference fully qualified (leading dot); list those that are not.
        relative = []

        def walk(prefix, messages):
            for m in messages:
                relative.extend(f"{prefix}{m.name}.{f.name}: {f.type_name}" for f in m.field if f.type_name and not f.type_name.startswith("."))
                walk(f"{prefix}{m.name}.", m.nested_type)

        for f in fds.file:
            walk(f"{f.package}." if f.package else "", f.message_type)
        pool = descriptor_pool.DescriptorPool()
        for f in fds.file:
            pool.Add(f)
        desc = pool.FindMessageTypeByName(s["name"])
        factory = message_factory.MessageFactory(pool)
        cls = message_factory.GetMessageClass(desc) if hasattr(message_factory, "GetMessageClass") else factory.GetPrototype(desc)
        classes[sid] = cls
        out_schemas.append({
            "id": sid,
            "name": s["name"],
            "encoding": s["encoding"],
            "full_name": desc.full_name,
            "file": desc.file.name,
            "package": desc.file.package,
            "fields": [f.name for f in desc.fields],
            "relative_type_names": relative,
        })
    out_channels = []
    for cid, ch in sorted(channels.items()):
        row = dict(ch)
        if cid in first:
            msg = classes[ch["schema_id"]].FromString(first[cid])
            row["first"] = json_format.MessageToDict(msg, preserving_proto_field_name=True)
        out_channels.append(row)
    print(json.dumps({"schemas": out_schemas, "channels": out_channels}))


if __name__ == "__main__":
    main(sys.argv[1])
