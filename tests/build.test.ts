import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { buildGraph, extractAll, readArticles } from "../src/pipeline";
import { extendGraph, GraphBuilder } from "../src/build";
import { LatestByPlace } from "../src/build/places";
import { createGraph, edgeKey } from "../src/graph";
import { nodeHtmlParser } from "../src/ingest/node";
import { serializeGraph } from "../src/export";
import type { Article, ArticleExtraction, Entity } from "../src/types";

const enc = new TextEncoder();
const build = (articles: Record<string, string>) =>
  buildGraph(
    Object.entries(articles).map(([path, text]) => ({ path, bytes: enc.encode(text) })),
    { parseHtml: nodeHtmlParser },
  );

describe("one real thing is one node across articles", () => {
  const { graph } = build({
    "a.txt": "Nga gửi đề xuất an ninh\ndate: 2021-12-18\nNgày 17/12, Bộ Ngoại giao Nga đã đưa ra 2 dự thảo văn kiện gửi Mỹ và NATO.",
    "b.txt": "Mỹ trả lời Nga\ndate: 2022-01-27\nNgày 26/1, Mỹ gửi thư phản hồi đề xuất an ninh của Mátxcơva. Ông Blinken cho biết thư phản hồi đã được trao cho phía Nga.",
    "c.txt": "Nga phản hồi\ndate: 2022-02-18\nNgày 17/2, Nga gửi phản hồi tới Mỹ. Trước đó, hồi tháng 12/2021, Nga đã công bố các đề xuất an ninh.",
  });
  const proposals = graph.filterNodes((_, a) => a.type === "proposal").sort();

  it("merges a state's drafts named in different words and months apart by their month", () => {
    expect(proposals).toEqual(["proposal:RUS:draft:2021-12", "proposal:RUS:letter:2022-02", "proposal:USA:letter:2022-01"]);
    const drafts = graph.getNodeAttributes("proposal:RUS:draft:2021-12");
    expect(new Set(drafts.mentions.map((m) => m.article))).toEqual(new Set(["a", "b", "c"]));
    expect(drafts.aliases).toEqual(expect.arrayContaining(["2 dự thảo văn kiện", "đề xuất an ninh của Mátxcơva", "các đề xuất an ninh"]));
  });

  it("links the reply to what it answers and to whom it is sent", () => {
    expect(graph.hasEdge("proposal:USA:letter:2022-01|responds_to|proposal:RUS:draft:2021-12")).toBe(true);
    expect(graph.hasEdge("proposal:USA:letter:2022-01|addressed_to|RUS")).toBe(true);
    expect(graph.hasEdge("proposal:RUS:draft:2021-12|addressed_to|NATO")).toBe(true);
  });

  it("counts supporting sentences as the edge weight and dates each", () => {
    const e = graph.getEdgeAttributes("USA|proposes|proposal:USA:letter:2022-01");
    expect(e.weight).toBe(e.evidence.length);
    expect(e.evidence[0]).toMatchObject({ article: "b", date: "2022-01-26" });
  });
});

describe("people named by surname join the full name", () => {
  it("merges 'ông Petrovsky' of one article with 'Ivan Petrovsky' of another", () => {
    const { graph } = build({
      "x.txt": "Tin một\nThứ trưởng Ngoại giao Belarus Ivan Petrovsky đã gặp Ngoại trưởng Nga Sergei Lavrov.",
      "y.txt": "Tin hai\nÔng Petrovsky cho biết Minsk ủng hộ Nga.",
    });
    expect(graph.hasNode("person:petrovsky")).toBe(false);
    const p = graph.getNodeAttributes("person:ivan-petrovsky");
    expect(p.mentions.map((m) => `${m.article}:${m.text}`)).toEqual(["x:Ivan Petrovsky", "y:Petrovsky"]);
    expect(graph.hasEdge("person:ivan-petrovsky|represents|BLR")).toBe(true);
  });
});

