// The simulated 2D reaching task: pure, deterministic TypeScript (no RxJS, no runtime imports), shared by
// the runtime's sim nodes, the dataset generator, closed-loop evaluation and HIL rigs. See README.md.

export { Rng, mixSeed } from "./rng.js";
export {
  COLOR_NAMES,
  COLOR_RGB,
  DISTRACTOR_RGB,
  BACKGROUND_RGB,
  ROBOT_RGB,
  DEFAULT_SCENE_OPTIONS,
  generateScene,
  blocksOverlap,
  diskTouchesBlock,
  type Block,
  type BlockShape,
  type ColorName,
  type Rgb,
  type Scene,
  type SceneOptions,
} from "./scene.js";
export { renderScene, frameBytes, type CameraNoise, type RobotDrawing } from "./render.js";
export { PointRobot, clipVelocity, type RobotState } from "./robot.js";
export { ChunkCursor } from "./chunk.js";
export {
  ReachingTask,
  DEFAULT_TASK_OPTIONS,
  ACTION_DIM,
  PROPRIO_DIM,
  type ReachingTaskOptions,
  type Instruction,
  type StepResult,
} from "./task.js";
export { expertChunk, DEFAULT_EXPERT_OPTIONS, type ExpertOptions } from "./expert.js";
