// The JUnit file of a real `reflex hil run` against the Jenkins JUnit schema (test/fixtures/junit-4.xsd)
// with xmllint (Debian's libxml2-utils; the test is skipped, saying so, where it is not installed): a
// broken budget is a <failure>, a scenario that could not run an <error>, every case has its time.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

const XMLLINT = spawnSync("sh", ["-c", "command -v xmllint"], { encoding: "utf8" }).stdout.trim();

(XMLLINT ? describe : describe.skip)(XMLLINT ? "HIL JUnit XML under xmllint --schema junit-4.xsd (real CLI)" : "HIL JUnit XML under xmllint --schema junit-4.xsd: SKIPPED, no xmllint on PATH (apt-get install libxml2-utils)", function () {
  this.timeout(120_000);
  let out = "";
  before(async () => {
    out = await mkdtemp(join(tmpdir(), "reflex-junit-"));
  });
  after(async () => {
    await rm(out, { recursive: true, force: true });
  });

  it("reflex hil run: a broken budget is a <failure>, a graph that cannot be built an <error>, and the file validates", async () => {
    const junit = join(out, "out.xml");
    const run = spawnSync(
      process.execPath,
      ["--import", "tsx", "sdk/cli/bin.ts", "hil", "run", "test/hil/fixtures/impossible.yaml", "test/hil/fixtures/missing-node.yaml", "--junit", junit, "--out", out],
      { encoding: "utf8" },
    );
    assert.equal(run.status, 2, `a scenario whose graph is bad exits 2\n${run.stderr}`);
    const check = spawnSync(XMLLINT, ["--noout", "--schema", "test/fixtures/junit-4.xsd", junit], { encoding: "utf8" });
    const xml = await readFile(junit, "utf8");
    assert.equal(check.status, 0, `xmllint:\n${check.stderr}\n${xml}`);
    assert.match(check.stderr, /out\.xml validates/);

    assert.match(xml, /<testsuites name="reflex hil" tests="3" failures="1" errors="1" time="[\d.]+">/);
    assert.match(xml, /<testsuite name="impossible" tests="2" failures="1" errors="0" skipped="0" time="[\d.]+">/);
    assert.match(xml, /<property name="file" value="test\/hil\/fixtures\/impossible\.yaml"\/>/);
    assert.match(xml, /<testcase classname="hil\.impossible" name="path camera &gt; policy &gt; watchdog &gt; robot p99" time="0"><failure message="[^"]+limit &lt;= 0\.000 ms">/);
    assert.match(xml, /<testsuite name="missing-node" tests="1" failures="0" errors="1" skipped="0" time="0\.000">/);
    assert.match(xml, /<testcase classname="hil\.missing-node" name="scenario runs" time="0"><error message="bad scenario" type="diagnostics">[^<]*missing-node\.yaml:8:\d+[^<]*the graph has no node &quot;camrea&quot;/);
    // Every testcase carries its time (Jenkins sums them when a suite has none).
    assert.equal((xml.match(/<testcase /g) ?? []).length, (xml.match(/<testcase [^>]*time="[\d.]+"/g) ?? []).length);
  });
});
