// One canonical serialized form of a graph, so that the same graph always gives the same bytes in
// every format: nodes and edges sorted by key (plain code-unit order, not locale order), attributes
// in the contract's order (src/types.ts) and any extra attribute after them, sorted by name.
import { createGraph, type KnowledgeGraph } from "../graph";
import type { ArticleMeta, EdgeAttributes, Evidence, MentionRef, NodeAttributes } from "../types";
import type { SerializedGraphData } from "./schema";
import { UNSAFE_KEYS, UNSAFE_REASON } from "./xml";
import { sortInPlace } from "../text/order";

export interface CanonicalNode {
  key: string;
  attributes: NodeAttributes;
}
export interface CanonicalEdge {
  key: string;
  source: string;
  target: string;
  attributes: EdgeAttributes;
}
export interface CanonicalGraph {
  options: { type: "directed"; multi: true; allowSelfLoops: false };
  attributes: { articles: ArticleMeta[] };
  nodes: CanonicalNode[];
  edges: CanonicalEdge[];
}

export const ARTICLE_KEYS = ["id", "title", "date", "source", "text"] as const;
export const MENTION_KEYS = ["article", "start", "end", "text"] as const;
export const EVIDENCE_KEYS = ["article", "sentence", "start", "end", "date"] as const;
export const NODE_KEYS = ["label", "label_en", "type", "aliases", "mentions"] as const;
export const EDGE_KEYS = ["relation", "weight", "evidence", "symmetric"] as const;

export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Any value with object keys sorted at every depth; undefined properties dropped. */
export function sortDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortDeep);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort(compareKeys)) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = sortDeep(v);
    }
    return out;
  }
  return value;
}

/** `obj` with `order` keys first (when defined), then the other keys sorted, values sorted deep. */
export function ordered<T>(obj: T, order: readonly string[], nested: Record<string, (v: unknown) => unknown> = {}): T {
  const src = obj as Record<string, unknown>;
  // A built graph's attributes are made in this order already: the same object, not a copy (a
  // copy of every node, edge, mention and evidence made the writers' garbage collection their
  // largest cost).
  if (inOrder(src, order, nested)) return obj;
  const out: Record<string, unknown> = {};
  for (const k of order) {
    const v = src[k];
    if (v !== undefined) out[k] = nested[k] ? nested[k](v) : v;
  }
  for (const k of Object.keys(src).sort(compareKeys)) {
    if (order.includes(k) || src[k] === undefined) continue;
    out[k] = sortDeep(src[k]);
  }
  return out as T;
}

/** Whether ordered(src, …) would be a copy equal to src, key for key in the same order. */
function inOrder(src: Record<string, unknown>, order: readonly string[], nested: Record<string, (v: unknown) => unknown>): boolean {
  const keys = Object.keys(src);
  let at = 0;
  for (const k of order) {
    const v = src[k];
    if (v === undefined) {
      if (Object.hasOwn(src, k)) return false;
      continue;
    }
    if (keys[at] !== k || (nested[k] && nested[k](v) !== v)) return false;
    at++;
  }
  for (let j = at; j < keys.length; j++) {
    const v = src[keys[j]];
    // sortDeep copies objects and lists; scalars are kept as they are.
    if (v === undefined || (v !== null && typeof v === "object") || order.includes(keys[j])) return false;
    if (j > at && compareKeys(keys[j - 1], keys[j]) >= 0) return false;
  }
  return true;
}

/** Each object of a list ordered by `keys`; the list itself when every one already is. */
const eachOrdered = (keys: readonly string[]) => (v: unknown) => {
  if (!Array.isArray(v)) return v;
  let out: unknown[] | undefined;
  for (let i = 0; i < v.length; i++) {
    const x: unknown = v[i];
    const y = x !== null && typeof x === "object" ? ordered(x, keys) : x;
    if (out === undefined && y !== x) out = v.slice(0, i);
    out?.push(y);
  }
  return out ?? v;
};

