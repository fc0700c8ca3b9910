// What the config tests share: load a config text that must fail, and take its one problem.
import { strict as assert } from "node:assert";
import { builtinRegistry } from "../../nodes/index.js";
import { formatDiagnostics, type Diagnostic } from "../../sdk/config/diagnostic.js";
import { loadConfigText } from "../../sdk/config/load.js";

export const registry = builtinRegistry();

/** The problems of `text` (loaded as `file`, with `sets`); fails the test if it loads as a graph. */
export function configProblems(text: string, sets: string[] = [], file = "t.yaml"): Diagnostic[] {
  const r = loadConfigText(file, text, { registry, sets });
  assert.equal(r.graph, undefined, "a config with problems must not produce a graph");
  assert.ok(r.diagnostics.length > 0);
  return r.diagnostics;
}

/** The one problem of a list that must hold exactly one. */
export function only(ds: Diagnostic[]): Diagnostic {
  assert.equal(ds.length, 1, formatDiagnostics(ds));
  return ds[0]!;
}
