// Reads model.yaml keeping source positions, so every problem can point at the line to edit.

import { isMap, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";

export type ManifestPath = readonly (string | number)[];

export interface ParsedYaml {
  readonly value: unknown;
  readonly syntaxErrors: readonly { message: string; line: number; col: number }[];
  /** 1-based line:col of the entry at `path`, or of its deepest ancestor present in the file. */
  positionOf(path: ManifestPath): { line: number; col: number };
}

export function parseManifestYaml(source: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false });
  const syntaxErrors = doc.errors.map((e) => {
    const pos = lineCounter.linePos(e.pos[0]);
    return { message: e.message.split("\n")[0] ?? e.message, line: pos.line, col: pos.col };
  });
  return {
    value: syntaxErrors.length > 0 ? undefined : doc.toJS(),
    syntaxErrors,
    positionOf: (path) => {
      const offset = offsetOf(doc, path);
      return lineCounter.linePos(offset);
    },
  };
}

/** "stages.vision.inputs[0].name" */
export function formatPath(path: ManifestPath): string {
  let s = "";
  for (const p of path) s += typeof p === "number" ? `[${p}]` : s === "" ? p : `.${p}`;
  return s;
}

// Walks down the document as far as the path exists and returns where that entry starts.
function offsetOf(doc: Document, path: ManifestPath): number {
  let node: unknown = doc.contents;
  let offset = (doc.contents as Node | null)?.range?.[0] ?? 0;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((it) => (isScalarLike(it.key) ? it.key.value : it.key) === key);
      if (!pair) break;
      // Point at the key: it is on the entry's line even when a block value starts on the next one.
      offset = (pair.key as Node | null)?.range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof key === "number") {
      const item = node.items[key] as Node | undefined;
      if (!item) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return offset;
}

function isScalarLike(key: unknown): key is { value: unknown } {
  return typeof key === "object" && key !== null && "value" in key;
}
