// The five export formats and readGraphFile: round trips through GEXF and GraphML give back the
// graph of graph.json, CSV survives commas, quotes and line breaks, bad files give one-line errors.
import { describe, expect, it } from "vitest";
import Graph from "graphology";
import Papa from "papaparse";
import fc from "fast-check";
import { DOMParser } from "@xmldom/xmldom";
import gexf from "graphology-gexf";
import writeGexf from "graphology-gexf/common/writer.js";
import graphml from "graphology-graphml";
import { createGraph, edgeKey, type KnowledgeGraph } from "../src/graph";
import { exportAll, exportPieces, exportStream, formatOfFileName, readGraphFile, serializeGraph, EDGE_COLUMNS, NODE_COLUMNS, type TaggedPieces } from "../src/export";
import { writeFilesAtomic } from "../src/cli/atomic";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { jsonErrorOffset } from "../src/export/json";
import { canonicalEdgeAttributes, canonicalNodeAttributes, canonicalize } from "../src/export/canonical";
import { encodeValue, VIZ_NAMES, xmlSafeJson } from "../src/export/encode";
import { xmlSafeDocument } from "../src/export/xml";
import type { EdgeAttributes, NodeAttributes } from "../src/types";

const TEXT_A = 'Nga đã công bố dự thảo "hiệp ước" an ninh, gửi Mỹ và NATO.\nMoskva nói: "Chúng tôi chờ, rồi sẽ thấy".';
const TEXT_B = "Ngoại trưởng Nga Sergei Lavrov hội đàm với Ngoại trưởng Mỹ tại Geneve (Thụy Sĩ); Mỹ & NATO <phản hồi>.";
const QUOTE = 'Moskva nói: "Chúng tôi chờ, rồi sẽ thấy".';
const MULTILINE = 'Nga đã công bố dự thảo "hiệp ước" an ninh, gửi Mỹ và NATO.\nMoskva nói: "Chúng tôi chờ, rồi sẽ thấy".';

/** A small graph by hand, following the contract. `reverse` inserts everything in the other order. */
function sampleGraph(reverse = false): KnowledgeGraph {
  const g = createGraph();
  g.setAttribute("articles", [
    { id: "a1", title: "Dự thảo của Nga", date: "2021-12-17", source: "https://vnexpress.net/a1", text: TEXT_A },
    { id: "b2", date: "2022-01", text: TEXT_B },
  ]);
  const nodes: [string, NodeAttributes][] = [
    [
      "RUS",
      {
        label: "Nga",
        label_en: "Russia",
        type: "country",
        aliases: ["Nga", "Moskva", "Mátxcơva | Kremlin"],
        mentions: [
          { article: "a1", start: 0, end: 3, text: "Nga" },
          { article: "a1", start: 60, end: 66, text: "Moskva" },
          { article: "b2", start: 13, end: 16, text: "Nga" },
        ],
      },
    ],
    ["USA", { label: "Mỹ", label_en: "United States", type: "country", aliases: ["Mỹ"], mentions: [{ article: "a1", start: 48, end: 50, text: "Mỹ" }] }],
    ["NATO", { label: "NATO", label_en: "", type: "organization", aliases: [], mentions: [] }],
    [
      "person:sergei-lavrov",
      { label: "Sergei Lavrov", label_en: "Sergei Lavrov", type: "person", aliases: ["Sergey Lavrov", "Lavrov"], mentions: [{ article: "b2", start: 17, end: 30, text: "Sergei Lavrov" }] },
    ],
    [
      "proposal:RUS:draft:2021-12",
      { label: 'Dự thảo "hiệp ước", an ninh & <NATO>', label_en: "Russia's draft treaties", type: "proposal", aliases: [], mentions: [] },
    ],
  ];
  const ev = (article: string, sentence: string, start: number, date?: string) => ({
    article,
    sentence,
    start,
    end: start + sentence.length,
    ...(date ? { date } : {}),
  });
  const edges: [string, string, EdgeAttributes][] = [
    ["RUS", "proposal:RUS:draft:2021-12", { relation: "proposes", weight: 1, evidence: [ev("a1", MULTILINE, 0, "2021-12-17")] }],
    ["proposal:RUS:draft:2021-12", "USA", { relation: "addressed_to", weight: 1, evidence: [ev("a1", MULTILINE, 0)] }],
    // Two relations between the same pair, one of them symmetric.
    ["RUS", "USA", { relation: "meets", weight: 2, symmetric: true, evidence: [ev("b2", TEXT_B, 0, "2022-01-10"), ev("a1", QUOTE, 60)] }],
    ["RUS", "USA", { relation: "demands", weight: 1, evidence: [ev("a1", QUOTE, 60, "2021-12-17")] }],
    ["person:sergei-lavrov", "RUS", { relation: "represents", weight: 1, evidence: [ev("b2", TEXT_B, 0)] }],
  ];
  if (reverse) {
    nodes.reverse();
    edges.reverse();
  }
  for (const [key, attrs] of nodes) g.addNode(key, attrs);
  for (const [s, t, attrs] of edges) g.addDirectedEdgeWithKey(edgeKey(s, attrs.relation, t), s, t, attrs);
  return g;
}

