// A large graph for the explorer benchmark, following the graph contract (src/types.ts): 20k
// nodes and 100k edges by default, with a few hubs and a long tail (preferential attachment),
// every relation type, dated evidence quoting real sentences of generated articles (offsets exact),
// mentions, aliases. Deterministic: the same seed gives the same file.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { RELATION_TYPES, SYMMETRIC_RELATIONS, type ArticleMeta, type Evidence, type MentionRef, type NodeType, type RelationType } from "../src/types";
import { createGraph, edgeKey } from "../src/graph";
import { serializeGraph } from "../src/export";
import { segment } from "../src/segment";
import { mulberry32, generateArticle } from "./corpus";
import actorsData from "../src/recognize/actors.json";

interface NodeSpec {
  key: string;
  type: NodeType;
  label: string;
  label_en: string;
  aliases: string[];
}

const GIVEN = ["Anna", "Boris", "Carla", "Dmitri", "Elena", "Felix", "Greta", "Hiro", "Ivan", "Jana", "Karl", "Lena", "Marco", "Nina", "Otto", "Pia", "Raul", "Sara", "Tomas", "Uma", "Vera", "Wim", "Xenia", "Yuri", "Zofia"];
const FAMILY = ["Novak", "Berg", "Costa", "Dahl", "Eklund", "Fort", "Gray", "Holm", "Ito", "Jensen", "Kova", "Lund", "Moreau", "Nagy", "Olsen", "Petrov", "Quist", "Rossi", "Sato", "Toth", "Ueda", "Vidal", "Weiss", "Young", "Zima"];
const HEADS = ["dự thảo hiệp ước", "đề xuất an ninh", "thư phản hồi", "bức thư", "sáng kiến hòa bình", "văn bản phản hồi", "công hàm", "kế hoạch hòa bình"];
const EVENTS = ["Hội nghị thượng đỉnh", "Diễn đàn an ninh", "Vòng đàm phán", "Hội nghị Bộ trưởng"];

export interface BigGraphOptions {
  nodes?: number;
  edges?: number;
  articles?: number;
  seed?: number;
}

