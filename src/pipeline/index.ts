// The whole way from files to graph: ingest → segment → recognize → relate → build.
// Pure over its inputs (file bytes in, graph out); reading and writing files is the caller's job.
import type { Article, ArticleExtraction } from "../types";
import type { KnowledgeGraph } from "../graph";
import { ingest } from "../ingest";
import { segment } from "../segment";
import { prepareLexicon, recognizeArticle, type PreparedLexicon } from "../recognize";
import { loadLexicon } from "../recognize/lexicon";
import { relateArticle } from "../relate";
import { buildGraph as buildFrom, extendGraph as extendWith } from "../build";
import { findDates, parseIso, toIso, type DateRef } from "../text/dates";

export interface SourceFile {
  path: string;
  bytes: Uint8Array;
}

export interface Skipped {
  file: string;
  reason: string;
}

export interface BuildReport {
  articles: Array<{ id: string; file: string }>;
  skipped: Skipped[];
  /** One line each: "file: what was wrong". */
  warnings: string[];
  sentences: number;
}

export interface BuildOptions {
  parseHtml: (html: string) => Document;
  /** Parsed contents of a user's `--lexicon FILE`: extra actors, titles, bodies or nouns. */
  lexicon?: unknown;
  onProgress?: (done: number, total: number, file: string) => void;
}

const prepared = new WeakMap<object, PreparedLexicon>();
let defaultLexicon: PreparedLexicon | undefined;

function lexiconFor(extra: unknown): PreparedLexicon {
  if (extra === undefined || extra === null) return (defaultLexicon ??= prepareLexicon(loadLexicon()));
  if (typeof extra === "object") {
    const hit = prepared.get(extra);
    if (hit) return hit;
    const p = prepareLexicon(loadLexicon(extra));
    prepared.set(extra, p);
    return p;
  }
  return prepareLexicon(loadLexicon(extra));
}

/** Read, clean and de-duplicate the files; the same text under two names counts once. */
export function readArticles(files: SourceFile[], opts: BuildOptions): { articles: Article[]; report: BuildReport } {
  const report: BuildReport = { articles: [], skipped: [], warnings: [], sentences: 0 };
  const articles: Article[] = [];
  const byText = new Map<string, string>();
  const byId = new Map<string, string>();
  files.forEach((f, i) => {
    opts.onProgress?.(i, files.length, f.path);
    const r = ingest(f, { parseHtml: opts.parseHtml });
    if (!r.ok) {
      report.skipped.push({ file: f.path, reason: r.reason });
      return;
    }
    for (const w of r.warnings) report.warnings.push(`${f.path}: ${w}`);
    const same = byText.get(r.article.text);
    if (same) {
      report.skipped.push({ file: f.path, reason: `same text as ${same}` });
      return;
    }
    const clash = byId.get(r.article.id);
    if (clash) {
      report.skipped.push({ file: f.path, reason: `article id "${r.article.id}" already taken by ${clash}` });
      return;
    }
    byText.set(r.article.text, f.path);
    byId.set(r.article.id, f.path);
    articles.push(r.article);
    report.articles.push({ id: r.article.id, file: f.path });
  });
  return { articles, report };
}

/**
 * The date an article's relative expressions are read against: its own date; refined to a day
 * by the first day it names in that month; without one, the first day it names, read against the
 * corpus (the latest article date), since a news story usually opens with its news.
 */
export function referenceDate(article: Article, corpus: DateRef | undefined): DateRef | undefined {
  const own = parseIso(article.date);
  if (own?.day !== undefined) return own;
  const base = own ?? corpus;
  if (!base) return undefined;
  const first = findDates(article.text.slice(0, 4000), base).find((d) => d.iso.length === 10);
  const f = parseIso(first?.iso);
  if (own) return f && f.year === own.year && f.month === own.month ? f : own;
  return f ?? undefined;
}

/** Extraction of one article: sentences, mentions and relations. */
export function extractArticle(article: Article, lex: PreparedLexicon, corpusDate: DateRef | undefined): ArticleExtraction {
  const sentences = segment(article);
  const ref = referenceDate(article, corpusDate);
  const recognized = recognizeArticle(article, sentences, lex, ref);
  const { mentions, relations } = relateArticle(article, recognized, ref);
  return { article, sentences, mentions, relations, ...(ref ? { refDate: toIso(ref) } : {}) };
}

function corpusDate(articles: Article[], existing: string[] = []): DateRef | undefined {
  const dates = [...articles.map((a) => a.date), ...existing].filter((d): d is string => !!d).sort();
  return parseIso(dates[dates.length - 1]);
}

export function extractAll(articles: Article[], opts: BuildOptions, existingDates: string[] = []): ArticleExtraction[] {
  const lex = lexiconFor(opts.lexicon);
  const corpus = corpusDate(articles, existingDates);
  return articles.map((a) => extractArticle(a, lex, corpus));
}

/** Files → knowledge graph, with a report of what was read, skipped and warned about. */
export function buildGraph(files: SourceFile[], opts: BuildOptions): { graph: KnowledgeGraph; report: BuildReport } {
  const { articles, report } = readArticles(files, opts);
  const extractions = extractAll(articles, opts);
  report.sentences = extractions.reduce((n, x) => n + x.sentences.length, 0);
  opts.onProgress?.(files.length, files.length, "");
  return { graph: buildFrom(extractions), report };
}

/** Grow an existing graph with more articles (the explorer's drop of .txt/.html files). */
export function extendGraph(graph: KnowledgeGraph, files: SourceFile[], opts: BuildOptions): { graph: KnowledgeGraph; report: BuildReport } {
  const { articles, report } = readArticles(files, opts);
  const known = new Set((graph.getAttribute("articles") ?? []).map((a) => a.id));
  const fresh = articles.filter((a) => {
    if (!known.has(a.id)) return true;
    report.skipped.push({ file: report.articles.find((x) => x.id === a.id)?.file ?? a.id, reason: `article "${a.id}" is already in the graph` });
    return false;
  });
  report.articles = report.articles.filter((x) => fresh.some((a) => a.id === x.id));
  const existingDates = (graph.getAttribute("articles") ?? []).map((a) => a.date).filter((d): d is string => !!d);
  const extractions = extractAll(fresh, opts, existingDates);
  report.sentences = extractions.reduce((n, x) => n + x.sentences.length, 0);
  return { graph: extendWith(graph, extractions), report };
}