const xml = { DOMParser };

describe("canonical attribute order", () => {
  const mention = { article: "a1", start: 0, end: 3, text: "Nga" };
  const evidence = { article: "a1", sentence: "Nga đề xuất.", start: 0, end: 12 };
  // [what, attributes, key order written, the graph's own object is written as it is]
  const nodeCases: Array<[string, Record<string, unknown>, string[], boolean]> = [
    ["in order", { label: "Nga", label_en: "Russia", type: "country", aliases: ["Nga"], mentions: [mention] }, ["label", "label_en", "type", "aliases", "mentions"], true],
    ["in order, extra keys sorted after", { label: "Nga", type: "country", a: 1, z: "x" }, ["label", "type", "a", "z"], true],
    ["contract keys out of order", { type: "country", label: "Nga" }, ["label", "type"], false],
    ["extra keys unsorted", { label: "Nga", z: 1, a: 2 }, ["label", "a", "z"], false],
    ["an extra key before a contract key", { x: 1, label: "Nga" }, ["label", "x"], false],
    ["an undefined value (dropped)", { label: "Nga", label_en: undefined, type: "country" }, ["label", "type"], false],
    ["an extra object (its keys sorted too)", { label: "Nga", extra: { b: 1, a: 2 } }, ["label", "extra"], false],
    ["a mention out of order", { label: "Nga", mentions: [mention, { text: "Mỹ", article: "a1", start: 9, end: 11 }] }, ["label", "mentions"], false],
  ];
  it.each(nodeCases)("node attributes %s", (_what, attrs, keys, same) => {
    const out = canonicalNodeAttributes(attrs as unknown as NodeAttributes) as unknown as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(keys);
    expect(out === attrs).toBe(same);
    for (const m of (out.mentions ?? []) as object[]) expect(Object.keys(m)).toEqual(["article", "start", "end", "text"]);
    if (out.extra) expect(Object.keys(out.extra as object)).toEqual(["a", "b"]);
  });

  it("edge attributes: symmetric after evidence, evidence keys in order; an edge already so is kept", () => {
    const inOrder = { relation: "meets", weight: 1, evidence: [evidence], symmetric: true };
    expect(canonicalEdgeAttributes(inOrder as EdgeAttributes)).toBe(inOrder);
    const mixed = { relation: "meets", symmetric: true, weight: 1, evidence: [{ end: 12, start: 0, sentence: "Nga đề xuất.", article: "a1" }] };
    const out = canonicalEdgeAttributes(mixed as EdgeAttributes);
    expect(Object.keys(out)).toEqual(["relation", "weight", "evidence", "symmetric"]);
    expect(Object.keys(out.evidence[0])).toEqual(["article", "sentence", "start", "end"]);
    expect(mixed.evidence[0]).toEqual({ end: 12, start: 0, sentence: "Nga đề xuất.", article: "a1" });
  });
});

