// Hostile content in the real browser (Chromium through playwright-core): articles (.txt and .html)
// and graph files that try <script>, <img onerror>, <svg onload>, <iframe> and javascript: URLs.
// Nothing runs (a window flag stays unset, no dialog opens, no CSP violation is even attempted), no
// element of those kinds is created, the text is shown literally, and the page's
// Content-Security-Policy forbids inline scripts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { createGraph } from "../../src/graph";
import { serializeGraph } from "../../src/export/index";
import { encodeWindows1258 } from "../robustness-helpers";
import { shot, startHarness, waitReady, type Harness } from "./harness";

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
}, 240_000);

afterAll(async () => {
  await h?.close();
});

interface Watch {
  dialogs: string[];
  errors: string[];
}

/**
 * Opens the page and arms the traps: every dialog is recorded (and dismissed), every CSP violation
 * and every element or attribute that could run code is recorded as it appears.
 */
async function openWatched(hash = ""): Promise<{ page: Page; watch: Watch }> {
  const { page, errors } = await h.open(hash);
  const watch: Watch = { dialogs: [], errors };
  page.on("dialog", (d) => {
    watch.dialogs.push(d.message());
    void d.dismiss();
  });
  await page.evaluate(() => {
    const w = window as unknown as { __violations: string[]; __dangerous: string[] };
    w.__violations = [];
    w.__dangerous = [];
    document.addEventListener("securitypolicyviolation", (e) => w.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile.split("/").pop()}`));
    const RUNNABLE = new Set(["SCRIPT", "IFRAME", "OBJECT", "EMBED", "FRAME", "BASE", "META", "FORM"]);
    const MARKUP = new Set(["IMG", "SVG", "B", "I", "STYLE", "LINK", "VIDEO", "AUDIO", "SOURCE"]);
    const check = (node: Node) => {
      if (!(node instanceof Element)) return;
      for (const e of [node, ...node.querySelectorAll("*")]) {
        const tag = e.tagName.toUpperCase();
        const inData = !!e.closest("#details, #message, #search-results, #empty-state, #source-name");
        if (RUNNABLE.has(tag) || (inData && MARKUP.has(tag))) w.__dangerous.push(`<${tag.toLowerCase()}>`);
        for (const a of e.getAttributeNames()) {
          const v = e.getAttribute(a) ?? "";
          if (/^on/i.test(a)) w.__dangerous.push(`${tag.toLowerCase()}[${a}]`);
          if (/^\s*(javascript|vbscript|data):/i.test(v) && /^(href|src|action|formaction|xlink:href)$/i.test(a)) w.__dangerous.push(`${tag.toLowerCase()}[${a}=${v}]`);
        }
      }
    };
    new MutationObserver((records) => {
      for (const r of records) {
        r.addedNodes.forEach(check);
        if (r.type === "attributes" && r.target instanceof Element) check(r.target);
      }
    }).observe(document, { subtree: true, childList: true, attributes: true });
  });
  return { page, watch };
}

/**
 * Nothing ran, nothing runnable was made, and nothing tried to run a script or eval. The only CSP
 * reports allowed (`parsed: true`) are the browser refusing to compile the inline event handlers and
 * <style> of an article's HTML while DOMParser reads it into an inert, detached document: nothing
 * of that document ever executes or enters the page.
 */
async function expectNothingRan(page: Page, watch: Watch, opts: { parsed?: boolean } = {}): Promise<void> {
  const state = await page.evaluate(() => {
    const w = window as unknown as { __pwned?: unknown; __violations: string[]; __dangerous: string[] };
    return {
      pwned: w.__pwned,
      violations: w.__violations,
      dangerous: w.__dangerous,
      inlineScripts: document.querySelectorAll("script:not([src])").length,
      scripts: [...document.querySelectorAll("script")].map((s) => s.getAttribute("src")),
      jsLinks: document.querySelectorAll('[href^="javascript:" i], [src^="javascript:" i], [action^="javascript:" i]').length,
      dataMarkup: document.querySelectorAll("#details :is(img, svg, script, iframe, b, i, object, embed), #message :is(img, svg, script, iframe, b, i)").length,
      prototypeClean: Object.getOwnPropertyNames(Object.prototype).length === 12 && !("polluted" in {}),
    };
  });
  expect(state.pwned).toBeUndefined();
  expect(watch.dialogs).toEqual([]);
  const fromParsing = (v: string) => /^(script-src-attr|style-src-elem|style-src-attr) inline /.test(v);
  expect(state.violations.filter((v) => !opts.parsed || !fromParsing(v))).toEqual([]);
  expect(state.dangerous).toEqual([]);
  expect(state.inlineScripts).toBe(0);
  expect(state.scripts.every((s) => s && !/^(javascript|data):/i.test(s))).toBe(true);
  expect(state.jsLinks).toBe(0);
  expect(state.dataMarkup).toBe(0);
  expect(state.prototypeClean).toBe(true);
  const reportedByParsing = (e: string) => /^console: (Executing inline event handler|Applying inline style) violates the following Content Security Policy directive/.test(e);
  expect(watch.errors.filter((e) => !opts.parsed || !reportedByParsing(e))).toEqual([]);
}

async function message(page: Page): Promise<string> {
  await page.waitForSelector("#message:not([hidden]) .message-text");
  await page.waitForFunction(() => !/^Reading /.test(document.querySelector("#message .message-text")?.textContent ?? ""), null, { timeout: 60_000 });
  return (await page.textContent("#message .message-text")) ?? "";
}

async function openArticle(page: Page, id: string): Promise<{ text: string; title: string | null }> {
  await page.click(`#details .article-link[data-article="${id}"]`);
  await page.waitForSelector('#details[data-view="reader"]');
  return page.evaluate(() => ({
    text: document.querySelector("#details .reader-text")!.textContent ?? "",
    title: document.querySelector("#details .reader-title")?.textContent ?? null,
  }));
}

const HOSTILE_TXT =
  `Ngoại trưởng Nga Sergei Lavrov <script>window.__pwned=1</script> gặp Ngoại trưởng Mỹ Antony Blinken <img src=x onerror="window.__pwned=2;alert(2)"> tại Geneva ngày 21/1/2022. ` +
  `<a href="javascript:window.__pwned=3">bấm vào đây</a> <svg onload="window.__pwned=4"></svg> <iframe src="javascript:window.__pwned=5"></iframe> &lt;b&gt;không đậm&lt;/b&gt;`;

const HOSTILE_HTML = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Tin &lt;script&gt;window.__pwned=6&lt;/script&gt;</title>
<meta http-equiv="refresh" content="0;url=javascript:window.__pwned=7"><base href="javascript:window.__pwned=8//">
<script>window.__pwned=9</script><style>body{display:none}</style></head>
<body onload="window.__pwned=10"><article>
<h1>Nga <img src=x onerror="window.__pwned=11"> gửi thư</h1>
<p onclick="window.__pwned=12">Ngày 26/1/2022, Mỹ gửi thư phản hồi các đề xuất an ninh của Nga <a href="javascript:window.__pwned=13">xem thư</a>.</p>
<p>&lt;script&gt;alert(5)&lt;/script&gt; là chữ, và &lt;img src=x onerror=alert(6)&gt; cũng vậy.</p>
<form action="javascript:window.__pwned=14"><input name="q" autofocus onfocus="window.__pwned=15"></form>
<iframe srcdoc="<script>parent.__pwned=16</script>"></iframe><object data="javascript:window.__pwned=17"></object>
<script>document.write("<img src=x onerror=window.__pwned=18>")</script>
</article></body></html>`;

describe("hostile content in the explorer", () => {
  it("the page's Content-Security-Policy forbids inline scripts (header and <meta>)", async () => {
    const resp = await h.ctx.request.get(h.url);
    const csp = resp.headers()["content-security-policy"] ?? "";
    const directives = new Map(csp.split(";").map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
    expect(directives.get("script-src")).toEqual(["'self'"]);
    expect(directives.get("default-src")).toEqual(["'none'"]);
    expect(directives.get("object-src")).toEqual(["'none'"]);
    expect(directives.get("base-uri")).toEqual(["'none'"]);
    expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*(unsafe-inline|data:|\*)/);
    const { page, watch } = await openWatched();
    const meta = (await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', "content")) ?? "";
    expect(meta).toMatch(/(^|; )script-src 'self'(;|$)/);
    // An inline script injected on purpose is refused by the browser.
    const ran = await page.evaluate(async () => {
      const s = document.createElement("script");
      s.textContent = "window.__pwned = 'inline'";
      document.body.appendChild(s);
      await new Promise((r) => setTimeout(r, 50));
      const ranInline = (window as unknown as { __pwned?: string }).__pwned === "inline";
      s.remove();
      return ranInline;
    });
    expect(ran).toBe(false);
    await page.close();
    expect(watch.dialogs).toEqual([]);
  });

  it("a hostile .txt article dropped on the page is shown as text, and nothing runs", async () => {
    const { page, watch } = await openWatched();
    await page.setInputFiles("#file-input", { name: "hostile-article.txt", mimeType: "text/plain", buffer: Buffer.from(HOSTILE_TXT) });
    expect(await message(page)).toMatch(/^Added 1 article/);
    await waitReady(page);
    const reader = await openArticle(page, "hostile-article");
    expect(reader.text).toBe(HOSTILE_TXT);
    // Its mentions are highlighted as buttons, with the markup around them as plain text.
    const mentions = await page.$$eval("#details .reader-text button.mention", (b) => b.map((x) => x.textContent));
    expect(mentions).toEqual(expect.arrayContaining(["Sergei Lavrov", "Antony Blinken"]));
    await shot(page, "hostile-01-article-txt");
    // The same text quoted in the panel of a node.
    await page.locator("#details .reader-text button.mention", { hasText: "Sergei Lavrov" }).first().click();
    await page.waitForSelector('#details[data-view="node"]');
    const quotes = await page.$$eval("#details .quote-text", (q) => q.map((x) => x.textContent ?? ""));
    expect(quotes.some((q) => q.includes('<img src=x onerror="window.__pwned=2;alert(2)">'))).toBe(true);
    await expectNothingRan(page, watch);
    await page.close();
  });

  it("a hostile .html article loses its markup, scripts and links; what it escapes stays as text", async () => {
    const { page, watch } = await openWatched();
    await page.setInputFiles("#file-input", { name: "hostile-page.html", mimeType: "text/html", buffer: Buffer.from(HOSTILE_HTML) });
    expect(await message(page)).toMatch(/^Added 1 article/);
    await waitReady(page);
    const reader = await openArticle(page, "hostile-page");
    expect(reader.title).toBe("Tin <script>window.__pwned=6</script>");
    expect(reader.text).toContain("Ngày 26/1/2022, Mỹ gửi thư phản hồi các đề xuất an ninh của Nga xem thư.");
    expect(reader.text).toContain("<script>alert(5)</script> là chữ, và <img src=x onerror=alert(6)> cũng vậy.");
    expect(reader.text).not.toMatch(/__pwned=(1[0-8]|[7-9])|javascript:|onclick|document\.write/);
    await shot(page, "hostile-02-article-html");
    await expectNothingRan(page, watch, { parsed: true });
    await page.close();
  });

  it("a hostile graph file (JSON and GEXF) is shown as text, and a javascript: source is not a link", async () => {
    const { page, watch } = await openWatched();
    const evil = '<img src=x onerror="window.__pwned=20"><svg onload="window.__pwned=21">';
    const g = createGraph();
    const text = `Bài: ${evil} và <script>window.__pwned=22</script> gặp Nga.`;
    g.setAttribute("articles", [{ id: "evil-article", title: `<b>${evil}</b>`, date: "2022-01-01", source: "javascript:window.__pwned=23", text }]);
    const at = text.indexOf("<img");
    g.addNode("evil", { label: evil, label_en: "<i>evil</i>", type: "person", aliases: ["<script>window.__pwned=24</script>"], mentions: [{ article: "evil-article", start: at, end: at + 41, text: text.slice(at, at + 41) }] });
    g.addNode("RUS", { label: "Nga", label_en: "Russia", type: "country", aliases: ["Nga"], mentions: [] });
    g.addDirectedEdgeWithKey("evil|meets|RUS", "evil", "RUS", { relation: "meets", weight: 1, symmetric: true, evidence: [{ article: "evil-article", sentence: text, start: 0, end: text.length }] });
    for (const format of ["json", "gexf"] as const) {
      const name = `hostile.${format}`;
      await page.setInputFiles("#file-input", { name, mimeType: "application/octet-stream", buffer: Buffer.from(serializeGraph(g, format)) });
      await page.waitForFunction((n) => document.getElementById("source-name")?.textContent === n, name);
      await waitReady(page);
      await page.fill("#search", "onerror");
      await page.waitForSelector("#search-results:not([hidden]) .hit");
      expect(await page.textContent("#search-results .hit")).toContain(evil);
      await page.keyboard.press("Enter");
      await page.waitForSelector('#details[data-view="node"]');
      expect(await page.textContent("#details .node-name")).toBe(evil);
      await page.locator("#details .quote").first().click();
      await page.waitForSelector('#details[data-view="reader"]');
      expect(await page.textContent("#details .reader-text")).toBe(text);
      expect(await page.textContent("#details .reader-title")).toBe(`<b>${evil}</b>`);
      // The javascript: source is shown as text, never as a link.
      const source = await page.$eval("#details .reader-source", (e) => ({ tag: e.tagName, text: e.textContent, href: e.getAttribute("href") }));
      expect(source).toEqual({ tag: "SPAN", text: "javascript:window.__pwned=23", href: null });
      await page.keyboard.press("Escape");
    }
    await shot(page, "hostile-03-graph-file");
    await expectNothingRan(page, watch);
    await page.close();
  });

  it("graph files with entities, a DOCTYPE or prototype keys are refused with a message shown as text; the graph stays", async () => {
    const { page, watch } = await openWatched();
    const before = await page.evaluate(() => document.getElementById("shown-counts")!.textContent);
    const files: Array<[string, string, RegExp]> = [
      [
        "laughs.gexf",
        `<?xml version="1.0"?><!DOCTYPE gexf [<!ENTITY a "<img src=x onerror=window.__pwned=30>"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><gexf xmlns="http://gexf.net/1.3" version="1.3"><graph><nodes><node id="n" label="&b;"/></nodes></graph></gexf>`,
        /^laughs\.gexf: XML with a <!DOCTYPE> or <!ENTITY> declaration is refused/,
      ],
      [
        "xxe.graphml",
        `<?xml version="1.0"?><!DOCTYPE graphml [<!ENTITY x SYSTEM "file:///etc/passwd">]><graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="directed"><node id="&x;"/></graph></graphml>`,
        /^xxe\.graphml: XML with a <!DOCTYPE>/,
      ],
      ["proto.json", `{"__proto__": {"polluted": true}, "nodes": [], "edges": []}`, /^proto\.json: graph has the key "__proto__", which is refused/],
      [
        "<img src=x onerror=window.__pwned=31>.json",
        `{"nodes": [{"key": "<script>window.__pwned=32</script>", "attributes": {"label": "", "label_en": "", "type": "person", "aliases": [], "mentions": []}}]}`,
        /^<img src=x onerror=window\.__pwned=31>\.json: node '<script>window\.__pwned=32<\/script>' has no label/,
      ],
    ];
    for (const [name, content, expected] of files) {
      await page.setInputFiles("#file-input", { name, mimeType: "application/octet-stream", buffer: Buffer.from(content) });
      await page.waitForSelector("#message.error:not([hidden])");
      const msg = (await page.textContent("#message .message-text")) ?? "";
      expect(msg).toMatch(expected);
      expect(msg).toContain("The graph on screen is unchanged.");
      expect(await page.evaluate(() => document.getElementById("shown-counts")!.textContent)).toBe(before);
      await page.click("#message .icon-btn");
    }
    await shot(page, "hostile-04-refused-graph-file");
    await expectNothingRan(page, watch);
    await page.close();
  });

  it("messy articles dropped together: the good one is added, each bad one is named with its reason", async () => {
    const { page, watch } = await openWatched();
    const legacy = "Ngoại trưởng Nga Sergei Lavrov gặp Ngoại trưởng Mỹ Antony Blinken ngày 21/1/2022.";
    const cp1258 = encodeWindows1258(legacy);
    expect(cp1258.toString("latin1")).not.toBe(legacy);
    await page.setInputFiles("#file-input", [
      { name: "empty.txt", mimeType: "text/plain", buffer: Buffer.alloc(0) },
      { name: "binary.txt", mimeType: "text/plain", buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]) },
      { name: "legacy.txt", mimeType: "text/plain", buffer: cp1258 },
    ]);
    const msg = await message(page);
    expect(msg).toMatch(/^Added 1 article: /);
    expect(msg).toContain("skipped binary.txt: binary data, not text");
    expect(msg).toContain("skipped empty.txt: empty file");
    expect(msg).toContain("legacy.txt: not valid UTF-8; decoded as Windows-1258");
    await waitReady(page);
    const reader = await openArticle(page, "legacy");
    expect(reader.text).toBe(legacy);
    await expectNothingRan(page, watch);
    await page.close();
  });

  it("a hostile URL hash neither loads another graph nor runs anything", async () => {
    const { page, watch } = await openWatched(
      `#graph=${encodeURIComponent("javascript:window.__pwned=40")}&node=${encodeURIComponent('<img src=x onerror="window.__pwned=41">')}&read=${encodeURIComponent("<script>window.__pwned=42</script>")}`,
    );
    await page.waitForTimeout(300);
    await expectNothingRan(page, watch);
    await page.close();
  });
});
