// protobufjs decodes 64-bit integers into Long objects when the `long` package is present. Reflex keeps
// clock stamps and sequence numbers as plain numbers (ns since boot fit in 2^53 for 104 days of uptime),
// so switch protobufjs to numbers before any generated code is loaded. Imported first by ./index.ts.
import protobuf from "protobufjs/minimal.js";

protobuf.util.Long = undefined as unknown as typeof protobuf.util.Long;
protobuf.configure();