/** The graph, as graph.json text, and its counts. */
export function generateBigGraph(opts: BigGraphOptions = {}): { json: string; nodes: number; edges: number; articles: number } {
  const N = opts.nodes ?? 20_000;
  const E = opts.edges ?? 100_000;
  const A = opts.articles ?? 2_000;
  const rnd = mulberry32(opts.seed ?? 4242);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];

  // Articles, and their sentences to quote.
  const articles: ArticleMeta[] = [];
  const sentences: Array<{ article: string; start: number; end: number; text: string; date: string }> = [];
  for (let i = 0; i < A; i++) {
    const g = generateArticle(99, i);
    const id = g.name.replace(/\.txt$/, "");
    const text = g.text;
    const date = `${2015 + (i % 10)}-${String(1 + (i % 12)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}`;
    articles.push({ id, title: text.split("\n")[0], date, text });
    for (const s of segment({ id, file: g.name, text }).slice(2)) sentences.push({ article: id, start: s.start, end: s.end, text: s.text, date });
  }

  // Nodes: the lexicon's states and organizations, then people, documents and a few events.
  const lex = actorsData as unknown as Array<{ id: string; type: NodeType; label: string; label_en: string; names: string[] }>;
  const specs: NodeSpec[] = [];
  for (const a of lex) if (a.type !== "person") specs.push({ key: a.id, type: a.type, label: a.label, label_en: a.label_en, aliases: a.names.slice(0, 3) });
  const people = Math.floor((N - specs.length) * 0.55);
  for (let i = 0; specs.length < N && i < people; i++) {
    const name = `${pick(GIVEN)} ${pick(FAMILY)}${i >= GIVEN.length * FAMILY.length ? ` ${i}` : ""}`;
    specs.push({ key: `person:${name.toLowerCase().replace(/\s+/g, "-")}-${i}`, type: "person", label: name, label_en: name, aliases: [name, name.split(" ").pop()!] });
  }
  const states = specs.filter((s) => s.type === "country");
  for (let i = 0; specs.length < N - 50; i++) {
    const author = pick(states);
    const head = pick(HEADS);
    const month = `${2015 + (i % 10)}-${String(1 + (i % 12)).padStart(2, "0")}`;
    const family = head.includes("thư") || head.includes("công hàm") ? "letter" : "draft";
    specs.push({
      key: `proposal:${author.key}:${family}:${month}:${i}`,
      type: "proposal",
      label: `${head.charAt(0).toUpperCase()}${head.slice(1)} của ${author.label}`,
      label_en: `${author.label_en} ${family === "letter" ? "letter" : "proposal"} (${month})`,
      aliases: [head],
    });
  }
  for (let i = 0; specs.length < N; i++) {
    const name = `${pick(EVENTS)} ${pick(["Geneva", "Vienna", "Minsk", "Oslo", "Doha"])} ${2015 + (i % 10)}`;
    specs.push({ key: `event:${i}`, type: "event", label: name, label_en: name, aliases: [name] });
  }

  // Edges: endpoints by preferential attachment (a node is picked in proportion to its degree + 1).
  const ends: number[] = [];
  // States and organizations start with more weight: the news has a few hubs.
  for (let i = 0; i < specs.length; i++) for (let k = specs[i].type === "country" || specs[i].type === "organization" ? 8 : 1; k > 0; k--) ends.push(i);
  const typed = (t: NodeType[]) => specs.map((s, i) => (t.includes(s.type) ? i : -1)).filter((i) => i >= 0);
  const actorIdx = new Set(typed(["country", "organization", "person"]));
  const docIdx = typed(["proposal"]);
  const edges = new Map<string, { s: string; t: string; relation: RelationType; evidence: Evidence[] }>();
  let guard = 0;
  while (edges.size < E && guard++ < E * 20) {
    const relation = pick(RELATION_TYPES);
    let a = ends[Math.floor(rnd() * ends.length)];
    let b = ends[Math.floor(rnd() * ends.length)];
    // Documents are proposed, addressed, answered; actors do the rest.
    if (relation === "proposes") b = pick(docIdx);
    else if (relation === "addressed_to") a = pick(docIdx);
    else if (relation === "responds_to") [a, b] = [pick(docIdx), pick(docIdx)];
    else if (!actorIdx.has(a) || !actorIdx.has(b)) continue;
    if (a === b) continue;
    let s = specs[a].key;
    let t = specs[b].key;
    if (SYMMETRIC_RELATIONS.has(relation) && t < s) [s, t] = [t, s];
    const key = edgeKey(s, relation, t);
    if (edges.has(key)) continue;
    const n = rnd() < 0.8 ? 1 : rnd() < 0.7 ? 2 : 3;
    const evidence: Evidence[] = [];
    for (let k = 0; k < n; k++) {
      const q = pick(sentences);
      if (evidence.some((e) => e.article === q.article && e.start === q.start)) continue;
      evidence.push({ article: q.article, sentence: q.text, start: q.start, end: q.end, date: q.date });
    }
    evidence.sort((x, y) => (x.article < y.article ? -1 : x.article > y.article ? 1 : x.start - y.start));
    edges.set(key, { s, t, relation, evidence });
    ends.push(a, b);
  }

  // Mentions: a span of a quoted sentence (offsets exact), one to three per node.
  const graph = createGraph();
  graph.setAttribute("articles", articles.sort((x, y) => (x.id < y.id ? -1 : 1)));
  const byKey = specs.slice().sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  const textOf = new Map(articles.map((a) => [a.id, a.text]));
  for (const n of byKey) {
    const mentions: MentionRef[] = [];
    const k = 1 + Math.floor(rnd() * 3);
    for (let j = 0; j < k; j++) {
      const q = pick(sentences);
      const start = q.start;
      const end = Math.min(q.end, start + 3 + Math.floor(rnd() * 12));
      if (mentions.some((m) => m.article === q.article && m.start === start && m.end === end)) continue;
      mentions.push({ article: q.article, start, end, text: textOf.get(q.article)!.slice(start, end) });
    }
    mentions.sort((x, y) => (x.article < y.article ? -1 : x.article > y.article ? 1 : x.start - y.start || x.end - y.end));
    graph.addNode(n.key, { label: n.label, label_en: n.label_en, type: n.type, aliases: [...new Set(n.aliases)].sort(), mentions });
  }
  for (const [key, e] of [...edges.entries()].sort((x, y) => (x[0] < y[0] ? -1 : 1))) {
    graph.addDirectedEdgeWithKey(key, e.s, e.t, {
      relation: e.relation,
      weight: e.evidence.length,
      evidence: e.evidence,
      ...(SYMMETRIC_RELATIONS.has(e.relation) ? { symmetric: true } : {}),
    });
  }
  return { json: serializeGraph(graph, "json"), nodes: graph.order, edges: graph.size, articles: articles.length };
}

export function writeBigGraph(file: string, opts: BigGraphOptions = {}): { nodes: number; edges: number; articles: number; bytes: number } {
  const g = generateBigGraph(opts);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, g.json);
  return { nodes: g.nodes, edges: g.edges, articles: g.articles, bytes: Buffer.byteLength(g.json) };
}
