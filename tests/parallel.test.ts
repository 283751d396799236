// The parallel build (worker threads) gives the graph of the single-thread build, byte for byte:
// on seeds/, on a generated corpus with duplicates and unreadable files, and through `kg build --jobs`.
// Extractions cross threads by structured clone; entities shared within an article stay shared.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { serialize } from "node:v8";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Piscina } from "piscina";
import type { ArticleExtraction, Entity, Evidence, Relation } from "../src/types";
import { collectInputs, readInputs } from "../src/cli/files";
import { nodeHtmlParser } from "../src/ingest/node";
import { buildGraph, corpusDate, extractArticle, lexiconFor, readArticles, type SourceFile } from "../src/pipeline";
import { BuildPool, buildGraphParallel, mapInSlices, shareWork } from "../src/pipeline/parallel";
import { parseJobs } from "../src/pipeline/jobs";
import type { SentExtraction } from "../src/pipeline/worker";
import { packExtraction, unpackExtraction } from "../src/pipeline/transfer";
import { serializeGraph } from "../src/export";
import { generateArticle } from "../bench/corpus";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const tmp = mkdtempSync(join(tmpdir(), "kg-parallel-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function read(dir: string): Promise<SourceFile[]> {
  const { files } = await collectInputs([dir]);
  return (await readInputs(files)).read;
}

function single(files: SourceFile[]) {
  const { graph, report } = buildGraph(files, { parseHtml: nodeHtmlParser });
  return { json: serializeGraph(graph, "json"), report };
}

async function parallel(files: SourceFile[], jobs: number) {
  const { graph, report } = await buildGraphParallel(files, { jobs, minFiles: 0 });
  return { json: serializeGraph(graph, "json"), report };
}

/**
 * The identity structure of an extraction: each distinct Entity object (by identity) numbered in
 * order of first appearance over mentions, relations and document authors.
 */
function identityShape(x: Pick<ArticleExtraction, "mentions" | "relations">): number[] {
  const ids = new Map<Entity, number>();
  const shape: number[] = [];
  const see = (e: Entity) => {
    if (!ids.has(e)) ids.set(e, ids.size);
    shape.push(ids.get(e)!);
    if (e.proposal) see(e.proposal.authorEntity);
  };
  for (const m of x.mentions) see(m.entity);
  for (const r of x.relations) {
    see(r.source);
    see(r.target);
  }
  return shape;
}

const CORPUS = join(tmp, "corpus");
beforeAll(() => {
  mkdirSync(CORPUS, { recursive: true });
  for (let i = 0; i < 60; i++) {
    const a = generateArticle(7, i);
    writeFileSync(join(CORPUS, a.name), a.text);
  }
  // What the order-dependent part decides: a duplicate text, an unreadable file, a seed.
  const first = generateArticle(7, 3);
  writeFileSync(join(CORPUS, `zz_copy_${first.name}`), first.text);
  writeFileSync(join(CORPUS, "00010_binary.txt"), Buffer.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x00, 0x01]));
  copyFileSync(join(ROOT, "seeds", "001_86e90aea73c19656.txt"), join(CORPUS, "00030_seed.txt"));
  // Pages: the workers load the HTML parser when the first one comes (a .html file, and a .txt holding a page).
  const page = (i: number) => {
    const a = generateArticle(7, 100 + i).text.split("\n\n");
    return `<!DOCTYPE html><html><head><title>${a[0]}</title><meta name="date" content="2022-01-2${i}"></head><body><article><h1>${a[0]}</h1>${a
      .slice(2)
      .map((p) => `<p>${p}</p>`)
      .join("")}</article></body></html>`;
  };
  writeFileSync(join(CORPUS, "00040_page.html"), page(1));
  writeFileSync(join(CORPUS, "00050_page.txt"), page(2));
});

