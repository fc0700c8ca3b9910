// A node's control and events are reached through the runtime that runs it, its hand subscriptions
// (ctx.subscribe) are counted as its errors, and RxJS's one process-wide unhandled-error hook reaches
// the runtime an error came from: two runtimes in one process, with nodes of the same ids, keep theirs.
import assert from "node:assert/strict";
import { Writable } from "node:stream";
import pino, { type Logger } from "pino";
import { Type } from "@sinclair/typebox";
import { map, mergeMap } from "rxjs";
import { builtinNodes } from "../../nodes/index.js";
import { NodeRegistry } from "../../sdk/graph/registry.js";
import { loadConfigText } from "../../sdk/config/load.js";
import { formatDiagnostics } from "../../sdk/config/diagnostic.js";
import { VirtualClock } from "../../sdk/core/clock.js";
import { defineNode, eventsOf, type Delivered } from "../../sdk/core/node.js";
import { GraphRuntime } from "../../sdk/runtime/executor.js";

const counter = defineNode({
  type: "test-counter",
  description: "counts inputs by hand; control sets the step; one event per input; throws on value 3",
  kind: "util",
  params: Type.Object({ throw_on: Type.Integer({ default: -1 }) }, { additionalProperties: false }),
  inputs: { in: { type: "reflex.Blob" } },
  outputs: { out: { type: "reflex.Blob" } },
  events: eventsOf<{ node: string; total: number }>("the running total after each input"),
  create(ctx, p) {
    let step = 1;
    let total = 0;
    // A latch kept by hand, as vla-policy's state and instruction: a throw in it is the node's error.
    ctx.subscribe(ctx.inputs.in, (m: Delivered<{ value?: number | null }>) => {
      if (Number(m.body.value ?? 0) === p.throw_on) throw new Error(`counter ${ctx.id}: bad value ${p.throw_on}`);
      total += step;
      ctx.events.emit({ node: ctx.id, total });
    });
    // The same input piped into an output: it still gets every message, the throwing one included.
    const out = ctx.inputs.in.pipe(map((m) => ctx.msg({ value: Number(m.body.value ?? 0) }, m)));
    return {
      outputs: { out },
      control: { setStep: (n: number): void => void (step = n), total: (): number => total },
    };
  },
});

const source = defineNode({
  type: "test-ticks",
  description: "emits Blob { value: index } every period_ms",
  kind: "source",
  params: Type.Object({ period_ms: Type.Number({ default: 10 }), count: Type.Integer({ default: 10 }) }, { additionalProperties: false }),
  inputs: {},
  outputs: { out: { type: "reflex.Blob" } },
  create(ctx, p) {
    const out = ctx.every(p.period_ms).pipe(mergeMap(({ index }) => (index < p.count ? [ctx.msg({ value: index })] : [])));
    return { outputs: { out } };
  },
});

// A node that subscribes by hand without ctx.subscribe: RxJS reports what its callback throws.
const raw = defineNode({
  type: "test-raw-subscriber",
  description: "subscribes to its input with a plain subscribe() that throws on value 2",
  kind: "sink",
  params: Type.Object({}, { additionalProperties: false }),
  inputs: { in: { type: "reflex.Blob" } },
  outputs: {},
  create(ctx) {
    const s = ctx.inputs.in.subscribe((m: Delivered<{ value?: number | null }>) => {
      if (Number(m.body.value ?? 0) === 2) throw new Error("raw subscriber: value 2");
    });
    return { dispose: () => s.unsubscribe() };
  },
});

// A node that counts clock ticks by hand (ctx.subscribe on ctx.every), so its subscription can be seen ending.
const ticker = defineNode({
  type: "test-ticker",
  description: "counts ticks of its own clock stream",
  kind: "util",
  params: Type.Object({}, { additionalProperties: false }),
  inputs: {},
  outputs: {},
  create(ctx) {
    let ticks = 0;
    ctx.subscribe(ctx.every(10), () => void ticks++);
    return { control: { ticks: (): number => ticks } };
  },
});

