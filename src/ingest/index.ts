// Ingest: file bytes → Article. Pure: the caller reads files and passes an HTML parser
// (nodeHtmlParser from ./node in Node, DOMParser in the browser).

import type { Article } from "../types";
import { cleanText } from "./clean";
import { decodeBytes } from "./decode";
import { htmlToText, sniffCharset, type ParseHtml } from "./html";
import { markdownToText } from "./markdown";
import { extractTextMetadata, parseDate } from "./metadata";
import { MAX_ARTICLE_BYTES, tooLarge } from "./limits";

export type IngestResult = { ok: true; article: Article; warnings: string[] } | { ok: false; reason: string };

export interface IngestInput {
  /** Path or name of the file; the id is its base name without extension. */
  path: string;
  bytes: Uint8Array;
}

export interface IngestEnv {
  parseHtml: ParseHtml;
}

export type Format = "text" | "markdown" | "html";

const FORMATS: Record<string, Format> = {
  "": "text",
  ".txt": "text",
  ".text": "text",
  ".md": "markdown",
  ".markdown": "markdown",
  ".mdown": "markdown",
  ".mkd": "markdown",
  ".html": "html",
  ".htm": "html",
  ".xhtml": "html",
  ".shtml": "html",
};

/** The file name without directory. */
export function baseName(path: string): string {
  const cut = Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\"));
  return path.slice(cut + 1);
}

/** The file's extension, lower case with its dot ("" when none). */
export function extensionOf(path: string): string {
  const name = baseName(path);
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(dot).toLowerCase() : "";
}

/** Article id: the file name without directory and extension. */
export function articleId(path: string): string {
  const name = baseName(path);
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(0, dot) : name;
}

/** The format a path's extension names, or undefined when ingest cannot read it. */
export function formatOf(path: string): Format | undefined {
  return FORMATS[extensionOf(path)];
}

function looksLikeHtml(text: string): boolean {
  const head = text.trimStart().slice(0, 15).toLowerCase();
  return head.startsWith("<!doctype html") || head.startsWith("<html");
}

const HAS_WORD = /[\p{L}\p{N}]/u;

export function ingest(input: IngestInput, env: IngestEnv): IngestResult {
  const { path, bytes } = input;
  let format = formatOf(path);
  if (!format) return { ok: false, reason: `unsupported file type "${extensionOf(path)}"` };
  if (bytes.length > MAX_ARTICLE_BYTES) return { ok: false, reason: tooLarge(bytes.length) };

  const decoded = decodeBytes(bytes, { declared: format === "html" ? sniffCharset(bytes) : undefined });
  if (!decoded.ok) return decoded;
  const warnings = [...decoded.warnings];
  if (decoded.text.trim() === "") return { ok: false, reason: "only whitespace, no text" };

  if (format === "text" && looksLikeHtml(decoded.text)) {
    format = "html";
    warnings.push("the file holds an HTML page; read as HTML");
  }

  let body: string;
  let title: string | undefined;
  let date: string | undefined;
  let source: string | undefined;
  if (format === "html") {
    const h = htmlToText(decoded.text, env.parseHtml);
    warnings.push(...h.warnings);
    ({ text: body, title, date, source } = h);
  } else if (format === "markdown") {
    const md = markdownToText(decoded.text);
    ({ text: body, title, source } = md);
    date = parseDate(md.date);
  } else {
    body = decoded.text;
  }

  const cleaned = cleanText(body);
  const meta = extractTextMetadata(cleaned.text, { title: title === undefined });
  const text = meta.text;
  if (!HAS_WORD.test(text)) return { ok: false, reason: "no article text found" };

  const article: Article = { id: articleId(path), file: path, text };
  title ??= meta.title;
  date ??= meta.date;
  source ??= cleaned.link ?? cleaned.outlet;
  if (title) article.title = detached(title);
  if (date) article.date = date;
  if (source) article.source = detached(source);
  return { ok: true, article: reorder(article), warnings };
}

/**
 * A copy of `s` that does not hold the text it was cut from. V8 keeps a slice of a long string as
 * a view into the whole: a title cut from the first line kept the text before cleaning alive as
 * long as the article, a second copy of every article in a build (bench/NOTES.md, thirteenth round).
 */
function detached(s: string): string {
  return JSON.parse(JSON.stringify(s)) as string;
}

/** Fields in the contract's order, for stable JSON. */
function reorder(a: Article): Article {
  const out: Article = { id: a.id, file: a.file } as Article;
  if (a.title !== undefined) out.title = a.title;
  if (a.date !== undefined) out.date = a.date;
  if (a.source !== undefined) out.source = a.source;
  out.text = a.text;
  return out;
}

export { decodeBytes, normalizeText, decodeWindows1258 } from "./decode";
export { MAX_ARTICLE_BYTES, tooLarge } from "./limits";
export type { DecodeResult } from "./decode";
export { cleanText, isFurniture, compactLine, outletOf, sourceLink } from "./clean";
export type { CleanResult } from "./clean";
export { extractTextMetadata, parseDate, findDate, bylineDate, headerDate, isHeadline } from "./metadata";
export { markdownToText } from "./markdown";
export { htmlToText, blockText, readHeadMeta, sniffCharset } from "./html";
export type { ParseHtml } from "./html";
