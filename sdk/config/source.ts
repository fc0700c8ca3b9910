// A config file parsed with source positions: every later check can say file:line:col for a YAML path.
import { isMap, isPair, isScalar, LineCounter, parseDocument, type Document, type Node, type Pair } from "yaml";
import type { Diagnostic } from "./diagnostic.js";

export type YamlPath = readonly (string | number)[];

export interface Located {
  readonly line: number;
  readonly col: number;
}

export class ConfigSource {
  readonly doc: Document;
  private readonly lines: LineCounter;
  private readonly textLines: string[];
  /** Values set from the command line (`--set`): they have no position in the file. */
  readonly overrides = new Map<string, string>();

  constructor(
    readonly file: string,
    readonly text: string,
  ) {
    this.lines = new LineCounter();
    this.doc = parseDocument(text, { lineCounter: this.lines, prettyErrors: false, uniqueKeys: true });
    this.textLines = text.split(/\r?\n/);
  }

  /** Position of the value at `path`, or of its nearest ancestor that exists in the file. */
  locate(path: YamlPath): Located {
    for (let n = path.length; n >= 0; n--) {
      const node = this.doc.getIn(path.slice(0, n), true) as Node | undefined;
      if (node && typeof node === "object" && "range" in node && node.range) return this.at(node.range[0]);
    }
    return { line: 1, col: 1 };
  }

  /** Position of the key `key` in the map at `path` (for "unknown key" errors), else of the map. */
  locateKey(path: YamlPath, key: string): Located {
    const map = path.length === 0 ? this.doc.contents : this.doc.getIn(path, true);
    if (isMap(map)) {
      const pair = map.items.find((p: Pair) => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
      const k = pair?.key;
      if (isScalar(k) && k.range) return this.at(k.range[0]);
    }
    return this.locate(path);
  }

  at(offset: number): Located {
    const p = this.lines.linePos(offset);
    return { line: p.line, col: p.col };
  }

  diagnostic(
    path: YamlPath,
    message: string,
    extra: { expected?: string; suggestion?: string; key?: string; where?: Located } = {},
  ): Diagnostic {
    const dotted = path.map(String).join(".");
    const override = this.overrides.get(extra.key ? `${dotted}.${extra.key}` : dotted);
    if (override !== undefined) {
      return { file: "--set", line: 0, col: 0, path: dotted, message: `${message} (from --set ${override})`, ...pick(extra) };
    }
    const where = extra.where ?? (extra.key !== undefined ? this.locateKey(path, extra.key) : this.locate(path));
    const fullPath = extra.key !== undefined ? [...path, extra.key].map(String).join(".") : dotted;
    return {
      file: this.file,
      line: where.line,
      col: where.col,
      path: fullPath,
      message,
      lineText: this.textLines[where.line - 1],
      ...pick(extra),
    };
  }
}

function pick(extra: { expected?: string; suggestion?: string }): { expected?: string; suggestion?: string } {
  const out: { expected?: string; suggestion?: string } = {};
  if (extra.expected !== undefined) out.expected = extra.expected;
  if (extra.suggestion !== undefined) out.suggestion = extra.suggestion;
  return out;
}
