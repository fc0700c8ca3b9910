// Small DOM helpers. Panels build their elements once and then only change text, attributes and
// classes; lists are keyed so a row for the same key is the same element from one snapshot to the next.

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  e.append(...children);
  return e;
}

const SVG_NS = "http://www.w3.org/2000/svg";

export function s<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

/** Sets text only when it changed: avoids layout work for figures that did not move. */
export function setText(e: Element, text: string): void {
  if (e.textContent !== text) e.textContent = text;
}

export function setAttr(e: Element, name: string, value: string): void {
  if (e.getAttribute(name) !== value) e.setAttribute(name, value);
}

/** Replaces the class that starts with `prefix` (e.g. "h-" for health) with `prefix + value`. */
export function setPrefixedClass(e: Element, prefix: string, value: string): void {
  const want = prefix + value;
  if (e.classList.contains(want)) return;
  for (const c of Array.from(e.classList)) if (c.startsWith(prefix)) e.classList.remove(c);
  e.classList.add(want);
}

/**
 * A list of elements keyed by id: `sync` creates rows for new keys, updates the rest in place, removes
 * rows whose key is gone and keeps the container in the order given.
 */
export class KeyedList<T, R extends { readonly el: Element }> {
  private readonly rows = new Map<string, R>();

  constructor(
    private readonly container: Element,
    private readonly create: (item: T, key: string) => R,
    private readonly update: (row: R, item: T) => void,
  ) {}

  sync(items: readonly T[], key: (item: T) => string): void {
    const seen = new Set<string>();
    let prev: Element | null = null;
    for (const item of items) {
      const k = key(item);
      if (seen.has(k)) continue;
      seen.add(k);
      let row = this.rows.get(k);
      if (!row) this.rows.set(k, (row = this.create(item, k)));
      this.update(row, item);
      const want: Element | null = prev ? prev.nextElementSibling : this.container.firstElementChild;
      if (want !== row.el) this.container.insertBefore(row.el, want);
      prev = row.el;
    }
    for (const [k, row] of this.rows) {
      if (!seen.has(k)) {
        row.el.remove();
        this.rows.delete(k);
      }
    }
  }

  get(key: string): R | undefined {
    return this.rows.get(key);
  }

  get size(): number {
    return this.rows.size;
  }
}
