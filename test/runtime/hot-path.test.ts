// The runtime's cheaper hot-path parts behave as what they replaced: InputPort as an RxJS Subject,
// subscribeResilient as tap({ error }) + retry({ resetOnSuccess: true }), and a synchronous hop's
// delivery time as the producer's emit time (only where nothing else ran in between).
import { strict as assert } from "node:assert";
import pino from "pino";
import { Observable, Subject, defer, map, retry, tap, throwError, type Subscription } from "rxjs";
import { loadConfigText } from "../../sdk/config/load.js";
import { RealClock } from "../../sdk/core/clock.js";
import { GraphRuntime } from "../../sdk/runtime/executor.js";
import { InputPort } from "../../sdk/runtime/input-port.js";
import { spansOf, type Span } from "../../sdk/core/message.js";
import { subscribeResilient } from "../../sdk/runtime/resilient.js";
import { testRegistry } from "./fixture-nodes.js";

interface Hot {
  next(v: number): void;
  complete(): void;
  readonly stream: Observable<number>;
}

/** One script of subscribes, nexts, unsubscribes and completes; returns what every subscriber saw. */
function script(hot: Hot): string[] {
  const log: string[] = [];
  const subs: Subscription[] = [];
  const watch = (name: string): void => {
    subs.push(hot.stream.subscribe({ next: (v) => log.push(`${name}:${v}`), complete: () => log.push(`${name}:done`) }));
  };
  watch("a");
  hot.next(1);
  // b subscribes while a value is being delivered: it must see only later values.
  const inner = hot.stream.subscribe((v) => {
    if (v === 2) watch("b");
  });
  hot.next(2);
  hot.next(3);
  subs[0]!.unsubscribe();
  hot.next(4);
  // A subscriber whose operator throws gets an error; the others go on.
  const thrower = hot.stream
    .pipe(
      map((v) => {
        if (v === 5) throw new Error("boom");
        return v;
      }),
    )
    .subscribe({ next: (v) => log.push(`t:${v}`), error: (e: unknown) => log.push(`t:error:${(e as Error).message}`) });
  hot.next(5);
  hot.next(6);
  thrower.unsubscribe();
  inner.unsubscribe();
  hot.complete();
  hot.next(7);
  watch("late");
  return log;
}

describe("runtime hot path", () => {
  it("InputPort behaves as the Subject it replaces (late subscribers, unsubscribe, complete)", () => {
    const subject = new Subject<number>();
    const port = new InputPort<number>();
    const fromSubject = script({ next: (v) => subject.next(v), complete: () => subject.complete(), stream: subject.asObservable() });
    const fromPort = script({ next: (v) => port.next(v), complete: () => port.complete(), stream: port.observable });
    assert.ok(fromSubject.includes("b:3") && !fromSubject.includes("b:2") && fromSubject.includes("t:error:boom"));
    assert.ok(fromSubject.includes("b:6") && !fromSubject.includes("b:7") && fromSubject.includes("late:done"));
    assert.deepEqual(fromPort, fromSubject);
    assert.equal(port.observed, false);
  });

  /** Values seen and errors counted for a stream that fails on every third value, both ways. */
  function flaky(subscribe: (s: Observable<number>, next: (v: number) => void, err: (e: unknown) => void) => Subscription): {
    seen: number[];
    errors: string[];
    subscribes: number;
  } {
    const source = new Subject<number>();
    let subscribes = 0;
    let syncFailures = 1; // the very first subscription errs inside subscribe()
    const stream = defer(() => {
      subscribes++;
      if (syncFailures-- > 0) return throwError(() => new Error("sync"));
      return source.pipe(
        map((v) => {
          if (v % 3 === 0) throw new Error(`bad ${v}`);
          return v;
        }),
      );
    });
    const seen: number[] = [];
    const errors: string[] = [];
    const sub = subscribe(stream, (v) => seen.push(v), (e) => errors.push((e as Error).message));
    for (let v = 1; v <= 10; v++) source.next(v);
    sub.unsubscribe();
    source.next(11); // after unsubscribe: nobody sees it
    return { seen, errors, subscribes };
  }

  it("subscribeResilient counts each error and subscribes again, as tap + retry did", () => {
    const mine = flaky((s, next, err) => subscribeResilient(s, next, err));
    const old = flaky((s, next, err) => s.pipe(tap({ error: err }), retry({ resetOnSuccess: true })).subscribe(next));
    assert.deepEqual(mine.seen, [1, 2, 4, 5, 7, 8, 10]);
    assert.deepEqual(mine.errors, ["sync", "bad 3", "bad 6", "bad 9"]);
    assert.deepEqual(mine, old);
  });

  it("a synchronous hop is delivered at its producer's emit time; a second consumer reads the clock itself (real clock)", async () => {
    const yaml = `name: fan
nodes:
  src: { type: test-source, params: { rate_hz: 1000, count: 20 } }
  a: { type: relay, params: { message: reflex.Blob }, inputs: { in: src/out } }
  a2: { type: relay, params: { message: reflex.Blob }, inputs: { in: a/out } }
  b: { type: relay, params: { message: reflex.Blob }, inputs: { in: src/out } }
`;
    const r = loadConfigText("fan.yaml", yaml, { registry: testRegistry() });
    assert.ok(r.graph);
    const rt = new GraphRuntime(r.graph, { clock: new RealClock(), log: pino({ level: "silent" }) });
    const traces = new Map<string, Span[][]>([["a2", []], ["b", []]]);
    rt.listen("a2", "out", (m) => traces.get("a2")!.push(spansOf(m.header.trace)));
    rt.listen("b", "out", (m) => traces.get("b")!.push(spansOf(m.header.trace)));
    await rt.start();
    await new Promise((res) => setTimeout(res, 80));
    await rt.stop();
    await rt.dispose();
    const viaA = traces.get("a2")!;
    const viaB = traces.get("b")!;
    assert.equal(viaA.length, 20);
    assert.equal(viaB.length, 20);
    // The edge wired first (src -> a) runs right after src's clock read: a's in time is src's out time,
    // and so is a2's in time a's out time.
    for (const [src, a, a2] of viaA) {
      assert.equal(a!.inNs, src!.outNs);
      assert.equal(a2!.inNs, a!.outNs);
      assert.ok(a!.outNs >= a!.inNs);
    }
    // b is fed second, after a and a2 ran: its delivery time is read when it happens, not src's out time.
    for (let i = 0; i < 20; i++) {
      const b = viaB[i]![1]!;
      assert.ok(b.inNs >= viaA[i]![2]!.outNs, `b got message ${i} at ${b.inNs}, before a2 emitted it at ${viaA[i]![2]!.outNs}`);
    }
  });
});
