// Infinity and NaN anywhere in a document are errors at their line. YAML reads `.inf`, `.nan` and any
// number past 1.8e308 (`1e400`) as such, and JSON Schema's bounds let them through (Infinity passes
// `exclusiveMinimum: 0`, NaN compares false with every bound, `integer` accepts Infinity): a deadline
// of `.inf` validated and switched the watchdog off. No setting of a config needs one, so the check
// is on every number rather than on a list of fields that would miss the next one.
import { isScalar } from "yaml";
import type { Diagnostic } from "./diagnostic.js";
import { isRecord } from "./plain-values.js";
import type { ConfigSource, YamlPath } from "./source.js";

/** Every non-finite number in `value` (the plain values of `source`), reported at its place. */
export function nonFiniteNumbers(source: ConfigSource, value: unknown, base: YamlPath = []): Diagnostic[] {
  const out: Diagnostic[] = [];
  const walk = (v: unknown, path: YamlPath): void => {
    if (typeof v === "number") {
      if (!Number.isFinite(v)) out.push(report(source, path, v));
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => walk(item, [...path, i]));
    } else if (isRecord(v)) {
      for (const [k, item] of Object.entries(v)) walk(item, [...path, k]);
    }
  };
  walk(value, base);
  return out;
}

function report(source: ConfigSource, path: YamlPath, v: number): Diagnostic {
  const node = source.doc.getIn(path, true);
  // The text as written (".inf", "1e400"). A value from --set has none: the scalar it replaced keeps
  // the old value's range, so that text would be the file's, not the culprit.
  const fromSet = source.overrides.has(path.map(String).join("."));
  const written = !fromSet && isScalar(node) && node.range ? source.text.slice(node.range[0], node.range[1]) : String(v);
  return source.diagnostic(path, `${written} is not a finite number`, {
    expected: "a finite number",
    suggestion: Number.isNaN(v)
      ? "write the number you mean; NaN is never a setting"
      : "write the number you mean (YAML reads .inf, and any number past 1.8e308 such as 1e400, as infinity, which no setting accepts); to leave a setting at its default, remove the key",
  });
}
