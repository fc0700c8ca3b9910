import assert from "node:assert/strict";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseNvidiaSmi } from "../../sdk/device/nvidia-smi.js";
import { DeviceSampler } from "../../sdk/device/sampler.js";
import { parseNvpmodel, parseTegrastats } from "../../sdk/device/tegrastats.js";

// Sample lines written from the public tegrastats format: NVIDIA's L4T "tegrastats Utility" docs for
// Orin (JetPack 5/6) and lines users posted from their boards (rbonghi/jetson_stats issues #360/#362/#894,
// henrygd/beszel #286/#476, FindHao/tx-utils #3). No Jetson is attached here.
const AGX_ORIN_JP5 =
  "08-15-2023 10:38:55 RAM 2870/30536MB (lfb 6265x4MB) SWAP 0/15268MB (cached 0MB) CPU [0%@729,1%@729,0%@729,0%@729,3%@729,0%@729,0%@729,0%@729,0%@729,0%@729,0%@729,0%@729] " +
  "EMC_FREQ 7%@2133 GR3D_FREQ 62%@[305,305] NVENC off NVDEC off NVJPG off NVJPG1 off VIC off OFA off NVDLA0 off NVDLA1 off PVA0_FREQ off APE 174 " +
  "CV0@-256C CPU@46.937C Tboard@34C SOC2@43.062C Tdiode@35.75C SOC0@43.5C CV1@-256C GPU@-256C tj@47.281C SOC1@43.406C CV2@-256C " +
  "VDD_GPU_SOC 2396mW/2396mW VDD_CPU_CV 399mW/399mW VIN_SYS_5V0 2821mW/2821mW NC 0mW/0mW VDDQ_VDD2_1V8AO 301mW/301mW NC 0mW/0mW";
const ORIN_NANO_JP6 =
  "11-14-2024 22:28:01 RAM 3340/7620MB (lfb 2x4MB) SWAP 0/3810MB (cached 0MB) CPU [2%@1510,4%@1510,0%@1510,1%@1510,0%@1510,0%@1510] " +
  "EMC_FREQ 0%@2133 GR3D_FREQ 0%@[624] NVENC off NVDEC off NVJPG off NVJPG1 off VIC off OFA off APE 200 " +
  "cpu@49.75C soc2@48.5C soc0@48.781C gpu@48.718C tj@49.75C soc1@48.656C VDD_IN 5013mW/5013mW VDD_CPU_GPU_CV 517mW/517mW VDD_SOC 1434mW/1434mW";
// A hot Orin: junction at the throttle point.
const ORIN_HOT =
  "RAM 20642/62817MB (lfb 1x2MB) CPU [93%@2201,90%@2201] EMC_FREQ 41%@3199 GR3D_FREQ 99%@[1300,1300] cpu@99.5C/98.1C gpu@97.0C/96.2C tj@99.5C/98.1C VDD_IN 48210mW/47002mW";
const TX2_JP4 =
  "RAM 2020/7852MB (lfb 1164x4MB) CPU [9%@345,21%@345,25%@345,3%@345,1%@345,1%@345] EMC_FREQ 0% GR3D_FREQ 0% PLL@42.5C MCPU@42.5C PMIC@100C Tboard@40C GPU@41C BCPU@42.5C " +
  "thermal@41.9C Tdiode@41.25C VDD_SYS_GPU 153/158 VDD_SYS_SOC 536/547 VDD_4V0_WIFI 633/527 VDD_IN 3140/3208 VDD_SYS_CPU 536/590 VDD_SYS_DDR 557/601";

