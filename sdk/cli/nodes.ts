// reflex nodes: every node type with its ports and params.
import type { Command } from "commander";
import type { TSchema } from "@sinclair/typebox";
import { builtinRegistry } from "../../nodes/index.js";
import type { Ports } from "../core/node.js";

export function register(program: Command): void {
  program
    .command("nodes")
    .description("list the node types: description, input and output ports, params with defaults")
    .argument("[type]", "show only this type")
    .option("--json", "print as JSON")
    .action((type: string | undefined, opts: { json?: boolean }) => {
      const defs = builtinRegistry().all().filter((d) => !type || d.type === type);
      if (type && defs.length === 0) {
        process.stderr.write(`no node type "${type}"; \`reflex nodes\` lists them\n`);
        process.exit(2);
      }
      if (opts.json) {
        const json = defs.map((d) => ({ type: d.type, kind: d.kind, description: d.description, inputs: d.inputs, outputs: d.outputs, params: JSON.parse(JSON.stringify(d.params)) as unknown }));
        process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
        return;
      }
      const out: string[] = [];
      for (const d of defs) {
        out.push(`${d.type}  (${d.kind})`, `  ${d.description}`);
        out.push(...ports("inputs", d.inputs as Ports), ...ports("outputs", d.outputs as Ports));
        const props = (d.params as TSchema & { properties?: Record<string, TSchema> }).properties ?? {};
        if (Object.keys(props).length > 0) {
          out.push("  params:");
          for (const [name, s] of Object.entries(props)) {
            const def = s.default === undefined ? "" : ` = ${JSON.stringify(s.default)}`;
            const range = [s.minimum !== undefined ? `>= ${s.minimum}` : "", s.exclusiveMinimum !== undefined ? `> ${s.exclusiveMinimum}` : "", s.maximum !== undefined ? `<= ${s.maximum}` : ""].filter(Boolean).join(", ");
            out.push(`    ${name}: ${typeName(s)}${def}${range ? ` (${range})` : ""}${s.description ? ` — ${s.description}` : ""}`);
          }
        }
        out.push("");
      }
      process.stdout.write(out.join("\n"));
    });
}

function ports(label: string, p: Ports): string[] {
  const entries = Object.entries(p);
  if (entries.length === 0) return [];
  return [`  ${label}:`, ...entries.map(([n, s]) => `    ${n}: ${s.type}${s.required === false ? " (optional)" : ""}${s.description ? ` — ${s.description}` : ""}`)];
}

function typeName(s: TSchema): string {
  if (Array.isArray(s.anyOf)) return (s.anyOf as TSchema[]).map((x) => JSON.stringify(x.const)).join(" | ");
  return String(s.type ?? "any");
}
