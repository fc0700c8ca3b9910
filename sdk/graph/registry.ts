// The node types a graph may use, by name.
import type { AnyNodeDefinition } from "../core/node.js";

export class NodeRegistry {
  private readonly defs = new Map<string, AnyNodeDefinition>();

  constructor(defs: Iterable<AnyNodeDefinition> = []) {
    for (const d of defs) this.add(d);
  }

  add(def: AnyNodeDefinition): this {
    if (this.defs.has(def.type)) throw new Error(`node type "${def.type}" is registered twice`);
    this.defs.set(def.type, def);
    return this;
  }

  get(type: string): AnyNodeDefinition | undefined {
    return this.defs.get(type);
  }

  types(): string[] {
    return [...this.defs.keys()];
  }

  all(): AnyNodeDefinition[] {
    return [...this.defs.values()];
  }
}
