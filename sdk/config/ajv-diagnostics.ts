// Turns Ajv's schema errors into diagnostics a person can act on: which key, what was expected, and
// the nearest valid name for a typo.
import type { ErrorObject } from "ajv";
import type { Diagnostic } from "./diagnostic.js";
import type { ConfigSource, YamlPath } from "./source.js";
import { didYouMean } from "../core/suggest.js";
import { MAX_SEED, MAX_TIMER_MS, MAX_TIMER_S, MIN_RATE_HZ, SEED_RANGE } from "../core/number-limits.js";

export function ajvDiagnostics(
  errors: readonly ErrorObject[],
  source: ConfigSource,
  base: YamlPath,
  valueAt: (path: YamlPath) => unknown,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const byPath = new Map<string, ErrorObject[]>();
  for (const e of errors) {
    const list = byPath.get(e.instancePath) ?? [];
    list.push(e);
    byPath.set(e.instancePath, list);
  }
  for (const [instancePath, errs] of byPath) {
    const path = [...base, ...splitPointer(instancePath)];
    const value = valueAt(path);
    // A union of literals fails as one `const` error per choice plus an `anyOf`: report it once.
    const consts = errs.filter((e) => e.keyword === "const");
    if (errs.some((e) => e.keyword === "anyOf") && consts.length > 0) {
      const allowed = consts.map((e) => String((e.params as { allowedValue: unknown }).allowedValue));
      out.push(
        source.diagnostic(path, `${describe(value)} is not allowed`, {
          expected: `one of ${allowed.join(", ")}`,
          ...opt("suggestion", typeof value === "string" ? didYouMean(value, allowed) : undefined),
        }),
      );
      continue;
    }
    for (const e of errs) {
      if (e.keyword === "anyOf" || e.keyword === "const" || e.keyword === "if") continue;
      out.push(one(e, path, value, source));
    }
  }
  return out;
}

function one(e: ErrorObject, path: YamlPath, value: unknown, source: ConfigSource): Diagnostic {
  const p = e.params as Record<string, unknown>;
  const schema = e.parentSchema as { description?: string; properties?: Record<string, unknown> } | undefined;
  switch (e.keyword) {
    case "additionalProperties": {
      const key = String(p.additionalProperty);
      const allowed = Object.keys(schema?.properties ?? {});
      return source.diagnostic(path, `unknown key "${key}"`, {
        key,
        expected: allowed.length > 0 ? `one of ${allowed.join(", ")}` : "no keys here",
        ...opt("suggestion", didYouMean(key, allowed)),
      });
    }
    case "required":
      return source.diagnostic(path, `missing required key "${String(p.missingProperty)}"`, {
        expected: `a "${String(p.missingProperty)}" key`,
      });
    case "type":
      return source.diagnostic(path, `expected ${article(String(p.type))}, got ${describe(value)}`, {
        ...opt("expected", schema?.description),
      });
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
      return source.diagnostic(path, `${describe(value)} is out of range`, {
        expected: `a value ${String(p.comparison)} ${String(p.limit)}${schema?.description ? ` (${schema.description})` : ""}`,
        ...opt("suggestion", timerLimitHint(p.limit)),
      });
    case "pattern":
      return source.diagnostic(path, `${describe(value)} is not well formed`, {
        expected: schema?.description ?? `text matching ${String(p.pattern)}`,
      });
    case "enum": {
      const allowed = (p.allowedValues as unknown[]).map(String);
      return source.diagnostic(path, `${describe(value)} is not allowed`, {
        expected: `one of ${allowed.join(", ")}`,
        ...opt("suggestion", typeof value === "string" ? didYouMean(value, allowed) : undefined),
      });
    }
    case "minProperties":
      return source.diagnostic(path, "must not be empty", { ...opt("expected", schema?.description) });
    default:
      return source.diagnostic(path, e.message ?? `fails ${e.keyword}`, { ...opt("expected", schema?.description) });
  }
}

export function splitPointer(pointer: string): string[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

export function describe(v: unknown): string {
  if (v === undefined) return "nothing";
  if (v === null) return "null";
  if (typeof v === "string") return `"${v}"`;
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "a map";
  return `${typeof v} ${String(v)}`;
}

/** Why a bound of sdk/core/number-limits.ts is there: a number past it would not mean what it says. */
function timerLimitHint(limit: unknown): string | undefined {
  if (limit === MAX_TIMER_MS || limit === MAX_TIMER_S) {
    return `${MAX_TIMER_MS} ms (about 24.8 days) is the longest a timer can wait; a longer value would fire at once`;
  }
  if (limit === MIN_RATE_HZ) return `a slower rate has a period longer than a timer can wait (${MAX_TIMER_MS} ms)`;
  if (limit === MAX_SEED) return `seeds are 32-bit (${SEED_RANGE})`;
  return undefined;
}

function article(t: string): string {
  const name = t === "object" ? "map" : t === "array" ? "list" : t;
  return /^[aeiou]/.test(name) ? `an ${name}` : `a ${name}`;
}

function opt<K extends string>(k: K, v: string | undefined): { [P in K]?: string } {
  return (v === undefined ? {} : { [k]: v }) as { [P in K]?: string };
}
