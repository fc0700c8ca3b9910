// The built-in node types.
import { NodeRegistry } from "../sdk/graph/registry.js";
import type { AnyNodeDefinition } from "../sdk/core/node.js";
import simRobot from "./control/sim-robot.js";
import scriptedPolicy from "./policy/scripted-policy.js";
import watchdog from "./safety/watchdog.js";
import vlaPolicy from "./policy/vla-policy.js";
import record from "./record/record.js";
import replay from "./record/replay.js";
import imu from "./sensors/imu.js";
import jointState from "./sensors/joint-state.js";
import simCamera from "./sensors/sim-camera.js";
import log from "./util/log.js";
import policyConfig from "./util/policy-config.js";
import relay from "./util/relay.js";
import throttle from "./util/throttle.js";
import timer from "./util/timer.js";

export const builtinNodes: readonly AnyNodeDefinition[] = [
  simCamera,
  jointState,
  imu,
  simRobot,
  scriptedPolicy,
  vlaPolicy,
  watchdog,
  timer,
  policyConfig,
  throttle,
  relay,
  log,
  record,
  replay,
];

/** A registry holding the built-in node types; add your own with `.add(defineNode(...))`. */
export function builtinRegistry(): NodeRegistry {
  return new NodeRegistry(builtinNodes);
}
