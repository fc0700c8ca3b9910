// The layering of sdk/ as docs/architecture.md states it. The rules are read from the document's
// `layers` block, so the page a newcomer reads and the check that CI runs cannot say different things.
import { strict as assert } from "node:assert";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, posix, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const DOC = "docs/architecture.md";

/** One row of the layer table: the files it holds and what they may import. */
export interface Layer {
  readonly name: string;
  /** A folder (ends in "/") or one file, relative to the repository root. */
  readonly files: string;
  /** "*" stands for every sdk layer but the public entry point. */
  readonly mayImport: readonly string[];
  /** Rows that only name a target (nodes/): their own imports are not checked here. */
  readonly unchecked: boolean;
}

export interface Rules {
  readonly layers: readonly Layer[];
}

/** Parses the fenced ```layers block: `name  files  arrow arrow ...`, `-` for none. */
export function parseRules(doc: string): Rules {
  const blocks = [...doc.matchAll(/^```layers\n([\s\S]*?)^```/gm)];
  if (blocks.length !== 1) throw new Error(`${DOC} must hold exactly one \`\`\`layers block (found ${blocks.length})`);
  const layers: Layer[] = [];
  for (const raw of (blocks[0]?.[1] ?? "").split("\n")) {
    const line = raw.replace(/#.*$/, "").trim();
    if (!line) continue;
    const [name, files, ...arrows] = line.split(/\s+/);
    if (!name || !files || arrows.length === 0) throw new Error(`${DOC}: layer row "${raw}" needs a name, its files and what it may import ("-" for nothing)`);
    const unchecked = arrows.length === 1 && arrows[0] === "unchecked";
    layers.push({ name, files, mayImport: unchecked || (arrows.length === 1 && arrows[0] === "-") ? [] : arrows, unchecked });
  }
  return { layers };
}

/** The layer a repository path belongs to: the row with the longest matching file or folder. */
export function layerOf(rules: Rules, path: string): Layer | undefined {
  let best: Layer | undefined;
  for (const l of rules.layers) {
    const hit = l.files.endsWith("/") ? path.startsWith(l.files) : path === l.files;
    if (hit && (!best || l.files.length > best.files.length)) best = l;
  }
  return best;
}

/** The problems of the table itself: unknown names, and circles between layers. */
export function ruleProblems(rules: Rules): string[] {
  const problems: string[] = [];
  const byName = new Map(rules.layers.map((l) => [l.name, l]));
  const everything = rules.layers.filter((l) => l.files.startsWith("sdk/") && l.files.endsWith("/"));
  const edges = new Map<string, string[]>();
  for (const l of rules.layers) {
    const to: string[] = [];
    for (const a of l.mayImport) {
      if (a === "*") {
        to.push(...everything.filter((e) => e !== l).map((e) => e.name));
        continue;
      }
      const layerName = a.includes("/") ? a.slice(0, a.indexOf("/")) : a;
      if (!byName.has(layerName)) problems.push(`layer ${l.name} may import "${a}", which names no layer`);
      else if (a.includes("/") && !existsSync(join(ROOT, byName.get(layerName)?.files ?? "", a.slice(a.indexOf("/") + 1)))) {
        problems.push(`layer ${l.name} may import "${a}", which is no file`);
      }
      to.push(layerName);
    }
    edges.set(l.name, to);
  }
  // "*" rows sit on top by definition; a circle among the others means the table contradicts itself.
  const named = new Map([...edges].filter(([n]) => !byName.get(n)?.mayImport.includes("*")));
  for (const c of cycles(new Map([...named].map(([n, to]) => [n, to.filter((t) => named.has(t))])))) {
    problems.push(`the layers import each other in a circle: ${c.join(" -> ")}`);
  }
  return problems;
}

/** One import found in a source file, resolved to a repository path. */
export interface Import {
  readonly from: string;
  readonly line: number;
  readonly specifier: string;
  readonly to: string;
}

/** Static imports and exports, `import type`, `import("...")` calls and `import("...")` types: every relative one. */
export function importsOf(path: string, text: string, exists: (p: string) => boolean): Import[] {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  const found: Import[] = [];
  const add = (node: ts.Node, spec: ts.Expression | ts.TypeNode | undefined): void => {
    const literal = spec && ts.isLiteralTypeNode(spec) ? spec.literal : spec;
    if (!literal || !ts.isStringLiteral(literal) || !literal.text.startsWith(".")) return;
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    found.push({ from: path, line, specifier: literal.text, to: resolveSpecifier(path, literal.text, exists) });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) add(node, node.moduleSpecifier);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node, node.arguments[0]);
    else if (ts.isImportTypeNode(node)) add(node, node.argument);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) add(node, node.moduleReference.expression);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** "./x.js" names x.ts in source (NodeNext resolution); a folder names its index.ts. */
