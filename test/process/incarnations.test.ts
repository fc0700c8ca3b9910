// A restarted worker's figures are counted over all its incarnations; status is the newest one's.
import { strict as assert } from "node:assert";
import { combineIncarnations } from "../../sdk/process/incarnations.js";
import type { LinkReport, WorkerReport } from "../../sdk/process/protocol.js";

const row = { rate_hz: 0, p50_ms: 1, p90_ms: 2, p99_ms: 3, max_ms: 4 };
const link = (o: Partial<LinkReport>): LinkReport => ({
  edge: "camera/image -> policy/image",
  connected: true,
  stale: false,
  staleEpisodes: 0,
  deadlineMisses: 0,
  delivered: 0,
  droppedGap: 0,
  droppedQos: 0,
  badFrames: 0,
  seqResets: 0,
  ...o,
});
const report = (pid: number, seconds: number, count: number, misses: number, l: LinkReport, p99 = 3): WorkerReport => ({
  process: "policy",
  pid,
  summary: {
    graph: "g",
    clock: "real",
    duration_s: seconds,
    nodes: [{ node: "policy", type: "scripted-policy", ...row, p99_ms: p99, count, drops: 1, deadline_misses: misses, errors: 0, gauges: {} }],
    paths: [{ path: "camera > policy", ...row, count, drops: 0, deadline_misses: misses }],
    edges: [{ edge: "camera/image -> policy/image", delivered: count, dropped_queue: 1, dropped_throttle: 0, dropped_gap: 0, deadline_misses: misses, max_depth: pid }],
  },
  links: [l],
});

describe("combineIncarnations", () => {
  it("sums counts, drops and misses over incarnations; percentiles and status are the newest's", () => {
    const first = report(1, 2, 60, 1, link({ delivered: 60, deadlineMisses: 1, stale: true, staleEpisodes: 1 }), 9);
    const second = report(2, 4, 120, 2, link({ delivered: 120, deadlineMisses: 2, seqResets: 1 }), 3);
    const c = combineIncarnations([first, undefined, second])!;
    assert.equal(c.pid, 2);
    const n = c.summary.nodes[0]!;
    assert.equal(n.count, 180);
    assert.equal(n.rate_hz, 30);
    assert.equal(n.drops, 2);
    assert.equal(n.deadline_misses, 3);
    assert.equal(n.p99_ms, 3);
    assert.equal(c.summary.paths[0]!.count, 180);
    assert.deepEqual(c.summary.edges[0], { edge: "camera/image -> policy/image", delivered: 180, dropped_queue: 2, dropped_throttle: 0, dropped_gap: 0, deadline_misses: 3, max_depth: 2 });
    assert.equal(c.summary.duration_s, 6);
    const l = c.links[0]!;
    assert.equal(l.delivered, 180);
    assert.equal(l.deadlineMisses, 3);
    assert.equal(l.staleEpisodes, 1);
    assert.equal(l.stale, false, "stale is the newest incarnation's status");
  });

  it("one incarnation is returned as it is; none gives nothing", () => {
    const only = report(1, 2, 60, 0, link({}));
    assert.equal(combineIncarnations([only]), only);
    assert.equal(combineIncarnations([]), undefined);
  });
});