const sink = defineNode({
  type: "test-collect",
  description: "collects values",
  kind: "sink",
  params: Type.Object({}, { additionalProperties: false }),
  inputs: { in: { type: "reflex.Blob" } },
  outputs: {},
  create(ctx) {
    return { effects: [ctx.inputs.in] };
  },
});

const registry = new NodeRegistry([...builtinNodes, counter, source, raw, ticker, sink]);

function graph(throwOn: number, extra = ""): string {
  return `name: side-channels
nodes:
  ticks:
    type: test-ticks
    params: { period_ms: 10, count: 6 }
  counter:
    type: test-counter
    params: { throw_on: ${throwOn} }
    inputs: { in: ticks/out }
  collect:
    type: test-collect
    inputs: { in: counter/out }
${extra}`;
}

function logTo(lines: string[]): Logger {
  return pino({ level: "warn" }, new Writable({ write: (chunk: Buffer, _enc, done) => void (lines.push(chunk.toString()), done()) }));
}

async function runtime(yaml: string, log: Logger): Promise<GraphRuntime> {
  const r = loadConfigText("side-channels.yaml", yaml, { registry });
  if (!r.graph) throw new Error(formatDiagnostics(r.diagnostics));
  return new GraphRuntime(r.graph, { clock: new VirtualClock(), log });
}

