// What the explorer derives from a graph: edge dates, article look-ups, mention indexes, and which
// nodes and edges the filters let through. Pure functions: no DOM, unit-tested in tests/app-*.
import type { KnowledgeGraph } from "../graph";
import type { ArticleMeta, MentionRef } from "../types";
import { drain, runAll } from "./tasks";

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

/** The keys shown: a Set, or every key of the graph (`everything`, no list made). */
export type KeySet = Pick<ReadonlySet<string>, "has" | "size"> & Iterable<string>;

export interface Visibility {
  nodes: KeySet;
  edges: KeySet;
}

/** Every node and edge of `graph` (they are read from the graph, so no list of 100k keys is made). */
export function everything(graph: KnowledgeGraph): Visibility {
  return {
    nodes: { has: (k) => graph.hasNode(k), get size() { return graph.order; }, [Symbol.iterator]: () => graph.nodes()[Symbol.iterator]() },
    edges: { has: (k) => graph.hasEdge(k), get size() { return graph.size; }, [Symbol.iterator]: () => graph.edges()[Symbol.iterator]() },
  };
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

/** An edge's dates, sorted: its evidence's act dates, else the dates of the articles they come from. */
export function edgeDates(evidence: unknown, articleDate: (id: string) => string | undefined): string[] {
  const dates = new Set<string>();
  for (const ev of Array.isArray(evidence) ? (evidence as { date?: unknown; article?: unknown }[]) : []) {
    const d = isIsoDate(ev?.date) ? ev.date : typeof ev?.article === "string" ? articleDate(ev.article) : undefined;
    if (isIsoDate(d)) dates.add(d.slice(0, 10));
  }
  return [...dates].sort();
}

export class GraphModel {
  readonly articles = new Map<string, ArticleMeta>();
  /** The dates of each edge: its evidence's act dates, else the dates of the articles they come from. */
  readonly edgeDates = new Map<string, string[]>();
  private mentionIndex: Map<string, { node: string; mention: MentionRef }[]> | null = null;

  /** Node types and relations present in the graph, with how many of each. */
  readonly types = new Map<string, number>();
  readonly relations = new Map<string, number>();
  /** The smallest edge weight. */
  minWeight = Infinity;
  /** Every date any edge carries, sorted. */
  dates: string[] = [];
  /** How many edges carry each of `dates`. */
  dateCounts: number[] = [];
  maxWeight = 1;

  /** Builds at once; `GraphModel.create` builds in slices for large graphs. */
  constructor(
    readonly graph: KnowledgeGraph,
    deferred = false,
  ) {
    if (!deferred) runAll(this.init());
  }

  /**
   * The model of a large graph, built a few milliseconds at a time; undefined when cancelled.
   * `knownDates`: the edges' dates when already computed (edgeDates), so evidence is not read here.
   */
  static async create(graph: KnowledgeGraph, cancelled?: () => boolean, knownDates?: Map<string, string[]>): Promise<GraphModel | undefined> {
    const m = new GraphModel(graph, true);
    return (await drain(m.init(knownDates), cancelled)) ? m : undefined;
  }

  private *init(knownDates?: Map<string, string[]>): Generator<void, true> {
    const graph = this.graph;
    const articles = graph.getAttribute("articles");
    for (const a of Array.isArray(articles) ? articles : []) if (a && typeof a.id === "string") this.articles.set(a.id, a);
    const all = new Map<string, number>();
    let maxWeight = 1;
    graph.forEachNode((_n, a) => this.types.set(String(a.type), (this.types.get(String(a.type)) ?? 0) + 1));
    let i = 0;
    const articleDates = (id: string) => this.articles.get(id)?.date;
    // By index over the key list (no iterator object per edge: less for the garbage collector).
    const edges = graph.edges();
    for (const edge of edges) {
      const attrs = graph.getEdgeAttributes(edge);
      const list = knownDates?.get(edge) ?? edgeDates(attrs.evidence, articleDates);
      this.edgeDates.set(edge, list);
      for (const d of list) all.set(d, (all.get(d) ?? 0) + 1);
      maxWeight = Math.max(maxWeight, Number(attrs.weight) || 0);
      this.minWeight = Math.min(this.minWeight, Number(attrs.weight) || 0);
      this.relations.set(String(attrs.relation), (this.relations.get(String(attrs.relation)) ?? 0) + 1);
      if (++i % 256 === 0) yield;
    }
    this.dates = [...all.keys()].sort((a, b) => (dateInterval(a)[0] < dateInterval(b)[0] ? -1 : dateInterval(a)[0] > dateInterval(b)[0] ? 1 : a < b ? -1 : 1));
    this.dateCounts = this.dates.map((d) => all.get(d) ?? 0);
    this.maxWeight = maxWeight;
    return true;
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
    return runAll(this.visibilitySteps(f));
  }

  /** What the filters let through, as steps for `drain`. */
  *visibilitySteps(f: Filters): Generator<void, Visibility> {
    const g = this.graph;
    // Nothing filtered out (the defaults, or filters every item passes): no sets to make.
    const allDates = !f.dateFrom && !f.dateTo;
    const allTypes = ![...f.hiddenTypes].some((t) => this.types.has(t));
    const allRelations = ![...f.hiddenRelations].some((r) => this.relations.has(r));
    if (allDates && allTypes && allRelations && f.minWeight <= this.minWeight && !f.hideIsolated) return everything(g);
    const nodes = new Set<string>();
    g.forEachNode((node, attrs) => {
      if (!f.hiddenTypes.has(String(attrs.type))) nodes.add(node);
    });
    yield;
    const edges = new Set<string>();
    let i = 0;
    for (const { edge, attributes: attrs, source, target } of g.edgeEntries()) {
      if (++i % 512 === 0) yield;
      if (!nodes.has(source) || !nodes.has(target)) continue;
      if (f.hiddenRelations.has(String(attrs.relation))) continue;
      if ((Number(attrs.weight) || 0) < f.minWeight) continue;
      if (!this.edgeInDateRange(edge, f.dateFrom, f.dateTo, f.includeUndated)) continue;
      edges.add(edge);
    }
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
  counts(v: Visibility): Counts {
    return runAll(this.countSteps(v));
  }

  *countSteps(v: Visibility): Generator<void, Counts> {
    const types = new Map<string, [number, number]>();
    const relations = new Map<string, [number, number]>();
    if (v.nodes.size === this.graph.order && v.edges.size === this.graph.size) {
      for (const [t, n] of this.types) types.set(t, [n, n]);
      for (const [r, n] of this.relations) relations.set(r, [n, n]);
      return { types, relations };
    }
    this.graph.forEachNode((node, attrs) => {
      const c = types.get(String(attrs.type)) ?? [0, 0];
      c[0] += v.nodes.has(node) ? 1 : 0;
      c[1] += 1;
      types.set(String(attrs.type), c);
    });
    yield;
    let i = 0;
    for (const { edge, attributes: attrs } of this.graph.edgeEntries()) {
      if (++i % 1024 === 0) yield;
      const c = relations.get(String(attrs.relation)) ?? [0, 0];
      c[0] += v.edges.has(edge) ? 1 : 0;
      c[1] += 1;
      relations.set(String(attrs.relation), c);
    }
    return { types, relations };
  }
}

export interface Counts {
  types: Map<string, [number, number]>;
  relations: Map<string, [number, number]>;
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
