// The explorer in a real browser (Debian's Chromium through playwright-core): loading, drawing,
// search → panel → reader, filters, export, bad files, hostile content, URL state, screenshots.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DOMParser } from "@xmldom/xmldom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { readGraphFile } from "../../src/export/index";
import { FIXTURES, inkedPixels, settledHash, shot, startHarness, waitReady, type Harness } from "./harness";

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
}, 240_000);

afterAll(async () => {
  await h?.close();
});

function articleText(id: string): string {
  const a = h.graph.attributes.articles.find((x) => x.id === id);
  if (!a) throw new Error(`no article ${id}`);
  return a.text;
}

/** A node to search for: Lavrov when the graph has him, else the best-connected node. */
function searchTarget(): { key: string; query: string } {
  const lavrov = h.graph.nodes.find((n) => /lavrov/i.test(`${n.attributes.label} ${(n.attributes.aliases ?? []).join(" ")}`));
  if (lavrov) return { key: lavrov.key, query: "lavrov" };
  const degree = new Map<string, number>();
  for (const e of h.graph.edges) for (const k of [e.source, e.target]) degree.set(k, (degree.get(k) ?? 0) + 1);
  const best = [...degree].sort((a, b) => b[1] - a[1])[0][0];
  return { key: best, query: h.graph.nodes.find((n) => n.key === best)!.attributes.label };
}

async function shown(page: Page): Promise<{ nodes: number; edges: number }> {
  return page.evaluate(() => {
    const d = document.getElementById("shown-counts")!.dataset;
    return { nodes: Number(d.nodes), edges: Number(d.edges) };
  });
}

async function searchAndPick(page: Page, query: string, key: string): Promise<void> {
  await page.keyboard.press("/");
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("search");
  await page.keyboard.type(query, { delay: 20 });
  await page.waitForSelector("#search-results:not([hidden]) .hit");
  // Arrow to the wanted hit, then Enter.
  const keys = await page.$$eval("#search-results .hit", (els) => els.map((e) => (e as HTMLElement).dataset.node));
  const idx = keys.indexOf(key);
  expect(idx).toBeGreaterThanOrEqual(0);
  for (let i = 0; i < idx; i++) await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await page.waitForSelector('#details[data-view="node"]');
}