describe("parallel build", () => {
  it("builds seeds/ into the same graph.json as the single-thread build", async () => {
    const files = await read(join(ROOT, "seeds"));
    const a = single(files);
    const b = await parallel(files, 2);
    expect(b.report).toEqual(a.report);
    expect(b.json === a.json).toBe(true);
  });

  it("builds a generated corpus (with a duplicate and an unreadable file) into the same graph.json", async () => {
    const files = await read(CORPUS);
    expect(files.length).toBe(65);
    const a = single(files);
    expect(a.report.skipped.map((s) => s.reason)).toEqual(["binary data, not text", expect.stringMatching(/^same text as /)]);
    expect(a.report.articles.map((x) => x.id)).toEqual(expect.arrayContaining(["00040_page", "00050_page"]));
    expect(a.report.warnings.join("\n")).toContain("00050_page.txt: the file holds an HTML page");
    for (const jobs of [2, 3]) {
      const b = await parallel(files, jobs);
      expect(b.report).toEqual(a.report);
      expect(b.json === a.json).toBe(true);
    }
  });

  it("keeps entities shared within an article shared after the structured clone", async () => {
    const files = await read(join(ROOT, "seeds"));
    const { articles } = readArticles(files, { parseHtml: nodeHtmlParser });
    const corpus = corpusDate(articles);
    const lex = lexiconFor(undefined);
    const local = articles.map((a) => extractArticle(a, lex, corpus));
    const pool = new Piscina({ filename: new URL("../src/pipeline/worker.mjs", import.meta.url).href, minThreads: 1, maxThreads: 1 });
    try {
      const sent = (await pool.run({ kind: "extract", articles, corpus })) as SentExtraction[];
      expect(sent.map((x) => x.sentences)).toEqual(local.map((x) => x.sentences.length));
      let shared = 0;
      sent.forEach((p, i) => {
        const x = unpackExtraction(articles[i], p);
        const shape = identityShape(x);
        expect(shape).toEqual(identityShape(local[i]));
        shared += shape.length - new Set(shape).size;
        // Equal, fields in the same order (evidence objects go into graph.json as they are).
        expect(JSON.stringify({ m: x.mentions, r: x.relations, d: x.refDate })).toBe(JSON.stringify({ m: local[i].mentions, r: local[i].relations, d: local[i].refDate }));
        // Shared evidence stays shared too.
        expect(new Set(x.relations.map((r) => r.evidence)).size).toBe(new Set(local[i].relations.map((r) => r.evidence)).size);
      });
      // The seeds do share entities between mentions and relations: the check above is not empty.
      expect(shared).toBeGreaterThan(0);
    } finally {
      await pool.destroy();
    }
  });

  it("packs an extraction without the text it can cut from the article, and unpacks it equal", async () => {
    const files = await read(CORPUS);
    const { articles } = readArticles(files, { parseHtml: nodeHtmlParser });
    const lex = lexiconFor(undefined);
    for (const a of articles.slice(0, 20)) {
      const x = extractArticle(a, lex, corpusDate(articles));
      const p = packExtraction(x);
      // What the structured clone sends: fewer bytes than the objects themselves.
      expect(serialize(p).length).toBeLessThan(serialize({ m: x.mentions, r: x.relations }).length * 0.75);
      const back = unpackExtraction(a, structuredClone(p));
      expect(JSON.stringify({ m: back.mentions, r: back.relations, d: back.refDate })).toBe(JSON.stringify({ m: x.mentions, r: x.relations, d: x.refDate }));
    }
    // What cannot be cut from the text, or has other fields, travels as it is; shared evidence stays shared.
    const a = articles[0];
    const k: Entity = { key: "K", type: "country", label: "K", label_en: "K" };
    const cut: Evidence = { article: a.id, sentence: a.text.slice(0, 5), start: 0, end: 5, date: "2022-01-10" };
    const uncut: Evidence = { article: a.id, sentence: "not the article's words", start: 0, end: 5 };
    const odd: ArticleExtraction = {
      article: a,
      sentences: [],
      mentions: [
        { article: "other", start: 0, end: 3, text: "xyz", entity: k, sentence: 0 },
        { article: a.id, start: 0, end: 3, text: a.text.slice(0, 3), entity: k, sentence: 0 },
      ],
      relations: [
        { source: k, relation: "meets", target: k, evidence: cut },
        { source: k, relation: "rejects", target: k, evidence: uncut },
        { source: k, relation: "supports", target: k, evidence: cut },
        { source: k, relation: "proposes", target: k, evidence: cut, note: "a field more" } as Relation,
      ],
    };
    const back = unpackExtraction(a, structuredClone(packExtraction(odd)));
    expect(JSON.stringify({ m: back.mentions, r: back.relations })).toBe(JSON.stringify({ m: odd.mentions, r: odd.relations }));
    expect(back.relations[0].evidence).toBe(back.relations[2].evidence);
    expect(back.mentions[0].entity).toBe(back.relations[1].target);
  });

  it("leaves an input under minBytes (what --jobs auto sets) to this thread, and gives a larger one to the workers", async () => {
    const files = await read(CORPUS);
    const bytes = files.reduce((n, f) => n + f.bytes.length, 0);
    for (const [minBytes, workersUsed] of [[bytes + 1, false], [bytes, true]] as const) {
      const pool = new BuildPool(2);
      const { graph } = await buildGraphParallel(files, { jobs: 2, pool, minFiles: 0, minBytes });
      expect(pool.pool.completed > 0).toBe(workersUsed);
      expect(serializeGraph(graph, "json") === single(files).json).toBe(true);
    }
  });

  it("reads --jobs", () => {
    expect(parseJobs(undefined)).toBe(1);
    expect(parseJobs("3")).toBe(3);
    expect(parseJobs("auto")).toBeGreaterThanOrEqual(1);
    for (const bad of ["0", "-1", "1.5", "two", ""]) expect(parseJobs(bad)).toBeUndefined();
  });

  it("kg build --jobs 2 writes the files kg build writes", () => {
    const kg = (...args: string[]) =>
      spawnSync(process.execPath, [join(ROOT, "bin", "kg.mjs"), ...args], { cwd: ROOT, encoding: "utf8", timeout: 120_000 });
    const one = kg("build", CORPUS, "--out", join(tmp, "one"), "--quiet");
    const two = kg("build", CORPUS, "--out", join(tmp, "two"), "--quiet", "--jobs", "2");
    expect(one.status).toBe(0);
    expect(two.status).toBe(0);
    for (const f of ["graph.json", "graph.gexf", "graph.graphml", "nodes.csv", "edges.csv"])
      expect(readFileSync(join(tmp, "two", f), "utf8") === readFileSync(join(tmp, "one", f), "utf8")).toBe(true);
    expect(two.stdout.replace(/Time: .*/, "").replaceAll("/two", "/one")).toBe(one.stdout.replace(/Time: .*/, ""));
    const bad = kg("build", CORPUS, "--out", join(tmp, "bad"), "--jobs", "0");
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--jobs/);
  });
});

