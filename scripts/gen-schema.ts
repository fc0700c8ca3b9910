// Writes configs/schema.json (for editors: completion and checks of graph configs) from the same
// TypeBox definitions the validator uses. `npx tsx scripts/gen-schema.ts [out]`; a test checks it is current.
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { builtinNodes } from "../nodes/index.js";
import { editorSchema } from "../sdk/config/schema.js";

export function schemaText(): string {
  return `${JSON.stringify(editorSchema(builtinNodes), null, 2)}\n`;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const out = process.argv[2] ?? resolve(import.meta.dirname, "../configs/schema.json");
  writeFileSync(out, schemaText());
  console.log(`wrote ${out}`);
}
