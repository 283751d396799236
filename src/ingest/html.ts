// HTML page → article text and metadata. The main text comes from @mozilla/readability; its content
// element is walked block by block so paragraphs come out separated by a blank line. No regular
// expression ever touches the markup: all structure comes from the parsed document.

import { Readability } from "@mozilla/readability";
import { parseDate } from "./metadata";

export type ParseHtml = (html: string) => Document;

export interface HtmlText {
  text: string;
  title?: string;
  date?: string;
  source?: string;
  warnings: string[];
}

/** A charset named by the page itself (<meta charset>, http-equiv, XML declaration), from the raw bytes. */
export function sniffCharset(bytes: Uint8Array): string | undefined {
  const head = bytes.subarray(0, 4096);
  let s = "";
  for (let i = 0; i < head.length; i++) s += String.fromCharCode(head[i]);
  const m =
    /<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)/i.exec(s) ?? /<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_:.-]+)/i.exec(s);
  return m?.[1];
}

const BLOCKS = new Set([
  "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "dir", "div",
  "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
  "hgroup", "hr", "html", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody",
  "td", "tfoot", "th", "thead", "tr", "ul",
]);

/** Never text of the article. */
const SKIP = new Set([
  "script", "style", "noscript", "template", "iframe", "svg", "canvas", "math", "object", "embed", "video", "audio",
  "picture", "source", "track", "map", "area", "button", "input", "select", "textarea", "option", "nav", "aside",
  "footer", "dialog", "menu", "img", "head", "title", "meta", "link",
]);

const nameOf = (el: Element) => (el.localName || el.nodeName).toLowerCase();

function hidden(el: Element): boolean {
  if (el.hasAttribute("hidden") || el.getAttribute("aria-hidden") === "true") return true;
  const role = el.getAttribute("role");
  if (role === "navigation" || role === "banner" || role === "contentinfo" || role === "complementary") return true;
  const style = (el.getAttribute("style") ?? "").replace(/\s+/g, "").toLowerCase();
  return style.includes("display:none") || style.includes("visibility:hidden");
}

/** HTML white space (not the non-breaking space, which is text). */
const HTML_SPACE = /[ \t\n\r\f]+/g;

/**
 * The text of an element, paragraph by paragraph: block elements separate paragraphs with a blank
 * line, <br> breaks a line, runs of HTML white space collapse to one space.
 */
export function blockText(root: Element, opts: { skip?: Set<string> } = {}): string {
  const skip = opts.skip ?? SKIP;
  const paras: string[] = [];
  let buf = "";
  const flush = () => {
    if (!buf) return;
    // Lines broken by <br>; an empty line (<br><br>) separates paragraphs.
    let lines: string[] = [];
    for (const l of buf.split("\n")) {
      const t = l.replace(HTML_SPACE, " ").trim();
      if (t) lines.push(t);
      else if (lines.length) {
        paras.push(lines.join("\n"));
        lines = [];
      }
    }
    if (lines.length) paras.push(lines.join("\n"));
    buf = "";
  };
  const walk = (node: Node, pre: boolean) => {
    for (let n = node.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === 3) {
        const v = n.nodeValue ?? "";
        buf += pre ? v : v.replace(HTML_SPACE, " ");
        continue;
      }
      if (n.nodeType !== 1) continue;
      const el = n as Element;
      const name = nameOf(el);
      if (skip.has(name) || hidden(el)) continue;
      if (name === "br") {
        buf += "\n";
        continue;
      }
      if (BLOCKS.has(name) || name === "pre") {
        flush();
        walk(el, pre || name === "pre");
        flush();
      } else {
        walk(el, pre);
      }
    }
  };
  walk(root, false);
  flush();
  return paras.join("\n\n");
}

// ---- Metadata from the document head ----

const DATE_META = [
  "article:published_time", "og:published_time", "og:article:published_time", "datepublished", "pubdate",
  "publishdate", "publish-date", "publish_date", "publication_date", "date", "dc.date", "dc.date.issued",
  "dcterms.created", "dcterms.date", "parsely-pub-date", "sailthru.date", "article.published", "created",
];

interface HeadMeta {
  title?: string;
  date?: string;
  source?: string;
}

function jsonLdItems(doc: Document): Record<string, unknown>[] {
  const items: Record<string, unknown>[] = [];
  const add = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(add);
    else if (v && typeof v === "object") {
      const o = v as Record<string, unknown>;
      items.push(o);
      if (o["@graph"]) add(o["@graph"]);
    }
  };
  for (const s of Array.from(doc.querySelectorAll("script"))) {
    if ((s.getAttribute("type") ?? "").toLowerCase() !== "application/ld+json") continue;
    try {
      add(JSON.parse(s.textContent ?? ""));
    } catch {
      // broken JSON-LD is common; ignore it
    }
  }
  return items;
}

