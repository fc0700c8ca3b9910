// Scenario file -> checked Scenario. Like graph configs (sdk/config), every problem is collected with
// its file:line:col, the YAML path, what was expected and a suggestion, and nothing runs unless the
// list is empty.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { Ajv, type ValidateFunction } from "ajv";
import type { TSchema } from "@sinclair/typebox";
import { ajvDiagnostics } from "../config/ajv-diagnostics.js";
import type { Diagnostic } from "../config/diagnostic.js";
import { ConfigSource, type YamlPath } from "../config/source.js";
import { didYouMean } from "../core/suggest.js";
import { FaultSchemas, ScenarioSchema, type Fault, type FaultKind, type Scenario } from "./scenario-schema.js";
import { getIn, isRecord, optionalField } from "../config/plain-values.js";
import { plainDocument, withoutNonFinite } from "../config/plain-document.js";

export interface LoadedScenario extends Omit<Scenario, "faults"> {
  readonly file: string;
  /** The graph config's path (resolved against the scenario's folder). */
  readonly graphFile: string;
  readonly faults: readonly Fault[];
  readonly source: ConfigSource;
}

export interface ScenarioLoadResult {
  readonly scenario?: LoadedScenario;
  readonly diagnostics: Diagnostic[];
}

// strictNumbers: NaN and Infinity fail `number` and `integer` (the document check reports them first).
const ajv = new Ajv({ allErrors: true, useDefaults: true, strict: false, strictNumbers: true, verbose: true });
const validateScenario = ajv.compile(ScenarioSchema);
const faultValidators = new Map<FaultKind, ValidateFunction>(
  Object.entries(FaultSchemas).map(([k, s]) => [k as FaultKind, ajv.compile(s as TSchema)]),
);
const FAULT_KINDS = Object.keys(FaultSchemas) as FaultKind[];

export async function loadScenarioFile(file: string): Promise<ScenarioLoadResult> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (err as Error).message;
    return { diagnostics: [{ file, line: 0, col: 0, path: "", message: `cannot read the scenario: ${why}`, suggestion: "check the path" }] };
  }
  return loadScenarioText(file, text);
}

export function loadScenarioText(file: string, text: string): ScenarioLoadResult {
  const source = new ConfigSource(file, text);
  const diagnostics: Diagnostic[] = [];
  for (const e of source.doc.errors) {
    diagnostics.push(source.diagnostic([], `YAML syntax error: ${e.message.split(" at line")[0]}`, { where: source.at(e.pos[0]), expected: "valid YAML" }));
  }
  if (diagnostics.length > 0) return { diagnostics };
  const plain = plainDocument(source, diagnostics);
  if (!plain) return { diagnostics };
  const raw = plain.value;
  if (!isRecord(raw)) {
    return { diagnostics: [source.diagnostic([], "a scenario must be a map", { expected: "name, graph, duration_s, budgets ..." })] };
  }
  const valueAt = (path: YamlPath): unknown => getIn(raw, path);
  if (!validateScenario(raw)) diagnostics.push(...withoutNonFinite(ajvDiagnostics(validateScenario.errors ?? [], source, [], valueAt), plain));

  const faults: Fault[] = [];
  const rawFaults = Array.isArray(raw.faults) ? raw.faults : [];
  rawFaults.forEach((f: unknown, i: number) => {
    if (!isRecord(f)) return;
    const kinds = FAULT_KINDS.filter((k) => Object.hasOwn(f, k));
    if (kinds.length !== 1) {
      const unknownKey = Object.keys(f).find((k) => !["at_s", "for_ms", "ms", "fraction", "seed", "layer"].includes(k));
      diagnostics.push(
        source.diagnostic(["faults", i], kinds.length === 0 ? "a fault step needs one kind" : `a fault step has one kind, this one has ${kinds.join(" and ")}`, {
          expected: `one of ${FAULT_KINDS.join(", ")}`,
          ...optionalField("suggestion", unknownKey ? didYouMean(unknownKey, FAULT_KINDS) : "split it into one step per fault"),
        }),
      );
      return;
    }
    const validate = faultValidators.get(kinds[0]!)!;
    if (!validate(f)) diagnostics.push(...withoutNonFinite(ajvDiagnostics(validate.errors ?? [], source, ["faults", i], valueAt), plain));
    else faults.push(f as Fault);
  });

  const scenario = raw as unknown as Scenario;
  const graphFile = typeof scenario.graph === "string" ? resolve(dirname(file), scenario.graph) : "";
  if (graphFile && !existsSync(graphFile)) {
    diagnostics.push(source.diagnostic(["graph"], `the graph config "${scenario.graph}" does not exist (looked at ${graphFile})`, { suggestion: "the path is relative to the scenario file" }));
  }
  const golden = scenario.budgets?.golden;
  const mcap = typeof scenario.inputs?.mcap === "string" ? resolve(dirname(file), scenario.inputs.mcap) : undefined;
  if (mcap && !existsSync(mcap)) {
    diagnostics.push(source.diagnostic(["inputs", "mcap"], `the recording "${scenario.inputs!.mcap}" does not exist (looked at ${mcap})`, { suggestion: "the path is relative to the scenario file; make one with `reflex run <config> --record <file.mcap>`" }));
  }
  for (const k of ["topics", "rate", "start_s"] as const) {
    if (scenario.inputs?.[k] !== undefined && !mcap) diagnostics.push(source.diagnostic(["inputs", k], `inputs.${k} applies to an MCAP recording, and inputs.mcap is not set`, { suggestion: "add inputs.mcap: <file.mcap>, or remove it" }));
  }
  if (diagnostics.length > 0) return { diagnostics: diagnostics.sort((a, b) => a.line - b.line || a.col - b.col) };
  return {
    diagnostics,
    scenario: {
      ...scenario,
      ...(golden ? { budgets: { ...scenario.budgets, golden: { ...golden, file: resolve(dirname(file), golden.file) } } } : {}),
      ...(mcap ? { inputs: { ...scenario.inputs, mcap } } : {}),
      file,
      graphFile,
      faults,
      source,
    },
  };
}

