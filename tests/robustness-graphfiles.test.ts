// Graph files from strangers, read by readGraphFile (what the CLI and the explorer use) and by
// `kg stats`: malformed JSON or XML, wrong shapes, edges to missing nodes, non-finite numbers,
// prototype keys, DTDs with entities, oversized files. Each is refused with one line naming the file
// and the problem (exit code 2 from the CLI), and nothing is polluted or executed.
import { afterAll, describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DOMParser } from "@xmldom/xmldom";
import { MAX_GRAPH_BYTES, readGraphFile } from "../src/export";
import { createGraph } from "../src/graph";
import { serializeGraph } from "../src/export";
import { loadLexicon } from "../src/recognize/lexicon";
import { kg } from "./robustness-helpers";

const tmp = mkdtempSync(join(tmpdir(), "kg-robust-graph-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A small valid graph as graph.json data. */
function base(): any {
  return {
    options: { type: "directed", multi: true, allowSelfLoops: false },
    attributes: { articles: [{ id: "a1", text: "Nga và Mỹ hội đàm." }] },
    nodes: [
      { key: "RUS", attributes: { label: "Nga", label_en: "Russia", type: "country", aliases: ["Nga"], mentions: [{ article: "a1", start: 0, end: 3, text: "Nga" }] } },
      { key: "USA", attributes: { label: "Mỹ", label_en: "United States", type: "country", aliases: [], mentions: [] } },
    ],
    edges: [
      {
        key: "RUS|meets|USA",
        source: "RUS",
        target: "USA",
        attributes: { relation: "meets", weight: 1, evidence: [{ article: "a1", sentence: "Nga và Mỹ hội đàm.", start: 0, end: 18 }], symmetric: true },
      },
    ],
  };
}

const json = (edit: (g: any) => void = () => undefined) => {
  const g = base();
  edit(g);
  return JSON.stringify(g);
};

/** GEXF text whose one edge has the given weight, and optional extra attribute declarations. */
function gexf({ weight = "1", extraDecl = "", extraValue = "", mentions = "[]" } = {}): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" version="1.3">
  <graph defaultedgetype="directed" mode="static">
    <attributes class="node">
      <attribute id="label_en" title="label_en" type="string"/>
      <attribute id="type" title="type" type="string"/>
      <attribute id="aliases" title="aliases" type="string"/>
      <attribute id="mentions" title="mentions" type="string"/>${extraDecl}
    </attributes>
    <attributes class="edge">
      <attribute id="relation" title="relation" type="string"/>
      <attribute id="evidence" title="evidence" type="string"/>
    </attributes>
    <nodes>
      <node id="a" label="A"><attvalues><attvalue for="label_en" value="A"/><attvalue for="type" value="country"/><attvalue for="aliases" value="[]"/><attvalue for="mentions" value='${mentions}'/>${extraValue}</attvalues></node>
      <node id="b" label="B"><attvalues><attvalue for="label_en" value="B"/><attvalue for="type" value="country"/><attvalue for="aliases" value="[]"/><attvalue for="mentions" value="[]"/></attvalues></node>
    </nodes>
    <edges>
      <edge id="a|meets|b" source="a" target="b" weight="${weight}"><attvalues><attvalue for="relation" value="meets"/><attvalue for="evidence" value="[]"/></attvalues></edge>
    </edges>
  </graph>
</gexf>
`;
}

function graphml({ weight = "1", keyName = "label_en" } = {}): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="label" for="node" attr.name="label" attr.type="string"/>
  <key id="label_en" for="node" attr.name="${keyName}" attr.type="string"/>
  <key id="type" for="node" attr.name="type" attr.type="string"/>
  <key id="aliases" for="node" attr.name="aliases" attr.type="string"/>
  <key id="mentions" for="node" attr.name="mentions" attr.type="string"/>
  <key id="relation" for="edge" attr.name="relation" attr.type="string"/>
  <key id="weight" for="edge" attr.name="weight" attr.type="double"/>
  <key id="evidence" for="edge" attr.name="evidence" attr.type="string"/>
  <graph edgedefault="directed">
    <node id="a"><data key="label">A</data><data key="label_en">A</data><data key="type">country</data><data key="aliases">[]</data><data key="mentions">[]</data></node>
    <node id="b"><data key="label">B</data><data key="label_en">B</data><data key="type">country</data><data key="aliases">[]</data><data key="mentions">[]</data></node>
    <edge id="a|meets|b" source="a" target="b"><data key="relation">meets</data><data key="weight">${weight}</data><data key="evidence">[]</data></edge>
  </graph>
</graphml>
`;
}

const LAUGHS = `<!DOCTYPE gexf [
  <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
  <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
  <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
]>`;

/** [file name, content, what the one-line message must say]. */
const HOSTILE: Array<[string, string, RegExp]> = [
  ["truncated.json", json().slice(0, 120), /^truncated\.json: not valid JSON at (line 1, column \d+|the end) \(/],
  ["trailing.json", `${json()} {}`, /^trailing\.json: not valid JSON at line 1, column \d+/],
  ["empty.json", "", /^empty\.json: empty file, not valid JSON$/],
  ["array.json", "[1, 2, 3]", /^array\.json: not a graph \(expected an object with nodes and edges\)/],
  ["nodes-object.json", json((g) => (g.nodes = { RUS: {} })), /^nodes-object\.json: graph: nodes should be an array, not an object$/],
  ["no-label.json", json((g) => delete g.nodes[0].attributes.label), /^no-label\.json: node 'RUS' has no label/],
  ["bad-type.json", json((g) => (g.nodes[0].attributes.type = "<script>")), /^bad-type\.json: node 'RUS': type "<script>" is not one of country, organization/],
  ["bad-relation.json", json((g) => (g.edges[0].attributes.relation = "owns")), /^bad-relation\.json: edge 'RUS\|meets\|USA': relation "owns" is not one of/],
  ["string-offset.json", json((g) => (g.nodes[0].attributes.mentions[0].start = "0")), /^string-offset\.json: node 'RUS': mentions\[0\]\.start should be a number, not "0"/],
  ["missing-node.json", json((g) => (g.edges[0].target = "CHN")), /^missing-node\.json: edge 'RUS\|meets\|USA' ends at node 'CHN', which is not in the graph$/],
  ["missing-source.json", json((g) => (g.edges[0].source = "XXX")), /^missing-source\.json: edge 'RUS\|meets\|USA' starts at node 'XXX', which is not in the graph$/],
  ["self-loop.json", json((g) => (g.edges[0].target = "RUS")), /^self-loop\.json: edge 'RUS\|meets\|USA' links node 'RUS' to itself$/],
  ["twice.json", json((g) => g.nodes.push(g.nodes[0])), /^twice\.json: node 'RUS' appears twice$/],
  // JSON has no Infinity, but a number too large for a double parses to it.
  ["huge-number.json", json((g) => (g.nodes[0].attributes.mentions[0].start = 0)).replace('"start":0', '"start":1e400'), /^huge-number\.json: node 'RUS': mentions\[0\]\.start should be a number, not Infinity$/],
  ["huge-weight.json", json().replace('"weight":1', '"weight":-1e999'), /^huge-weight\.json: edge 'RUS\|meets\|USA': weight should be a number, not -Infinity$/],
  ["proto-top.json", `{"__proto__": {"polluted": true}, ${json().slice(1)}`, /^proto-top\.json: graph has the key "__proto__", which is refused/],
  ["proto-node.json", json().replace('"label":"Nga"', '"__proto__":{"polluted":true},"label":"Nga"'), /^proto-node\.json: node 'RUS' has the key "__proto__", which is refused/],
  ["proto-mention.json", json().replace('"start":0', '"__proto__":{"polluted":true},"start":0'), /^proto-mention\.json: node 'RUS' mentions\[0\] has the key "__proto__"/],
  ["constructor.json", json().replace('"relation":"meets"', '"constructor":{"prototype":{"polluted":true}},"relation":"meets"'), /^constructor\.json: edge 'RUS\|meets\|USA' has the key "constructor"/],
  ["prototype.json", json().replace('"articles":[', '"prototype":{"polluted":true},"articles":['), /^prototype\.json: graph attribute has the key "prototype"/],
  ["deep.json", `${"[".repeat(200_000)}${"]".repeat(200_000)}`, /^deep\.json: graph (\[0\]){8} is nested more than 64 levels deep, which is refused$/],
  ["deep-attribute.json", json().replace('"label":"Nga"', `"x":${"[".repeat(50_000)}${"]".repeat(50_000)},"label":"Nga"`), /^deep-attribute\.json: node 'RUS' x(\[0\]){4} is nested more than 64 levels deep, which is refused$/],
  ["deep-broken.json", "[".repeat(200_000), /^deep-broken\.json: not valid JSON/],
  ["bad.gexf", "<gexf><graph><nodes><node id='a'></nodes>", /^bad\.gexf: not valid XML/],
  ["not-gexf.gexf", "<?xml version='1.0'?><svg><script>alert(1)</script></svg>", /^not-gexf\.gexf: not a GEXF file \(root element is <svg>, expected <gexf>\)$/],
  ["laughs.gexf", gexf().replace("<gexf ", `${LAUGHS}\n<gexf `).replace('label="A"', 'label="&e;"'), /^laughs\.gexf: XML with a <!DOCTYPE> or <!ENTITY> declaration is refused/],
  ["xxe.gexf", gexf().replace("<gexf ", `<!DOCTYPE gexf [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<gexf `).replace('label="A"', 'label="&x;"'), /^xxe\.gexf: XML with a <!DOCTYPE>/],
  ["xxe.graphml", graphml().replace("<graphml ", `<!DOCTYPE graphml [<!ENTITY x SYSTEM "http://127.0.0.1:1/x">]>\n<graphml `).replace("<data key=\"label\">A", "<data key=\"label\">&x;"), /^xxe\.graphml: XML with a <!DOCTYPE>/],
  ["doctype-only.graphml", graphml().replace("<graphml ", `<!DOCTYPE graphml SYSTEM "graphml.dtd">\n<graphml `), /^doctype-only\.graphml: XML with a <!DOCTYPE>/],
  ["inf.gexf", gexf({ weight: "Infinity" }), /^inf\.gexf: edge 'a\|meets\|b': weight should be a number, not Infinity$/],
  ["nan.gexf", gexf({ weight: "NaN" }), /^nan\.gexf: edge 'a\|meets\|b': weight should be a number, not NaN$/],
  ["inf.graphml", graphml({ weight: "-Infinity" }), /^inf\.graphml: edge 'a\|meets\|b': weight should be a number, not -Infinity$/],
  ["proto-decl.gexf", gexf({ extraDecl: '\n      <attribute id="x" title="__proto__" type="string"/>', extraValue: '<attvalue for="x" value="p"/>' }), /^proto-decl\.gexf: <attribute title="__proto__"> is refused/],
  ["proto-value.gexf", gexf({ extraValue: '<attvalue for="constructor" value="p"/>' }), /^proto-value\.gexf: <attvalue for="constructor"> is refused/],
  ["proto-json.gexf", gexf({ mentions: '[{"article":"x","start":0,"end":1,"text":"A","__proto__":{"polluted":true}}]' }), /^proto-json\.gexf: node 'a' mentions\[0\] has the key "__proto__"/],
  ["proto-key.graphml", graphml({ keyName: "__proto__" }), /^proto-key\.graphml: <key attr\.name="__proto__"> is refused/],
  ["graph.csv", "a,b\n", /^graph\.csv: cannot read this kind of file \(expected \.json, \.gexf, \.graphml\)$/],
];

function expectUnpolluted(): void {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.prototype).not.toHaveProperty("polluted");
  expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain("polluted");
}

describe("hostile graph files through readGraphFile", () => {
  it.each(HOSTILE)("%s is refused with one line naming it", (name, text, message) => {
    let error: Error | undefined;
    try {
      readGraphFile(name, text, { DOMParser });
    } catch (e) {
      error = e as Error;
    }
    expect(error, name).toBeInstanceOf(Error);
    expect(error!.message).toMatch(message);
    expect(error!.message).not.toContain("\n");
    expectUnpolluted();
  });

  it("the valid forms of the same files are read (the hostile ones differ only by their fault)", () => {
    expect(readGraphFile("ok.json", json()).size).toBe(1);
    expect(readGraphFile("ok.gexf", gexf(), { DOMParser }).size).toBe(1);
    expect(readGraphFile("ok.graphml", graphml(), { DOMParser }).size).toBe(1);
  });

  // Never build such a graph in this process: graphology itself, given a node "__proto__" and an edge
  // to it, writes the edge onto Object.prototype. The files are written by hand, and refused before
  // graphology sees them.
  it.each(["__proto__", "constructor", "prototype", "toString", "hasOwnProperty"])(
    "a node key '%s' is refused in every format, before any graph is built",
    (key) => {
      const esc = key.replace(/[_]/g, "_");
      expect(() => readGraphFile("odd.json", json((g) => ((g.nodes[1].key = key), (g.edges[0].target = key))))).toThrow(
        new RegExp(`^odd\\.json: node key '${esc}' is refused \\(a built-in property name of JavaScript objects\\)$`),
      );
      expect(() => readGraphFile("odd.gexf", gexf().replaceAll('"b"', `"${key}"`), { DOMParser })).toThrow(new RegExp(`^odd\\.gexf: <node id="${esc}"> is refused`));
      expect(() => readGraphFile("odd.graphml", graphml().replaceAll('"b"', `"${key}"`), { DOMParser })).toThrow(new RegExp(`^odd\\.graphml: <node id="${esc}"> is refused`));
      expect(() => readGraphFile("odd.gexf", gexf().replace('source="a"', `source="${key}"`), { DOMParser })).toThrow(new RegExp(`^odd\\.gexf: <edge source="${esc}"> is refused`));
      expect(() => readGraphFile("odd.json", json((g) => (g.edges[0].key = key)))).toThrow(new RegExp(`^odd\\.json: edge '${esc}' is refused`));
      expectUnpolluted();
    },
  );

  it("the same names as labels and aliases are plain text", () => {
    const g = createGraph();
    g.setAttribute("articles", []);
    g.addNode("a", { label: "a", label_en: "a", type: "organization", aliases: [], mentions: [] });
    g.addNode("b", { label: "__proto__", label_en: "constructor", type: "organization", aliases: ["toString"], mentions: [] });
    g.addDirectedEdgeWithKey("b|meets|a", "b", "a", { relation: "meets", weight: 1, evidence: [], symmetric: true });
    for (const format of ["json", "gexf", "graphml"] as const) {
      const back = readGraphFile(`ok.${format}`, serializeGraph(g, format), { DOMParser });
      expect(back.getNodeAttributes("b")).toMatchObject({ label: "__proto__", label_en: "constructor", aliases: ["toString"] });
    }
    expectUnpolluted();
  });

  it("a file over the size limit is refused before it is parsed", () => {
    expect(() => readGraphFile("big.json", " ".repeat(1001), { maxBytes: 1000 })).toThrow(/^big\.json: too large \(0 MB; graph files over 0 MB are refused\)$/);
    expect(MAX_GRAPH_BYTES).toBe(200 * 1024 * 1024);
  });
});

describe("hostile graph files through kg stats", () => {
  const dir = join(tmp, "files");
  mkdirSync(dir, { recursive: true });

  it.each(HOSTILE)("kg stats %s: exit code 2 and one line naming the file", (name, text, message) => {
    writeFileSync(join(dir, name), text);
    const r = kg(["stats", join(dir, name)]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    const line = r.stderr.replace(/\n$/, "");
    expect(line).not.toContain("\n");
    expect(line.startsWith(`${dir}/${name}: `)).toBe(true);
    expect(line.slice(dir.length + 1)).toMatch(message);
  });

  it("a graph file over 200 MB is refused at once, without reading it", () => {
    const file = join(dir, "huge.json");
    writeFileSync(file, "");
    truncateSync(file, MAX_GRAPH_BYTES + 1);
    const t0 = Date.now();
    const r = kg(["stats", file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${file}: too large (200 MB; graph files over 200 MB are refused)\n`);
    expect(Date.now() - t0).toBeLessThan(20_000);
  });

  it("a named pipe is refused rather than read for ever", () => {
    const file = join(dir, "pipe.json");
    try {
      execFileSync("mkfifo", [file]);
    } catch {
      return;
    }
    const r = kg(["stats", file], { timeout: 30_000 });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${file}: not a regular file\n`);
  });
});

describe("hostile --lexicon files", () => {
  const lexicons: Array<[string, string, RegExp]> = [
    ["proto.json", '{"__proto__": {"actors": []}}', /Unrecognized key: "__proto__"/],
    ["proto-actor.json", '{"actors": [{"id": "RUS", "__proto__": {"names": ["X"]}}]}', /actors entry 0 \("RUS"\): Unrecognized key: "__proto__"/],
    ["constructor.json", '{"constructor": {"prototype": {"polluted": true}}}', /Unrecognized key: "constructor"/],
    ["proto-office.json", '{"actors": [{"id": "person:a-b", "type": "person", "label": "A B", "label_en": "A B", "names": ["A B"], "offices": [{"office": "x", "of": "RUS", "from": "2020", "__proto__": {}}]}]}', /Unrecognized key: "__proto__"/],
    ["not-json.json", "{actors: []}", /not valid JSON/],
  ];

  it.each(lexicons)("--lexicon %s is refused with exit code 2 and a message naming the file", (name, text, message) => {
    const file = join(tmp, name);
    writeFileSync(file, text);
    const r = kg(["build", join(tmp, "none-such"), "--lexicon", file, "--out", join(tmp, "lex-out")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain(name);
    expect(r.stderr.trim()).not.toContain("\n");
  });

  it("loadLexicon refuses the same objects, and nothing is polluted", () => {
    for (const [, text, message] of lexicons.slice(0, 4)) expect(() => loadLexicon(JSON.parse(text))).toThrow(message);
    expectUnpolluted();
  });

  it("an actor id such as 'constructor' is refused (it would become a node key)", () => {
    for (const id of ["constructor", "toString", "hasOwnProperty"]) {
      expect(() => loadLexicon({ actors: [{ id, type: "organization", label: "Hội Xây Dựng", label_en: "Builders", names: ["Hội Xây Dựng"] }] })).toThrow(
        /id: is a built-in property name of JavaScript objects, not allowed as an id/,
      );
    }
    const file = join(tmp, "constructor-id.json");
    writeFileSync(file, JSON.stringify({ actors: [{ id: "constructor", type: "organization", label: "Hội Xây Dựng", label_en: "Builders", names: ["Hội Xây Dựng"] }] }));
    const r = kg(["build", "seeds", "--lexicon", file, "--out", join(tmp, "lex-out")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/constructor-id\.json actors entry 0 \("constructor"\): .*not allowed as an id\n$/);
    expectUnpolluted();
  });
});
