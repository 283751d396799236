// What the explorer derives from a graph: edge dates, article look-ups, mention indexes, and which
// nodes and edges the filters let through. Pure functions: no DOM, unit-tested in tests/app-*.
import type { KnowledgeGraph } from "../graph";
import type { ArticleMeta, MentionRef } from "../types";

export interface Filters {
  /** Node types switched off. */
  hiddenTypes: Set<string>;
  /** Relation types switched off. */
  hiddenRelations: Set<string>;
  /** Inclusive bounds over the edges' dates (ISO, full or partial); undefined = open. */
  dateFrom?: string;
  dateTo?: string;
  /** Whether edges with no date stay visible while a date range is set. */
  includeUndated: boolean;
  minWeight: number;
  hideIsolated: boolean;
}

export function defaultFilters(): Filters {
  return { hiddenTypes: new Set(), hiddenRelations: new Set(), includeUndated: true, minWeight: 1, hideIsolated: false };
}

export function cloneFilters(f: Filters): Filters {
  return { ...f, hiddenTypes: new Set(f.hiddenTypes), hiddenRelations: new Set(f.hiddenRelations) };
}

export interface Visibility {
  nodes: Set<string>;
  edges: Set<string>;
}

const ISO_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/** A full or partial ISO date as the interval of days it covers, in comparable strings. */
export function dateInterval(date: string): [string, string] {
  const d = date.slice(0, 10);
  if (d.length === 4) return [`${d}-01-01`, `${d}-12-31`];
  if (d.length === 7) return [`${d}-01`, `${d}-31`];
  return [d, d];
}

export function isIsoDate(s: unknown): s is string {
  return typeof s === "string" && ISO_DATE.test(s.slice(0, 10));
}

export class GraphModel {
  readonly articles = new Map<string, ArticleMeta>();
  /** The dates of each edge: its evidence's act dates, else the dates of the articles they come from. */
  readonly edgeDates = new Map<string, string[]>();
  /** Every date any edge carries, sorted. */
  readonly dates: string[];
  readonly maxWeight: number;
  private mentionIndex: Map<string, { node: string; mention: MentionRef }[]> | null = null;

  constructor(readonly graph: KnowledgeGraph) {
    const articles = graph.getAttribute("articles");
    for (const a of Array.isArray(articles) ? articles : []) if (a && typeof a.id === "string") this.articles.set(a.id, a);
    const all = new Set<string>();
    let maxWeight = 1;
    graph.forEachEdge((edge, attrs) => {
      const dates = new Set<string>();
      for (const ev of Array.isArray(attrs.evidence) ? attrs.evidence : []) {
        const d = isIsoDate(ev?.date) ? ev.date : this.articles.get(ev?.article)?.date;
        if (isIsoDate(d)) dates.add(d.slice(0, 10));
      }
      const list = [...dates].sort();
      this.edgeDates.set(edge, list);
      for (const d of list) all.add(d);
      maxWeight = Math.max(maxWeight, Number(attrs.weight) || 0);
    });
    this.dates = [...all].sort((a, b) => (dateInterval(a)[0] < dateInterval(b)[0] ? -1 : dateInterval(a)[0] > dateInterval(b)[0] ? 1 : a < b ? -1 : 1));
    this.maxWeight = maxWeight;
  }

  /** Mentions of every node in one article, sorted by position. */
  mentionsIn(article: string): { node: string; mention: MentionRef }[] {
    if (!this.mentionIndex) {
      const index = new Map<string, { node: string; mention: MentionRef }[]>();
      this.graph.forEachNode((node, attrs) => {
        for (const m of Array.isArray(attrs.mentions) ? attrs.mentions : []) {
          if (!m || typeof m.article !== "string") continue;
          let list = index.get(m.article);
          if (!list) index.set(m.article, (list = []));
          list.push({ node, mention: m });
        }
      });
      for (const list of index.values()) list.sort((a, b) => a.mention.start - b.mention.start || b.mention.end - a.mention.end);
      this.mentionIndex = index;
    }
    return this.mentionIndex.get(article) ?? [];
  }

  edgeInDateRange(edge: string, from?: string, to?: string, includeUndated = true): boolean {
    if (!from && !to) return true;
    const dates = this.edgeDates.get(edge) ?? [];
    if (dates.length === 0) return includeUndated;
    const lo = from ? dateInterval(from)[0] : "";
    const hi = to ? dateInterval(to)[1] : "\uffff";
    return dates.some((d) => {
      const [a, b] = dateInterval(d);
      return b >= lo && a <= hi;
    });
  }

  visibility(f: Filters): Visibility {
    const g = this.graph;
    const nodes = new Set<string>();
    g.forEachNode((node, attrs) => {
      if (!f.hiddenTypes.has(String(attrs.type))) nodes.add(node);
    });
    const edges = new Set<string>();
    g.forEachEdge((edge, attrs, source, target) => {
      if (!nodes.has(source) || !nodes.has(target)) return;
      if (f.hiddenRelations.has(String(attrs.relation))) return;
      if ((Number(attrs.weight) || 0) < f.minWeight) return;
      if (!this.edgeInDateRange(edge, f.dateFrom, f.dateTo, f.includeUndated)) return;
      edges.add(edge);
    });
    if (f.hideIsolated) {
      const linked = new Set<string>();
      for (const e of edges) {
        linked.add(g.source(e));
        linked.add(g.target(e));
      }
      for (const n of [...nodes]) if (!linked.has(n)) nodes.delete(n);
    }
    return { nodes, edges };
  }

  /** Counts per node type and per relation: in the whole graph and among what is shown. */
  counts(v: Visibility): { types: Map<string, [number, number]>; relations: Map<string, [number, number]> } {
    const types = new Map<string, [number, number]>();
    const relations = new Map<string, [number, number]>();
    this.graph.forEachNode((node, attrs) => {
      const c = types.get(String(attrs.type)) ?? [0, 0];
      c[0] += v.nodes.has(node) ? 1 : 0;
      c[1] += 1;
      types.set(String(attrs.type), c);
    });
    this.graph.forEachEdge((edge, attrs) => {
      const c = relations.get(String(attrs.relation)) ?? [0, 0];
      c[0] += v.edges.has(edge) ? 1 : 0;
      c[1] += 1;
      relations.set(String(attrs.relation), c);
    });
    return { types, relations };
  }
}

/** A copy of the graph holding only what is visible, with the contract's attributes only. */
export function subgraph(graph: KnowledgeGraph, v: Visibility | null): KnowledgeGraph {
  const out = graph.nullCopy() as KnowledgeGraph;
  out.replaceAttributes({ articles: graph.getAttribute("articles") ?? [] });
  graph.forEachNode((node, a) => {
    if (v && !v.nodes.has(node)) return;
    out.addNode(node, { label: a.label, label_en: a.label_en, type: a.type, aliases: a.aliases, mentions: a.mentions });
  });
  graph.forEachEdge((edge, a, source, target) => {
    if (v && !v.edges.has(edge)) return;
    if (!out.hasNode(source) || !out.hasNode(target)) return;
    const attrs = { relation: a.relation, weight: a.weight, evidence: a.evidence, ...(a.symmetric ? { symmetric: true } : {}) };
    out.addEdgeWithKey(edge, source, target, attrs);
  });
  return out;
}
