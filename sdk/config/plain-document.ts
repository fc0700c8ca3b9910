// A parsed document as plain values (objects, arrays, scalars), for graph configs and HIL scenarios
// alike: the yaml library's toJS() throws on a bad alias (no position, a stack trace for the user), so
// aliases are checked first and a refused expansion becomes a diagnostic; non-finite numbers are
// reported here too, before any schema sees them.
import type { Diagnostic } from "./diagnostic.js";
import { nonFiniteNumbers } from "./finite-numbers.js";
import type { ConfigSource } from "./source.js";
import { aliasProblems, expansionDiagnostic } from "./yaml-aliases.js";

export interface PlainDocument {
  readonly value: unknown;
  /** Dotted paths of the non-finite numbers reported: a schema's complaint about the same value is noise. */
  readonly nonFinite: ReadonlySet<string>;
}

/** The document's values, or undefined when they cannot be had (the reasons pushed to `diagnostics`). */
export function plainDocument(source: ConfigSource, diagnostics: Diagnostic[]): PlainDocument | undefined {
  const aliases = aliasProblems(source);
  if (aliases.length > 0) {
    diagnostics.push(...aliases);
    return undefined;
  }
  let value: unknown;
  try {
    value = source.doc.toJS();
  } catch (err) {
    diagnostics.push(expansionDiagnostic(source, err));
    return undefined;
  }
  const numbers = nonFiniteNumbers(source, value);
  diagnostics.push(...numbers);
  return { value, nonFinite: new Set(numbers.map((d) => d.path)) };
}

/** `ds` without the diagnostics at a path whose non-finite number is reported already. */
export function withoutNonFinite(ds: readonly Diagnostic[], doc: PlainDocument): Diagnostic[] {
  return ds.filter((d) => !doc.nonFinite.has(d.path));
}