describe("device figures", () => {
  it("parses an AGX Orin tegrastats line: GPU load, EMC, RAM, temperatures (sensors off left out), power summed over rails", () => {
    const d = parseTegrastats(AGX_ORIN_JP5);
    assert.equal(d.source, "tegrastats");
    assert.equal(d.gpuLoadPct, 62);
    assert.equal(d.emcPct, 7);
    assert.equal(d.memUsedMb, 2870);
    assert.equal(d.memTotalMb, 30536);
    assert.deepEqual(d.tempsC, { CPU: 46.937, Tboard: 34, SOC2: 43.062, Tdiode: 35.75, SOC0: 43.5, tj: 47.281, SOC1: 43.406 });
    assert.equal(d.throttling, false);
    // No VDD_IN on AGX Orin: the rails are summed (NC rails read 0).
    assert.equal(d.powerW, (2396 + 399 + 2821 + 301) / 1000);
  });

  it("parses Orin Nano (VDD_IN is the module's total), a hot Orin (throttling), and a JetPack 4 line", () => {
    const nano = parseTegrastats(ORIN_NANO_JP6);
    assert.equal(nano.gpuLoadPct, 0);
    assert.equal(nano.powerW, 5.013);
    assert.equal(nano.tempsC?.gpu, 48.718);
    const hot = parseTegrastats(ORIN_HOT);
    assert.equal(hot.gpuLoadPct, 99);
    assert.equal(hot.emcPct, 41);
    assert.equal(hot.tempsC?.tj, 99.5);
    assert.equal(hot.throttling, true);
    assert.equal(hot.powerW, 48.21);
    const tx2 = parseTegrastats(TX2_JP4);
    assert.equal(tx2.gpuLoadPct, 0);
    assert.equal(tx2.powerW, 3.14);
    assert.equal(tx2.throttling, false, "PMIC@100C is not a throttle sensor");
  });

  it("reads the power mode from nvpmodel -q", () => {
    assert.equal(parseNvpmodel("NV Power Mode: MAXN\n0\n"), "MAXN");
    assert.equal(parseNvpmodel("NVPM WARN: ...\nNV Power Mode: 15W\n2\n"), "15W");
    assert.equal(parseNvpmodel("command not understood"), undefined);
  });

  it("parses nvidia-smi CSV (written from the --query-gpu format; no GPU here): first GPU, throttle bits, [N/A] left out", () => {
    const csv = "NVIDIA H100 80GB HBM3, 37, 12, 1035, 81559, 41, 121.52, P0, 0x0000000000000000\nNVIDIA H100 80GB HBM3, 0, 0, 4, 81559, 30, 69.10, P0, 0x0000000000000001\n";
    const d = parseNvidiaSmi(csv);
    assert.equal(d.source, "nvidia-smi");
    assert.equal(d.note, "NVIDIA H100 80GB HBM3 (GPU 0 of 2)");
    assert.equal(d.gpuLoadPct, 37);
    assert.equal(d.emcPct, 12);
    assert.equal(d.memUsedMb, 1035);
    assert.equal(d.memTotalMb, 81559);
    assert.deepEqual(d.tempsC, { gpu: 41 });
    assert.equal(d.powerW, 121.52);
    assert.equal(d.powerMode, "P0");
    assert.equal(d.throttling, false);
    const thermal = parseNvidiaSmi("NVIDIA RTX A2000, 100, 80, 3000, 6138, 87, [N/A], P2, 0x0000000000000020");
    assert.equal(thermal.throttling, true);
    assert.equal(thermal.powerW, undefined);
    assert.equal(parseNvidiaSmi("GPU, 5, 1, 2, 3, 40, 10, P8, 0x0000000000000001").throttling, false, "idle is not throttling");
  });

  it("with neither tool on PATH the source is none, with a note (not an error)", () => {
    const s = new DeviceSampler({ searchPath: "/nonexistent" });
    s.start();
    const d = s.snap();
    assert.equal(d.source, "none");
    assert.match(d.note ?? "", /no tegrastats .* or nvidia-smi/);
    s.stop();
  });

  it("samples a tegrastats child in the background (a script stands in for the tool: no Jetson here)", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "reflex-tegrastats-"));
    try {
      const fake = path.join(dir, "tegrastats");
      // Prints one line per interval like the real tool, until killed.
      await writeFile(fake, `#!/bin/sh\nwhile true; do echo '${ORIN_NANO_JP6}'; sleep 0.05; done\n`);
      await chmod(fake, 0o755);
      await writeFile(path.join(dir, "nvpmodel"), "#!/bin/sh\necho 'NV Power Mode: 15W'\necho 2\n");
      await chmod(path.join(dir, "nvpmodel"), 0o755);
      const s = new DeviceSampler({ searchPath: dir, everyMs: 50 });
      s.start();
      const deadline = Date.now() + 10_000;
      while ((s.snap().memUsedMb === undefined || s.snap().powerMode === undefined) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      const d = s.snap();
      s.stop();
      assert.equal(d.source, "tegrastats");
      assert.equal(d.memUsedMb, 3340);
      assert.equal(d.powerMode, "15W");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