function resolveSpecifier(from: string, specifier: string, exists: (p: string) => boolean): string {
  const target = posix.normalize(posix.join(posix.dirname(from), specifier));
  const stem = target.replace(/\.js$/, "");
  for (const candidate of [`${stem}.ts`, `${stem}.d.ts`, target, `${target}/index.ts`]) if (exists(candidate)) return candidate;
  return target;
}

/** Every import that the table forbids, one line each, naming the file, the import and the rule. */
export function violations(rules: Rules, imports: readonly Import[]): string[] {
  const out: string[] = [];
  for (const imp of imports) {
    const from = layerOf(rules, imp.from);
    if (!from) {
      out.push(`${imp.from}: in no layer of ${DOC} (add its folder to the layers block)`);
      continue;
    }
    if (from.unchecked) continue;
    const to = layerOf(rules, imp.to);
    if (to === from) continue;
    const allowed = allowedText(from);
    if (!to) {
      out.push(`${imp.from}:${imp.line} imports "${imp.specifier}" (${imp.to}), which is in no layer: ${from.name} may import ${allowed}`);
      continue;
    }
    const star = from.mayImport.includes("*") && to.files.startsWith("sdk/") && to.files.endsWith("/");
    const whole = from.mayImport.includes(to.name);
    const oneFile = from.mayImport.some((a) => a.includes("/") && join(to.files, a.slice(a.indexOf("/") + 1)) === imp.to);
    if (star || whole || oneFile) continue;
    out.push(`${imp.from}:${imp.line} imports "${imp.specifier}": ${from.name} -> ${to.name} is not allowed (${from.name} may import ${allowed})`);
  }
  return [...new Set(out)];
}

function allowedText(l: Layer): string {
  return l.mayImport.length === 0 ? "nothing" : l.mayImport.join(", ");
}

/** Each circle of a directed graph once, as a path that ends where it starts (Tarjan, then a walk inside each component). */
export function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const connect = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) ?? 0, index.get(w) ?? 0));
    }
    if (low.get(v) === index.get(v)) {
      const c: string[] = [];
      let w: string | undefined;
      do {
        w = stack.pop();
        if (w === undefined) break;
        onStack.delete(w);
        c.push(w);
      } while (w !== v);
      if (c.length > 1 || (graph.get(v) ?? []).includes(v)) components.push(c);
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) connect(v);
  return components.map((c) => circleThrough(graph, new Set(c), [...c].sort()[0] ?? "")).sort((a, b) => (a[0] ?? "").localeCompare(b[0] ?? ""));
}

/** A shortest circle from start back to start, staying inside one strongly connected component. */
function circleThrough(graph: ReadonlyMap<string, readonly string[]>, inside: ReadonlySet<string>, start: string): string[] {
  const parent = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const v = queue[i] ?? "";
    for (const w of [...(graph.get(v) ?? [])].sort()) {
      if (!inside.has(w)) continue;
      if (w === start) {
        const chain: string[] = [];
        for (let u: string | undefined = v; u !== undefined && u !== start; u = parent.get(u)) chain.unshift(u);
        return [start, ...chain, start];
      }
      if (!parent.has(w) && w !== start) {
        parent.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(ROOT, dir)).sort()) {
    const path = `${dir}/${name}`;
    if (statSync(join(ROOT, path)).isDirectory()) out.push(...sourceFiles(path));
    else if (name.endsWith(".ts")) out.push(path);
  }
  return out;
}

function list(lines: readonly string[]): string {
  return lines.map((l) => `  ${l}`).join("\n");
}

