// The right panel: an overview when nothing is selected, a node's or an edge's details with their
// relations and source quotes, and (through reader.ts) the article reader.
import { RELATION_TYPES, type Evidence } from "../types";
import { append, clear, el, formatDate, swatch, type Child } from "./dom";
import type { GraphModel, Visibility } from "./model";
import { nodeColor, orderedRelations, relationColor, relationName, typeName } from "./palette";
import { quoteBlock } from "./quotes";
import { nextFrame } from "./tasks";

export interface PanelActions {
  selectNode(node: string): void;
  selectEdge(edge: string): void;
  openReader(article: string, start?: number, end?: number): void;
  close(): void;
}

const QUOTES_SHOWN = 3;

export function nodeName(model: GraphModel, node: string): string {
  return model.graph.hasNode(node) ? String(model.graph.getNodeAttribute(node, "label") ?? node) : node;
}

function typeBadge(type: string): HTMLElement {
  return el("span", { class: "badge" }, [swatch(nodeColor(type)), typeName(type)]);
}

function nodeLink(model: GraphModel, node: string, actions: PanelActions, bold = false): HTMLElement {
  const type = String(model.graph.getNodeAttribute(node, "type"));
  const b = el("button", { class: `node-link${bold ? " self" : ""}`, attrs: { type: "button", "data-node": node }, title: model.graph.getNodeAttribute(node, "label_en") || undefined, on: { click: () => actions.selectNode(node) } }, [
    swatch(nodeColor(type)),
    nodeName(model, node),
  ]);
  if (bold) b.disabled = true;
  return b;
}

function dateList(model: GraphModel, edge: string): string {
  const dates = model.edgeDates.get(edge) ?? [];
  if (dates.length === 0) return "";
  if (dates.length <= 2) return dates.map(formatDate).join(", ");
  return `${formatDate(dates[0])} – ${formatDate(dates[dates.length - 1])}`;
}

function quotesList(model: GraphModel, evidence: Evidence[], nodes: string[], actions: PanelActions): HTMLElement {
  const list = el("ul", { class: "quotes" });
  const open = (ev: Evidence) => actions.openReader(ev.article, ev.start, ev.end);
  const items = (Array.isArray(evidence) ? evidence : []).filter((ev) => ev && typeof ev.article === "string");
  items.slice(0, QUOTES_SHOWN).forEach((ev) => list.appendChild(quoteBlock(model, ev, nodes, open)));
  if (items.length > QUOTES_SHOWN) {
    const more = el("button", {
      class: "more",
      text: `Show ${items.length - QUOTES_SHOWN} more ${items.length - QUOTES_SHOWN === 1 ? "quote" : "quotes"}`,
      attrs: { type: "button" },
      on: {
        click: () => {
          more.remove();
          items.slice(QUOTES_SHOWN).forEach((ev) => list.appendChild(quoteBlock(model, ev, nodes, open)));
        },
      },
    });
    list.appendChild(el("li", { class: "more-item" }, [more]));
  }
  return list;
}

function header(title: Child[], actions: PanelActions): HTMLElement {
  return el("div", { class: "panel-head" }, [
    el("div", { class: "panel-title" }, title),
    el("button", { class: "icon-btn close", text: "×", title: "Clear selection (Esc)", attrs: { type: "button", "aria-label": "Clear selection" }, on: { click: () => actions.close() } }),
  ]);
}

export function renderOverview(root: HTMLElement, model: GraphModel, v: Visibility, actions: PanelActions, source: string): void {
  clear(root);
  root.dataset.view = "overview";
  // Plain string order: dates are ISO (localeCompare on thousands of them takes a while).
  const day = (a: { date?: string }) => String(a.date ?? "");
  const arts = [...model.articles.values()].sort((a, b) => (day(a) < day(b) ? -1 : day(a) > day(b) ? 1 : 0));
  const list = el("ul", { class: "article-list" });
  root.append(
    el("h2", { class: "panel-h", text: "Overview" }),
    el("p", { class: "muted", text: `${model.graph.order} nodes, ${model.graph.size} relations from ${arts.length} ${arts.length === 1 ? "article" : "articles"}; ${v.nodes.size} nodes and ${v.edges.size} relations shown. Source: ${source}.` }),
    el("ul", { class: "tips" }, [
      el("li", { text: "Hover a node to light its neighbourhood; click it for its relations and the sentences they come from." }),
      el("li", { text: "Click a quote to read the whole article." }),
      el("li", { text: "Press / to search, Esc to clear the selection." }),
    ]),
    el("h3", { class: "section-h", text: "Articles" }),
    list,
  );
  // A long list is built a slice at a time (thousands of articles take a while to make).
  const item = (a: (typeof arts)[number]) =>
    el("li", {}, [
      el("button", { class: "article-link", attrs: { type: "button", "data-article": a.id }, on: { click: () => actions.openReader(a.id) } }, [
        el("span", { class: "article-title", text: a.title?.trim() || a.id }),
        el("span", { class: "article-date", text: formatDate(a.date) }),
      ]),
    ]);
  // The first ones at once, the rest a batch per frame: added in back-to-back tasks, 2,000 articles
  // (8,000 elements) were styled and laid out in one frame, a task of about 100 ms.
  const first = Math.min(arts.length, ARTICLE_FIRST);
  list.append(...arts.slice(0, first).map(item));
  const gone = () => !list.isConnected;
  void (async () => {
    for (let i = first; i < arts.length; i += ARTICLES_PER_FRAME) {
      await nextFrame();
      if (gone()) return;
      list.append(...arts.slice(i, i + ARTICLES_PER_FRAME).map(item));
    }
  })();
}

