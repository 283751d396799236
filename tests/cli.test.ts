// The kg command line, run as users run it (node bin/kg.mjs): builds of seeds/ are deterministic
// and match the committed graph/, show and stats answer, bad inputs are skipped or refused clearly.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createGraph, edgeKey } from "../src/graph";
import { OUTPUT_FILES, serializeGraph } from "../src/export";
import { parseFormats } from "../src/cli/build";
// @ts-expect-error: a plain .mjs script without declarations
import { CLI_NODE_FLAGS } from "../scripts/node-flags.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const FILES = OUTPUT_FILES.map((f) => f.fileName);
const HAS_PIPELINE = existsSync(join(ROOT, "src", "pipeline", "index.ts"));

function kg(...args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, "bin", "kg.mjs"), ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
}

const tmp = mkdtempSync(join(tmpdir(), "kg-cli-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("kg stats and kg show on a graph file", () => {
  const file = join(tmp, "hand", "graph.json");
  beforeAll(() => {
    const g = createGraph();
    g.setAttribute("articles", [{ id: "a1", date: "2022-01-10", title: "Hội đàm", text: "Nga và Mỹ hội đàm tại Geneve, ông Lavrov nói." }]);
    g.addNode("RUS", { label: "Nga", label_en: "Russia", type: "country", aliases: ["Nga", "Moskva"], mentions: [{ article: "a1", start: 0, end: 3, text: "Nga" }] });
    g.addNode("USA", { label: "Mỹ", label_en: "United States", type: "country", aliases: ["Mỹ"], mentions: [] });
    g.addNode("person:sergei-lavrov", { label: "Sergei Lavrov", label_en: "Sergei Lavrov", type: "person", aliases: ["Lavrov"], mentions: [] });
    const sentence = "Nga và Mỹ hội đàm tại Geneve, ông Lavrov nói.";
    g.addDirectedEdgeWithKey(edgeKey("RUS", "meets", "USA"), "RUS", "USA", {
      relation: "meets",
      weight: 1,
      symmetric: true,
      evidence: [{ article: "a1", sentence, start: 0, end: sentence.length }],
    });
    g.addDirectedEdgeWithKey(edgeKey("person:sergei-lavrov", "represents", "RUS"), "person:sergei-lavrov", "RUS", {
      relation: "represents",
      weight: 1,
      evidence: [{ article: "a1", sentence, start: 0, end: sentence.length, date: "2022-01-10" }],
    });
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, serializeGraph(g, "json"));
    writeFileSync(join(tmp, "hand", "graph.gexf"), serializeGraph(g, "gexf"));
  });

  it("show finds a node without diacritics and prints its relations with quotes", () => {
    const r = kg("show", file, "moskva");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Nga \(Russia\) — country \[RUS\]/);
    expect(r.stdout).toContain("meets (1)");
    expect(r.stdout).toContain("— Mỹ (United States)");
    expect(r.stdout).toContain("represents (1)");
    expect(r.stdout).toContain("← Sergei Lavrov");
    expect(r.stdout).toContain("[a1, 2022-01-10] “Nga và Mỹ hội đàm tại Geneve, ông Lavrov nói.”");
    expect(kg("show", file, "my").stdout).toMatch(/^Mỹ \(United States\)/);
    expect(kg("show", join(tmp, "hand", "graph.gexf"), "lavrov").stdout).toMatch(/^Sergei Lavrov — person/);
  });

  it("show lists several matches, and says when nothing matches", () => {
    const several = kg("show", file, "a");
    expect(several.code).toBe(0);
    expect(several.stdout).toMatch(/^\d+ nodes match 'a':/);
    const none = kg("show", file, "zzz");
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/no node matches 'zzz'/);
  });

  it("stats counts types and relations and lists the articles", () => {
    const r = kg("stats", file);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("3 nodes, 2 edges, 1 article");
    expect(r.stdout).toContain("Nodes: 3 (country 2, person 1)");
    expect(r.stdout).toContain("Edges: 2 (meets 1, represents 1)");
    expect(r.stdout).toMatch(/Top 3 nodes by degree:\n\s+2 {2}Nga \(Russia\)/);
    expect(r.stdout).toMatch(/a1 {2}2022-01-10/);
  });

  it("a bad graph file gets one line naming it, and exit code 2", () => {
    const bad = join(tmp, "hand", "bad.json");
    writeFileSync(bad, '{"nodes": [{"key": "RUS", "attributes": {"type": "country"}}]}');
    for (const [args, pattern] of [
      [["stats", bad], /bad\.json: node 'RUS' has no label/],
      [["show", bad, "nga"], /bad\.json: node 'RUS' has no label/],
      [["stats", join(tmp, "hand", "missing.json")], /missing\.json: file not found/],
      [["stats", join(tmp, "hand", "notes.txt")], /notes\.txt: /],
    ] as const) {
      if (String(args[1]).endsWith("notes.txt")) writeFileSync(args[1], "hello");
      const r = kg(...args);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(pattern);
    }
    writeFileSync(join(tmp, "hand", "broken.gexf"), '<?xml version="1.0"?>\n<gexf>\n<graph></gexf>\n');
    const x = kg("stats", join(tmp, "hand", "broken.gexf"));
    expect(x.code).toBe(2);
    expect(x.stderr).toMatch(/broken\.gexf: not valid XML at line 3/);
  });

  it("bad usage exits with 2", () => {
    expect(kg("frobnicate").code).toBe(2);
    expect(kg("show", file).code).toBe(2);
    expect(kg("--help").code).toBe(0);
  });
});