describe("the graph contract", () => {
  const { graph, report } = build({
    "b.txt": "Tin\nEU, NATO và Mỹ nhất trí tham vấn chặt chẽ. EU và NATO tiếp tục tham vấn.",
    "a.txt": "Tin khác\nMỹ và Nga hội đàm tại Geneva ngày 10/1/2022.",
    "dup.txt": "Tin khác\nMỹ và Nga hội đàm tại Geneva ngày 10/1/2022.",
  });

  it("lists articles by id, with their text, and counts a duplicate once", () => {
    expect(graph.getAttribute("articles").map((a) => a.id)).toEqual(["a", "b"]);
    expect(report.skipped).toEqual([{ file: "dup.txt", reason: "same text as a.txt" }]);
  });

  it("stores a symmetric relation once, ends in key order, marked symmetric", () => {
    expect(graph.hasEdge("RUS|meets|USA")).toBe(true);
    expect(graph.hasEdge("USA|meets|RUS")).toBe(false);
    expect(graph.getEdgeAttribute("RUS|meets|USA", "symmetric")).toBe(true);
    expect(graph.getEdgeAttribute("EU|consults|NATO", "weight")).toBe(2);
  });

  it("every offset slices the quoted text out of the article", () => {
    const texts = new Map(graph.getAttribute("articles").map((a) => [a.id, a.text]));
    graph.forEachNode((_, a) => a.mentions.forEach((m) => expect(texts.get(m.article)!.slice(m.start, m.end)).toBe(m.text)));
    graph.forEachEdge((_, a) => a.evidence.forEach((e) => expect(texts.get(e.article)!.slice(e.start, e.end)).toBe(e.sentence)));
  });

  it("is deterministic: same input, same export", () => {
    const again = build({
      "b.txt": "Tin\nEU, NATO và Mỹ nhất trí tham vấn chặt chẽ. EU và NATO tiếp tục tham vấn.",
      "a.txt": "Tin khác\nMỹ và Nga hội đàm tại Geneva ngày 10/1/2022.",
      "dup.txt": "Tin khác\nMỹ và Nga hội đàm tại Geneva ngày 10/1/2022.",
    });
    expect(JSON.stringify(again.graph.export())).toBe(JSON.stringify(graph.export()));
  });
});

describe("the build stage takes articles one at a time, in any order", () => {
  // The seed articles and the development set: documents split by month, surnames, shared sentences.
  const dirs = ["seeds", "tests/fixtures/devset/articles"];
  const files = dirs.flatMap((d) => readdirSync(d).sort().map((f) => ({ path: join(d, f), bytes: readFileSync(join(d, f)) })));
  const { articles } = readArticles(files, { parseHtml: nodeHtmlParser });
  const extractions = extractAll(articles, { parseHtml: nodeHtmlParser });
  const inOrder = serializeGraph(buildGraph(files, { parseHtml: nodeHtmlParser }).graph, "json");

  it("gives the graph of the whole corpus when each article is added under its place", () => {
    expect(extractions.length).toBeGreaterThan(10);
    const backwards = new GraphBuilder();
    for (let i = extractions.length - 1; i >= 0; i--) backwards.add(extractions[i], i);
    expect(serializeGraph(backwards.finish(), "json")).toBe(inOrder);
    // Odd places first, then even ones (as a parallel build's late, undated articles come).
    const interleaved = new GraphBuilder();
    extractions.forEach((x, i) => i % 2 === 1 && interleaved.add(x, i));
    extractions.forEach((x, i) => i % 2 === 0 && interleaved.add(x, i));
    expect(serializeGraph(interleaved.finish(), "json")).toBe(inOrder);
  });

  it("names a node as the first article in corpus order met it, whichever was added first", () => {
    // Article a names Lavrov only in a title (a relation end, no mention); article b by his full name.
    const lavrov = (label: string): Entity => ({ key: "person:lavrov", type: "person", label, label_en: "Lavrov" });
    const russia: Entity = { key: "RUS", type: "country", label: "Nga", label_en: "Russia" };
    const article = (id: string, text: string): Article => ({ id, file: `${id}.txt`, text, date: "2022-01-10" });
    const a = article("a", "Ngoại trưởng Nga gặp báo chí.");
    const b = article("b", "Sergei Lavrov phát biểu.");
    const xa: ArticleExtraction = {
      article: a,
      sentences: [],
      mentions: [{ article: "a", start: 13, end: 16, text: "Nga", entity: russia, sentence: 0 }],
      relations: [{ source: lavrov("Ngoại trưởng Nga"), relation: "represents", target: russia, evidence: { article: "a", sentence: a.text, start: 0, end: a.text.length } }],
    };
    const xb: ArticleExtraction = {
      article: b,
      sentences: [],
      mentions: [{ article: "b", start: 0, end: 13, text: "Sergei Lavrov", entity: lavrov("Sergei Lavrov"), sentence: 0 }],
      relations: [],
    };
    const node = (adds: Array<[ArticleExtraction, number]>) => {
      const builder = new GraphBuilder();
      for (const [x, order] of adds) builder.add(x, order);
      const { label, aliases } = builder.finish().getNodeAttributes("person:lavrov");
      return { label, aliases };
    };
    const aFirst = { label: "Ngoại trưởng Nga", aliases: ["Ngoại trưởng Nga", "Sergei Lavrov"] };
    expect(node([[xa, 0], [xb, 1]])).toEqual(aFirst);
    expect(node([[xb, 1], [xa, 0]])).toEqual(aFirst);
    expect(node([[xb, 0], [xa, 1]])).toEqual({ label: "Sergei Lavrov", aliases: ["Sergei Lavrov"] });
  });
});

