// Stage 5: one graphology graph from the extractions of many articles. One real thing is one
// node: documents are split by the month they were put forward, people named by surname only join
// the full name, and every edge keeps each sentence that supports it. Articles are taken one at a
// time (GraphBuilder.add), so an extraction can be let go once it is added; which node a use
// belongs to needs the whole corpus, so uses are gathered under provisional keys and merged at the end.
import type { ArticleExtraction, ArticleMeta, Entity, Evidence, MentionRef, NodeType, RelationType } from "../types";
import { RELATION_INDEX, RELATION_TYPES, SYMMETRIC_RELATIONS } from "../types";
import { createGraph, edgeKey, type KnowledgeGraph } from "../graph";
import { monthOf, ProposalUses } from "./proposals";
import { PeopleNames } from "./people";
import { sortedUnique } from "../text/order";

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
  /** Its place in the order of the edges' keys, set when they are sorted (in an EdgeIndex: of its source and relation only). */
  rank: number;
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Each relation's place in the order of `relation|`, as they sort inside edge keys; by RELATION_INDEX. */
const relationRanks = ranksOf(RELATION_TYPES, "|")!;
const RELATION_RANK = RELATION_TYPES.map((r) => relationRanks.get(r)!);

/** Values by (from, to, relation), without building a string key. */
class Triples<T> {
  private byFrom = new Map<string, Map<string, Array<T | undefined>>>();

  /** The slots of (from, to), one per relation (RELATION_INDEX). */
  slots(from: string, to: string): Array<T | undefined> {
    let byTo = this.byFrom.get(from);
    if (byTo === undefined) {
      byTo = new Map();
      this.byFrom.set(from, byTo);
    }
    let slots = byTo.get(to);
    if (slots === undefined) {
      slots = new Array(RELATION_TYPES.length);
      byTo.set(to, slots);
    }
    return slots;
  }

  /** Each `from` with its slots by `to`, in the order they were first met. */
  forEachFrom(f: (from: string, byTo: ReadonlyMap<string, Array<T | undefined>>) => void): void {
    this.byFrom.forEach((byTo, from) => f(from, byTo));
  }
}

/**
 * Edges by key, as `source|relation|target`, with an index by (source, target, relation) in front:
 * a relation finds its edge without building the key string again.
 */
class EdgeIndex {
  readonly byKey = new Map<string, EdgeAcc>();
  private index = new Triples<EdgeAcc>();
  /** Whether the graph being extended has edges; whether every key is edgeKey(source, relation, target) (a graph read from a file may say otherwise). */
  private extending = false;
  private plainKeys = true;

  /** An edge the graph already holds, under its own key. */
  addExisting(key: string, source: string, relation: RelationType, target: string, evidence: Evidence[]): void {
    if (key !== edgeKey(source, relation, target)) this.plainKeys = false;
    this.byKey.set(key, { key, source, target, relation, evidence: [...evidence], rank: 0 });
    this.extending = true;
  }

  /** The edge `source|relation|target`, made when new. */
  get(source: string, relation: RelationType, target: string): EdgeAcc {
    const r = RELATION_INDEX.get(relation)!;
    const slots = this.index.slots(source, target);
    let acc = slots[r];
    if (acc === undefined) {
      const key = edgeKey(source, relation, target);
      // Only an edge of the graph being extended can be in byKey without being in the index.
      acc = this.extending ? this.byKey.get(key) : undefined;
      if (acc === undefined) {
        acc = { key, source, target, relation, evidence: [], rank: 0 };
        this.byKey.set(key, acc);
      }
      slots[r] = acc;
    }
    return acc;
  }

  /** The edges in the code-unit order of their keys. */
  sorted(): EdgeAcc[] {
    const accs = [...this.byKey.values()];
    // Keys differ first in the source, then the relation, then the target. Without a "|" inside a
    // node key, ranking the sources and relations by `name|` gives the keys' own order, and the
    // 100k-edge sort compares numbers instead of long strings with a common head.
    const ranks = this.plainKeys && !accs.some((a) => a.target.includes("|")) ? ranksOf(accs.map((a) => a.source), "|") : undefined;
    if (ranks === undefined) return accs.sort((a, b) => byString(a.key, b.key));
    for (const a of accs) a.rank = keyRank(ranks, a.source, a.relation);
    return accs.sort((a, b) => a.rank - b.rank || byString(a.target, b.target));
  }
}

/**
 * Each key's place in the code-unit order of `key + suffix`, or undefined when a key holds a "|".
 * Edge keys differ first in the source, then the relation, then the target: without a "|" inside a
 * node key, sources ranked by `source|`, relations by `relation|` and targets by themselves give the
 * keys' own order, and the 100k-edge sort compares numbers instead of long strings with a common head.
 */
