// The one way this app makes DOM: createElement, textContent and setAttribute. Data never goes
// through innerHTML, so an article or a label can hold "<script>" and still be shown as text.

export type Child = Node | string | null | undefined | false;

export interface ElOptions {
  class?: string;
  text?: string;
  title?: string;
  attrs?: Record<string, string | number | boolean | undefined>;
  dataset?: Record<string, string>;
  on?: { [K in keyof HTMLElementEventMap]?: (ev: HTMLElementEventMap[K]) => void };
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, opts: ElOptions = {}, children: Child[] = []): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (opts.class) node.className = opts.class;
  if (opts.text !== undefined) node.textContent = opts.text;
  if (opts.title) node.title = opts.title;
  for (const [k, v] of Object.entries(opts.attrs ?? {})) {
    if (v === undefined || v === false) continue;
    // Event handlers and inline styles are never set from attributes.
    if (/^on/i.test(k) || k.toLowerCase() === "style") throw new Error(`el: attribute ${k} is not allowed`);
    node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const [k, v] of Object.entries(opts.dataset ?? {})) node.dataset[k] = v;
  for (const [type, fn] of Object.entries(opts.on ?? {})) node.addEventListener(type, fn as EventListener);
  append(node, children);
  return node;
}

export function append(parent: Node, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    parent.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
  }
}

export function clear(node: Node): void {
  while (node.firstChild) node.removeChild(node.firstChild);
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`missing element #${id}`);
  return node as T;
}

/** A small coloured dot or line for legends. */
export function swatch(color: string, kind: "dot" | "line" = "dot"): HTMLSpanElement {
  const s = el("span", { class: `swatch swatch-${kind}`, attrs: { "aria-hidden": "true" } });
  s.style.setProperty("--c", color);
  return s;
}

export function formatDate(date: string | undefined): string {
  if (!date) return "";
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(date);
  if (!m) return date;
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const [, y, mo, d] = m;
  if (!mo) return y;
  const name = months[Number(mo) - 1] ?? mo;
  return d ? `${Number(d)} ${name} ${y}` : `${name} ${y}`;
}
