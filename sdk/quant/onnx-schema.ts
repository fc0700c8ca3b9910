// The one ONNX protobuf schema Reflex reads and writes: a hand-written subset of onnx.proto (field numbers
// from the ONNX IR spec). Decoding ignores every field it does not name, so readers see only these and lose
// nothing they pass through as bytes.
//
// NodeProto keeps its attributes and metadata as raw bytes: onnx-qdq.ts re-encodes nodes it moves, and must
// not drop what it does not understand. TensorProto names only data_type and name: declaring the data fields
// would make every read decode the weights; the writer of small initializers uses TENSOR_FIELD instead.
import protobuf from "protobufjs";

const root = protobuf.Root.fromJSON({
  nested: {
    onnx: {
      nested: {
        ModelProto: { fields: { graph: { type: "GraphProto", id: 7 } } },
        GraphProto: {
          fields: {
            node: { rule: "repeated", type: "NodeProto", id: 1 },
            name: { type: "string", id: 2 },
            initializer: { rule: "repeated", type: "TensorProto", id: 5 },
            input: { rule: "repeated", type: "ValueInfoProto", id: 11 },
            output: { rule: "repeated", type: "ValueInfoProto", id: 12 },
          },
        },
        NodeProto: {
          fields: {
            input: { rule: "repeated", type: "string", id: 1 },
            output: { rule: "repeated", type: "string", id: 2 },
            name: { type: "string", id: 3 },
            opType: { type: "string", id: 4 },
            attribute: { rule: "repeated", type: "bytes", id: 5 },
            docString: { type: "string", id: 6 },
            domain: { type: "string", id: 7 },
            overload: { type: "string", id: 8 },
            metadataProps: { rule: "repeated", type: "bytes", id: 9 },
            deviceConfigurations: { rule: "repeated", type: "bytes", id: 10 },
          },
        },
        TensorProto: { fields: { dataType: { type: "int32", id: 2 }, name: { type: "string", id: 8 } } },
        ValueInfoProto: { fields: { name: { type: "string", id: 1 }, type: { type: "TypeProto", id: 2 } } },
        TypeProto: { fields: { tensorType: { type: "TypeProtoTensor", id: 1 } } },
        TypeProtoTensor: { fields: { elemType: { type: "int32", id: 1 }, shape: { type: "TensorShapeProto", id: 2 } } },
        TensorShapeProto: { fields: { dim: { rule: "repeated", type: "Dimension", id: 1 } } },
        Dimension: { fields: { dimValue: { type: "int64", id: 1 }, dimParam: { type: "string", id: 2 } } },
      },
    },
  },
});

export const ModelProto = root.lookupType("onnx.ModelProto");
export const NodeProto = root.lookupType("onnx.NodeProto");

function fieldId(type: string, field: string): number {
  const f = root.lookupType(`onnx.${type}`).fields[field];
  if (f === undefined) throw new Error(`onnx-schema: ${type} has no field ${field}`);
  return f.id;
}

/** ModelProto and GraphProto field numbers, for the wire-level rewrite in onnx-qdq.ts. */
export const MODEL_FIELD = { graph: fieldId("ModelProto", "graph") } as const;
export const GRAPH_FIELD = { node: fieldId("GraphProto", "node"), initializer: fieldId("GraphProto", "initializer") } as const;

/** TensorProto field numbers; float_data and int32_data are packed repeated fields not declared above (see why at the top). */
export const TENSOR_FIELD = { dataType: fieldId("TensorProto", "dataType"), floatData: 4, int32Data: 5, name: fieldId("TensorProto", "name") } as const;

/** TensorProto.DataType values Reflex uses. */
export const ONNX_DTYPE = { FLOAT: 1, INT8: 3, INT64: 7 } as const;
