// The Node HTML parser for ingest (linkedom). Kept out of index.ts so the browser bundle does not pull
// linkedom; in the browser pass `(html) => new DOMParser().parseFromString(html, "text/html")`.

import { createRequire } from "node:module";
import type { DOMParser as LinkedomParser } from "linkedom";

// linkedom takes about 0.1 s to load: it is required by the first page parsed, so that every start
// of the CLI (`kg stats`, `kg show`, a build of text files) and of a build's worker goes without it.
let Parser: typeof LinkedomParser | undefined;
const domParser = () => new (Parser ??= (createRequire(import.meta.url)("linkedom") as typeof import("linkedom")).DOMParser)();

const HEAD_TAGS = new Set(["title", "meta", "link", "base", "style", "script", "noscript", "template"]);

const escapeText = (s: string) => s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

/** linkedom does not build the implied <html>, <head> and <body> a browser would; check for them. */
function wellFormed(doc: Document): boolean {
  const root = doc.documentElement;
  if (!root || root.localName?.toLowerCase() !== "html") return false;
  let body = false;
  for (const child of Array.from(root.children)) {
    const name = child.localName.toLowerCase();
    if (name === "body") body = true;
    else if (name !== "head") return false;
  }
  return body;
}

/** Parse an HTML page the way a browser would structure it: html > head + body. */
export function nodeHtmlParser(html: string): Document {
  const parser = domParser();
  const doc = parser.parseFromString(html, "text/html") as unknown as Document;
  if (wellFormed(doc)) return doc;

  // Rebuild the page with explicit head and body from what linkedom parsed.
  const head: string[] = [];
  const body: string[] = [];
  const visit = (nodes: NodeListOf<ChildNode>) => {
    for (const n of Array.from(nodes)) {
      if (n.nodeType === 1) {
        const el = n as Element;
        const name = el.localName.toLowerCase();
        if (name === "html") visit(el.childNodes);
        else if (name === "head") head.push(el.innerHTML);
        else if (name === "body") body.push(el.innerHTML);
        else if (HEAD_TAGS.has(name) && body.length === 0) head.push(el.outerHTML);
        else body.push(el.outerHTML);
      } else if (n.nodeType === 3) {
        const v = n.nodeValue ?? "";
        if (body.length > 0 || v.trim() !== "") body.push(escapeText(v));
      }
    }
  };
  visit(doc.childNodes);
  const page = `<!DOCTYPE html><html><head>${head.join("")}</head><body>${body.join("")}</body></html>`;
  return parser.parseFromString(page, "text/html") as unknown as Document;
}
