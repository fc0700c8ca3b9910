// `inputs.sim`: the seed (and episode count) of every sim robot, so a scenario's run is the same run.
import { report, scenarioDiagnostic, type Transform } from "./draft.js";

export function seedSims(sim: { readonly seed: number; readonly episodes?: number } | undefined): Transform {
  return (d) => {
    if (!sim) return d;
    const robots = [...d.graph.nodes.values()].filter((n) => n.type === "sim-robot");
    for (const r of robots) {
      d.doc.setIn(["nodes", r.id, "params", "seed"], sim.seed);
      if (sim.episodes !== undefined) d.doc.setIn(["nodes", r.id, "params", "episodes"], sim.episodes);
    }
    if (robots.length > 0) return d;
    return report(d, scenarioDiagnostic(d, ["inputs", "sim"], "the graph has no sim-robot node to seed", { suggestion: "remove inputs.sim, or use a sim graph" }));
  };
}