describe("explorer", () => {
  it("search is diacritic- and alias-aware and keyboard navigable", async () => {
    const { page, errors } = await h.open();
    for (const q of ["moskva", "nato", "lavrov", "thu phan hoi"]) {
      await page.fill("#search", q);
      await page.waitForSelector("#search-results:not([hidden]) .hit");
      const first = await page.getAttribute("#search-results .hit.active", "data-node");
      const node = h.graph.nodes.find((n) => n.key === first)!;
      const names = [node.attributes.label, node.attributes.label_en, ...(node.attributes.aliases ?? [])].join(" ").toLowerCase();
      const folded = names.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d");
      for (const word of q.split(" ")) expect(folded).toContain(word);
    }
    await page.fill("#search", "");
    await page.keyboard.press("Escape");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("loads with no console error, under a CSP without inline scripts, and draws the graph", async () => {
    const resp = await h.ctx.request.get(h.url);
    const csp = resp.headers()["content-security-policy"] ?? "";
    const directive = (policy: string, name: string) => policy.split(";").map((d) => d.trim()).find((d) => d.startsWith(`${name} `));
    expect(directive(csp, "script-src")).toBe("script-src 'self'");
    expect(directive(csp, "default-src")).toBe("default-src 'none'");
    const { page, errors } = await h.open();
    const meta = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', "content");
    expect(directive(meta ?? "", "script-src")).toBe("script-src 'self'");
    expect(await page.$$eval("script:not([src])", (s) => s.length)).toBe(0);
    await page.waitForTimeout(300);
    const png = await page.locator("#graph").screenshot();
    const ink = inkedPixels(png);
    expect(ink.inked / ink.total).toBeGreaterThan(0.01);
    expect(ink.colours).toBeGreaterThan(20);
    expect(await shown(page)).toEqual({ nodes: h.graph.nodes.length, edges: h.graph.edges.length });
    await shot(page, "01-overview-1366x768");
    expect(errors).toEqual([]);
    // An inline script, even one added by a script, does not run.
    const ran = await page.evaluate(async () => {
      const s = document.createElement("script");
      s.textContent = "window.__inlineRan = true";
      document.body.appendChild(s);
      await new Promise((r) => setTimeout(r, 50));
      return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
    });
    expect(ran).toBe(false);
    await page.close();
  });

  it("search → select → the panel quotes the article's own text; a quote opens the reader", async () => {
    const { page, errors } = await h.open();
    const target = searchTarget();
    await searchAndPick(page, target.query, target.key);
    const name = await page.textContent("#details .node-name");
    expect(name).toBe(h.graph.nodes.find((n) => n.key === target.key)!.attributes.label);
    const quote = page.locator("#details .quote").first();
    const q = await quote.evaluate((el) => ({
      article: (el as HTMLElement).dataset.article!,
      start: Number((el as HTMLElement).dataset.start),
      end: Number((el as HTMLElement).dataset.end),
      text: el.querySelector(".quote-text")!.textContent!,
      marks: el.querySelectorAll(".mention").length,
    }));
    expect(q.text).toBe(articleText(q.article).slice(q.start, q.end));
    expect(q.marks).toBeGreaterThan(0);
    await page.waitForTimeout(600);
    await shot(page, "02-node-selected-1366x768");

    await quote.click();
    await page.waitForSelector('#details[data-view="reader"] .quoted');
    const reader = await page.evaluate(() => ({
      quoted: document.querySelector("#details .quoted")!.textContent,
      text: document.querySelector("#details .reader-text")!.textContent,
      mentions: document.querySelectorAll("#details .reader-text button.mention").length,
    }));
    expect(reader.text).toBe(articleText(q.article));
    expect(reader.quoted).toBe(q.text);
    expect(reader.mentions).toBeGreaterThan(0);
    // The quoted sentence is scrolled into view inside the panel.
    const visible = await page.evaluate(() => {
      const p = document.getElementById("details")!.getBoundingClientRect();
      const m = document.querySelector("#details .quoted")!.getBoundingClientRect();
      return m.top >= p.top - 1 && m.top < p.bottom;
    });
    expect(visible).toBe(true);
    await shot(page, "03-reader-1366x768");

    // A mention in the reader jumps to its node.
    const mention = page.locator("#details .reader-text button.mention").first();
    const node = await mention.getAttribute("data-node");
    await mention.click();
    await page.waitForSelector('#details[data-view="node"]');
    expect(await settledHash(page, `node=${node}`)).toContain("node=");

    // Esc clears the selection.
    await page.locator("#graph").click({ position: { x: 5, y: 5 } }).catch(() => undefined);
    await page.keyboard.press("Escape");
    await page.waitForSelector('#details[data-view="overview"]');
    expect(errors).toEqual([]);
    await page.close();
  });

  it("filters change what is shown, with counts", async () => {
    const { page, errors } = await h.open();
    const all = await shown(page);
    // The node type with the most nodes.
    const byType = new Map<string, number>();
    for (const n of h.graph.nodes) byType.set(n.attributes.type, (byType.get(n.attributes.type) ?? 0) + 1);
    const [type, count] = [...byType].sort((a, b) => b[1] - a[1])[0];
    await page.uncheck(`#type-filters input[value="${type}"]`);
    const after = await shown(page);
    expect(after.nodes).toBe(all.nodes - count);
    expect(after.edges).toBeLessThan(all.edges);
    expect(await page.textContent("#shown-counts")).toContain(`${after.nodes} of ${all.nodes} nodes`);
    await page.check(`#type-filters input[value="${type}"]`);
    expect(await shown(page)).toEqual(all);

    // Hide a relation type.
    const rel = h.graph.edges[0].attributes.relation;
    const relCount = h.graph.edges.filter((e) => e.attributes.relation === rel).length;
    await page.uncheck(`#relation-filters input[value="${rel}"]`);
    expect((await shown(page)).edges).toBe(all.edges - relCount);
    await page.check(`#relation-filters input[value="${rel}"]`);

    // Move the timeline's start to the last date: fewer dated relations.
    const max = Number(await page.getAttribute("#date-from", "max"));
    if (max > 0) {
      await page.locator("#date-from").fill(String(max));
      expect((await shown(page)).edges).toBeLessThan(all.edges);
      await page.waitForTimeout(400);
      await shot(page, "04-timeline-last-date-1366x768");
      // Play replays from the first date.
      await page.click("#timeline-play");
      expect(await page.inputValue("#date-to")).toBe("0");
      await page.waitForTimeout(1000);
      expect(Number(await page.inputValue("#date-to"))).toBeGreaterThanOrEqual(1);
      await page.click("#timeline-play");
    }
    await page.click("#reset-filters");
    expect(await shown(page)).toEqual(all);

    await page.check("#hide-isolated");
    const isolated = h.graph.nodes.filter((n) => !h.graph.edges.some((e) => e.source === n.key || e.target === n.key)).length;
    expect((await shown(page)).nodes).toBe(all.nodes - isolated);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("exports GEXF that parses back, and what the filters show as JSON", async () => {
    const { page, errors } = await h.open();
    await page.click("#export-menu summary");
    const [gexf] = await Promise.all([page.waitForEvent("download"), page.click('#export-items [data-format="gexf"]')]);
    expect(gexf.suggestedFilename()).toMatch(/\.gexf$/);
    const text = readFileSync((await gexf.path())!, "utf8");
    const back = readGraphFile(gexf.suggestedFilename(), text, { DOMParser });
    expect(back.order).toBe(h.graph.nodes.length);
    expect(back.size).toBe(h.graph.edges.length);

    const type = h.graph.nodes[0].attributes.type;
    await page.uncheck(`#type-filters input[value="${type}"]`);
    const now = await shown(page);
    await page.click("#export-menu summary");
    await page.check('input[name="export-scope"][value="shown"]');
    const [json] = await Promise.all([page.waitForEvent("download"), page.click('#export-items [data-format="json"]')]);
    expect(json.suggestedFilename()).toMatch(/-filtered\.json$/);
    const sub = readGraphFile(json.suggestedFilename(), readFileSync((await json.path())!, "utf8"));
    expect(sub.order).toBe(now.nodes);
    expect(sub.size).toBe(now.edges);

    await page.click("#export-menu summary");
    const [png] = await Promise.all([page.waitForEvent("download"), page.click('#export-items [data-format="png"]')]);
    expect(png.suggestedFilename()).toMatch(/\.png$/);
    const bytes = readFileSync((await png.path())!);
    expect(bytes.subarray(1, 4).toString("ascii")).toBe("PNG");
    expect(inkedPixels(bytes).inked).toBeGreaterThan(100);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("a malformed file shows a clear error and the graph stays as it was", async () => {
    const { page, errors } = await h.open();
    const before = await shown(page);
    const source = await page.textContent("#source-name");
    await page.setInputFiles("#file-input", { name: "broken.json", mimeType: "application/json", buffer: Buffer.from('{"nodes": [ {"key": ') });
    await page.waitForSelector("#message.error:not([hidden])");
    const msg = await page.textContent("#message .message-text");
    expect(msg).toContain("broken.json");
    expect(msg).toContain("unchanged");
    expect(await shown(page)).toEqual(before);
    expect(await page.textContent("#source-name")).toBe(source);
    await shot(page, "05-bad-file-error-1366x768");

    // The same through drag and drop, with broken XML.
    await page.click("#message .icon-btn");
    const dt = await page.evaluateHandle(() => {
      const d = new DataTransfer();
      d.items.add(new File(["<gexf><graph><nodes><node id='a'></nodes>"], "bad.gexf", { type: "application/xml" }));
      return d;
    });
    await page.dispatchEvent("#graph", "drop", { dataTransfer: dt });
    await page.waitForSelector("#message.error:not([hidden])");
    expect(await page.textContent("#message .message-text")).toContain("bad.gexf");
    expect(await shown(page)).toEqual(before);

    // An unsupported file type.
    await page.setInputFiles("#file-input", { name: "notes.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4") });
    await expect.poll(() => page.textContent("#message .message-text")).toContain("notes.pdf");
    expect(await shown(page)).toEqual(before);
    // Errors are shown in the page, never thrown.
    expect(errors).toEqual([]);
    await page.close();
  });

  it("renders labels and article text as text, never as markup", async () => {
    const { page, errors } = await h.open();
    await page.setInputFiles("#file-input", join(FIXTURES, "hostile-graph.json"));
    await page.waitForFunction(() => document.getElementById("source-name")?.textContent === "hostile-graph.json");
    await waitReady(page);
    await searchAndPick(page, "evil", "evil:node");
    const hostile = JSON.parse(readFileSync(join(FIXTURES, "hostile-graph.json"), "utf8"));
    expect(await page.textContent("#details .node-name")).toBe(hostile.nodes[0].attributes.label);
    await page.locator("#details .quote").first().click();
    await page.waitForSelector('#details[data-view="reader"]');
    expect(await page.textContent("#details .reader-text")).toBe(hostile.attributes.articles[0].text);
    expect(await page.textContent("#details .reader-title")).toBe(hostile.attributes.articles[0].title);
    const injected = await page.evaluate(() => ({
      pwned: (window as unknown as { __pwned?: number }).__pwned,
      imgs: document.querySelectorAll("#details img, #details svg, #details script, #details b, #details i").length,
    }));
    expect(injected).toEqual({ pwned: undefined, imgs: 0 });
    await shot(page, "06-hostile-as-text-1366x768");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("a reload of the URL restores selection, filters and camera", async () => {
    const { page, errors } = await h.open();
    const target = searchTarget();
    await searchAndPick(page, target.query, target.key);
    const hideType = h.graph.nodes.find((n) => n.key !== target.key && n.attributes.type !== h.graph.nodes.find((x) => x.key === target.key)!.attributes.type)!.attributes.type;
    await page.uncheck(`#type-filters input[value="${hideType}"]`);
    await page.click("#zoom-in");
    await page.waitForTimeout(800);
    const hash = await settledHash(page, `hide=${hideType}`);
    expect(decodeURIComponent(hash)).toContain(`node=${target.key}`);
    const before = { shown: await shown(page), cam: new URLSearchParams(hash.slice(1)).get("cam") };
    expect(before.cam).toBeTruthy();

    await page.reload();
    await waitReady(page);
    await page.waitForSelector('#details[data-view="node"]');
    expect(await page.textContent("#details .node-name")).toBe(h.graph.nodes.find((n) => n.key === target.key)!.attributes.label);
    expect(await page.isChecked(`#type-filters input[value="${hideType}"]`)).toBe(false);
    expect(await shown(page)).toEqual(before.shown);
    await page.waitForTimeout(500);
    const cam = new URLSearchParams((await page.evaluate(() => location.hash)).slice(1)).get("cam")!;
    const [a, b] = [before.cam!, cam].map((c) => c.split(",").map(Number));
    for (let i = 0; i < 3; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(0.01);

    // The same link in a fresh page shows the same view.
    const fresh = await h.open(hash);
    await fresh.page.waitForSelector('#details[data-view="node"]');
    expect(await fresh.page.isChecked(`#type-filters input[value="${hideType}"]`)).toBe(false);
    expect([...errors, ...fresh.errors]).toEqual([]);
    await fresh.page.close();
    await page.close();
  });

  it("grows the graph from dropped articles through the in-browser pipeline", async () => {
    const { page, errors } = await h.open();
    const before = await shown(page);
    const text =
      "Ngày 14/2/2022, Tổng thống Pháp Emmanuel Macron điện đàm với Tổng thống Nga Vladimir Putin về các đề xuất an ninh của Nga.\n\n" +
      "Ngoại trưởng Mỹ Antony Blinken kêu gọi Nga giảm căng thẳng.";
    await page.setInputFiles("#file-input", { name: "new-article.txt", mimeType: "text/plain", buffer: Buffer.from(text) });
    await page.waitForSelector("#message:not([hidden])");
    await page.waitForFunction(() => /Added|Could not|No article/.test(document.querySelector("#message .message-text")?.textContent ?? ""), null, { timeout: 60_000 });
    const msg = await page.textContent("#message .message-text");
    expect(msg).toMatch(/^Added 1 article/);
    await waitReady(page);
    const after = await shown(page);
    expect(after.nodes + after.edges).toBeGreaterThanOrEqual(before.nodes + before.edges);
    expect(await page.$$eval("#details .article-link", (a) => a.length)).toBe(h.graph.attributes.articles.length + 1);
    await page.click('#details .article-link[data-article="new-article"]');
    await page.waitForSelector('#details[data-view="reader"]');
    expect(await page.textContent("#details .reader-text")).toBe(text);
    await page.waitForTimeout(400);
    await shot(page, "07-grown-by-article-1366x768");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("fits a large screen too (screenshots)", async () => {
    const { page, errors } = await h.open("", { width: 1920, height: 1080 });
    await shot(page, "08-overview-1920x1080");
    const target = searchTarget();
    await searchAndPick(page, target.query, target.key);
    await page.waitForTimeout(600);
    await shot(page, "09-node-selected-1920x1080");
    // Hover a node: the neighbourhood stays lit.
    const box = await page.locator("#graph").boundingBox();
    await page.mouse.move(box!.x + box!.width / 2, box!.y + box!.height / 2);
    await page.waitForTimeout(300);
    // Panels do not overlap the canvas.
    const rects = await page.evaluate(() =>
      ["filters", "graph", "details"].map((id) => {
        const r = document.getElementById(id)!.getBoundingClientRect();
        return { left: r.left, right: r.right };
      }),
    );
    expect(rects[0].right).toBeLessThanOrEqual(rects[1].left + 1);
    expect(rects[1].right).toBeLessThanOrEqual(rects[2].left + 1);
    expect(errors).toEqual([]);
    await page.close();
  });
});
