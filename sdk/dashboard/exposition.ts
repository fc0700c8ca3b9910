// The Prometheus text exposition format (version 0.0.4), written directly: the figures arrive already
// aggregated (totals, and quantiles over the dashboard's window), and a summary family of precomputed
// quantiles is something prom-client cannot write (its Summary computes quantiles from observations).
// Names and label names are checked when a family is declared, so a bad name is a bug found by the
// first scrape in a test, never a line Prometheus rejects in the field.

export type MetricKind = "counter" | "gauge" | "summary";

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

interface Sample {
  readonly suffix: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

export class MetricFamily<L extends string> {
  private readonly samples: Sample[] = [];

  constructor(
    readonly name: string,
    readonly help: string,
    readonly kind: MetricKind,
    readonly labelNames: readonly L[],
  ) {
    if (!METRIC_NAME.test(name)) throw new Error(`metric name "${name}" is not a Prometheus name`);
    if ((kind === "counter") !== name.endsWith("_total")) throw new Error(`metric "${name}": counters, and only counters, end in _total`);
    for (const l of labelNames) {
      if (!LABEL_NAME.test(l) || l.startsWith("__")) throw new Error(`metric "${name}": "${l}" is not a label name`);
      if (kind === "summary" && l === "quantile") throw new Error(`metric "${name}": "quantile" is the summary's own label`);
    }
  }

  /** A counter's or gauge's value for one label set. */
  set(labels: Readonly<Record<L, string>>, value: number): void {
    // A family without labels types its labels as {}, which a bare number also satisfies: set(5) is a bug.
    if (typeof value !== "number") throw new TypeError(`metric "${this.name}": set(labels, value) got no value`);
    this.samples.push({ suffix: "", labels, value });
  }

  /** One row of a summary: a quantile (`{quantile="0.5"}`), or its `_count` / `_sum` (suffix). */
  summaryRow(labels: Readonly<Record<L, string>>, row: { readonly quantile: string } | { readonly suffix: "_count" | "_sum" }, value: number): void {
    if (this.kind !== "summary") throw new Error(`metric "${this.name}" is a ${this.kind}, not a summary`);
    if ("quantile" in row) this.samples.push({ suffix: "", labels: { ...labels, quantile: row.quantile }, value });
    else this.samples.push({ suffix: row.suffix, labels, value });
  }

  /** The family as exposition text, with the `constant` labels (e.g. graph) on every sample. */
  text(constant: Readonly<Record<string, string>>): string {
    const lines = [`# HELP ${this.name} ${escapeHelp(this.help)}`, `# TYPE ${this.name} ${this.kind}`];
    for (const s of this.samples) {
      // The family's own labels first, then the constant ones (the order prom-client wrote, which scrapers
      // and the tests' line matches expect); a family's own label wins over a constant of the same name.
      const pairs = Object.entries({ ...s.labels, ...constant, ...s.labels }).map(([k, v]) => `${k}="${escapeLabelValue(v)}"`);
      lines.push(`${this.name}${s.suffix}${pairs.length > 0 ? `{${pairs.join(",")}}` : ""} ${formatValue(s.value)}`);
    }
    return lines.join("\n");
  }
}

/** The families of one scrape, written in the order they were declared. */
export class Exposition {
  private readonly families = new Map<string, MetricFamily<string>>();

  constructor(private readonly constant: Readonly<Record<string, string>> = {}) {}

  family<L extends string>(name: string, help: string, kind: MetricKind, labelNames: readonly L[]): MetricFamily<L> {
    if (this.families.has(name)) throw new Error(`metric "${name}" is declared twice`);
    const f = new MetricFamily<L>(name, help, kind, labelNames);
    this.families.set(name, f as MetricFamily<string>);
    return f;
  }

  text(): string {
    return `${[...this.families.values()].map((f) => f.text(this.constant)).join("\n")}\n`;
  }
}

function escapeHelp(s: string): string {
  return s.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
}

function escapeLabelValue(s: string): string {
  return s.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

function formatValue(v: number): string {
  if (Number.isNaN(v)) return "NaN";
  if (v === Infinity) return "+Inf";
  if (v === -Infinity) return "-Inf";
  return String(v);
}
