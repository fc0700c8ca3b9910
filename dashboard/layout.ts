// Layered layout of the graph (Sugiyama-style, small enough for a few hundred nodes): cycles broken by
// a DFS from the sources, layers by longest path from the sources, order within a layer by barycenter
// sweeps to reduce crossings. Pure: positions are layer/row indices; the view turns them into pixels
// in either orientation (left to right on a wide screen, top to bottom on a phone).

export interface LayoutInput {
  readonly nodes: readonly string[];
  readonly edges: readonly { readonly from: string; readonly to: string }[];
}

export interface Layout {
  /** Layer (0 = sources) and row within the layer, per node. */
  readonly pos: ReadonlyMap<string, { readonly layer: number; readonly row: number }>;
  readonly layers: readonly (readonly string[])[];
  /** Edges that close a cycle (drawn as back edges), by "from->to". */
  readonly back: ReadonlySet<string>;
}

export function layoutGraph(input: LayoutInput): Layout {
  const ids = [...new Set(input.nodes)];
  const known = new Set(ids);
  const edges = input.edges.filter((e) => known.has(e.from) && known.has(e.to) && e.from !== e.to);
  const out = new Map<string, string[]>(ids.map((id) => [id, []]));
  const indeg = new Map<string, number>(ids.map((id) => [id, 0]));
  for (const e of edges) {
    out.get(e.from)!.push(e.to);
    indeg.set(e.to, indeg.get(e.to)! + 1);
  }

  // Back edges: DFS from nodes without inputs first, then from any node not yet seen (pure cycles).
  const back = new Set<string>();
  const state = new Map<string, 1 | 2>(); // 1 on the stack, 2 done
  const visit = (root: string): void => {
    // Iterative so a long chain cannot overflow the stack.
    const stack: { id: string; i: number }[] = [{ id: root, i: 0 }];
    state.set(root, 1);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const next = out.get(top.id)![top.i++];
      if (next === undefined) {
        state.set(top.id, 2);
        stack.pop();
      } else if (state.get(next) === 1) {
        back.add(`${top.id}->${next}`);
      } else if (state.get(next) === undefined) {
        state.set(next, 1);
        stack.push({ id: next, i: 0 });
      }
    }
  };
  for (const id of ids) if (indeg.get(id) === 0 && !state.has(id)) visit(id);
  for (const id of ids) if (!state.has(id)) visit(id);

  // Longest-path layering over the forward edges (Kahn order).
  const fwd = edges.filter((e) => !back.has(`${e.from}->${e.to}`));
  const preds = new Map<string, string[]>(ids.map((id) => [id, []]));
  const succs = new Map<string, string[]>(ids.map((id) => [id, []]));
  const fin = new Map<string, number>(ids.map((id) => [id, 0]));
  for (const e of fwd) {
    preds.get(e.to)!.push(e.from);
    succs.get(e.from)!.push(e.to);
    fin.set(e.to, fin.get(e.to)! + 1);
  }
  const layer = new Map<string, number>();
  const queue = ids.filter((id) => fin.get(id) === 0);
  for (const id of queue) layer.set(id, 0);
  for (let qi = 0; qi < queue.length; qi++) {
    const id = queue[qi]!;
    for (const s of succs.get(id)!) {
      layer.set(s, Math.max(layer.get(s) ?? 0, layer.get(id)! + 1));
      const left = fin.get(s)! - 1;
      fin.set(s, left);
      if (left === 0) queue.push(s);
    }
  }

  const nLayers = Math.max(0, ...layer.values()) + 1;
  const layers: string[][] = Array.from({ length: ids.length === 0 ? 0 : nLayers }, () => []);
  for (const id of ids) layers[layer.get(id) ?? 0]!.push(id);

  // Barycenter sweeps: down using predecessors, up using successors.
  const rowOf = new Map<string, number>();
  const renumber = (l: string[]): void => l.forEach((id, i) => rowOf.set(id, i));
  layers.forEach(renumber);
  const sortBy = (l: string[], nb: Map<string, string[]>): void => {
    const bary = new Map<string, number>();
    for (const id of l) {
      const ns = nb.get(id)!;
      bary.set(id, ns.length === 0 ? rowOf.get(id)! : ns.reduce((a, n) => a + rowOf.get(n)!, 0) / ns.length);
    }
    l.sort((a, b) => bary.get(a)! - bary.get(b)! || rowOf.get(a)! - rowOf.get(b)!);
    renumber(l);
  };
  for (let sweep = 0; sweep < 4; sweep++) {
    for (let i = 1; i < layers.length; i++) sortBy(layers[i]!, preds);
    for (let i = layers.length - 2; i >= 0; i--) sortBy(layers[i]!, succs);
  }

  const pos = new Map<string, { layer: number; row: number }>();
  layers.forEach((l, li) => l.forEach((id, row) => pos.set(id, { layer: li, row })));
  return { pos, layers, back };
}
