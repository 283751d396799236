// A large graph in the real browser: the explorer's paths for large graphs (the file scanned while
// it arrives and drawn before it is checked; points and lines; a moving graph drawn in part; noverlap
// in its worker; attributes read lazily) give the same graph and the same features as small ones.
// The graph is bench/graph.ts's generator, 3000 nodes and 9000 edges: above the view's thresholds.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { generateBigGraph } from "../../bench/graph";
import { readGraphFile, serializeGraph } from "../../src/export/index";
import { NODE_TYPE_STYLE, RELATION_STYLE } from "../../src/app/palette";
import { inkedPixels, pixelsOfColours, rgbOf, shot, startHarness, type Harness } from "./harness";

let h: Harness;
let big: ReturnType<typeof generateBigGraph>;
let data: {
  nodes: { key: string; attributes: { label: string; type: string } }[];
  edges: { source: string; target: string }[];
  attributes: { articles: { id: string; text: string; date?: string }[] };
};

beforeAll(async () => {
  h = await startHarness();
  big = generateBigGraph({ nodes: 3000, edges: 9000, articles: 600, seed: 7 });
  data = JSON.parse(big.json);
  await h.ctx.route("**/large-graph.json", (route) => route.fulfill({ body: big.json, contentType: "application/json" }));
  // The same graph with its edges listed before its nodes: the streaming scan gives up on it.
  const { options, attributes, nodes, edges } = JSON.parse(big.json);
  const reordered = JSON.stringify({ options, attributes, edges, nodes });
  await h.ctx.route("**/reordered-graph.json", (route) => route.fulfill({ body: reordered, contentType: "application/json" }));
  // A file the scan reads (nodes drawn) but the checks refuse: a node of a type the contract lacks.
  const bad = JSON.parse(big.json);
  bad.nodes[bad.nodes.length - 1].attributes.type = "alien";
  await h.ctx.route("**/refused-graph.json", (route) => route.fulfill({ body: JSON.stringify(bad), contentType: "application/json" }));
}, 240_000);

afterAll(async () => {
  await h?.close();
});

const READY = 180_000;

async function shown(page: Page): Promise<{ nodes: number; edges: number }> {
  return page.evaluate(() => {
    const d = document.getElementById("shown-counts")!.dataset;
    return { nodes: Number(d.nodes), edges: Number(d.edges) };
  });
}

/** Pixels in the colours of relations that no node type has a colour near: edges' ink. */
function edgeInk(png: Buffer): number {
  const distance = (a: string, b: string) => {
    const other = rgbOf(b);
    return rgbOf(a).reduce((d, v, i) => d + Math.abs(v - other[i]), 0);
  };
  const nodes = Object.values(NODE_TYPE_STYLE).map((s) => s.color);
  const edges = Object.values(RELATION_STYLE).map((s) => s.color).filter((c) => nodes.every((n) => distance(c, n) > 60));
  return pixelsOfColours(png, edges);
}

async function layoutIdle(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.body.classList.contains("layout-running"), null, { timeout: READY });
}