describe.skipIf(!HAS_PIPELINE)("kg build seeds", () => {
  const out1 = join(tmp, "build1");
  const out2 = join(tmp, "build2");
  let first: ReturnType<typeof kg>;
  beforeAll(() => {
    first = kg("build", "seeds", "--out", out1);
    kg("build", "seeds", "--out", out2, "--quiet");
  });

  it("writes the five files with a summary", () => {
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    for (const f of FILES) expect(existsSync(join(out1, f)), f).toBe(true);
    const seeds = readdirSync(join(ROOT, "seeds")).filter((f) => /\.(txt|md|markdown|html?)$/.test(f)).length;
    expect(first.stdout).toContain(`Articles read: ${seeds}`);
    expect(first.stdout).toMatch(/Articles skipped: \d+/);
    expect(first.stdout).toMatch(/Warnings: \d+/);
    expect(first.stdout).toMatch(/Sentences: [1-9]\d*/);
    expect(first.stdout).toMatch(/Nodes: [1-9]\d* \(.*country \d+/);
    expect(first.stdout).toMatch(/Edges: [1-9]\d* \(/);
    expect(first.stdout).toMatch(/Time: \d+\.\d s/);
    // No temporary files left behind.
    expect(readdirSync(out1).sort()).toEqual([...FILES].sort());
  });

  it("is byte-identical across runs", () => {
    for (const f of FILES) expect(readFileSync(join(out2, f)).equals(readFileSync(join(out1, f))), `${f} differs between two builds`).toBe(true);
  });

  it("npm run kg, with the Node flags it starts the CLI with, writes the same bytes", () => {
    const out3 = join(tmp, "build3");
    const env = { ...process.env, NO_COLOR: "1", npm_config_update_notifier: "false" };
    const r = spawnSync("npm", ["run", "--silent", "kg", "--", "build", "seeds", "--out", out3, "--quiet"], { cwd: ROOT, encoding: "utf8", env, timeout: 120_000 });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    for (const f of FILES) expect(readFileSync(join(out3, f)).equals(readFileSync(join(out1, f))), `${f} differs`).toBe(true);
    // The flags are those of scripts/node-flags.mjs, which npm start and the benchmark use too.
    const scripts = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).scripts;
    const start = `node ${CLI_NODE_FLAGS.join(" ")} bin/kg.mjs`;
    expect(scripts.kg).toBe(start);
    expect(scripts.graph).toBe(`${start} build seeds --out graph`);
  });

  it("graph/ in the repo is a fresh build of seeds/", () => {
    const stale = FILES.filter((f) => {
      const committed = join(ROOT, "graph", f);
      return !existsSync(committed) || !readFileSync(committed).equals(readFileSync(join(out1, f)));
    });
    if (stale.length) expect.fail(`graph/ is out of date: run npm run graph (differs: ${stale.join(", ")})`);
  });

  it("show moskva prints Nga with a quote; show lavrov finds Sergei Lavrov", () => {
    const r = kg("show", join(out1, "graph.json"), "moskva");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Nga \(Russia\) — country/);
    expect(r.stdout).toMatch(/\[[^\]]+\] “[^”]+”/);
    const l = kg("show", join(out1, "graph.json"), "lavrov");
    expect(l.code).toBe(0);
    expect(l.stdout).toMatch(/^Sergei Lavrov/);
  });

  it("stats works on the build", () => {
    const r = kg("stats", out1);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\d+ nodes, \d+ edges, \d+ articles/);
    expect(r.stdout).toContain("Top 10 nodes by degree:");
  });

  it("skips an empty .txt and a .png with reasons and builds the rest", () => {
    const dir = join(tmp, "mixed");
    mkdirSync(join(dir, "sub"), { recursive: true });
    const seed = readdirSync(join(ROOT, "seeds")).filter((f) => f.endsWith(".txt")).sort()[0];
    copyFileSync(join(ROOT, "seeds", seed), join(dir, "sub", seed));
    writeFileSync(join(dir, "empty.txt"), "");
    writeFileSync(join(dir, "photo.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const r = kg("build", dir, "--out", join(tmp, "mixed-out"));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Articles read: 1");
    expect(r.stdout).toContain("Articles skipped: 2");
    expect(r.stdout).toMatch(/empty\.txt: empty file/);
    expect(r.stdout).toMatch(/photo\.png: \.png files are not read/);
    for (const f of FILES) expect(existsSync(join(tmp, "mixed-out", f))).toBe(true);

    const strict = kg("build", dir, "--out", join(tmp, "mixed-strict"), "--strict", "--quiet");
    expect(strict.code).toBe(1);
  });

  it("fails when nothing can be built", () => {
    const dir = join(tmp, "nothing");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "empty.txt"), "");
    const r = kg("build", dir, "--out", join(tmp, "nothing-out"));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("Nothing was built");
    expect(existsSync(join(tmp, "nothing-out"))).toBe(false);
  });

  it("--formats writes only the files asked for, and names an earlier build's others it left", () => {
    const only = join(tmp, "only-json");
    const r = kg("build", "seeds", "--out", only, "--formats", "json", "--quiet");
    expect(r.code).toBe(0);
    expect(readdirSync(only)).toEqual(["graph.json"]);
    expect(readFileSync(join(only, "graph.json")).equals(readFileSync(join(out1, "graph.json")))).toBe(true);
    expect(r.stdout).not.toContain("Left as they were");
    // Into a folder holding all five files of an earlier build: the CSV files are rewritten, the others kept and named.
    const mixed = join(tmp, "csv-over");
    mkdirSync(mixed);
    for (const f of FILES) writeFileSync(join(mixed, f), "earlier build");
    const csv = kg("build", "seeds", "--out", mixed, "--formats", "csv");
    expect(csv.code).toBe(0);
    for (const f of ["nodes.csv", "edges.csv"]) expect(readFileSync(join(mixed, f)).equals(readFileSync(join(out1, f))), f).toBe(true);
    for (const f of ["graph.json", "graph.gexf", "graph.graphml"]) expect(readFileSync(join(mixed, f), "utf8"), f).toBe("earlier build");
    expect(csv.stdout).toContain("Left as they were (not in --formats, from an earlier build): graph.json, graph.gexf, graph.graphml");
    const bad = kg("build", "seeds", "--out", join(tmp, "bad-formats"), "--formats", "json,xml");
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe("kg build: --formats: unknown format 'xml' (choose from json, gexf, graphml, csv)");
    expect(existsSync(join(tmp, "bad-formats"))).toBe(false);
  });

  it("refuses a broken lexicon with exit code 2", () => {
    const lex = join(tmp, "lexicon.json");
    writeFileSync(lex, "{ actors: [");
    const r = kg("build", "seeds", "--out", join(tmp, "lex-out"), "--lexicon", lex);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/lexicon\.json: not valid JSON/);
  });
});

