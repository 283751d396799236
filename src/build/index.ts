// Stage 5: one graphology graph from the extractions of many articles. One real thing is one
// node: documents are split by the month they were put forward, people named by surname only join
// the full name, and every edge keeps each sentence that supports it.
import type { ArticleExtraction, ArticleMeta, Entity, Evidence, MentionRef, NodeType, RelationType } from "../types";
import { SYMMETRIC_RELATIONS } from "../types";
import { createGraph, edgeKey, type KnowledgeGraph } from "../graph";
import { resolveProposals } from "./proposals";
import { resolvePeople } from "./people";

interface NodeAcc {
  key: string;
  type: NodeType;
  label: string;
  label_en: string;
  aliases: Set<string>;
  mentions: Map<string, MentionRef>;
}

interface EdgeAcc {
  source: string;
  target: string;
  relation: RelationType;
  evidence: Map<string, Evidence>;
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Build the graph of a corpus. Same extractions → same graph, node for node, byte for byte once exported. */
export function buildGraph(extractions: ArticleExtraction[]): KnowledgeGraph {
  const graph = createGraph();
  return extendGraph(graph, extractions);
}

/** Add articles to a graph, merging with what it holds (the explorer grows a graph with dropped articles). */
export function extendGraph(graph: KnowledgeGraph, extractions: ArticleExtraction[]): KnowledgeGraph {
  const nodes = new Map<string, NodeAcc>();
  const edges = new Map<string, EdgeAcc>();
  // What the graph already holds comes first, so that new articles merge into it.
  graph.forEachNode((key, a) => {
    nodes.set(key, {
      key,
      type: a.type,
      label: a.label,
      label_en: a.label_en,
      aliases: new Set(a.aliases),
      mentions: new Map(a.mentions.map((m) => [`${m.article}:${m.start}:${m.end}`, m])),
    });
  });
  graph.forEachEdge((key, a, source, target) => {
    edges.set(key, { source, target, relation: a.relation, evidence: new Map(a.evidence.map((e) => [`${e.article}:${e.start}`, e])) });
  });

  const rename = new Map<Entity, string>();
  const proposalNames = resolveProposals(extractions, [...nodes.values()].filter((n) => n.type === "proposal").map((n) => n.key));
  for (const [e, key] of proposalNames.keys) rename.set(e, key);
  const people = resolvePeople(extractions, [...nodes.values()].filter((n) => n.type === "person").map((n) => ({ key: n.key, label: n.label })));
  const finalKey = (e: Entity) => rename.get(e) ?? people.get(e.key) ?? e.key;
  const labelOf = (e: Entity, key: string) => proposalNames.labels.get(key) ?? { label: e.label, label_en: e.label_en };

  for (const x of extractions) {
    for (const m of x.mentions) {
      const key = finalKey(m.entity);
      let n = nodes.get(key);
      if (!n) {
        const l = labelOf(m.entity, key);
        n = { key, type: m.entity.type, label: l.label, label_en: l.label_en, aliases: new Set(), mentions: new Map() };
        nodes.set(key, n);
      }
      n.aliases.add(m.text.replace(/\s+/g, " "));
      if (m.entity.proposal) n.aliases.add(m.entity.proposal.head.replace(/\s+/g, " "));
      n.mentions.set(`${m.article}:${m.start}:${m.end}`, { article: m.article, start: m.start, end: m.end, text: m.text });
    }
    for (const r of x.relations) {
      let s = finalKey(r.source);
      let t = finalKey(r.target);
      if (s === t) continue;
      for (const [e, k] of [[r.source, s], [r.target, t]] as const) {
        // An endpoint named only in a title or an owner phrase still needs its node.
        if (!nodes.has(k)) {
          const l = labelOf(e, k);
          nodes.set(k, { key: k, type: e.type, label: l.label, label_en: l.label_en, aliases: new Set([e.label]), mentions: new Map() });
        }
      }
      if (SYMMETRIC_RELATIONS.has(r.relation) && t < s) [s, t] = [t, s];
      const key = edgeKey(s, r.relation, t);
      let acc = edges.get(key);
      if (!acc) {
        acc = { source: s, target: t, relation: r.relation, evidence: new Map() };
        edges.set(key, acc);
      }
      acc.evidence.set(`${r.evidence.article}:${r.evidence.start}`, r.evidence);
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
  graph.setAttribute("articles", [...articles.values()].sort((a, b) => byString(a.id, b.id)));
  for (const n of [...nodes.values()].sort((a, b) => byString(a.key, b.key))) {
    graph.addNode(n.key, {
      label: n.label,
      label_en: n.label_en,
      type: n.type,
      aliases: [...n.aliases].sort(byString),
      mentions: [...n.mentions.values()].sort((a, b) => byString(a.article, b.article) || a.start - b.start || a.end - b.end),
    });
  }
  for (const [key, e] of [...edges.entries()].sort((a, b) => byString(a[0], b[0]))) {
    const evidence = [...e.evidence.values()].sort((a, b) => byString(a.article, b.article) || a.start - b.start);
    const attrs = { relation: e.relation, weight: evidence.length, evidence, ...(SYMMETRIC_RELATIONS.has(e.relation) ? { symmetric: true } : {}) };
    graph.addDirectedEdgeWithKey(key, e.source, e.target, attrs);
  }
  return graph;
}