function ranksOf(keys: Iterable<string>, suffix = ""): Map<string, number> | undefined {
  const distinct = [...new Set(keys)];
  if (distinct.some((k) => k.includes("|"))) return undefined;
  // Array.prototype.sort without a comparator sorts strings in code-unit order, and fast.
  return new Map(distinct.map((k) => k + suffix).sort().map((k, i) => [k.slice(0, k.length - suffix.length), i]));
}

/** The place of (source, relation) among the edges' keys. */
const keyRank = (ranks: Map<string, number>, source: string, relation: RelationType) => ranks.get(source)! * RELATION_TYPES.length + RELATION_RANK[RELATION_INDEX.get(relation)!];

/** Whether an edge met from `source` to `target` is stored the other way: a symmetric relation runs from the lesser key. */
const runsBackward = (relation: RelationType, source: string, target: string) => SYMMETRIC_RELATIONS.has(relation) && target < source;

/** The ends of a group's edge. */
function edgeEnds(g: RelationGroup): [source: string, target: string] {
  return runsBackward(g.relation, g.source, g.sink) ? [g.sink, g.source] : [g.source, g.sink];
}

/** The relation groups as edges, in the code-unit order of their keys: groups that resolve to one edge merged, in their order. */
function mergeIndexed(graph: KnowledgeGraph, relations: RelationGroup[]): EdgeAcc[] {
  const edges = new EdgeIndex();
  graph.forEachEdge((key, a, source, target) => edges.addExisting(key, source, a.relation, target, a.evidence));
  for (const g of relations) {
    const [source, target] = edgeEnds(g);
    const acc = edges.get(source, g.relation, target);
    if (acc.evidence.length === 0) acc.evidence = g.evidence;
    else for (const e of g.evidence) acc.evidence.push(e);
  }
  return edges.sorted();
}

/**
 * The same as mergeIndexed for a graph with no edges yet, by one sort instead of an index by
 * (source, relation, target): the groups of one edge end up side by side, in their order. `ends`
 * holds each group's two nodes and `slot` its relation's index. Undefined when a node key holds a "|".
 */
function mergeSorted(relations: RelationGroup[], ends: Met[], slot: number[]): EdgeAcc[] | undefined {
  const n = relations.length;
  const source = new Array<Met>(n);
  const target = new Array<Met>(n);
  for (let i = 0; i < n; i++) {
    const [s, t] = [ends[2 * i], ends[2 * i + 1]];
    const backward = runsBackward(relations[i].relation, s.key, t.key);
    source[i] = backward ? t : s;
    target[i] = backward ? s : t;
  }
  // Ranked once per node (ranksOf), then read from the node for each of its groups.
  const sources = [...new Set(source)];
  const targets = [...new Set(target)];
  const sourceRanks = ranksOf(sources.map((m) => m.key), "|");
  const targetRanks = ranksOf(targets.map((m) => m.key));
  if (sourceRanks === undefined || targetRanks === undefined) return undefined;
  for (const m of sources) m.sourceRank = sourceRanks.get(m.key)!;
  for (const m of targets) m.targetRank = targetRanks.get(m.key)!;
  const rank = new Float64Array(n);
  const order = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    rank[i] = (source[i].sourceRank * RELATION_TYPES.length + RELATION_RANK[slot[i]]) * targets.length + target[i].targetRank;
    order[i] = i;
  }
  order.sort((a, b) => rank[a] - rank[b] || a - b);
  const out: EdgeAcc[] = [];
  let last: EdgeAcc | undefined;
  for (const i of order) {
    const g = relations[i];
    if (last !== undefined && last.rank === rank[i]) {
      for (const e of g.evidence) last.evidence.push(e);
      continue;
    }
    const s = source[i].key;
    const t = target[i].key;
    last = { key: edgeKey(s, g.relation, t), source: s, target: t, relation: g.relation, evidence: g.evidence, rank: rank[i] };
    out.push(last);
  }
  return out;
}

/** White space runs as one space: most texts have none to fold, and keep their string. */
const FOLDABLE_SPACE = /[^\S ]| {2}/;
const oneSpaced = (s: string) => (FOLDABLE_SPACE.test(s) ? s.replace(/\s+/g, " ") : s);

// Mentions by place in the corpus; evidence by article and sentence.
const byMentionPlace = (a: MentionRef, b: MentionRef) => byString(a.article, b.article) || a.start - b.start || a.end - b.end;
const byEvidencePlace = (a: Evidence, b: Evidence) => byString(a.article, b.article) || a.start - b.start;

