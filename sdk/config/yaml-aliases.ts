// YAML aliases (`*name`) checked where they are written. The yaml library only finds a bad alias when
// the document is turned into plain values, and then throws a ReferenceError that says neither where
// nor how to fix it: an alias to no anchor, an alias inside its own anchor (a value that contains
// itself), and an alias bomb ("billion laughs": each level repeats the one below, so a few lines
// expand to billions of values; the library stops at its maxAliasCount).
import { isAlias, isCollection, isPair, isScalar, visit, type Alias, type Document, type Node } from "yaml";
import { didYouMean } from "../core/suggest.js";
import type { Diagnostic } from "./diagnostic.js";
import type { ConfigSource } from "./source.js";

/** Undefined and self-containing aliases of the document, each at its `*name`. */
export function aliasProblems(source: ConfigSource): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const { alias, target, inside } of resolveAliases(source.doc)) {
    const name = alias.source;
    const where = source.at(alias.range?.[0] ?? 0);
    if (!target) {
      out.push(
        source.diagnostic([], `alias "*${name}" refers to no anchor`, {
          where,
          expected: `an anchor "&${name}" on a value above this line`,
          suggestion: didYouMean(name, anchorNames(source.doc)) ?? `define it with &${name} before this line, or quote the value if "*${name}" is meant as text`,
        }),
      );
    } else if (inside) {
      out.push(
        source.diagnostic([], `alias "*${name}" is inside the value its anchor names: that value would contain itself`, {
          where,
          suggestion: "alias a value defined elsewhere, or write the value out",
        }),
      );
    }
  }
  return out;
}

/**
 * The diagnostic for a document the yaml library refused to expand (toJS threw `err`): at the alias
 * that expands to the most values when it is a bomb, else at the document's start.
 */
export function expansionDiagnostic(source: ConfigSource, err: unknown): Diagnostic {
  const message = err instanceof Error ? err.message : String(err);
  const aliases = resolveAliases(source.doc);
  if (/resource exhaustion|alias count/i.test(message) && aliases.length > 0) {
    const weight = expansionWeights(aliases);
    let worst = aliases[0]!;
    for (const a of aliases) if (weight(a.alias) > weight(worst.alias)) worst = a;
    return source.diagnostic([], `aliases expand this document too far: "*${worst.alias.source}" alone stands for ${formatCount(weight(worst.alias))} values`, {
      where: source.at(worst.alias.range?.[0] ?? 0),
      expected: "a document whose aliases repeat a value a few times, not a tree of aliases of aliases",
      suggestion: "write the values out, or alias a value once per use rather than aliases of lists of aliases",
    });
  }
  return source.diagnostic([], `the YAML cannot be read as values: ${message}`, { where: { line: 1, col: 1 }, expected: "valid YAML" });
}

interface ResolvedAlias {
  readonly alias: Alias;
  /** The anchored node it stands for: the last one of that name before it, as the yaml library resolves. */
  readonly target: Node | undefined;
  /** The alias sits within its target. */
  readonly inside: boolean;
}

function resolveAliases(doc: Document): ResolvedAlias[] {
  const anchors = new Map<string, Node>();
  const out: ResolvedAlias[] = [];
  // visit() goes depth first in document order: an anchor seen before an alias is defined above it.
  visit(doc, {
    Node: (_key, node) => {
      if (isAlias(node)) {
        const target = anchors.get(node.source);
        out.push({ alias: node, target, inside: target !== undefined && contains(target, node) });
      } else if ((isScalar(node) || isCollection(node)) && node.anchor) {
        anchors.set(node.anchor, node);
      }
    },
  });
  return out;
}

function anchorNames(doc: Document): string[] {
  const names = new Set<string>();
  visit(doc, {
    Node: (_key, node) => {
      if ((isScalar(node) || isCollection(node)) && node.anchor) names.add(node.anchor);
    },
  });
  return [...names];
}

function contains(outer: Node, inner: Node): boolean {
  let found = false;
  if (isCollection(outer)) {
    visit(outer, {
      Node: (_key, node) => {
        if (node === inner) {
          found = true;
          return visit.BREAK;
        }
        return undefined;
      },
    });
  }
  return found;
}

/** How many values a node stands for once its aliases are expanded (memoised, so a bomb costs nothing). */
function expansionWeights(aliases: readonly ResolvedAlias[]): (node: unknown) => number {
  const targets = new Map<unknown, Node | undefined>(aliases.map((a) => [a.alias, a.target]));
  const memo = new Map<unknown, number>();
  const weight = (node: unknown): number => {
    const known = memo.get(node);
    if (known !== undefined) return known;
    // A node met again while it is weighed (an alias inside its anchor: aliasProblems reports it) counts once.
    memo.set(node, 1);
    let w = 1;
    if (isAlias(node)) w = weight(targets.get(node));
    else if (isPair(node)) w = weight(node.key) + weight(node.value);
    else if (isCollection(node)) for (const item of node.items) w += weight(item);
    memo.set(node, w);
    return w;
  };
  return weight;
}

function formatCount(n: number): string {
  return n >= 1e6 ? n.toExponential(1) : String(n);
}