describe("side channels as runtime API (two runtimes in one process)", () => {
  it("control and events of same-id nodes stay with their own runtime", async () => {
    const a = await runtime(graph(-1), pino({ level: "silent" }));
    const b = await runtime(graph(-1), pino({ level: "silent" }));
    const seenA: number[] = [];
    const seenB: number[] = [];
    a.events("counter", counter).subscribe((e) => seenA.push(e.total));
    b.events("counter", counter).subscribe((e) => seenB.push(e.total));
    try {
      await a.start();
      await b.start();
      a.control("counter", counter).setStep(10);
      await a.runVirtual(100e6);
      await b.runVirtual(100e6);
      assert.deepEqual(seenA, [10, 20, 30, 40, 50, 60]);
      assert.deepEqual(seenB, [1, 2, 3, 4, 5, 6]);
      assert.equal(a.control("counter", counter).total(), 60);
      assert.equal(b.control("counter", counter).total(), 6);
    } finally {
      await a.dispose();
      await b.dispose();
    }
  });

  it("control() and events() name what is wrong: unknown node, other type, no control or events", async () => {
    const a = await runtime(graph(-1), pino({ level: "silent" }));
    try {
      assert.throws(() => a.control("counter", counter), /not running \(runtime new\)/);
      await a.init();
      assert.throws(() => a.control("countr", counter), /no test-counter node "countr" runs in process "main" \(running: counter\)/);
      assert.throws(() => a.control("ticks", counter), /no test-counter node "ticks"/);
      assert.throws(() => a.control("ticks", source), /node "ticks" \(test-ticks\) has no control/);
      assert.throws(() => a.events("ticks", source), /node "ticks" \(test-ticks\) declares no events/);
      assert.deepEqual(a.nodeIds("test-counter"), ["counter"]);
    } finally {
      await a.dispose();
    }
  });

  it("a hand subscription that throws: counted on its node in its own runtime, logged, and the graph goes on", async () => {
    const linesA: string[] = [];
    const linesB: string[] = [];
    const a = await runtime(graph(3), logTo(linesA));
    const b = await runtime(graph(1), logTo(linesB));
    const outA: number[] = [];
    const outB: number[] = [];
    a.listen("counter", "out", (m) => void outA.push(Number((m.body as { value: number }).value)));
    b.listen("counter", "out", (m) => void outB.push(Number((m.body as { value: number }).value)));
    try {
      await a.start();
      await b.start();
      await a.runVirtual(100e6);
      await b.runVirtual(100e6);
      assert.equal(a.registry.nodes.get("counter")!.errors, 1);
      assert.equal(b.registry.nodes.get("counter")!.errors, 1);
      // Every message still reached the output (the pipe on the same input) and the later latches.
      assert.deepEqual(outA, [0, 1, 2, 3, 4, 5]);
      assert.deepEqual(outB, [0, 1, 2, 3, 4, 5]);
      assert.equal(a.control("counter", counter).total(), 5);
      assert.equal(b.control("counter", counter).total(), 5);
      assert.ok(linesA.some((l) => /node counter failed in input in: counter counter: bad value 3/.test(l)), linesA.join(""));
      assert.ok(linesB.some((l) => /node counter failed in input in: counter counter: bad value 1/.test(l)), linesB.join(""));
      assert.equal(a.unhandledErrors + b.unhandledErrors, 0, "nothing reached RxJS's process hook");
    } finally {
      await a.dispose();
      await b.dispose();
    }
  });

  it("an output listener that throws is the producing node's error, in its own runtime", async () => {
    const a = await runtime(graph(-1), pino({ level: "silent" }));
    const b = await runtime(graph(-1), pino({ level: "silent" }));
    a.listen("ticks", "out", () => {
      throw new Error("a recorder that fails");
    });
    try {
      await a.start();
      await b.start();
      await a.runVirtual(100e6);
      await b.runVirtual(100e6);
      assert.equal(a.registry.nodes.get("ticks")!.errors, 6);
      assert.equal(b.registry.nodes.get("ticks")!.errors, 0);
      assert.equal(a.registry.nodes.get("counter")!.errors, 0);
      assert.equal(a.control("counter", counter).total(), 6, "the edge listener before it still delivered");
    } finally {
      await a.dispose();
      await b.dispose();
    }
  });

  it("a raw subscribe() that throws reaches RxJS's hook and, with one runtime running, that runtime", async () => {
    const lines: string[] = [];
    const a = await runtime(graph(-1, "  raw:\n    type: test-raw-subscriber\n    inputs: { in: ticks/out }\n"), logTo(lines));
    try {
      await a.start();
      await a.runVirtual(100e6);
      await new Promise((r) => setTimeout(r, 20)); // RxJS reports from a timer
      // The newest running runtime gets it; it is sure the error is its own (and counts it) unless a
      // runtime another test left running is running too.
      const line = lines.find((l) => /unhandled error in a node's subscriber.*raw subscriber: value 2/.test(l));
      assert.ok(line, lines.join(""));
      const certain = /unhandled error in a node's subscriber: raw subscriber: value 2/.test(line);
      assert.equal(a.unhandledErrors, certain ? 1 : 0);
      assert.equal(a.control("counter", counter).total(), 6, "the graph went on");
    } finally {
      await a.dispose();
    }
  });

  it("with two runtimes running, a raw subscribe() error is logged by the newest, marked as maybe another's, and counted by none", async () => {
    const linesA: string[] = [];
    const linesB: string[] = [];
    const a = await runtime(graph(-1, "  raw:\n    type: test-raw-subscriber\n    inputs: { in: ticks/out }\n"), logTo(linesA));
    const b = await runtime(graph(-1), logTo(linesB));
    try {
      await a.start();
      await b.start();
      await a.runVirtual(100e6);
      await new Promise((r) => setTimeout(r, 20)); // RxJS reports from a timer
      assert.ok(
        linesB.some((l) => /unhandled error in a node's subscriber \(other runtimes run in this process: it may be theirs\): raw subscriber: value 2/.test(l)),
        linesB.join(""),
      );
      assert.equal(a.unhandledErrors + b.unhandledErrors, 0);
    } finally {
      await a.dispose();
      await b.dispose();
    }
  });

  it("ctx.subscribe ends with the node's stop", async () => {
    const a = await runtime("name: ticker\nnodes:\n  ticker:\n    type: test-ticker\n", pino({ level: "silent" }));
    try {
      await a.start();
      await a.runVirtual(55e6);
      const atStop = a.control("ticker", ticker).ticks();
      assert.ok(atStop >= 5, `${atStop} ticks`);
      await a.stop();
      await a.runVirtual(100e6);
      assert.equal(a.control("ticker", ticker).ticks(), atStop);
    } finally {
      await a.dispose();
    }
  });
});
