// `node.param=value` overrides. `reflex run --set` and a scenario's `overrides.set` (sdk/hil) both go
// through applySets, so a value reads, and is checked, the same from either place.
import { parseDocument, visit } from "yaml";
import type { Diagnostic } from "./diagnostic.js";
import type { ConfigSource, YamlPath } from "./source.js";

const NAME = "[A-Za-z_][A-Za-z0-9_-]*";
const SET = new RegExp(`^(${NAME})\\.(${NAME}(?:\\.${NAME})*)=(.*)$`, "s");
const EXAMPLE = "node.param=value, e.g. camera.fps=15";

/** Writes each set into the config's document before it is checked; a bad set is a diagnostic. */
export function applySets(source: ConfigSource, sets: readonly string[], diagnostics: Diagnostic[]): void {
  for (const s of sets) {
    const m = SET.exec(s);
    if (!m) {
      diagnostics.push(setDiagnostic("", `cannot read --set "${s}": ${malformed(s)}`, EXAMPLE));
      continue;
    }
    const [, node, param, valueText] = m as unknown as [string, string, string, string];
    if (!source.doc.hasIn(["nodes", node])) {
      diagnostics.push(setDiagnostic(`nodes.${node}`, `--set names a node "${node}" the config does not have`));
      continue;
    }
    const value = readValue(valueText);
    if (!value.ok) {
      diagnostics.push(setDiagnostic(`nodes.${node}.params.${param}`, `cannot read the value of --set "${s}": ${value.why}`, "a YAML value: 15, 0.5, true, text, [1, 2], { a: 1 }"));
      continue;
    }
    const path = ["nodes", node, "params", ...param.split(".")];
    try {
      source.doc.setIn(path, value.value);
    } catch {
      // The yaml library throws when a step of the path is a scalar or an alias, not a map it can write into.
      diagnostics.push(setDiagnostic(path.join("."), `--set "${s}" cannot be written: nodes.${node} or a map on the way to ${param} is not a plain map in the config`, "the node's params as a map, e.g. params: { fps: 30 }"));
      continue;
    }
    source.overrides.set(path.join("."), s);
  }
}

function setDiagnostic(path: string, message: string, expected?: string): Diagnostic {
  return { file: "--set", line: 0, col: 0, path, message, ...(expected ? { expected } : {}) };
}

/** What is wrong with a set the pattern does not match, in the user's terms. */
function malformed(s: string): string {
  const eq = s.indexOf("=");
  if (eq < 0) return `it has no "=" (the value is missing)`;
  const target = s.slice(0, eq);
  if (target === "") return "nothing names the node and param before the \"=\"";
  const dot = target.indexOf(".");
  if (dot < 0) return `"${target}" names no param: write node.param`;
  if (dot === 0) return `"${target}" names no node before the "."`;
  return `"${target}" is not node.param (letters, digits, _ and -; params of params joined by ".")`;
}

type ReadValue = { ok: true; value: unknown } | { ok: false; why: string };

/** The value text as YAML, without throwing: syntax errors and aliases (no anchor exists for them here) are reasons. */
function readValue(text: string): ReadValue {
  const doc = parseDocument(text, { prettyErrors: false });
  const err = doc.errors[0];
  if (err) return { ok: false, why: `${err.message.split(" at line")[0]} (quote it if it is text)` };
  const aliases: string[] = [];
  visit(doc, {
    Alias: (_key, node) => {
      aliases.push(node.source);
      return visit.BREAK;
    },
  });
  if (aliases.length > 0) return { ok: false, why: `"*${aliases[0]}" is a YAML alias, and a --set value has no anchor to refer to (quote it if it is text)` };
  return { ok: true, value: doc.toJS() };
}

/** Sets written as a map in a file (`camera.fps: 15`), as the `node.param=value` strings applySets reads. */
export function setArgs(sets: Readonly<Record<string, unknown>>): string[] {
  return Object.entries(sets).map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`);
}

/**
 * The diagnostics of a load whose sets came from a map in another file (at `path` in `from`): a set's
 * problem is that file's, so it is said where the map wrote it, without the command line's "(from --set ...)".
 */
export function placeSetDiagnostics(diagnostics: readonly Diagnostic[], from: ConfigSource, path: YamlPath): Diagnostic[] {
  return diagnostics.map((d) => {
    if (d.file !== "--set") return d;
    const key = /^nodes\.([^.]+)\.params\.(.+)$/.exec(d.path);
    const where = key ? [...path, `${key[1]}.${key[2]}`] : [...path];
    return { ...from.diagnostic(where, d.message.replace(/ \(from --set .*\)$/, "")), ...(d.expected ? { expected: d.expected } : {}) };
  });
}
