// sim-camera: renders the simulated reaching task's scene as RGB8 frames at a fixed rate. It looks at
// the world the sim robot publishes (scene seed and robot position), so a closed loop through the sim
// is an explicit cycle in the graph, closed by a delayed edge, exactly as on a real robot.
import { Type } from "@sinclair/typebox";
import { RateHz } from "../../sdk/core/number-limits.js";
import { filter, map } from "rxjs";
import type { reflex } from "../../sdk/messages/index.js";
import { defineNode } from "../../sdk/core/node.js";
import { generateScene, mixSeed, renderScene, type Scene } from "../sim/index.js";

export default defineNode({
  type: "sim-camera",
  description: "Renders the sim reaching task (targets, distractors, robot) as RGB8 frames.",
  kind: "sensor",
  feedthrough: false,
  params: Type.Object(
    {
      width: Type.Integer({ minimum: 8, maximum: 4096, default: 64, description: "frame width, pixels" }),
      height: Type.Integer({ minimum: 8, maximum: 4096, default: 64, description: "frame height, pixels" }),
      fps: RateHz({ maximum: 1000, default: 30, description: "frames per second" }),
      pixel_noise: Type.Integer({ minimum: 0, maximum: 255, default: 0, description: "per-pixel noise amplitude" }),
      jitter_px: Type.Integer({ minimum: 0, maximum: 16, default: 0, description: "camera shake, pixels" }),
    },
    { additionalProperties: false },
  ),
  inputs: {
    world: { type: "reflex.SimWorld", description: "the sim robot's world (scene and robot position)" },
  },
  outputs: {
    image: { type: "reflex.Image", description: "RGB8 frame" },
  },
  create(ctx, p) {
    let world: reflex.SimWorld.$Properties | undefined;
    let scene: Scene | undefined;
    let sceneKey = "";
    ctx.subscribe(ctx.inputs.world, (m) => {
      world = m.body;
    });
    const image = ctx.every(1000 / p.fps).pipe(
      // Nothing to see until the robot has published its world once.
      filter(() => world !== undefined),
      map(({ index }) => {
        const w = world!;
        const key = `${w.sceneSeed}/${w.targets}/${w.distractors}/${w.blockSize}`;
        if (key !== sceneKey) {
          scene = generateScene(Number(w.sceneSeed ?? 0), {
            targets: w.targets ?? 4,
            distractors: w.distractors ?? 3,
            ...(w.blockSize ? { blockSize: w.blockSize } : {}),
            ...(w.robotRadius ? { robotRadius: w.robotRadius } : {}),
          });
          sceneKey = key;
        }
        // A new buffer per frame: consumers may hold a frame while the next one is drawn.
        const data = renderScene(scene!, { x: w.x ?? 0, y: w.y ?? 0, radius: w.robotRadius ?? 0.045 }, p.width, p.height, undefined, {
          frameSeed: mixSeed(Number(w.sceneSeed ?? 0), index),
          pixelNoise: p.pixel_noise,
          jitterPx: p.jitter_px,
        });
        const body: reflex.Image.$Properties = { width: p.width, height: p.height, encoding: "rgb8", step: p.width * 3, data, frameId: index };
        return ctx.msg(body);
      }),
    );
    return { outputs: { image } };
  },
});
