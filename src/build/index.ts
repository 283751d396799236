// Stage 5: one graphology graph from the extractions of many articles. One real thing is one
// node: documents are split by the month they were put forward, people named by surname only join
// the full name, and every edge keeps each sentence that supports it.
import type { ArticleExtraction, ArticleMeta, Entity, Evidence, MentionRef, NodeType, RelationType } from "../types";
import { RELATION_TYPES, SYMMETRIC_RELATIONS } from "../types";
import { createGraph, edgeKey, type KnowledgeGraph } from "../graph";
import { resolveProposals } from "./proposals";
import { resolvePeople } from "./people";

interface NodeAcc {
  key: string;
  type: NodeType;
  label: string;
  label_en: string;
  aliases: Set<string>;
  /** In the order met; sorted and made unique (by article and offsets, the last one kept) at the end. */
  mentions: MentionRef[];
}

interface EdgeAcc {
  key: string;
  source: string;
  target: string;
  relation: RelationType;
  /** In the order met; sorted and made unique (by article and start, the last one kept) at the end. */
  evidence: Evidence[];
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const RELATION_INDEX = new Map<RelationType, number>(RELATION_TYPES.map((r, i) => [r, i]));

/**
 * Edges by key, as `source|relation|target`, with a cache by (source, target, relation) in front:
 * a relation finds its edge without building the key string again.
 */
class EdgeIndex {
  readonly byKey = new Map<string, EdgeAcc>();
  private bySource = new Map<string, Map<string, Array<EdgeAcc | undefined>>>();

  private slot(source: string, target: string): Array<EdgeAcc | undefined> {
    let byTarget = this.bySource.get(source);
    if (byTarget === undefined) {
      byTarget = new Map();
      this.bySource.set(source, byTarget);
    }
    let byRelation = byTarget.get(target);
    if (byRelation === undefined) {
      byRelation = new Array(RELATION_TYPES.length);
      byTarget.set(target, byRelation);
    }
    return byRelation;
  }

  /** An edge the graph already holds, under its own key. */
  addExisting(key: string, source: string, relation: RelationType, target: string, evidence: Evidence[]): void {
    this.byKey.set(key, { key, source, target, relation, evidence: [...evidence] });
  }

