// A problem found in a config: what, where (file:line:col and the YAML path), what was expected, and a
// suggestion where a near name exists. Every check reports into one list so a file's problems are
// shown together.

export interface Diagnostic {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  /** Dotted YAML path, e.g. "nodes.policy.inputs.image.from". */
  readonly path: string;
  readonly message: string;
  readonly expected?: string;
  readonly suggestion?: string;
  /** The text of the offending line, for the code frame. */
  readonly lineText?: string;
}

export class ConfigError extends Error {
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join("\n\n"));
    this.name = "ConfigError";
  }
}

export function formatDiagnostic(d: Diagnostic): string {
  const lines = [`${d.file}:${d.line}:${d.col}: error: ${d.path ? `${d.path}: ` : ""}${d.message}`];
  if (d.lineText !== undefined) {
    const gutter = String(d.line).length;
    lines.push(`  ${String(d.line)} | ${d.lineText}`);
    lines.push(`  ${" ".repeat(gutter)} | ${" ".repeat(Math.max(0, d.col - 1))}^`);
  }
  if (d.expected) lines.push(`  expected: ${d.expected}`);
  if (d.suggestion) lines.push(`  hint: ${d.suggestion}`);
  return lines.join("\n");
}

export function formatDiagnostics(ds: readonly Diagnostic[]): string {
  const n = ds.length;
  return `${ds.map(formatDiagnostic).join("\n\n")}\n\n${n} problem${n === 1 ? "" : "s"} found; nothing was started.`;
}
