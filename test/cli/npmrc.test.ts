// The project's .npmrc holds only keys npm knows: npm 11 warns on every command about any other
// ("Unknown project config"), and the next major will ignore them. ONNX Runtime's CUDA download is
// skipped through its env var instead (README, Install). Real npm, run in the repository.
import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

describe(".npmrc (real npm)", function () {
  this.timeout(30_000);

  it("npm reads the project config without an unknown-key warning", async () => {
    // `npm run` with no script lists the scripts: it loads the project config like every npm command.
    const { stderr } = await run("npm", ["run"], { cwd: process.cwd(), env: { ...process.env, npm_config_loglevel: "warn" } });
    assert.doesNotMatch(stderr, /Unknown project config/i, stderr);
  });
});