/**
 * Where a node or edge was first met: the place in the corpus (article by article: its mentions, then
 * the two ends of each relation) and the entity met there, which names a new node.
 */
interface FirstMet {
  seq: number;
  entity: Entity;
}

/**
 * A node as `finish` meets it, once per key: whether the graph held it, where a new one was first
 * met (which names it), and its places among the edges' sources and targets (mergeSorted).
 */
interface Met {
  key: string;
  existing: boolean;
  seq: number;
  /** Undefined until met. */
  entity: Entity | undefined;
  /** Met as the end of a relation (its name is then one of its aliases). */
  end: boolean;
  sourceRank: number;
  targetRank: number;
}

/** The mentions of one provisional key. */
interface MentionGroup extends FirstMet {
  aliases: Set<string>;
  mentions: MentionRef[];
  /** Its node's key, once known. */
  node: string;
}

/** The relations of one (provisional source, relation, provisional target). */
interface RelationGroup extends FirstMet {
  /** The target met with the first one (the source is `entity`). */
  target: Entity;
  from: string;
  to: string;
  relation: RelationType;
  evidence: Evidence[];
  /** The node keys of its ends, once known. */
  source: string;
  sink: string;
}

/**
 * Places in the corpus: article `order` × this, plus the place in the article. Exact in a double up
 * to 2^25 articles; an article (50 MB at most) holds far fewer than 2^28 mentions and relation ends.
 */
const ARTICLE_SPAN = 2 ** 28;

/**
 * The build stage, one article at a time. `add` takes each article's extraction (in any order, given
 * its place in the corpus); `finish` resolves the keys against the whole corpus and returns the graph,
 * the same whatever the order of the adds.
 */
export class GraphBuilder {
  private documents = new ProposalUses();
  private people = new PeopleNames();
  private mentionGroups = new Map<string, MentionGroup>();
  private relationGroups = new Triples<RelationGroup>();
  private articles = new Map<number, ArticleMeta>();
  /** One string per distinct mention text: a corpus names the same few thousand things again and again. */
  private mentionTexts = new Map<string, string>();
  private added = 0;
  private finished = false;

  constructor(private readonly graph: KnowledgeGraph = createGraph()) {}

  /** Take one article's extraction; `order` is its place among the articles (default: the order of the adds). */
  add(x: ArticleExtraction, order = this.added): void {
    if (this.finished) throw new Error("GraphBuilder.add after finish: a builder makes one graph");
    this.added++;
    const a = x.article;
    this.articles.set(order, {
      id: a.id,
      ...(a.title ? { title: a.title } : {}),
      ...(a.date ? { date: a.date } : {}),
      ...(a.source ? { source: a.source } : {}),
      text: a.text,
    });
    const articleMonth = monthOf(x.refDate ?? a.date);
    let seq = order * ARTICLE_SPAN;
    const keyOf = (e: Entity, at: number) => this.documents.note(e, articleMonth, at) ?? e.key;
    for (const m of x.mentions) {
      const e = m.entity;
      if (e.type === "person") this.people.note(e.key, e.label, seq);
      const key = keyOf(e, seq);
      let g = this.mentionGroups.get(key);
      if (g === undefined) {
        g = { seq, entity: e, aliases: new Set(), mentions: [], node: "" };
        this.mentionGroups.set(key, g);
      } else if (seq < g.seq) {
        g.seq = seq;
        g.entity = e;
      }
      g.aliases.add(oneSpaced(m.text));
      if (e.proposal) g.aliases.add(oneSpaced(e.proposal.head));
      let text = this.mentionTexts.get(m.text);
      if (text === undefined) this.mentionTexts.set(m.text, (text = m.text));
      g.mentions.push({ article: m.article, start: m.start, end: m.end, text });
      seq++;
    }
    for (const r of x.relations) {
      const from = keyOf(r.source, seq);
      const to = keyOf(r.target, seq + 1);
      const slots = this.relationGroups.slots(from, to);
      const i = RELATION_INDEX.get(r.relation)!;
      const g = slots[i];
      if (g === undefined) slots[i] = { seq, entity: r.source, target: r.target, from, to, relation: r.relation, evidence: [r.evidence], source: "", sink: "" };
      else {
        if (seq < g.seq) {
          g.seq = seq;
          g.entity = r.source;
          g.target = r.target;
        }
        g.evidence.push(r.evidence);
      }
      seq += 2;
    }
  }