describe("shareWork: tasks on the workers and on this thread, results taken in order", () => {
  /** A remote side whose task k answers after `delays[k]` ms (or fails for k in `fails`). */
  const remoteAfter = (delays: number[], fails: number[] = [], log: string[] = []) => (k: number) =>
    new Promise<string>((resolve, reject) =>
      setTimeout(() => {
        log.push(`remote ${k}`);
        if (fails.includes(k)) reject(new Error(`task ${k} failed`));
        else resolve(`r${k}`);
      }, delays[k] ?? 0),
    );

  const cases: Array<{ name: string; n: number; inFlight: number; delays: number[]; local: string[] }> = [
    { name: "fast workers: this thread takes nothing while results are back in time", n: 3, inFlight: 3, delays: [0, 0, 0], local: [] },
    { name: "a slow first task: this thread takes the tasks not given out", n: 5, inFlight: 1, delays: [60, 0, 0, 0, 0], local: ["l1", "l2", "l3", "l4"] },
    { name: "no task: nothing taken", n: 0, inFlight: 2, delays: [], local: [] },
  ];
  for (const c of cases)
    it(c.name, async () => {
      const taken: string[] = [];
      const locals: string[] = [];
      await shareWork<string>(c.n, c.inFlight, remoteAfter(c.delays), (k) => (locals.push(`l${k}`), `l${k}`), (r, k) => taken.push(`${k}:${r}`));
      // Every task once, in task order, whichever side did it.
      expect(taken.map((t) => Number(t.split(":")[0]))).toEqual([...Array(c.n).keys()]);
      expect(locals).toEqual(c.local);
      for (const t of taken) expect(t.split(":")[1].slice(1)).toBe(t.split(":")[0]);
    });

  it("fails with the worker's error, after taking the results before it", async () => {
    const taken: number[] = [];
    await expect(shareWork<string>(4, 4, remoteAfter([0, 0, 0, 0], [2]), (k) => `l${k}`, (_r, k) => taken.push(k))).rejects.toThrow("task 2 failed");
    expect(taken).toEqual([0, 1]);
  });

  it("gives the workers their next task while this thread is still on a long one of its own", async () => {
    const log: string[] = [];
    // 30 ms of this thread's work per item (busy: a chunk of articles does not yield by itself).
    const busy = (x: number) => {
      const end = performance.now() + 30;
      while (performance.now() < end);
      log.push(`item ${x}`);
      return x;
    };
    const remote = (k: number) => {
      log.push(`sent ${k}`);
      return new Promise<string>((resolve) => setTimeout(() => resolve(`r${k}`), 5));
    };
    const taken: number[] = [];
    // The first task is slow to come back, so this thread takes task 1 (four items) itself.
    const first = (k: number) => (k === 0 ? new Promise<string>((resolve) => setTimeout(() => resolve("r0"), 1)) : remote(k));
    await shareWork<string>(6, 1, first, async (k) => (await mapInSlices([1, 2, 3, 4], busy), `l${k}`), (_r, k) => taken.push(k));
    expect(taken).toEqual([0, 1, 2, 3, 4, 5]);
    // Task 2 went out between two items of task 1, not after all four.
    const firstItem = log.indexOf("item 1");
    const lastItem = log.indexOf("item 4");
    const sent2 = log.indexOf("sent 2");
    expect(sent2).toBeGreaterThan(firstItem);
    expect(sent2).toBeLessThan(lastItem);
  });

  it("fails with this thread's error", async () => {
    const local = (k: number): string => {
      throw new Error(`local ${k} failed`);
    };
    await expect(shareWork<string>(3, 1, remoteAfter([50, 0, 0]), local, () => undefined)).rejects.toThrow("local 1 failed");
  });
});
