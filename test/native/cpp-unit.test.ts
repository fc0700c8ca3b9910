import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const runner = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "native", "build", "Release", "reflex_native_tests");

describe("native C++ unit tests (native/test, built at install)", () => {
  it("every C++ test passes", function () {
    this.timeout(60000);
    assert.ok(existsSync(runner), `${runner} missing: build with node scripts/build-native.mjs`);
    const run = spawnSync(runner, [], { encoding: "utf8" });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    const summary = /(\d+) passed, (\d+) failed/.exec(run.stdout);
    assert.ok(summary, run.stdout);
    assert.equal(summary[2], "0");
    assert.ok(Number(summary[1]) >= 15, `only ${summary[1]} C++ tests ran`);
  });
});
