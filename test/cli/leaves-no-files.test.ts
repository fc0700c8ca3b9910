// A run leaves nothing in the temp dir or the home folder: `reflex run configs/demo.yaml` (the real
// CLI, the bundle `npm start` runs, ONNX Runtime opening the tiny VLA's sessions) with HOME and TMPDIR
// pointed at fresh dirs, which must still be empty afterwards.
import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Every path under `dir`, relative to it. */
async function listAll(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true });
  return entries.map(String).sort();
}

describe("reflex run leaves no files behind (real CLI, real ONNX Runtime)", function () {
  this.timeout(60_000);
  let home = "";
  let tmp = "";

  before(async () => {
    home = await mkdtemp(join(tmpdir(), "reflex-home-"));
    tmp = await mkdtemp(join(tmpdir(), "reflex-tmp-"));
  });

  after(async () => {
    await rm(home, { recursive: true, force: true });
    await rm(tmp, { recursive: true, force: true });
  });

  it("nothing appears in HOME or TMPDIR during a demo run", async () => {
    const { stdout } = await run(process.execPath, ["dist/cli.js", "run", "configs/demo.yaml", "--duration", "1"], {
      env: { ...process.env, HOME: home, TMPDIR: tmp },
    });
    assert.match(stdout, /\n {2}policy\s+vla-policy\s+\d+/, "the policy ran (its ONNX Runtime sessions opened)");
    assert.deepEqual(await listAll(tmp), [], "TMPDIR stays empty");
    assert.deepEqual(await listAll(home), [], "HOME stays empty");
  });
});
