import assert from "node:assert/strict";
import { BACKGROUND_RGB, COLOR_RGB, ROBOT_RGB, ReachingTask, renderScene, type Rgb } from "../../nodes/sim/index.js";

function pixel(frame: Uint8Array, width: number, x: number, y: number, height: number): Rgb {
  const c = Math.floor(x * width);
  const r = Math.floor(y * height);
  const i = (r * width + c) * 3;
  return [frame[i]!, frame[i + 1]!, frame[i + 2]!];
}

describe("sim/render", () => {
  it("draws each target's color at the target's location and the robot at its position", () => {
    for (const [w, h] of [[64, 64], [96, 80]] as const) {
      const task = new ReachingTask({ width: w, height: h });
      for (let seed = 0; seed < 50; seed++) {
        task.reset(seed);
        const f = task.render();
        assert.equal(f.length, w * h * 3);
        for (const t of task.scene.targets) {
          // The robot starts off every block, so the center pixel shows the block's own color.
          assert.deepEqual(pixel(f, w, t.x, t.y, h), COLOR_RGB[t.colorIndex], `seed ${seed} color ${t.colorIndex}`);
        }
        const s = task.state;
        assert.deepEqual(pixel(f, w, s.x, s.y, h), ROBOT_RGB);
      }
    }
  });

  it("covers about the block area with the target color, centred on the target", () => {
    const task = new ReachingTask({ seed: 4 });
    const f = task.render();
    const t = task.target;
    // Count pixels of the target color: about the block's area in pixels.
    const rgb = COLOR_RGB[t.colorIndex]!;
    let n = 0;
    let cx = 0;
    let cy = 0;
    for (let i = 0; i < 64 * 64; i++) {
      if (f[3 * i] === rgb[0] && f[3 * i + 1] === rgb[1] && f[3 * i + 2] === rgb[2]) {
        n++;
        cx += (i % 64) + 0.5;
        cy += Math.floor(i / 64) + 0.5;
      }
    }
    const side = task.options.blockSize * 64;
    assert.ok(Math.abs(n - side * side) < 4 * side, `pixel count ${n} vs area ${side * side}`);
    assert.ok(Math.abs(cx / n / 64 - t.x) < 1 / 64 && Math.abs(cy / n / 64 - t.y) < 1 / 64);
  });

  it("produces the same frames bit for bit for the same seed and actions", () => {
    const run = (seed: number, noise: boolean): Uint8Array[] => {
      const task = new ReachingTask({ seed, pixelNoise: noise ? 6 : 0, jitterPx: noise ? 1 : 0 });
      const frames: Uint8Array[] = [task.render()];
      for (let k = 0; k < 20; k++) {
        task.step([0.3 * Math.cos(k), 0.3 * Math.sin(k)]);
        frames.push(task.render());
      }
      return frames;
    };
    for (const noise of [false, true]) {
      const a = run(123, noise);
      const b = run(123, noise);
      const c = run(124, noise);
      a.forEach((f, i) => assert.ok(Buffer.from(f).equals(Buffer.from(b[i]!)), `frame ${i} differs (noise ${noise})`));
      assert.ok(!Buffer.from(a[0]!).equals(Buffer.from(c[0]!)));
    }
  });

  it("keeps frames static without noise and varies them with noise, reproducibly", () => {
    const quiet = new ReachingTask({ seed: 8 });
    const f0 = quiet.render();
    quiet.step([0, 0]);
    assert.ok(Buffer.from(f0).equals(Buffer.from(quiet.render())), "noise is off by default");

    const noisy = new ReachingTask({ seed: 8, pixelNoise: 5 });
    const n0 = noisy.render();
    assert.ok(Buffer.from(n0).equals(Buffer.from(noisy.render())), "same step, same frame");
    noisy.step([0, 0]);
    const n1 = noisy.render();
    assert.ok(!Buffer.from(n0).equals(Buffer.from(n1)), "a new step draws new noise");
    let maxDiff = 0;
    for (let i = 0; i < f0.length; i++) maxDiff = Math.max(maxDiff, Math.abs(n1[i]! - f0[i]!));
    assert.ok(maxDiff > 0 && maxDiff <= 5);
  });

  it("reuses a caller's buffer and rejects one of the wrong size", () => {
    const task = new ReachingTask({ seed: 1 });
    const buf = new Uint8Array(task.frameBytes);
    assert.equal(task.render(buf), buf);
    assert.ok(buf.some((v) => v !== 0));
    assert.throws(() => task.render(new Uint8Array(10)), /needs 12288/);
  });

  it("fills the background color where nothing is drawn", () => {
    const f = renderScene(
      { seed: 0, targets: [], distractors: [], instructed: 0, start: { x: 0.5, y: 0.5 } },
      { x: 0.5, y: 0.5, radius: 0.05 },
      16,
      16,
    );
    assert.deepEqual([f[0], f[1], f[2]], [...BACKGROUND_RGB]);
    assert.deepEqual(pixel(f, 16, 0.5, 0.5, 16), ROBOT_RGB);
  });
});
