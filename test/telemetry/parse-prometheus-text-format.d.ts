// Types for parse-prometheus-text-format (the package ships none): what the tests read of its output.
declare module "parse-prometheus-text-format" {
  interface PromMetric {
    readonly value?: string;
    readonly labels?: Readonly<Record<string, string>>;
    /** Summaries: quantile -> value (the parser folds every series of a labelled summary into one). */
    readonly quantiles?: Readonly<Record<string, string>>;
  }
  interface PromFamily {
    readonly name: string;
    readonly help: string;
    readonly type: "COUNTER" | "GAUGE" | "SUMMARY" | "HISTOGRAM" | "UNTYPED";
    readonly metrics: readonly PromMetric[];
  }
  export default function parsePrometheusTextFormat(text: string): PromFamily[];
}
