// Paths through the graph, interned: a trace hop knows its path id (the path from the message's source
// to the node that emitted it) by one map lookup, so end-to-end latency per path costs O(1) per hop
// instead of walking and joining the trace.

interface PathEntry {
  readonly nodes: readonly string[];
  readonly children: Map<string, number>;
  // The child asked for last: a node on a chain extends the same path with the same node every time,
  // and comparing one string (usually the same instance) is cheaper than a Map lookup.
  lastNode: string | undefined;
  lastId: number;
}

export class PathTable {
  private readonly entries: PathEntry[] = [{ nodes: [], children: new Map(), lastNode: undefined, lastId: 0 }];

  /** Id of the path `parent` extended by `node`. Id 0 is the empty path. */
  child(parent: number, node: string): number {
    const p = this.entries[parent]!;
    if (p.lastNode === node) return p.lastId;
    let id = p.children.get(node);
    if (id === undefined) {
      id = this.entries.length;
      this.entries.push({ nodes: [...p.nodes, node], children: new Map(), lastNode: undefined, lastId: 0 });
      p.children.set(node, id);
    }
    p.lastNode = node;
    p.lastId = id;
    return id;
  }

  nodes(id: number): readonly string[] {
    return this.entries[id]?.nodes ?? [];
  }
}

/** One table per process: path ids are only compared within a process. */
export const paths = new PathTable();