export function canonicalArticle(a: ArticleMeta): ArticleMeta {
  return ordered(a, ARTICLE_KEYS);
}
export function canonicalNodeAttributes(a: NodeAttributes): NodeAttributes {
  return ordered(a, NODE_KEYS, { mentions: eachOrdered(MENTION_KEYS) });
}
export function canonicalEdgeAttributes(a: EdgeAttributes): EdgeAttributes {
  return ordered(a, EDGE_KEYS, { evidence: eachOrdered(EVIDENCE_KEYS) });
}
export function canonicalMention(m: MentionRef): MentionRef {
  return ordered(m, MENTION_KEYS);
}
export function canonicalEvidence(e: Evidence): Evidence {
  return ordered(e, EVIDENCE_KEYS);
}

const byKey = (a: { key: string }, b: { key: string }) => compareKeys(a.key, b.key);

/** The graph in canonical serialized form (its attribute objects, not copies, where they are in canonical order already): graphology's `export()` shape. */
export function canonicalize(graph: KnowledgeGraph): CanonicalGraph {
  const articles = (graph.getAttribute("articles") ?? []).map(canonicalArticle);
  const nodes: CanonicalNode[] = [];
  graph.forEachNode((key, attributes) => nodes.push({ key, attributes: canonicalNodeAttributes(attributes) }));
  sortInPlace(nodes, byKey);
  const edges: CanonicalEdge[] = [];
  graph.forEachEdge((key, attributes, source, target) =>
    edges.push({ key, source, target, attributes: canonicalEdgeAttributes(attributes) }),
  );
  sortInPlace(edges, byKey);
  // The article texts last: a reader of the file as it arrives (the explorer) has the nodes and
  // edges first, and the texts are only needed for quotes.
  return {
    options: { type: "directed", multi: true, allowSelfLoops: false },
    nodes,
    edges,
    attributes: { articles },
  };
}

/**
 * Validated serialized data → a KnowledgeGraph (directed multigraph, see createGraph). Checks what
 * the schema cannot: unique keys, edges between existing nodes, no self-loops, no undirected edges.
 * Throws `file: what is wrong`.
 */
export function graphFromData(data: SerializedGraphData, fileName: string): KnowledgeGraph {
  const graph = createGraph();
  const { articles, ...extra } = data.attributes;
  graph.replaceAttributes({ ...(extra as object), articles: articles.map((a) => canonicalArticle(a as ArticleMeta)) });
  const seenArticles = new Set<string>();
  for (const a of articles) {
    if (seenArticles.has(a.id)) throw new Error(`${fileName}: article '${a.id}' is listed twice`);
    seenArticles.add(a.id);
  }
  for (const n of data.nodes) {
    if (UNSAFE_KEYS.has(n.key)) throw new Error(`${fileName}: node key '${n.key}' is refused (${UNSAFE_REASON})`);
    if (graph.hasNode(n.key)) throw new Error(`${fileName}: node '${n.key}' appears twice`);
    graph.addNode(n.key, canonicalNodeAttributes(n.attributes as NodeAttributes));
  }
  for (const e of data.edges) {
    const where = `${fileName}: edge '${e.key}'`;
    if (UNSAFE_KEYS.has(e.key)) throw new Error(`${where} is refused (${UNSAFE_REASON})`);
    if (e.undirected) throw new Error(`${where} is undirected (graph edges are directed; symmetric relations carry symmetric: true)`);
    if (!graph.hasNode(e.source)) throw new Error(`${where} starts at node '${e.source}', which is not in the graph`);
    if (!graph.hasNode(e.target)) throw new Error(`${where} ends at node '${e.target}', which is not in the graph`);
    if (e.source === e.target) throw new Error(`${where} links node '${e.source}' to itself`);
    if (graph.hasEdge(e.key)) throw new Error(`${where} appears twice`);
    graph.addDirectedEdgeWithKey(e.key, e.source, e.target, canonicalEdgeAttributes(e.attributes as EdgeAttributes));
  }
  return graph;
}