describe("kg build --formats", () => {
  it.each([
    ["json", ["json"]],
    ["csv,json", ["json", "nodes.csv", "edges.csv"]],
    [" GEXF , graphml ", ["gexf", "graphml"]],
    ["json,json,", ["json"]],
    ["json,gexf,graphml,csv", ["json", "gexf", "graphml", "nodes.csv", "edges.csv"]],
  ])("%j → %j", (value, formats) => {
    expect(parseFormats(value)).toEqual(formats);
  });

  it.each([
    ["", "kg build: --formats needs at least one of json, gexf, graphml, csv"],
    [" , ", "kg build: --formats needs at least one of json, gexf, graphml, csv"],
    ["xml", "kg build: --formats: unknown format 'xml' (choose from json, gexf, graphml, csv)"],
    ["__proto__", "kg build: --formats: unknown format '__proto__' (choose from json, gexf, graphml, csv)"],
  ])("%j is refused", (value, message) => {
    expect(() => parseFormats(value)).toThrow(message);
  });
});

describe("kg build: memory", () => {
  it.each([
    { mb: 5, limitGB: 4, warns: false },
    { mb: 100, limitGB: 4, warns: false },
    { mb: 180, limitGB: 4, warns: true },
    { mb: 180, limitGB: 8, warns: false },
  ])("$mb MB of articles with a $limitGB GB heap: a warning is $warns", async ({ mb, limitGB, warns }) => {
    const { memoryWarning } = await import("../src/cli/build");
    const line = memoryWarning(mb * 2 ** 20, limitGB * 2 ** 30);
    if (!warns) expect(line).toBeUndefined();
    else {
      expect(line).toContain(`kg build: ${mb} MB of articles may need about`);
      expect(line).toMatch(/run it with NODE_OPTIONS=--max-old-space-size=\d+$/);
      expect(line).not.toContain("\n");
    }
  });
});
