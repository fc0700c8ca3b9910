// `node.param=value` overrides. `reflex run --set` and a scenario's `overrides.set` (sdk/hil) both go
// through applySets, so a value reads, and is checked, the same from either place.
import { parse as parseYamlValue } from "yaml";
import type { Diagnostic } from "./diagnostic.js";
import type { ConfigSource, YamlPath } from "./source.js";

/** Writes each set into the config's document before it is checked; a bad set is a diagnostic. */
export function applySets(source: ConfigSource, sets: readonly string[], diagnostics: Diagnostic[]): void {
  for (const s of sets) {
    const m = /^([A-Za-z_][A-Za-z0-9_-]*)\.([A-Za-z_][A-Za-z0-9_.-]*)=(.*)$/s.exec(s);
    if (!m) {
      diagnostics.push({ file: "--set", line: 0, col: 0, path: "", message: `cannot read --set "${s}"`, expected: "node.param=value, e.g. camera.fps=15" });
      continue;
    }
    const [, node, param, valueText] = m as unknown as [string, string, string, string];
    if (!source.doc.hasIn(["nodes", node])) {
      diagnostics.push({ file: "--set", line: 0, col: 0, path: `nodes.${node}`, message: `--set names a node "${node}" the config does not have` });
      continue;
    }
    const path = ["nodes", node, "params", ...param.split(".")];
    source.doc.setIn(path, parseYamlValue(valueText));
    source.overrides.set(path.join("."), s);
  }
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
