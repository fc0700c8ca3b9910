// A recording made by the real CLI, read by Python's protobuf (Debian's python3-protobuf) through a
// parse of the MCAP records that shares no code with Reflex: each schema's data must be a
// FileDescriptorSet that declares the `reflex` package and names every field's type fully qualified
// (.reflex.Span, as protoc does), so a protobuf reader finds the message by the schema's fully qualified
// name (reflex.Image) and decodes the bodies with the .proto field names.
// Skipped, saying so, where python3 has no protobuf module.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

// The python3 on PATH may be another install (pyenv) than the one Debian's package went into.
const PYTHON = ["python3", "/usr/bin/python3"].find((py) => spawnSync(py, ["-c", "import google.protobuf"]).status === 0);
const HAVE_PY_PROTOBUF = PYTHON !== undefined;

interface PySchema {
  readonly name: string;
  readonly encoding: string;
  readonly full_name: string;
  readonly package: string;
  readonly fields: readonly string[];
  readonly relative_type_names: readonly string[];
}
interface PyChannel {
  readonly topic: string;
  readonly schema_id: number;
  readonly message_encoding: string;
  readonly first?: Record<string, unknown>;
}

(HAVE_PY_PROTOBUF ? describe : describe.skip)(
  HAVE_PY_PROTOBUF ? "MCAP schemas read by Python's protobuf (real CLI recording)" : "MCAP schemas read by Python's protobuf: SKIPPED, python3 has no google.protobuf (apt-get install python3-protobuf)",
  function () {
    this.timeout(90_000);
    let out = "";
    before(async () => {
      out = await mkdtemp(join(tmpdir(), "reflex-mcap-py-"));
    });
    after(async () => {
      await rm(out, { recursive: true, force: true });
    });

    it("every schema is named reflex.<Message>, its FileDescriptorSet declares package reflex with fully qualified type references, and the first message of each channel decodes", () => {
      const file = join(out, "demo.mcap");
      const rec = spawnSync(process.execPath, ["--import", "tsx", "sdk/cli/bin.ts", "run", "configs/demo-scripted.yaml", "--clock", "virtual", "--duration", "1", "--record", file], { encoding: "utf8" });
      assert.equal(rec.status, 0, rec.stderr);
      const py = spawnSync(PYTHON as string, ["test/record/read-mcap-protobuf.py", file], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
      assert.equal(py.status, 0, `${PYTHON} read-mcap-protobuf.py:\n${py.stderr}`);
      const got = JSON.parse(py.stdout) as { schemas: PySchema[]; channels: PyChannel[] };
      assert.ok(got.schemas.length >= 4, `${got.schemas.length} schemas`);
      for (const s of got.schemas) {
        assert.match(s.name, /^reflex\.[A-Z]\w*$/, `schema name "${s.name}"`);
        assert.equal(s.encoding, "protobuf");
        assert.equal(s.full_name, s.name, "the pool finds the message by the schema name");
        assert.equal(s.package, "reflex");
        assert.deepEqual(s.relative_type_names, [], "every field's type is named fully qualified (.reflex.Span), as protoc writes it");
      }
      const image = got.schemas.find((s) => s.name === "reflex.Image");
      assert.ok(image, "camera frames are recorded as reflex.Image");
      assert.deepEqual(image.fields, ["width", "height", "encoding", "step", "data", "frame_id"], "the .proto field names");
      const camera = got.channels.find((c) => c.topic === "camera/image");
      assert.ok(camera?.first, "a camera frame was recorded");
      assert.equal(camera.message_encoding, "protobuf");
      assert.deepEqual([camera.first["width"], camera.first["height"], camera.first["encoding"], camera.first["step"]], [64, 64, "rgb8", 192]);
      assert.equal(Buffer.from(String(camera.first["data"]), "base64").length, 64 * 64 * 3, "the pixels are in the body");
      assert.ok(got.channels.every((c) => c.first !== undefined), "every channel's first message decodes");
    });
  },
);
