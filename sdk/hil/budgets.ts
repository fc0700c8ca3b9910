// Budgets: each limit a scenario sets, judged against what the run measured. One row per budget, with
// the figure next to its limit; the table, the JUnit file (one testcase per row) and the HTML report
// all print these rows.
import type { MultiProcessSummary } from "../process/launcher.js";
import type { Measured } from "./measured.js";
import { compareGolden, type GoldenFile } from "./golden.js";
import type { LoadedScenario } from "./scenario-load.js";
import { recordingPart } from "../mcap/parts.js";
import { RecordingError } from "../mcap/reader.js";
import { scanRecording } from "../mcap/scan.js";
import { nsToMs } from "../core/clock.js";

export interface BudgetRow {
  /** e.g. "path camera > policy > robot p99". */
  readonly budget: string;
  readonly measured: string;
  readonly limit: string;
  readonly pass: boolean;
  /** Why, where a number alone does not say (no data, the first golden mismatch ...). */
  readonly detail?: string;
}

const ms = (v: number): string => `${v.toFixed(3)} ms`;
const pct = (v: number): string => `${(v * 100).toFixed(3)} %`;

export async function evaluateBudgets(s: LoadedScenario, m: Measured, golden: GoldenFile | string | undefined): Promise<BudgetRow[]> {
  const b = s.budgets;
  const rows: BudgetRow[] = [];
  const sum = m.summary;

  for (const [node, lim] of Object.entries(b.nodes ?? {})) {
    const row = sum.nodes.find((n) => n.node === node);
    if (!row || row.count === 0) rows.push({ budget: `node ${node} p99`, measured: "no data", limit: `<= ${ms(lim.p99_ms)}`, pass: false, detail: row ? "it emitted nothing" : "no such node ran" });
    else rows.push({ budget: `node ${node} p99`, measured: ms(row.p99_ms), limit: `<= ${ms(lim.p99_ms)}`, pass: row.p99_ms <= lim.p99_ms });
  }

  // Path names without the fault nodes a scenario inserted: "camera > policy > robot" stays its name.
  const strip = (p: string): string => p.split(" > ").filter((n) => !m.graph.faultNodeIds.has(n)).join(" > ");
  for (const [path, lim] of Object.entries(b.paths ?? {})) {
    const same = sum.paths.filter((p) => strip(p.path) === path && p.count > 0);
    const known = [...new Set(sum.paths.map((p) => strip(p.path)))];
    if (same.length === 0) rows.push({ budget: `path ${path} p99`, measured: "no data", limit: `<= ${ms(lim.p99_ms)}`, pass: false, detail: `paths seen: ${known.join("; ")}` });
    else {
      const p99 = Math.max(...same.map((p) => p.p99_ms));
      rows.push({ budget: `path ${path} p99`, measured: ms(p99), limit: `<= ${ms(lim.p99_ms)}`, pass: p99 <= lim.p99_ms });
    }
  }

  const delivered = sum.edges.reduce((a, e) => a + e.delivered, 0);
  if (b.deadline_miss_rate !== undefined) {
    const misses = sum.edges.reduce((a, e) => a + e.deadline_misses, 0);
    const rate = delivered > 0 ? misses / delivered : 0;
    rows.push({ budget: "deadline-miss rate", measured: `${pct(rate)} (${misses}/${delivered})`, limit: `<= ${pct(b.deadline_miss_rate)}`, pass: rate <= b.deadline_miss_rate });
  }
  if (b.drop_rate !== undefined) {
    const drops = sum.edges.reduce((a, e) => a + e.dropped_queue + e.dropped_gap, 0);
    const offered = delivered + drops;
    const rate = offered > 0 ? drops / offered : 0;
    rows.push({ budget: "drop rate", measured: `${pct(rate)} (${drops}/${offered})`, limit: `<= ${pct(b.drop_rate)}`, pass: rate <= b.drop_rate });
  }
  if (b.success_rate !== undefined) {
    const robots = sum.nodes.filter((n) => n.type === "sim-robot");
    const rates = robots.map((n) => n.gauges.success_rate).filter((v): v is number => v !== undefined);
    const episodes = robots.reduce((a, n) => a + (n.gauges.episodes ?? 0), 0);
    if (rates.length === 0) rows.push({ budget: "task success rate", measured: "no episode ended", limit: `>= ${b.success_rate}`, pass: false, detail: "run longer, or lower max_steps" });
    else {
      const rate = Math.min(...rates);
      rows.push({ budget: "task success rate", measured: `${rate.toFixed(3)} (${episodes} episodes)`, limit: `>= ${b.success_rate}`, pass: rate >= b.success_rate });
    }
  }
  if (b.errors !== undefined) {
    const errors = sum.nodes.reduce((a, n) => a + n.errors, 0);
    const by = sum.nodes.filter((n) => n.errors > 0).map((n) => `${n.node}: ${n.errors}`);
    rows.push({ budget: "node errors", measured: String(errors), limit: `<= ${b.errors}`, pass: errors <= b.errors, ...(by.length ? { detail: by.join(", ") } : {}) });
  }

  const wd = m.watchdog ? sum.nodes.find((n) => n.node === m.watchdog)?.gauges : undefined;
  if (b.stale_actions !== undefined) rows.push(staleRow(m, b.stale_actions, wd));
  if (b.holds) {
    const lim = [b.holds.min !== undefined ? `>= ${b.holds.min}` : "", b.holds.max !== undefined ? `<= ${b.holds.max}` : ""].filter(Boolean).join(", ");
    if (!wd) rows.push({ budget: "watchdog holds", measured: "no watchdog", limit: lim, pass: false, detail: "no watchdog feeds the actuator: insert one (overrides.insert)" });
    else {
      const holds = wd.holds ?? 0;
      const pass = (b.holds.min === undefined || holds >= b.holds.min) && (b.holds.max === undefined || holds <= b.holds.max);
      rows.push({ budget: "watchdog holds", measured: `${holds} (${wd.hold_episodes ?? 0} episodes, ${wd.withheld ?? 0} stale withheld)`, limit: lim, pass });
    }
  }
  if (b.recovery_ms !== undefined) rows.push(recoveryRow(m, b.recovery_ms, wd));
  if (b.bad_frames) {
    const lim = [b.bad_frames.min !== undefined ? `>= ${b.bad_frames.min}` : "", b.bad_frames.max !== undefined ? `<= ${b.bad_frames.max}` : ""].filter(Boolean).join(", ");
    const links = "links" in m.summary ? (m.summary as MultiProcessSummary).links : [];
    if (links.length === 0) rows.push({ budget: "bad frames on links", measured: "no links", limit: lim, pass: false, detail: "bad frames are counted on the links between processes: a multi-process graph" });
    else {
      const bad = links.reduce((a, l) => a + l.badFrames, 0);
      const corrupted = (m.links ?? []).reduce((a, l) => a + l.corrupted, 0);
      const pass = (b.bad_frames.min === undefined || bad >= b.bad_frames.min) && (b.bad_frames.max === undefined || bad <= b.bad_frames.max);
      const detail = (m.links ?? []).map((l) => `${l.edge}: ${l.corrupted} sent corrupted, ${l.badFrames} dropped as bad, ${Math.max(0, l.corrupted - l.badFrames)} got through`).join("; ");
      rows.push({ budget: "bad frames on links", measured: `${bad} dropped${m.links ? ` (${corrupted} corrupted at the senders)` : ""}`, limit: lim, pass, ...(detail ? { detail } : {}) });
    }
  }
  if (b.recording_lost !== undefined) rows.push(await recordingRow(m, b.recording_lost));
  if (b.golden) {
    const tol = b.golden.tolerance ?? 1e-6;
    if (typeof golden === "string" || golden === undefined) rows.push({ budget: "golden actions", measured: "no reference", limit: `|diff| <= ${tol}`, pass: false, detail: golden ?? "no reference" });
    else {
      const d = compareGolden(golden, m.commands ?? [], tol);
      rows.push({
        budget: "golden actions",
        measured: `${d.mismatches} of ${Math.max(golden.commands.length, m.commands?.length ?? 0)} differ, max |diff| ${d.maxAbsDiff.toExponential(2)}`,
        limit: `0 differ, |diff| <= ${tol}`,
        pass: d.mismatches === 0,
        ...(d.first ? { detail: d.first } : {}),
      });
    }
  }
  return rows;
}

