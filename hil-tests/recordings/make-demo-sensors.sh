#!/bin/sh
# Re-makes demo-sensors.mcap, the recording hil-tests/scenarios/demo-replay.yaml plays: the sensor
# topics the demo's policy reads (camera frames, robot state and instruction), 2.5 s of configs/demo.yaml
# under the virtual clock (exact: the same bytes every time for the same code), sim seed 11. The camera
# runs at 10 fps to keep the file near 300 KB (64x64 RGB frames, uncompressed chunks).
#
#   sh hil-tests/recordings/make-demo-sensors.sh
#   npx reflex inspect hil-tests/recordings/demo-sensors.mcap
set -e
cd "$(dirname "$0")/../.."
npx tsx sdk/cli/bin.ts run configs/demo.yaml --clock virtual --duration 2.5 \
  --set camera.fps=10 --set robot.seed=11 \
  --record hil-tests/recordings/demo-sensors.mcap \
  --record-topics camera/image,robot/state,robot/instruction