/** Articles listed at once in the overview; the others follow a batch per frame. */
const ARTICLE_FIRST = 40;
/** About 12 ms of styling and layout per frame on the benchmark machine (800 elements). */
const ARTICLES_PER_FRAME = 200;

export function renderNode(root: HTMLElement, model: GraphModel, node: string, v: Visibility, actions: PanelActions): void {
  clear(root);
  root.dataset.view = "node";
  const g = model.graph;
  const a = g.getNodeAttributes(node);
  const aliases = (Array.isArray(a.aliases) ? a.aliases : []).filter((x) => typeof x === "string" && x !== a.label);
  const mentions = Array.isArray(a.mentions) ? a.mentions : [];
  const inArticles = new Set(mentions.map((m) => m.article)).size;
  append(root, [
    header([typeBadge(String(a.type))], actions),
    el("h2", { class: "node-name", text: String(a.label ?? node), attrs: { lang: "vi" } }),
    a.label_en && a.label_en !== a.label ? el("p", { class: "node-name-en", text: String(a.label_en), attrs: { lang: "en" } }) : null,
    aliases.length
      ? el("div", { class: "aliases" }, [el("span", { class: "field-label", text: "Also called" }), ...aliases.map((x) => el("span", { class: "chip", text: x }))])
      : null,
    el("p", { class: "muted small", text: `${mentions.length} ${mentions.length === 1 ? "mention" : "mentions"} in ${inArticles} ${inArticles === 1 ? "article" : "articles"} · key ${node}` }),
  ]);

  // Relations grouped by type; within a group, outgoing first, then by date.
  const groups = new Map<string, string[]>();
  g.forEachEdge(node, (edge, ea) => {
    const r = String(ea.relation);
    const list = groups.get(r) ?? [];
    list.push(edge);
    groups.set(r, list);
  });
  const total = [...groups.values()].reduce((n, l) => n + l.length, 0);
  root.append(el("h3", { class: "section-h", text: total ? `Relations (${total})` : "No relations" }));
  for (const relation of orderedRelations(groups.keys())) {
    const edges = groups.get(relation)!;
    edges.sort((x, y) => {
      const ox = g.source(x) === node ? 0 : 1;
      const oy = g.source(y) === node ? 0 : 1;
      return ox - oy || (model.edgeDates.get(x)?.[0] ?? "9").localeCompare(model.edgeDates.get(y)?.[0] ?? "9");
    });
    const section = el("section", { class: "rel-group", dataset: { relation } }, [
      el("h4", { class: "rel-group-h" }, [swatch(relationColor(relation), "line"), relationName(relation), el("span", { class: "count", text: String(edges.length) })]),
    ]);
    for (const edge of edges) section.appendChild(relationRow(model, edge, node, v, actions));
    root.appendChild(section);
  }
}

function relationRow(model: GraphModel, edge: string, self: string | null, v: Visibility, actions: PanelActions): HTMLElement {
  const g = model.graph;
  const ea = g.getEdgeAttributes(edge);
  const [s, t] = g.extremities(edge);
  const dates = dateList(model, edge);
  const hidden = !v.edges.has(edge);
  return el("div", { class: `rel${hidden ? " filtered" : ""}`, dataset: { edge } }, [
    el("div", { class: "rel-head" }, [
      el("span", { class: "rel-sentence" }, [
        nodeLink(model, s, actions, s === self),
        el("span", { class: "rel-verb", text: ` ${relationName(String(ea.relation))}${ea.symmetric ? " (both ways)" : ""} ` }),
        nodeLink(model, t, actions, t === self),
      ]),
      el("span", { class: "rel-meta" }, [
        dates ? el("span", { class: "date", text: dates }) : null,
        el("button", { class: "edge-link", text: "Details", title: "Show this relation", attrs: { type: "button" }, on: { click: () => actions.selectEdge(edge) } }),
      ]),
    ]),
    hidden ? el("div", { class: "muted small", text: "Hidden by the current filters." }) : null,
    quotesList(model, ea.evidence, [s, t], actions),
  ]);
}

export function renderEdge(root: HTMLElement, model: GraphModel, edge: string, v: Visibility, actions: PanelActions): void {
  clear(root);
  root.dataset.view = "edge";
  const g = model.graph;
  const ea = g.getEdgeAttributes(edge);
  const [s, t] = g.extremities(edge);
  const relation = String(ea.relation);
  const dates = dateList(model, edge);
  const evidence = Array.isArray(ea.evidence) ? ea.evidence : [];
  append(root, [
    header([el("span", { class: "badge" }, [swatch(relationColor(relation), "line"), relationName(relation)])], actions),
    el("h2", { class: "edge-name" }, [
      nodeLink(model, s, actions),
      el("span", { class: "rel-verb", text: ` ${relationName(relation)} ` }),
      nodeLink(model, t, actions),
    ]),
    el("p", {
      class: "muted small",
      text: [
        ea.symmetric ? "Holds both ways." : (RELATION_TYPES as readonly string[]).includes(relation) ? "Directed: subject → object." : "",
        `${Number(ea.weight) || evidence.length} supporting ${Number(ea.weight) === 1 ? "sentence" : "sentences"}.`,
        dates ? `Dated ${dates}.` : "Undated.",
        v.edges.has(edge) ? "" : "Hidden by the current filters.",
      ]
        .filter(Boolean)
        .join(" "),
    }),
    el("h3", { class: "section-h", text: `Source quotes (${evidence.length})` }),
    quotesList(model, evidence, [s, t], actions),
  ]);
}
