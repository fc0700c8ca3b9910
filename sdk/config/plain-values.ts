// Reading the plain values a YAML document parses to (objects, arrays, scalars) before any schema has
// typed them: the config loader and the HIL scenario loader both look into raw documents this way.
import type { YamlPath } from "./source.js";

export function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** The value at `path` in `v`, or undefined where the path leaves the document. */
export function getIn(v: unknown, path: YamlPath): unknown {
  let cur = v;
  for (const k of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string | number, unknown>)[k];
  }
  return cur;
}

/** `{ [k]: v }` when v is defined, else `{}`: spreads an optional field (a suggestion) into a diagnostic. */
export function optionalField<K extends string>(k: K, v: string | undefined): { [P in K]?: string } {
  return (v === undefined ? {} : { [k]: v }) as { [P in K]?: string };
}