describe("graph.json", () => {
  it("is graphology's export, deterministic, ending with a newline", () => {
    const a = serializeGraph(sampleGraph(), "json");
    const b = serializeGraph(sampleGraph(true), "json");
    expect(a).toBe(b);
    expect(a.endsWith("}\n")).toBe(true);
    const data = JSON.parse(a);
    expect(data.options).toEqual({ type: "directed", multi: true, allowSelfLoops: false });
    const imported = new Graph({ multi: true, type: "directed" });
    imported.import(data);
    expect(imported.order).toBe(5);
    expect(imported.size).toBe(5);
    expect(imported.getNodeAttribute("RUS", "aliases")).toContain("Moskva");
  });

  it("reads back into the same graph", () => {
    const json = serializeGraph(sampleGraph(), "json");
    const g = readGraphFile("graph/graph.json", json);
    expect(serializeGraph(g, "json")).toBe(json);
    expect(g.multi).toBe(true);
    expect(g.type).toBe("directed");
  });

  it("exportAll lists the five files, byte-identical across runs", () => {
    const a = exportAll(sampleGraph());
    const b = exportAll(sampleGraph(true));
    expect(a.map((f) => f.fileName)).toEqual(["graph.json", "graph.gexf", "graph.graphml", "nodes.csv", "edges.csv"]);
    expect(a).toEqual(b);
    for (const f of a) expect(f.content.endsWith("\n")).toBe(true);
  });

  it("exportPieces gives the same five texts, graph.json in pieces", () => {
    const g = sampleGraph();
    const pieces = exportPieces(g).map((f) => ({ fileName: f.fileName, parts: [...f.content] }));
    expect(pieces.map((f) => ({ fileName: f.fileName, content: f.parts.join("") }))).toEqual(exportAll(g));
    // Two nodes and their edges: more than one piece, so no piece need hold the whole file.
    expect(pieces[0].parts.length).toBeGreaterThan(3);
    // An empty graph is the same JSON as JSON.stringify writes.
    expect([...exportPieces(createGraph())[0].content].join("")).toBe(`${JSON.stringify({ options: { type: "directed", multi: true, allowSelfLoops: false }, nodes: [], edges: [], attributes: { articles: [] } }, null, 2)}\n`);
  });

  /** Runs `f` in a new temporary folder, removed afterwards. */
  async function inTempDir(f: (dir: string) => Promise<void>): Promise<void> {
    const dir = mkdtempSync(join(tmpdir(), "kg-write-"));
    try {
      await f(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  /** The files of a tagged stream, joined, and the order of its pieces' files. */
  function unstream({ fileNames, pieces }: TaggedPieces) {
    const parts = fileNames.map(() => [] as string[]);
    const order: number[] = [];
    for (const [i, piece] of pieces) {
      parts[i].push(piece);
      order.push(i);
    }
    return { files: fileNames.map((fileName, i) => ({ fileName, content: parts[i].join("") })), parts, order };
  }

  it("exportStream gives the files of exportAll, graph.gexf and graph.graphml made side by side", () => {
    const g = sampleGraph();
    const { files, parts, order } = unstream(exportStream(g));
    expect(files).toEqual(exportAll(g));
    // Each file starts with an empty piece; GraphML's pieces begin before GEXF's end.
    for (const p of parts) expect(p[0]).toBe("");
    expect(order.indexOf(2)).toBeLessThan(order.lastIndexOf(1));
    expect(order.lastIndexOf(0)).toBeLessThan(order.indexOf(1));
    // Some formats only, in the files' order; GraphML alone when GEXF is not asked for.
    const some = unstream(exportStream(g, ["graphml", "edges.csv", "json"]));
    expect(some.files).toEqual(exportAll(g).filter((f) => ["graph.json", "graph.graphml", "edges.csv"].includes(f.fileName)));
  });

  it("no piece of GEXF or GraphML holds all the articles' text", () => {
    // 300 articles of 3,000 characters: 900,000 characters of text in the graph's articles.
    const g = createGraph();
    const text = (i: number) => `Bài ${i}: ${"Nga gửi Mỹ dự thảo hiệp ước & chờ <trả lời>. ".repeat(64)}`.slice(0, 3000);
    g.setAttribute("articles", Array.from({ length: 300 }, (_, i) => ({ id: `a${String(i).padStart(3, "0")}`, text: text(i) })));
    g.addNode("RUS", { label: "Nga", label_en: "Russia", type: "country", aliases: ["Nga"], mentions: [{ article: "a000", start: 8, end: 11, text: "Nga" }] });
    for (const { fileName, content } of exportPieces(g, ["gexf", "graphml"])) {
      const pieces = [...content];
      for (const p of pieces) expect(p.length, fileName).toBeLessThan(100_000);
      const back = readGraphFile(fileName, pieces.join(""), { DOMParser });
      expect(back.getAttribute("articles").map((a) => a.text)).toEqual(Array.from({ length: 300 }, (_, i) => text(i)));
    }
  });

  /** Files written one after the other, as writeFilesAtomic's one stream of tagged pieces. */
  const inTurn = (files: Array<{ fileName: string; content: Iterable<string> }>): TaggedPieces => ({
    fileNames: files.map((f) => f.fileName),
    pieces: (function* (): Generator<[number, string]> {
      for (const [i, { content }] of files.entries()) {
        yield [i, ""];
        for (const piece of content) yield [i, piece];
      }
    })(),
  });

  it("writeFilesAtomic writes the five files in order, saying which one it starts, over an older build", async () => {
    await inTempDir(async (dir) => {
    writeFileSync(join(dir, "graph.gexf"), "old build");
    const g = sampleGraph();
    const started: string[] = [];
    const out = await writeFilesAtomic(dir, inTurn(exportPieces(g)), (i, fileName) => started.push(`${i}:${fileName}`));
    expect(started).toEqual(["0:graph.json", "1:graph.gexf", "2:graph.graphml", "3:nodes.csv", "4:edges.csv"]);
    expect(out.written.map((p) => p.slice(dir.length + 1))).toEqual(["graph.json", "graph.gexf", "graph.graphml", "nodes.csv", "edges.csv"]);
    expect(readdirSync(dir).sort()).toEqual(["edges.csv", "graph.gexf", "graph.graphml", "graph.json", "nodes.csv"]);
    for (const { fileName, content } of exportAll(g)) expect(readFileSync(join(dir, fileName), "utf8")).toBe(content);
    });
  });

  it("writeFilesAtomic writes a stream of pieces for several files at once, as exportStream gives them", async () => {
    await inTempDir(async (dir) => {
    const g = sampleGraph();
    const started: string[] = [];
    await writeFilesAtomic(dir, exportStream(g), (i, fileName) => started.push(`${i}:${fileName}`));
    expect(started).toEqual(["0:graph.json", "1:graph.gexf", "2:graph.graphml", "3:nodes.csv", "4:edges.csv"]);
    for (const { fileName, content } of exportAll(g)) expect(readFileSync(join(dir, fileName), "utf8")).toBe(content);
    // Pieces of two files in turn, a surrogate pair cut in each: each file gets its own pair back.
    const pieces: Array<[number, string]> = [[0, "a \ud83d"], [1, "b \ud83d"], [0, "\ude00 x"], [1, "\ude01 y"], [2, ""]];
    await writeFilesAtomic(dir, { fileNames: ["p.txt", "q.txt", "empty.txt"], pieces });
    expect(readFileSync(join(dir, "p.txt"), "utf8")).toBe("a 😀 x");
    expect(readFileSync(join(dir, "q.txt"), "utf8")).toBe("b 😁 y");
    expect(readFileSync(join(dir, "empty.txt"), "utf8")).toBe("");
    });
  });

  it("writeFilesAtomic: a failure while the files are made, with a write in flight, leaves the old files and no temporary file", async () => {
    await inTempDir(async (dir) => {
    writeFileSync(join(dir, "graph.json"), "old build");
    function* failing() {
      for (let i = 0; i < 40; i++) yield `${"ệ".repeat(100_000)}\n`; // 12 MB: several buffers written
      throw new Error("graph.gexf: cannot be made");
    }
    await expect(writeFilesAtomic(dir, inTurn([{ fileName: "graph.json", content: ["new build"] }, { fileName: "graph.gexf", content: failing() }]))).rejects.toThrow("graph.gexf: cannot be made");
    expect(readdirSync(dir)).toEqual(["graph.json"]);
    expect(readFileSync(join(dir, "graph.json"), "utf8")).toBe("old build");
    });
  });

  it("writeFilesAtomic writes pieces byte for byte: across its buffer's edge, a piece larger than the buffer, a surrogate pair cut between pieces", async () => {
    await inTempDir(async (dir) => {
    const pieces = [
      "Nga gửi dự thảo ",
      "\ud83d", // 😀 cut in two
      "\ude00 và ",
      ...Array.from({ length: 400 }, (_, i) => `câu ${i}: ${"ệ".repeat(3000)}\n`), // 3.6 MB, crossing the buffer's edge
      "ứ".repeat(800_000), // 2.4 MB in one piece
      "cuối \ud83d", // a lone high surrogate at the very end
    ];
    await writeFilesAtomic(dir, inTurn([{ fileName: "x.txt", content: pieces }]));
    expect(readFileSync(join(dir, "x.txt")).equals(Buffer.from(pieces.join(""), "utf8"))).toBe(true);
    expect(readFileSync(join(dir, "x.txt"), "utf8").slice(16, 22)).toBe("😀 và ");
    });
  });

  it("every file comes in pieces, which join into the whole file", async () => {
    // 3000 edges of 500-character quotes: each file but nodes.csv is several megabytes.
    const g = createGraph();
    g.setAttribute("articles", [{ id: "a1", text: "Nga. ".repeat(100) }]);
    for (let i = 0; i < 100; i++) g.addNode(`n${i}`, { label: `Nút ${i}`, label_en: `Node ${i}`, type: "country", aliases: [`Nút ${i}`], mentions: [] });
    let k = 0;
    for (let i = 0; i < 100 && k < 3000; i++) {
      for (let j = 0; j < 100 && k < 3000; j++, k++) {
        if (i === j) continue;
        const sentence = `Câu ${k}: ${"Nga gửi Mỹ dự thảo & <chờ> \"trả lời\". ".repeat(12)}`;
        g.addDirectedEdgeWithKey(edgeKey(`n${i}`, "proposes", `n${j}`), `n${i}`, `n${j}`, { relation: "proposes", weight: 1, evidence: [{ article: "a1", sentence, start: 0, end: 4 }] });
      }
    }
    for (const { fileName, content } of exportPieces(g)) {
      const pieces = [...content];
      const format = formatOfFileName(fileName)!;
      expect(pieces.join(""), fileName).toBe(serializeGraph(g, format));
      if (fileName !== "nodes.csv") expect(pieces.length, fileName).toBeGreaterThan(2);
      for (const p of pieces) expect(p.length, fileName).toBeLessThan(3_000_000);
    }
  });
});

describe("GEXF: graphology-gexf's document, written in pieces", () => {
  /** graph.gexf as graphology-gexf's own writer makes it, whole: the reference the pieces must match byte for byte. */
  function referenceGexf(graph: KnowledgeGraph): string {
    const c = canonicalize(graph);
    const out = new Graph({ type: "directed", multi: true, allowSelfLoops: false });
    out.import({
      attributes: { articles: xmlSafeJson(c.attributes.articles) },
      nodes: c.nodes.map((n) => ({ key: n.key, attributes: n.attributes as unknown as Record<string, unknown> })),
      edges: c.edges.map((e) => ({ key: e.key, source: e.source, target: e.target, attributes: e.attributes as unknown as Record<string, unknown> })),
    });
    const text = writeGexf(out, {
      version: "1.3",
      formatNode: (_key: string, a: Record<string, unknown>) => {
        const attributes: Record<string, unknown> = {};
        const viz: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(a)) {
          if (k === "label") continue;
          if (VIZ_NAMES.has(k) && (typeof v === "number" || typeof v === "string")) viz[k] = v;
          else attributes[k] = encodeValue(v);
        }
        return { label: a.label as string, attributes, ...(Object.keys(viz).length ? { viz } : {}) };
      },
      formatEdge: (_key: string, a: Record<string, unknown>) => {
        const attributes: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(a)) if (k !== "weight" && k !== "label" && k !== "kind") attributes[k] = encodeValue(v);
        return { label: typeof a.label === "string" ? a.label : (a.relation as string), kind: typeof a.kind === "string" ? a.kind : (a.relation as string), weight: a.weight as number, attributes };
      },
    });
    return `${xmlSafeDocument(text)}\n`;
  }

  const cases: Array<[string, () => KnowledgeGraph]> = [
    ["the sample graph", () => sampleGraph()],
    ["an empty graph", () => createGraph()],
    [
      "extra attributes of every type, positions, sizes and colours, odd characters",
      () => {
        const g = sampleGraph();
        g.mergeNodeAttributes("RUS", { x: 1.5, y: -2, size: 7, color: "#ff0000", score: 0.25, seen: true, rank: 3, big: 2 ** 40 } as never);
        g.mergeNodeAttributes("USA", { color: "rgba(10, 20, 30, 0.5)", score: 2, note: "a\r\nb\u2028c\u0001\ud800" } as never);
        g.mergeNodeAttributes("NATO", { note: "", score: null } as never);
        g.mergeEdgeAttributes(edgeKey("RUS", "meets", "USA"), { confidence: 0.5, label: "gặp", kind: "meeting" } as never);
        return g;
      },
    ],
  ];
  it.each(cases)("%s", (_what, make) => {
    expect(serializeGraph(make(), "gexf")).toBe(referenceGexf(make()));
  });
});

describe("GEXF and GraphML", () => {
  const json = serializeGraph(sampleGraph(), "json");

  it("GEXF read back gives the graph of graph.json", () => {
    const text = serializeGraph(sampleGraph(), "gexf");
    expect(text).toContain('version="1.3"');
    const g = readGraphFile("graph.gexf", text, xml);
    expect(serializeGraph(g, "json")).toBe(json);
  });

  it("GEXF is readable by graphology-gexf itself, lists as JSON strings", () => {
    const raw = gexf.parse(Graph, serializeGraph(sampleGraph(), "gexf"));
    expect(raw.order).toBe(5);
    expect(raw.size).toBe(5);
    expect(raw.getNodeAttribute("RUS", "label")).toBe("Nga");
    expect(raw.getNodeAttribute("RUS", "type")).toBe("country");
    expect(JSON.parse(raw.getNodeAttribute("RUS", "aliases"))).toEqual(["Nga", "Moskva", "Mátxcơva | Kremlin"]);
    const meets = raw.getEdgeAttributes(edgeKey("RUS", "meets", "USA"));
    expect(meets.weight).toBe(2);
    expect(meets.symmetric).toBe(true);
    expect(meets.kind).toBe("meets");
    expect(JSON.parse(meets.evidence)[1].sentence).toBe(QUOTE);
    expect(raw.getNodeAttribute("proposal:RUS:draft:2021-12", "label")).toBe('Dự thảo "hiệp ước", an ninh & <NATO>');
  });

  it("GraphML read back gives the graph of graph.json", () => {
    const text = serializeGraph(sampleGraph(), "graphml");
    expect(text).toMatch(/<key id="label" for="node" attr.name="label" attr.type="string"/);
    expect(text).toMatch(/<key id="weight" for="edge" attr.name="weight" attr.type="int"/);
    const g = readGraphFile("graph.graphml", text, xml);
    expect(serializeGraph(g, "json")).toBe(json);
  });

  it("GraphML is readable by graphology-graphml itself", () => {
    const raw = graphml.parse(Graph, serializeGraph(sampleGraph(), "graphml"));
    expect(raw.order).toBe(5);
    expect(raw.size).toBe(5);
    expect(raw.getNodeAttribute("USA", "label")).toBe("Mỹ");
    expect(raw.getNodeAttribute("NATO", "label_en")).toBe("");
    const e = raw.getEdgeAttributes(edgeKey("RUS", "proposes", "proposal:RUS:draft:2021-12"));
    expect(e.weight).toBe(1);
    expect(JSON.parse(e.evidence)[0].sentence).toBe(MULTILINE);
    expect(JSON.parse(raw.getAttribute("articles"))[0].text).toBe(TEXT_A);
  });

  it("any sentence text survives every format", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 40 }), fc.string({ unit: "grapheme", minLength: 1, maxLength: 20 }), (sentence, alias) => {
        const g = sampleGraph();
        g.updateEdgeAttribute(edgeKey("RUS", "demands", "USA"), "evidence", (ev) => [{ ...ev![0], sentence }]);
        g.setNodeAttribute("USA", "aliases", [alias, "Mỹ"]);
        const json = serializeGraph(g, "json");
        expect(serializeGraph(readGraphFile("g.json", json), "json")).toBe(json);
        expect(serializeGraph(readGraphFile("g.gexf", serializeGraph(g, "gexf"), xml), "json")).toBe(json);
        expect(serializeGraph(readGraphFile("g.graphml", serializeGraph(g, "graphml"), xml), "json")).toBe(json);
        const rows = Papa.parse<Record<string, string>>(serializeGraph(g, "edges.csv"), { header: true, skipEmptyLines: "greedy" }).data;
        const demands = rows.find((r) => r.key === edgeKey("RUS", "demands", "USA"));
        expect(demands?.first_quote).toBe(sentence);
      }),
      { numRuns: 40 },
    );
  });
});