function staleRow(m: Measured, limit: number, wd: Record<string, number> | undefined): BudgetRow {
  const budget = "stale actions at the actuator";
  if (m.staleMs === undefined) return { budget, measured: "no deadline", limit: `<= ${limit}`, pass: false, detail: "put a watchdog before the actuator, or a deadline_ms on its input" };
  if (m.commands) {
    const stale = m.commands.filter((c) => !c.hold && c.ageMs > m.staleMs!);
    const maxAge = Math.max(0, ...m.commands.filter((c) => !c.hold).map((c) => c.ageMs));
    return { budget, measured: `${stale.length} (oldest action ${maxAge.toFixed(3)} ms, deadline ${m.staleMs} ms)`, limit: `<= ${limit}`, pass: stale.length <= limit };
  }
  // Across processes the actuator's input is not tapped here: the watchdog, in the actuator's process,
  // reports the oldest action it forwarded.
  if (!wd) return { budget, measured: "not measured", limit: `<= ${limit}`, pass: false, detail: "a multi-process run measures this through a watchdog before the actuator" };
  const maxAge = wd.max_forwarded_age_ms ?? 0;
  const stale = maxAge > m.staleMs ? 1 : 0;
  return { budget, measured: `${stale === 0 ? "0" : ">= 1"} (oldest forwarded ${maxAge.toFixed(3)} ms, deadline ${m.staleMs} ms; from the watchdog)`, limit: `<= ${limit}`, pass: stale <= limit };
}

/**
 * Recovery: from the end of a fault (a kill: the SIGKILL; a fault with for_ms: its end) to the first
 * fresh action at the actuator that derives from data captured after it. The worst over the faults.
 */
