import assert from "node:assert/strict";

import {
  CalibrationCacheError,
  cacheFromCalibration,
  float32ToHex,
  formatAmaxJson,
  formatCalibrationCache,
  hexToFloat32,
  parseCalibrationCache,
} from "../../sdk/quant/calibration-cache.js";
import { Calibrator } from "../../sdk/quant/calibrator.js";
import { mulberry32 } from "./distributions.js";

describe("TensorRT calibration cache", () => {
  it("writes the header and IEEE-754 float32 hex of amax/127", () => {
    assert.equal(float32ToHex(1), "3f800000");
    assert.equal(float32ToHex(Math.fround(1 / 127)), "3c010204");
    const text = formatCalibrationCache({ version: 100300, algorithm: "EntropyCalibration2", scales: new Map([["input", Math.fround(2.54 / 127)]]) });
    assert.equal(text, "TRT-100300-EntropyCalibration2\ninput: 3ca3d70a\n");
  });

  it("round-trips exactly: every bit of every scale, names with spaces, colons and brackets, and the text itself", () => {
    const rand = mulberry32(9);
    const scales = new Map<string, number>();
    for (let i = 0; i < 500; i++) {
      const view = new DataView(new ArrayBuffer(4));
      view.setUint32(0, Math.floor(rand() * 0x7f800000)); // every finite positive float32 pattern is fair game
      scales.set(`(Unnamed Layer* ${i}) [Conv]: out ${i}`, view.getFloat32(0));
    }
    scales.set("tiny", hexToFloat32("00000001"));
    const cache = { version: 100300, algorithm: "EntropyCalibration2", scales };
    const text = formatCalibrationCache(cache);
    const back = parseCalibrationCache(text);
    assert.equal(back.version, 100300);
    assert.equal(back.algorithm, "EntropyCalibration2");
    assert.deepEqual([...back.scales.keys()], [...scales.keys()]);
    for (const [name, scale] of scales) assert.equal(float32ToHex(back.scales.get(name) as number), float32ToHex(scale), name);
    assert.equal(formatCalibrationCache(back), text);
  });

  it("reads caches written by TensorRT (short hex, CRLF) and reports bad lines with their line number", () => {
    const c = parseCalibrationCache("TRT-8601-EntropyCalibration2\r\ndata: 3c010a14\r\nz: 0\r\n");
    assert.equal(c.version, 8601);
    assert.equal(c.scales.get("z"), 0);
    assert.throws(() => parseCalibrationCache("hello\n", "a.cache"), (e: unknown) => e instanceof CalibrationCacheError && /a\.cache:1: expected a header/.test(e.message));
    assert.throws(() => parseCalibrationCache("TRT-1-EntropyCalibration2\nok: 3f800000\nbroken line\n", "b.cache"), /b\.cache:3: expected "<tensor name>: <8 hex digits>"/);
    assert.throws(() => parseCalibrationCache("TRT-1-X\na: 1\na: 2\n"), /:3: tensor "a" appears twice/);
  });

  it("builds the cache and amax JSON from a Calibrator's results", async () => {
    const cal = new Calibrator();
    await cal.collect({ "x:0": Float32Array.of(1, -3, 2), y: Float32Array.of(0.5) });
    const results = await cal.compute({ method: "minmax" });
    const text = formatCalibrationCache(cacheFromCalibration(results.values()));
    const parsed = parseCalibrationCache(text);
    assert.equal(parsed.scales.get("x:0"), Math.fround(3 / 127));
    const json = JSON.parse(formatAmaxJson(results.values(), { method: "minmax", batches: 1 })) as {
      format: string;
      tensors: Record<string, { amax: number; scaleHex: string }>;
    };
    assert.equal(json.format, "reflex-amax-v1");
    assert.equal(json.tensors["x:0"]?.amax, 3);
    assert.equal(json.tensors["y"]?.scaleHex, float32ToHex(Math.fround(0.5 / 127)));
  });

  it("leaves a constant-zero tensor (amax 0) out of the cache, so TensorRT keeps it in higher precision; the amax JSON still lists it", async () => {
    const cal = new Calibrator();
    await cal.collect({ x: Float32Array.of(1, -3, 2), zeros: new Float32Array(8) });
    for (const method of ["minmax", "entropy", "percentile"] as const) {
      const results = await cal.compute({ method });
      assert.equal(results.get("zeros")?.amax, 0, method);
      const text = formatCalibrationCache(cacheFromCalibration(results.values()));
      assert.doesNotMatch(text, /zeros/, `${method}: no line for the zero tensor`);
      assert.doesNotMatch(text, /: 0+$/m, `${method}: no zero scale`);
      assert.equal(parseCalibrationCache(text).scales.get("x"), results.get("x")?.scale, method);
      const json = JSON.parse(formatAmaxJson(results.values(), { method, batches: 1 })) as { tensors: Record<string, { amax: number }> };
      assert.equal(json.tensors["zeros"]?.amax, 0, `${method}: the amax JSON records what was measured`);
    }
    // A zero, negative or non-finite scale handed in directly is refused with the tensor's name, not written.
    for (const bad of [0, -1, Number.NaN, Infinity]) {
      assert.throws(() => formatCalibrationCache({ version: 100300, algorithm: "EntropyCalibration2", scales: new Map([["t", bad]]) }), /tensor "t": scale .*leave the tensor out/);
    }
  });
});