const absoluteUrl = (u: string | null | undefined): string | undefined => {
  const t = u?.trim();
  return t && /^https?:\/\//i.test(t) ? t : undefined;
};

/** Title, date and address as the page's head declares them. Call before Readability (it edits the page). */
export function readHeadMeta(doc: Document): HeadMeta {
  const meta = new Map<string, string>();
  for (const m of Array.from(doc.querySelectorAll("meta"))) {
    const key = (m.getAttribute("property") ?? m.getAttribute("name") ?? m.getAttribute("itemprop") ?? "").trim().toLowerCase();
    const content = m.getAttribute("content");
    if (key && content && !meta.has(key)) meta.set(key, content.trim());
  }
  const ld = jsonLdItems(doc);
  const ldField = (k: string) => {
    for (const o of ld) if (typeof o[k] === "string" && o[k]) return o[k] as string;
    return undefined;
  };

  const out: HeadMeta = {};
  const title = meta.get("og:title") ?? meta.get("twitter:title") ?? ldField("headline") ?? doc.querySelector("title")?.textContent;
  if (title?.trim()) out.title = title.replace(HTML_SPACE, " ").trim();

  let date: string | undefined;
  for (const k of DATE_META) {
    date = parseDate(meta.get(k));
    if (date) break;
  }
  date ??= parseDate(ldField("datePublished")) ?? parseDate(ldField("dateCreated"));
  if (!date) {
    const times = Array.from(doc.querySelectorAll("time"));
    const preferred =
      times.find((t) => t.hasAttribute("pubdate") || t.getAttribute("itemprop") === "datePublished") ?? times[0];
    date = parseDate(preferred?.getAttribute("datetime")) ?? parseDate(preferred?.textContent);
  }
  if (date) out.date = date;

  let source: string | undefined;
  for (const l of Array.from(doc.querySelectorAll("link"))) {
    const rel = (l.getAttribute("rel") ?? "").toLowerCase().split(/\s+/);
    if (rel.includes("canonical")) {
      source = absoluteUrl(l.getAttribute("href"));
      if (source) break;
    }
  }
  source ??= absoluteUrl(meta.get("og:url")) ?? absoluteUrl(ldField("url"));
  if (source) out.source = source;
  return out;
}

/** The page body without its navigation, header and footer: the fallback when Readability finds nothing. */
function bodyText(doc: Document): string {
  const root = doc.body ?? doc.documentElement;
  if (!root) return "";
  const skip = new Set(SKIP);
  skip.add("header");
  return blockText(root, { skip });
}

/** News sites put the lead ("sapo") in its own block, which Readability often drops as page chrome. */
const LEAD_SELECTOR = '[class*="sapo"], [class*="lead"], [class*="chapeau"], [class*="summary"], [class*="description"], [class*="excerpt"]';

function leadText(doc: Document): string | undefined {
  for (const el of Array.from(doc.querySelectorAll(LEAD_SELECTOR))) {
    const t = (el.textContent ?? "").replace(HTML_SPACE, " ").replace(/\s+/g, " ").trim();
    if (t.length >= 40 && t.length <= 1500) return t;
  }
  return undefined;
}

/** Article text and metadata of an HTML page. */
export function htmlToText(html: string, parseHtml: ParseHtml): HtmlText {
  const warnings: string[] = [];
  const doc = parseHtml(html);
  const head = readHeadMeta(doc);

  let text = "";
  let title: string | undefined;
  // Read before Readability, which changes the document it reads.
  const lead = leadText(doc);
  try {
    const article = new Readability<Node>(doc, { serializer: (n: Node) => n }).parse();
    if (article?.content) text = blockText(article.content as Element);
    if (article?.title?.trim()) title = article.title.replace(HTML_SPACE, " ").trim();
    const d = parseDate(article?.publishedTime);
    if (d && !head.date) head.date = d;
  } catch (e) {
    warnings.push(`readability failed: ${(e as Error).message ?? e}`);
  }
  if (!text.trim()) {
    text = bodyText(parseHtml(html));
    if (text.trim()) warnings.push("readability found no article; used the page body");
  }

  if (lead && text.trim() && !text.replace(/\s+/g, " ").includes(lead)) text = `${lead}\n\n${text}`;
  title ??= head.title;
  // The headline is part of the article: keep it as the first paragraph, as in plain-text articles.
  if (title && text.trim() && !text.startsWith(title)) text = `${title}\n\n${text}`;

  const out: HtmlText = { text, warnings };
  if (title) out.title = title;
  if (head.date) out.date = head.date;
  if (head.source) out.source = head.source;
  return out;
}