describe("a large graph", () => {
  it("is drawn from its nodes before the file is checked, then laid out, whole", async () => {
    const { page, errors } = await h.open("#graph=large-graph.json", undefined, READY);
    expect(await shown(page)).toEqual({ nodes: big.nodes, edges: big.edges });
    // The order of the app's marks: nodes drawn, layout started, file checked, ready.
    const marks = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType("mark").map((m) => [m.name, m.startTime])));
    for (const m of ["kg:nodes", "kg:first-frame", "kg:edges", "kg:layout-start", "kg:parsed", "kg:data", "kg:layout-end", "kg:ready"]) expect(marks[m], m).toBeGreaterThan(0);
    expect(marks["kg:first-frame"]).toBeLessThan(marks["kg:parsed"]);
    expect(marks["kg:nodes"]).toBeLessThan(marks["kg:edges"]);
    // The first frame shows the nodes' dots (preview.ts) before the edges are read; the view then
    // takes over and the preview's canvas is gone.
    expect(marks["kg:first-frame"]).toBeLessThan(marks["kg:edges"]);
    expect(await page.locator("#graph canvas.graph-preview").count()).toBe(0);
    const ink = inkedPixels(await page.locator("#graph").screenshot());
    expect(ink.inked / ink.total).toBeGreaterThan(0.01);
    await shot(page, "10-large-graph-1366x768");
    // The overview lists every article by date: the first ones at once, the others a batch per frame.
    const byDate = [...data.attributes.articles].sort((a, b) => ((a.date ?? "") < (b.date ?? "") ? -1 : (a.date ?? "") > (b.date ?? "") ? 1 : 0));
    await expect.poll(() => page.locator("#details .article-link").count(), { timeout: 30_000 }).toBe(byDate.length);
    expect(await page.$$eval("#details .article-link", (els) => els.map((e) => (e as HTMLElement).dataset.article))).toEqual(byDate.map((a) => a.id));
    expect(errors).toEqual([]);
    await page.close();
  });

  it("searches it and quotes its evidence (read lazily) in the panel and the reader", async () => {
    const { page, errors } = await h.open("#graph=large-graph.json", undefined, READY);
    // A person with relations and a name no one else has (the generator numbers the later ones).
    const linked = new Set(data.edges.flatMap((e) => [e.source, e.target]));
    const person = data.nodes.find((n) => n.attributes.type === "person" && / \d+$/.test(n.attributes.label) && linked.has(n.key))!;
    await page.fill("#search", person.attributes.label);
    await page.waitForSelector(`#search-results:not([hidden]) .hit[data-node="${person.key}"]`);
    await page.click(`#search-results .hit[data-node="${person.key}"]`);
    await page.waitForSelector('#details[data-view="node"]');
    expect(await page.textContent("#details .node-name")).toBe(person.attributes.label);
    const quote = page.locator("#details .quote").first();
    const q = await quote.evaluate((el) => ({
      article: (el as HTMLElement).dataset.article!,
      start: Number((el as HTMLElement).dataset.start),
      end: Number((el as HTMLElement).dataset.end),
      text: el.querySelector(".quote-text")!.textContent!,
    }));
    const article = data.attributes.articles.find((a) => a.id === q.article)!;
    expect(q.text).toBe(article.text.slice(q.start, q.end));
    await quote.click();
    await page.waitForSelector('#details[data-view="reader"]');
    expect(await page.textContent("#details .reader-text")).toBe(article.text);
    expect(await page.locator("#details .reader-text button.mention").count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("exports the whole graph as the very file it was read from", async () => {
    const { page, errors } = await h.open("#graph=large-graph.json", undefined, READY);
    await page.click("#export-menu summary");
    const [json] = await Promise.all([page.waitForEvent("download"), page.click('#export-items [data-format="json"]')]);
    const text = readFileSync((await json.path())!, "utf8");
    expect(serializeGraph(readGraphFile("large.json", text), "json")).toBe(big.json);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("runs the layout, stops it, and spreads the nodes in noverlap's worker", async () => {
    const { page, errors } = await h.open("#graph=large-graph.json", undefined, READY);
    // Ready: the first layout is over and the whole graph is drawn, its 9000 edges with it.
    const settled = edgeInk(await page.locator("#graph").screenshot());
    await page.click("#layout-toggle");
    await page.waitForFunction(() => document.getElementById("layout-status")?.textContent === "Layout running");
    await page.waitForTimeout(1500);
    // While it moves, only its live part is drawn: the biggest nodes and a few hundred edges.
    const moving = edgeInk(await page.locator("#graph").screenshot());
    await page.click("#layout-toggle");
    await layoutIdle(page);
    await page.waitForTimeout(500);
    const stopped = edgeInk(await page.locator("#graph").screenshot());
    expect(settled).toBeGreaterThan(3 * moving);
    expect(stopped).toBeGreaterThan(3 * moving);
    await page.click("#layout-spread");
    await page.waitForFunction(() => /Spreading/.test(document.getElementById("layout-status")?.textContent ?? ""));
    await layoutIdle(page);
    expect(await page.textContent("#layout-status")).toBe("");
    expect(await shown(page)).toEqual({ nodes: big.nodes, edges: big.edges });
    await page.waitForTimeout(500);
    const ink = inkedPixels(await page.locator("#graph").screenshot());
    expect(ink.inked / ink.total).toBeGreaterThan(0.01);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("drops a graph drawn early when its file is refused, with a message naming it", async () => {
    const { page, errors } = await h.open("#graph=refused-graph.json", undefined, READY);
    await page.waitForSelector("#message.error:not([hidden])");
    const msg = await page.textContent("#message .message-text");
    expect(msg).toContain("refused-graph.json");
    expect(msg).toContain("alien");
    expect(await page.isVisible("#empty-state")).toBe(true);
    expect(await shown(page)).toEqual({ nodes: 0, edges: 0 });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("reads a graph.json whose lists come in another order (read whole, without the scan)", async () => {
    const { page, errors } = await h.open("#graph=reordered-graph.json", undefined, READY);
    expect(await shown(page)).toEqual({ nodes: big.nodes, edges: big.edges });
    const marks = await page.evaluate(() => performance.getEntriesByType("mark").map((m) => m.name));
    expect(marks).not.toContain("kg:nodes");
    expect(errors).toEqual([]);
    await page.close();
  });
});
