// The `message` param of generic nodes: the protobuf type their "$message" ports carry.
import { Type } from "@sinclair/typebox";

export const MessageParam = Type.String({ default: "reflex.Blob", description: "message type of the ports, e.g. reflex.Image" });
