// A kill's recovery is read from the watchdogs' hold episodes (they run in the workers, and report
// them only when asked): a scenario with a kill asks every watchdog that does not say otherwise.
import { asJs, type Transform } from "./draft.js";

export function askHoldEpisodes(wanted: boolean): Transform {
  return (d) => {
    if (!wanted) return d;
    const nodes = asJs(d.doc.get("nodes")) as Record<string, { type?: string; params?: Record<string, unknown> }>;
    for (const [id, n] of Object.entries(nodes)) {
      if (n.type === "watchdog" && n.params?.report_episodes === undefined) d.doc.setIn(["nodes", id, "params", "report_episodes"], 16);
    }
    return d;
  };
}