describe("GEXF and GraphML: characters XML cannot hold as they are", () => {
  // A label is plain text in the file, a quote is inside JSON text (escaped by JSON itself). A line
  // break that parsers normalize stays itself; a character XML cannot hold becomes U+FFFD in a label.
  const cases: Array<[string, string, string]> = [
    ["carriage return", "a\rb", "a\rb"],
    ["C1 control and line separators", "a\u0085b\u2028c\u2029d", "a\u0085b\u2028c\u2029d"],
    ["C0 control", "a\u0001b", "a\ufffdb"],
    ["lone surrogates", "a\ud800b\udc00c", "a\ufffdb\ufffdc"],
    ["a surrogate pair", "a\ud83d\ude00b", "a\ud83d\ude00b"],
  ];
  it.each(cases)("%s in a label and in a quote", (_what, text, readBack) => {
    const g = sampleGraph();
    g.setNodeAttribute("USA", "label", text);
    g.updateEdgeAttribute(edgeKey("RUS", "demands", "USA"), "evidence", (ev) => [{ ...ev![0], sentence: text }]);
    for (const format of ["gexf", "graphml"] as const) {
      const back = readGraphFile(`g.${format}`, serializeGraph(g, format), xml);
      expect(back.getNodeAttribute("USA", "label"), format).toBe(readBack);
      expect(back.getEdgeAttribute(edgeKey("RUS", "demands", "USA"), "evidence")[0].sentence, format).toBe(text);
    }
  });
});

