// What the actuator got: every command on the edge into it, with the clock time it was delivered,
// the capture stamp it derives from and whether it is a hold. The budgets read it (stale actions,
// recovery time, golden outputs) and the HTML report draws it.
import type { reflex } from "../messages/index.js";
import type { Graph, GraphEdge } from "../graph/model.js";
import type { Msg } from "../core/message.js";
import { nsToMs } from "../core/clock.js";
import { portKey } from "../graph/ids.js";

export interface CommandRecord {
  /** Delivery time, ms from the start of the run. */
  readonly tMs: number;
  /** Age of the command when it reached the actuator (delivery minus capture), ms. */
  readonly ageMs: number;
  readonly hold: boolean;
  readonly data: readonly number[];
}

export class ActuatorProbe {
  readonly commands: CommandRecord[] = [];
  /** At most this many are kept (a long real-clock run must not grow without bound); the rest counted. */
  static readonly MAX = 200_000;
  overflow = 0;

  constructor(
    private readonly startNs: () => number,
    private readonly nowNs: () => number,
  ) {}

  readonly listener = (msg: Msg): void => {
    if (this.commands.length >= ActuatorProbe.MAX) {
      this.overflow++;
      return;
    }
    const now = this.nowNs();
    const body = msg.body as reflex.ActionChunk.$Properties;
    this.commands.push({
      tMs: nsToMs(now - this.startNs()),
      ageMs: nsToMs(now - msg.header.captureNs),
      hold: body.hold === true,
      data: body.hold ? [] : Array.from(body.data ?? []),
    });
  };
}

export interface Actuator {
  /** The actuator's input, "<node>/<port>". */
  readonly input: string;
  /** The edge feeding it. */
  readonly edge: GraphEdge;
  /** An action older than this at the actuator is stale: the watchdog's deadline, else the edge's. */
  readonly staleMs: number | undefined;
  /** The watchdog feeding the actuator, if one does. */
  readonly watchdog: string | undefined;
}

/** The actuator input named by the scenario, or the `actions` input of the graph's sim robot. */
export function findActuator(graph: Graph, named: string | undefined): Actuator | string {
  let input = named;
  if (!input) {
    const robot = [...graph.nodes.values()].find((n) => n.type === "sim-robot");
    if (!robot) return "the graph has no sim-robot: name the actuator's action input with `actuator: <node>/<port>`";
    input = `${robot.id}/actions`;
  }
  const edge = graph.edges.find((e) => portKey(e.to) === input);
  if (!edge) return `nothing is wired to the actuator input ${input}`;
  const producer = graph.nodes.get(edge.from.node)!;
  const watchdog = producer.type === "watchdog" ? producer.id : undefined;
  const staleMs = watchdog ? (producer.params.deadline_ms as number) : edge.qos.deadlineMs;
  return { input, edge, staleMs, watchdog };
}