function recoveryRow(m: Measured, limit: number, wd: Record<string, number> | undefined): BudgetRow {
  const budget = "recovery after fault";
  const lim = `<= ${ms(limit)}`;
  const worst: { ms: number; what: string }[] = [];
  if (m.kills.length > 0) {
    for (const k of m.kills) {
      // The watchdog (in the actuator's process) stamps when its latest hold began and ended, on the
      // host's CLOCK_MONOTONIC like the kill: a hold that began after the kill and ended is the recovery.
      if (!wd) return { budget, measured: "not measured", limit: lim, pass: false, detail: "recovery after a kill is measured by a watchdog before the actuator" };
      // The first hold episode that began after the kill; it ends with the first fresh action.
      let holdNs = 0;
      let resumeNs = 0;
      for (let e = 1; wd[`hold_${e}_ns`] !== undefined; e++) {
        if (wd[`hold_${e}_ns`]! >= k.atNs) {
          holdNs = wd[`hold_${e}_ns`]!;
          resumeNs = wd[`resume_${e}_ns`] ?? 0;
          break;
        }
      }
      if (holdNs === 0 && wd.hold_1_ns === undefined && (wd.last_hold_ns ?? 0) >= k.atNs) {
        holdNs = wd.last_hold_ns ?? 0; // a watchdog that does not report episodes: its latest one
        resumeNs = (wd.last_resume_ns ?? 0) > holdNs ? (wd.last_resume_ns ?? 0) : 0;
      }
      if (holdNs === 0) worst.push({ ms: 0, what: `kill ${k.process}: the actuator never went without fresh actions` });
      else if (resumeNs === 0) worst.push({ ms: Number.POSITIVE_INFINITY, what: `kill ${k.process}: no fresh action after it` });
      else worst.push({ ms: nsToMs(resumeNs - k.atNs), what: `kill ${k.process}: held ${nsToMs(resumeNs - holdNs).toFixed(0)} ms` });
    }
  }
  for (const f of m.graph.faults) {
    if ("kill" in f.fault || f.toMs === undefined) continue;
    const end = f.toMs;
    const first = (m.commands ?? []).find((c) => !c.hold && c.tMs - c.ageMs >= end);
    worst.push(first ? { ms: first.tMs - end, what: `${Object.keys(f.fault)[0]} ended at ${end} ms` } : { ms: Number.POSITIVE_INFINITY, what: `no fresh action after the fault that ended at ${end} ms` });
  }
  if (worst.length === 0) return { budget, measured: "no fault", limit: lim, pass: false, detail: "recovery_ms needs a kill, or a fault with for_ms" };
  const w = worst.reduce((a, x) => (x.ms > a.ms ? x : a));
  return { budget, measured: Number.isFinite(w.ms) ? ms(w.ms) : "never", limit: lim, pass: w.ms <= limit, detail: w.what };
}

/**
 * Nothing already recorded is lost: each part the recorder wrote is read as `reflex inspect` reads it
 * (record by record, chunk CRCs). A part closed cleanly must be complete (footer) and hold exactly the
 * messages its recorder had on disk; a part whose process died must still hold, intact, every message
 * its recorder had reported on disk (its last report), whatever the crash tore after that. Messages the
 * recorder dropped (disk behind) count as lost too.
 */
async function recordingRow(m: Measured, limit: number): Promise<BudgetRow> {
  const budget = "recording: messages lost";
  const lim = `<= ${limit}`;
  const rec = m.graph.recorder;
  if (!rec) return { budget, measured: "no recorder", limit: lim, pass: false, detail: "recording_lost needs `record: { topics: [...] }` in the scenario" };
  const parts = m.recorderParts ?? [];
  if (parts.length === 0) return { budget, measured: "no report", limit: lim, pass: false, detail: `the recorder ${rec.node} reported nothing` };
  let lost = 0;
  let intact = true;
  const notes: string[] = [];
  for (const p of parts) {
    const file = recordingPart(rec.file, p.part);
    let rep;
    try {
      rep = await scanRecording(file);
    } catch (err) {
      intact = false;
      lost += p.flushed + p.dropped;
      notes.push(`part ${p.part}: ${err instanceof RecordingError ? err.message : (err as Error).message}`);
      continue;
    }
    // A closed file holds exactly what was flushed; a torn one at least that (the chunk being written may be there too).
    const missing = p.closed ? Math.abs(rep.messages - p.flushed) : Math.max(0, p.flushed - rep.messages);
    lost += missing + p.dropped;
    if (p.closed && !rep.complete) intact = false;
    const state = rep.complete ? "complete" : `cut short (${rep.damage?.reason ?? "no footer"})`;
    notes.push(`part ${p.part}${p.closed ? "" : " (its process died)"}: ${state}, ${rep.messages} messages intact vs ${p.flushed} reported on disk, ${p.dropped} dropped`);
  }
  return { budget, measured: `${lost} (${parts.length} part${parts.length === 1 ? "" : "s"}${intact ? "" : ", a closed part has no footer"})`, limit: lim, pass: intact && lost <= limit, detail: notes.join("; ") };
}