  /** The graph: what it held, merged with every article added. */
  finish(): KnowledgeGraph {
    if (this.finished) throw new Error("GraphBuilder.finish called twice: a builder makes one graph");
    this.finished = true;
    const { graph } = this;
    const nodes = new Map<string, NodeAcc>();
    // What the graph already holds comes first, so that new articles merge into it.
    graph.forEachNode((key, a) => {
      nodes.set(key, { key, type: a.type, label: a.label, label_en: a.label_en, aliases: new Set(a.aliases), mentions: [...a.mentions] });
    });

    const existing = [...nodes.values()];
    const documents = this.documents.resolve(existing.filter((n) => n.type === "proposal").map((n) => n.key));
    const people = this.people.resolve(existing.filter((n) => n.type === "person").map((n) => ({ key: n.key, label: n.label })));
    const finalKey = (key: string) => documents.keys.get(key) ?? people.get(key) ?? key;

    // A new node is named by the entity it was first met as: in a mention, or as the end of a
    // relation (an actor named only in a title or an owner phrase still needs its node; that
    // name is also one of its aliases). Each provisional key is resolved once, not once per group.
    const met = new Map<string, Met>();
    const metAs = new Map<string, Met>();
    const nodeOf = (provisional: string): Met => {
      let m = metAs.get(provisional);
      if (m === undefined) {
        const key = finalKey(provisional);
        m = met.get(key);
        if (m === undefined) met.set(key, (m = { key, existing: nodes.has(key), seq: 0, entity: undefined, end: false, sourceRank: 0, targetRank: 0 }));
        metAs.set(provisional, m);
      }
      return m;
    };
    const meet = (m: Met, seq: number, entity: Entity, end: boolean) => {
      if (m.existing || (m.entity !== undefined && seq >= m.seq)) return;
      m.seq = seq;
      m.entity = entity;
      m.end = end;
    };
    this.mentionGroups.forEach((g, provisional) => {
      const m = nodeOf(provisional);
      g.node = m.key;
      meet(m, g.seq, g.entity, false);
    });
    const relations: RelationGroup[] = [];
    const ends: Met[] = [];
    const slot: number[] = [];
    this.relationGroups.forEachFrom((from, byTo) => {
      const s = nodeOf(from);
      byTo.forEach((slots, to) => {
        const t = nodeOf(to);
        for (let r = 0; r < slots.length; r++) {
          const g = slots[r];
          if (g === undefined) continue;
          g.source = s.key;
          g.sink = t.key;
          if (s === t) continue;
          meet(s, g.seq, g.entity, true);
          meet(t, g.seq + 1, g.target, true);
          relations.push(g);
          ends.push(s, t);
          slot.push(r);
        }
      });
    });
    met.forEach(({ key, entity: e, end }) => {
      if (e === undefined) return;
      const l = documents.labels.get(key) ?? { label: e.label, label_en: e.label_en };
      nodes.set(key, { key, type: e.type, label: l.label, label_en: l.label_en, aliases: new Set(end ? [e.label] : []), mentions: [] });
    });
    // The groups' lists are handed over, not copied, where a node or edge has only one.
    this.mentionGroups.forEach((g) => {
      const n = nodes.get(g.node)!;
      if (n.mentions.length === 0) n.mentions = g.mentions;
      else for (const m of g.mentions) n.mentions.push(m);
      if (n.aliases.size === 0) n.aliases = g.aliases;
      else for (const alias of g.aliases) n.aliases.add(alias);
    });
    const edges = (graph.size === 0 && mergeSorted(relations, ends, slot)) || mergeIndexed(graph, relations);

    const articles = new Map<string, ArticleMeta>((graph.getAttribute("articles") ?? []).map((a) => [a.id, a]));
    // In corpus order: an id met twice keeps its last article, as the adds' order would.
    for (const order of [...this.articles.keys()].sort((a, b) => a - b)) {
      const meta = this.articles.get(order)!;
      articles.set(meta.id, meta);
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
        mentions: sortedUnique(n.mentions, byMentionPlace),
      });
    }
    for (const e of edges) {
      const evidence = sortedUnique(e.evidence, byEvidencePlace);
      const { relation } = e;
      const attrs = SYMMETRIC_RELATIONS.has(relation) ? { relation, weight: evidence.length, evidence, symmetric: true } : { relation, weight: evidence.length, evidence };
      graph.addDirectedEdgeWithKey(e.key, e.source, e.target, attrs);
    }
    return graph;
  }
}

/** Build the graph of a corpus. Same extractions → same graph, node for node, byte for byte once exported. */
export function buildGraph(extractions: ArticleExtraction[]): KnowledgeGraph {
  return extendGraph(createGraph(), extractions);
}

/** Add articles to a graph, merging with what it holds (the explorer grows a graph with dropped articles). */
export function extendGraph(graph: KnowledgeGraph, extractions: ArticleExtraction[]): KnowledgeGraph {
  const builder = new GraphBuilder(graph);
  for (const x of extractions) builder.add(x);
  return builder.finish();
}