  /** The edge `source|relation|target`, made when new. */
  get(source: string, relation: RelationType, target: string): EdgeAcc {
    const r = RELATION_INDEX.get(relation)!;
    const slot = this.slot(source, target);
    let acc = slot[r];
    if (acc === undefined) {
      const key = edgeKey(source, relation, target);
      acc = this.byKey.get(key);
      if (acc === undefined) {
        acc = { key, source, target, relation, evidence: [] };
        this.byKey.set(key, acc);
      }
      slot[r] = acc;
    }
    return acc;
  }
}

/** White space runs as one space: most texts have none to fold, and keep their string. */
const FOLDABLE_SPACE = /[^\S ]| {2}/;
const oneSpaced = (s: string) => (FOLDABLE_SPACE.test(s) ? s.replace(/\s+/g, " ") : s);

function sortedMentions(list: MentionRef[]): MentionRef[] {
  list.sort((a, b) => byString(a.article, b.article) || a.start - b.start || a.end - b.end);
  const out: MentionRef[] = [];
  for (const m of list) {
    const last = out[out.length - 1];
    if (last !== undefined && last.article === m.article && last.start === m.start && last.end === m.end) out[out.length - 1] = m;
    else out.push(m);
  }
  return out;
}

function sortedEvidence(list: Evidence[]): Evidence[] {
  list.sort((a, b) => byString(a.article, b.article) || a.start - b.start);
  const out: Evidence[] = [];
  for (const e of list) {
    const last = out[out.length - 1];
    if (last !== undefined && last.article === e.article && last.start === e.start) out[out.length - 1] = e;
    else out.push(e);
  }
  return out;
}

/** Build the graph of a corpus. Same extractions → same graph, node for node, byte for byte once exported. */
export function buildGraph(extractions: ArticleExtraction[]): KnowledgeGraph {
  const graph = createGraph();
  return extendGraph(graph, extractions);
}

/** Add articles to a graph, merging with what it holds (the explorer grows a graph with dropped articles). */
export function extendGraph(graph: KnowledgeGraph, extractions: ArticleExtraction[]): KnowledgeGraph {
  const nodes = new Map<string, NodeAcc>();
  const edges = new EdgeIndex();
  // What the graph already holds comes first, so that new articles merge into it.
  graph.forEachNode((key, a) => {
    nodes.set(key, { key, type: a.type, label: a.label, label_en: a.label_en, aliases: new Set(a.aliases), mentions: [...a.mentions] });
  });
  graph.forEachEdge((key, a, source, target) => edges.addExisting(key, source, a.relation, target, a.evidence));

  const proposalNames = resolveProposals(extractions, [...nodes.values()].filter((n) => n.type === "proposal").map((n) => n.key));
  const rename = proposalNames.keys;
  const people = resolvePeople(extractions, [...nodes.values()].filter((n) => n.type === "person").map((n) => ({ key: n.key, label: n.label })));
  const finalKey = (e: Entity) => rename.get(e) ?? people.get(e.key) ?? e.key;
  const labelOf = (e: Entity, key: string) => proposalNames.labels.get(key) ?? { label: e.label, label_en: e.label_en };
  // An endpoint named only in a title or an owner phrase still needs its node.
  const endpoint = (e: Entity, k: string) => {
    if (nodes.has(k)) return;
    const l = labelOf(e, k);
    nodes.set(k, { key: k, type: e.type, label: l.label, label_en: l.label_en, aliases: new Set([e.label]), mentions: [] });
  };

  for (const x of extractions) {
    for (const m of x.mentions) {
      const key = finalKey(m.entity);
      let n = nodes.get(key);
      if (!n) {
        const l = labelOf(m.entity, key);
        n = { key, type: m.entity.type, label: l.label, label_en: l.label_en, aliases: new Set(), mentions: [] };
        nodes.set(key, n);
      }
      n.aliases.add(oneSpaced(m.text));
      if (m.entity.proposal) n.aliases.add(oneSpaced(m.entity.proposal.head));
      n.mentions.push({ article: m.article, start: m.start, end: m.end, text: m.text });
    }
    for (const r of x.relations) {
      let s = finalKey(r.source);
      let t = finalKey(r.target);
      if (s === t) continue;
      endpoint(r.source, s);
      endpoint(r.target, t);
      if (SYMMETRIC_RELATIONS.has(r.relation) && t < s) {
        const swap = s;
        s = t;
        t = swap;
      }
      edges.get(s, r.relation, t).evidence.push(r.evidence);
    }
  }

  const articles = new Map<string, ArticleMeta>((graph.getAttribute("articles") ?? []).map((a) => [a.id, a]));
  for (const x of extractions) {
    const a = x.article;
    const meta: ArticleMeta = {
      id: a.id,
      ...(a.title ? { title: a.title } : {}),
      ...(a.date ? { date: a.date } : {}),
      ...(a.source ? { source: a.source } : {}),
      text: a.text,
    };
    articles.set(a.id, meta);
  }

  // Rebuild in sorted order: insertion order is what export() writes.
  graph.clear();
  // Sorted by key in code-unit order: Array.prototype.sort without a comparator sorts strings so, and fast.
  graph.setAttribute("articles", [...articles.keys()].sort().map((id) => articles.get(id)!));
  for (const key of [...nodes.keys()].sort()) {
    const n = nodes.get(key)!;
    graph.addNode(n.key, {
      label: n.label,
      label_en: n.label_en,
      type: n.type,
      aliases: [...n.aliases].sort(),
      mentions: sortedMentions(n.mentions),
    });
  }
  for (const key of [...edges.byKey.keys()].sort()) {
    const e = edges.byKey.get(key)!;
    const evidence = sortedEvidence(e.evidence);
    const attrs = { relation: e.relation, weight: evidence.length, evidence, ...(SYMMETRIC_RELATIONS.has(e.relation) ? { symmetric: true } : {}) };
    graph.addDirectedEdgeWithKey(e.key, e.source, e.target, attrs);
  }
  return graph;
}
