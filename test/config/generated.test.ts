// Generated files are current: configs/schema.json from the TypeBox definitions, and
// sdk/messages/generated/ from the .proto files.
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { schemaText } from "../../scripts/gen-schema.js";

describe("generated files", () => {
  it("configs/schema.json is current (regenerate: npm run gen)", () => {
    assert.equal(readFileSync("configs/schema.json", "utf8"), schemaText());
  });

  it("configs/schema.json knows every node type and its params", () => {
    const s = JSON.parse(schemaText()) as { properties: { nodes: { additionalProperties: { properties: { type: { enum: string[] } } } } } };
    const types = s.properties.nodes.additionalProperties.properties.type.enum;
    assert.ok(types.includes("sim-camera") && types.includes("sim-robot") && types.includes("log"));
    assert.match(schemaText(), /"fps"/);
  });

  it("sdk/messages/generated is current with the .proto files (regenerate: npm run gen)", function () {
    this.timeout(60000);
    const dir = mkdtempSync(join(tmpdir(), "reflex-proto-"));
    try {
      execFileSync(process.execPath, ["scripts/gen-proto.mjs", dir], { stdio: "pipe" });
      for (const f of readdirSync(dir)) {
        assert.equal(readFileSync(join(dir, f), "utf8"), readFileSync(join("sdk/messages/generated", f), "utf8"), `${f} is stale`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
