// Which recorded topics a replay plays, on which ports, with which types: read from a recording's
// summary when a config with a replay node is loaded, and by HIL to put a recording in place of the
// nodes that produced it (sdk/hil/transforms/replay-sensors.ts).
import type { Ports } from "../core/node.js";
import { didYouMean } from "../core/suggest.js";
import { readSummarySync, RecordingError, type RecordingSummary } from "./reader.js";
import { isPortName, portForTopic } from "./topics.js";

/** The replay node's params that choose what plays. */
export interface ReplayChoice {
  readonly file: string;
  readonly topics?: readonly string[];
  readonly remap?: Readonly<Record<string, string>>;
}

export interface ReplayPlan {
  readonly summary: RecordingSummary;
  /** Played topic -> output port. */
  readonly portOf: ReadonlyMap<string, string>;
  readonly outputs: Ports;
}

/** Which topics play on which ports, from the file's summary; throws a RecordingError naming the param. */
export function replayPlan(p: ReplayChoice): ReplayPlan {
  const summary = readSummarySync(p.file);
  const recorded = summary.topics.map((t) => t.topic).sort();
  const fail = (param: string, message: string): never => {
    throw Object.assign(new RecordingError(message), { param });
  };
  for (const topic of [...(p.topics ?? []), ...Object.keys(p.remap ?? {})]) {
    if (!recorded.includes(topic)) {
      const hint = didYouMean(topic, recorded);
      fail(p.topics?.includes(topic) ? "topics" : "remap", `recording "${p.file}" has no topic "${topic}"${hint ? ` (${hint})` : ""}; it has ${recorded.join(", ") || "none"}`);
    }
  }
  const portOf = new Map<string, string>();
  const outputs: Record<string, { type: RecordingSummary["topics"][number]["type"]; description: string }> = {};
  for (const t of summary.topics) {
    if (p.topics && !p.topics.includes(t.topic)) continue;
    const port = p.remap?.[t.topic] ?? portForTopic(t.topic);
    if (!isPortName(port)) fail("remap", `"${port}" (for ${t.topic}) is not a port name: letters, digits, _ and -, starting with a letter or _`);
    if (Object.hasOwn(outputs, port)) fail("remap", `topics "${[...portOf].find(([, q]) => q === port)![0]}" and "${t.topic}" both play on port "${port}": give one another name with remap`);
    portOf.set(t.topic, port);
    outputs[port] = { type: t.type, description: `recorded ${t.topic} (${t.count} messages)` };
  }
  return { summary, portOf, outputs };
}