describe("architecture (docs/architecture.md)", () => {
  const rules = parseRules(readFileSync(join(ROOT, DOC), "utf8"));
  const exists = (p: string): boolean => existsSync(join(ROOT, p));
  const files = sourceFiles("sdk");
  const imports = files.flatMap((f) => importsOf(f, readFileSync(join(ROOT, f), "utf8"), exists));

  it("the layer table names a row for every folder of sdk/, and its arrows form no circle", () => {
    const folders = readdirSync(join(ROOT, "sdk")).filter((n) => statSync(join(ROOT, "sdk", n)).isDirectory());
    const missing = folders.filter((f) => !rules.layers.some((l) => l.files === `sdk/${f}/`)).map((f) => `sdk/${f}/ has no row`);
    const problems = [...missing, ...ruleProblems(rules)];
    if (problems.length > 0) assert.fail(`${DOC}, layers block:\n${list(problems)}`);
  });

  it("every import in sdk/ is an arrow the layer table allows", () => {
    assert.ok(imports.length > 100, `read only ${imports.length} imports from ${files.length} files`);
    const bad = violations(rules, imports);
    if (bad.length > 0) assert.fail(`${bad.length} imports that ${DOC} forbids:\n${list(bad)}`);
  });

  it("no file in sdk/ imports itself through a circle of other files", () => {
    const graph = new Map<string, string[]>(files.map((f) => [f, []]));
    for (const imp of imports) if (imp.to.startsWith("sdk/")) graph.get(imp.from)?.push(imp.to);
    const found = cycles(graph).map((c) => c.join(" -> "));
    if (found.length > 0) assert.fail(`import circles:\n${list(found)}`);
  });

  it("catches a forbidden arrow, a file outside every layer and a circle (the checker is not vacuous)", () => {
    const fake = parseRules("```layers\ncore sdk/core/ -\ngraph sdk/graph/ core transport/endpoint.ts\ntransport sdk/transport/ core\ncli sdk/cli/ * nodes\nnodes nodes/ unchecked\n```\n");
    const seen = new Set(["sdk/core/a.ts", "sdk/graph/b.ts", "sdk/transport/endpoint.ts", "sdk/transport/link.ts", "nodes/index.ts"]);
    const imps = [
      ...importsOf("sdk/core/a.ts", 'import { b } from "../graph/b.js";\nexport const a = 1;', (p) => seen.has(p)),
      ...importsOf("sdk/graph/b.ts", 'import type { A } from "../core/a.js";\nimport "../transport/endpoint.js";\nconst l = await import("../transport/link.js");', (p) => seen.has(p)),
      ...importsOf("sdk/cli/c.ts", 'export * from "../../nodes/index.js";\ntype T = import("../graph/b.js").B;', (p) => seen.has(p)),
      ...importsOf("sdk/graph/d.ts", 'import { n } from "../../nodes/index.js";', (p) => seen.has(p)),
      ...importsOf("sdk/stray/e.ts", 'import { a } from "../core/a.js";', (p) => seen.has(p)),
    ];
    assert.equal(imps.length, 8);
    assert.deepEqual(violations(fake, imps), [
      'sdk/core/a.ts:1 imports "../graph/b.js": core -> graph is not allowed (core may import nothing)',
      'sdk/graph/b.ts:3 imports "../transport/link.js": graph -> transport is not allowed (graph may import core, transport/endpoint.ts)',
      'sdk/graph/d.ts:1 imports "../../nodes/index.js": graph -> nodes is not allowed (graph may import core, transport/endpoint.ts)',
      `sdk/stray/e.ts: in no layer of ${DOC} (add its folder to the layers block)`,
    ]);
    assert.deepEqual(cycles(new Map([["a", ["b"]], ["b", ["c", "a"]], ["c", ["a"]], ["d", ["d"]], ["e", ["a"]]])), [
      ["a", "b", "a"],
      ["d", "d"],
    ]);
    assert.deepEqual(ruleProblems(parseRules("```layers\na sdk/a/ b\nb sdk/b/ a\nc sdk/c/ zz\n```\n")), [
      'layer c may import "zz", which names no layer',
      "the layers import each other in a circle: a -> b -> a",
    ]);
  });
});
