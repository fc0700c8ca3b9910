// Number formatting shared by the panels: figures arrive in µs / ms / MB and are shown with a width
// that does not jump from one snapshot to the next.

/** Microseconds shown as milliseconds with three decimals below 10 ms, fewer above. */
export function fmtMsFromUs(us: number): string {
  return fmtMs(us / 1000);
}

export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return "–";
  if (ms < 10) return ms.toFixed(3);
  if (ms < 1000) return ms.toFixed(1);
  return ms.toFixed(0);
}

export function fmtRate(perS: number): string {
  if (!Number.isFinite(perS)) return "–";
  if (perS >= 100) return perS.toFixed(0);
  return perS.toFixed(1);
}

export function fmtCount(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (n >= 1e4) return `${(n / 1e3).toFixed(1)}k`;
  return String(n);
}

/** A gauge value: integers as they are, fractions with up to three decimals. */
export function fmtGauge(v: number): string {
  if (!Number.isFinite(v)) return "–";
  if (Number.isInteger(v)) return String(v);
  return Math.abs(v) >= 100 ? v.toFixed(1) : v.toFixed(3);
}

/** Run time since start as m:ss.s */
export function fmtClock(ms: number): string {
  const s = ms / 1000;
  const m = Math.floor(s / 60);
  return `${m}:${(s - m * 60).toFixed(1).padStart(4, "0")}`;
}

/** Node ids are [A-Za-z0-9_-]; paths join them with "." (not allowed in ids) for a test id. */
export function pathSlug(nodes: readonly string[]): string {
  return nodes.join(".");
}

/** "camera/image" -> "camera": edge ends may carry the port. */
export function nodeOf(end: string): string {
  const i = end.indexOf("/");
  return i < 0 ? end : end.slice(0, i);
}