describe("CSV", () => {
  const parse = (text: string) => Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: "greedy" });

  it("nodes.csv has one row per node with Neo4j headers", () => {
    const text = serializeGraph(sampleGraph(), "nodes.csv");
    const { data, errors, meta } = parse(text);
    expect(errors).toEqual([]);
    expect(meta.fields).toEqual([...NODE_COLUMNS]);
    expect(data.map((r) => r["id:ID"])).toEqual(["NATO", "RUS", "USA", "person:sergei-lavrov", "proposal:RUS:draft:2021-12"]);
    const rus = data.find((r) => r["id:ID"] === "RUS")!;
    expect(rus).toMatchObject({ ":LABEL": "Actor;Country", label: "Nga", label_en: "Russia", type: "country", "mentions:int": "3", articles: "a1 | b2" });
    expect(rus.aliases).toBe("Nga | Moskva | Mátxcơva | Kremlin");
    const proposal = data.find((r) => r.type === "proposal")!;
    expect(proposal.label).toBe('Dự thảo "hiệp ước", an ninh & <NATO>');
    expect(proposal[":LABEL"]).toBe("Proposal");
  });

  it("edges.csv survives commas, quotes and line breaks", () => {
    const text = serializeGraph(sampleGraph(), "edges.csv");
    expect(text).toContain('""hiệp ước""');
    const { data, errors, meta } = parse(text);
    expect(errors).toEqual([]);
    expect(meta.fields).toEqual([...EDGE_COLUMNS]);
    expect(data).toHaveLength(5);
    const proposes = data.find((r) => r.relation === "proposes")!;
    expect(proposes).toMatchObject({
      ":START_ID": "RUS",
      ":END_ID": "proposal:RUS:draft:2021-12",
      ":TYPE": "PROPOSES",
      "weight:int": "1",
      "symmetric:boolean": "false",
      dates: "2021-12-17",
      first_article: "a1",
    });
    expect(proposes.first_quote).toBe(MULTILINE);
    const meets = data.find((r) => r.relation === "meets")!;
    expect(meets).toMatchObject({ "symmetric:boolean": "true", "weight:int": "2", dates: "2022-01-10", articles: "a1 | b2", first_quote: TEXT_B });
    // Undated evidence: the article's date stands in.
    expect(data.find((r) => r.relation === "represents")!.dates).toBe("2022-01");
    // Two relations between the same pair are two rows.
    expect(data.filter((r) => r[":START_ID"] === "RUS" && r[":END_ID"] === "USA").map((r) => r.relation).sort()).toEqual(["demands", "meets"]);
  });
});

