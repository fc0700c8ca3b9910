// The page's graph layout (dashboard/layout.ts) is pure, so it is checked here without a browser.
import assert from "node:assert/strict";
import { layoutGraph } from "../../dashboard/layout.js";

describe("dashboard layout", () => {
  it("puts every node in a layer after all its forward predecessors", () => {
    const nodes = ["sink", "b", "a", "src", "c"];
    const edges = [
      { from: "src", to: "a" },
      { from: "src", to: "b" },
      { from: "a", to: "c" },
      { from: "b", to: "c" },
      { from: "c", to: "sink" },
      { from: "a", to: "sink" },
    ];
    const l = layoutGraph({ nodes, edges });
    for (const e of edges) assert.ok(l.pos.get(e.to)!.layer > l.pos.get(e.from)!.layer, `${e.from} -> ${e.to}`);
    assert.equal(l.pos.get("src")!.layer, 0);
    assert.equal(l.pos.get("sink")!.layer, 3);
    assert.equal(l.back.size, 0);
    assert.deepEqual([...l.pos.keys()].sort(), [...nodes].sort());
  });

  it("breaks a cycle at one back edge and still places every node", () => {
    // The demo's loop: camera -> policy -> robot -> camera, plus robot -> status.
    const edges = [
      { from: "camera", to: "policy" },
      { from: "policy", to: "robot" },
      { from: "robot", to: "camera" },
      { from: "robot", to: "policy" },
      { from: "robot", to: "status" },
    ];
    const l = layoutGraph({ nodes: ["camera", "policy", "robot", "status"], edges });
    assert.ok(l.back.size >= 1);
    for (const e of edges) {
      if (l.back.has(`${e.from}->${e.to}`)) continue;
      assert.ok(l.pos.get(e.to)!.layer > l.pos.get(e.from)!.layer, `${e.from} -> ${e.to}`);
    }
    assert.equal(l.pos.size, 4);
  });

  it("orders rows so that parallel chains do not cross", () => {
    // Two chains a0..a4 and b0..b4 listed interleaved and reversed: the sweeps must untangle them.
    const nodes: string[] = [];
    const edges: { from: string; to: string }[] = [];
    for (let i = 4; i >= 0; i--) nodes.push(`a${i}`, `b${4 - i}`);
    for (let i = 0; i < 4; i++) edges.push({ from: `a${i}`, to: `a${i + 1}` }, { from: `b${i}`, to: `b${i + 1}` });
    const l = layoutGraph({ nodes, edges });
    const crossings = (): number => {
      let n = 0;
      for (const e of edges)
        for (const f of edges) {
          if (e === f || l.pos.get(e.from)!.layer !== l.pos.get(f.from)!.layer) continue;
          const [e1, e2, f1, f2] = [e.from, e.to, f.from, f.to].map((id) => l.pos.get(id)!.row);
          if (e1! < f1! && e2! > f2!) n++;
        }
      return n;
    };
    assert.equal(crossings(), 0);
    assert.equal(l.layers.length, 5);
  });

  it("ignores edges to unknown nodes and self loops", () => {
    const l = layoutGraph({ nodes: ["a", "b"], edges: [{ from: "a", to: "ghost" }, { from: "a", to: "a" }, { from: "a", to: "b" }] });
    assert.equal(l.pos.get("b")!.layer, 1);
    assert.equal(l.pos.size, 2);
  });
});