describe("edges are written in the code-unit order of their keys", () => {
  const node = (label: string) => ({ label, label_en: label, type: "country" as const, aliases: [], mentions: [] });
  const edge = { relation: "consults" as const, weight: 0, evidence: [] };
  it.each([
    // "USA|" sorts before "US|" ("A" < "|"), though "US" sorts before "USA".
    { name: "a key that starts another", keys: ["US", "USA", "RUS"] },
    // A "|" inside a node key: the plain order of the whole keys still holds.
    { name: "a key with a bar inside", keys: ["A|B", "A", "AB", "RUS"] },
  ])("$name", ({ keys }) => {
    const g = createGraph();
    for (const k of keys) g.addNode(k, node(k));
    const edges: string[] = [];
    for (const s of keys) for (const t of keys) if (s !== t) edges.push(edgeKey(s, "consults", t));
    for (const k of edges.reverse()) {
      const [s, , t] = [k.slice(0, k.indexOf("|consults|")), "", k.slice(k.indexOf("|consults|") + 10)];
      g.addDirectedEdgeWithKey(k, s, t, edge);
    }
    expect(extendGraph(g, []).edges()).toEqual([...edges].sort());
  });
});

describe("a new graph's edges come out in the code-unit order of their keys, each relation once", () => {
  const country = (key: string): Entity => ({ key, type: "country", label: key, label_en: key });
  it.each([
    { name: "a key that starts another", keys: ["US", "USA", "RUS"] },
    { name: "a key with a bar inside", keys: ["A|B", "A", "AB", "RUS"] },
  ])("$name", ({ keys }) => {
    // Every ordered pair, both relations, the last pairs first, each in a sentence of its own: a
    // symmetric relation met both ways is one edge from the lesser key, with both sentences.
    const pairs = keys.flatMap((s) => keys.filter((t) => t !== s).flatMap((t) => (["proposes", "consults"] as const).map((relation) => ({ s, relation, t }))));
    const text = pairs.map(() => "Câu.").join(" ");
    const relations = pairs
      .map(({ s, relation, t }, i) => ({ source: country(s), relation, target: country(t), evidence: { article: "a", sentence: "Câu.", start: 5 * i, end: 5 * i + 4 } }))
      .reverse();
    const builder = new GraphBuilder();
    builder.add({ article: { id: "a", file: "a.txt", text }, sentences: [], mentions: [], relations });
    const graph = builder.finish();
    const expected = keys.flatMap((s) => keys.filter((t) => t !== s).flatMap((t) => [edgeKey(s, "proposes", t), ...(s < t ? [edgeKey(s, "consults", t)] : [])]));
    expect(graph.edges()).toEqual([...expected].sort());
    const [a, b] = [...keys].sort();
    expect(graph.getEdgeAttributes(edgeKey(a, "consults", b))).toMatchObject({ weight: 2, symmetric: true });
    expect(graph.getEdgeAttribute(edgeKey(b, "proposes", a), "weight")).toBe(1);
  });
});

describe("LatestByPlace keeps the value met last in corpus order, whatever the order of the calls", () => {
  it.each([
    { name: "in order", calls: [[1, "a"], [2, "b"], [3, "c"]], expected: "c" },
    { name: "backwards", calls: [[3, "c"], [2, "b"], [1, "a"]], expected: "c" },
    { name: "the highest place in the middle", calls: [[1, "a"], [9, "z"], [4, "d"]], expected: "z" },
  ] as Array<{ name: string; calls: Array<[number, string]>; expected: string }>)("$name", ({ calls, expected }) => {
    const latest = new LatestByPlace<string>();
    for (const [place, value] of calls) latest.set("k", place, value);
    expect(latest.get("k")).toBe(expected);
    expect(latest.get("other")).toBeUndefined();
  });
});