describe("readGraphFile errors", () => {
  const good = () => JSON.parse(serializeGraph(sampleGraph(), "json"));
  const read = (name: string, text: string) => () => readGraphFile(name, text, xml);

  it("picks the parser from the extension", () => {
    expect(formatOfFileName("out/graph.GEXF")).toBe("gexf");
    expect(formatOfFileName("nodes.csv")).toBe("nodes.csv");
    expect(formatOfFileName("x.txt")).toBeUndefined();
    expect(read("notes.txt", "{}")).toThrow(/^notes\.txt: cannot read this kind of file/);
  });

  it("rejects malformed JSON with the line", () => {
    expect(read("x.json", '{\n  "nodes": [\n    }\n')).toThrow(/^x\.json: not valid JSON at line 3/);
    expect(read("x.json", "")).toThrow(/^x\.json: empty file/);
    expect(read("x.json", '{"nodes": [], }')).toThrow(/^x\.json: not valid JSON at line 1, column 15/);
    expect(read("x.json", '{"nodes": [')).toThrow(/^x\.json: not valid JSON at the end/);
  });

  it("finds the error where V8 reports a position", () => {
    fc.assert(
      fc.property(fc.json(), fc.nat(), fc.constantFrom("}", "]", ",", ":", '"', "x", "\n", "e", "-", ".", "\\", "\\u0"), (json, at, junk) => {
        const cut = at % (json.length + 1);
        const broken = json.slice(0, cut) + junk + json.slice(cut);
        let v8: number | undefined;
        try {
          JSON.parse(broken);
          return;
        } catch (e) {
          const m = / at position (\d+)/.exec((e as Error).message);
          if (m) v8 = Number(m[1]);
        }
        expect(jsonErrorOffset(broken)).not.toBe(-1);
        if (v8 !== undefined) expect(jsonErrorOffset(broken)).toBe(v8);
      }),
      { numRuns: 300 },
    );
  });

  it("rejects malformed XML with the line", () => {
    const gexfText = serializeGraph(sampleGraph(), "gexf").replace("</meta>", "</mta>");
    const line = gexfText.split("\n").findIndex((l) => l.includes("</mta>")) + 1;
    expect(line).toBeGreaterThan(1);
    expect(read("graph.gexf", gexfText)).toThrow(/^graph\.gexf: not valid XML at line \d+ \(Opening and ending tag mismatch/);
    expect(read("graph.gexf", '<?xml version="1.0"?>\n<gexf>\n<graph><nodes></graph>\n</gexf>')).toThrow(/^graph\.gexf: not valid XML at line 3/);
    expect(read("g.graphml", "not xml at all")).toThrow(/^g\.graphml: not valid XML/);
    expect(read("g.graphml", '<?xml version="1.0"?><gexf><graph/></gexf>')).toThrow(/^g\.graphml: not a GraphML file/);
    expect(() => readGraphFile("g.gexf", serializeGraph(sampleGraph(), "gexf"))).toThrow(/^g\.gexf: cannot read XML here/);
  });

  it("rejects wrong shapes naming the element", () => {
    const noLabel = good();
    delete noLabel.nodes.find((n: { key: string }) => n.key === "RUS").attributes.label;
    expect(read("x.json", JSON.stringify(noLabel))).toThrow(/^x\.json: node 'RUS' has no label$/);

    const badType = good();
    badType.nodes[1].attributes.type = "city";
    expect(read("x.json", JSON.stringify(badType))).toThrow(/^x\.json: node 'RUS': type "city" is not one of country, organization/);

    const badRelation = good();
    badRelation.edges[0].attributes.relation = "likes";
    expect(read("x.json", JSON.stringify(badRelation))).toThrow(/^x\.json: edge '[^']+': relation "likes" is not one of/);

    const badEvidence = good();
    badEvidence.edges[0].attributes.evidence[0].start = "0";
    expect(read("x.json", JSON.stringify(badEvidence))).toThrow(/^x\.json: edge '[^']+': evidence\[0\]\.start should be a number/);

    const dangling = good();
    dangling.edges[0].target = "CHN";
    expect(read("x.json", JSON.stringify(dangling))).toThrow(/^x\.json: edge '[^']+' ends at node 'CHN', which is not in the graph$/);

    expect(read("x.json", "[1, 2]")).toThrow(/^x\.json: not a graph/);
    expect(read("x.json", '{"edges": []}')).toThrow(/^x\.json: graph has no nodes$/);

    const gexfText = serializeGraph(sampleGraph(), "gexf").replace(/(for="mentions" value=")\[/, "$1{[");
    expect(read("graph.gexf", gexfText)).toThrow(/^graph\.gexf: node '[^']+': mentions is not valid JSON/);
  });

  it("messages are one line", () => {
    const bad = good();
    bad.nodes[0].attributes.aliases = "x\ny";
    try {
      readGraphFile("bad.json", JSON.stringify(bad));
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).not.toContain("\n");
      expect((e as Error).message).toMatch(/^bad\.json: /);
    }
  });
});
