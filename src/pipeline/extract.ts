// The per-article part of the pipeline (ingest of one file, extraction of one article), kept apart
// from the build stage so that the parallel build's workers load only what they run.
import type { Article, ArticleExtraction } from "../types";
import { ingest } from "../ingest";
import type { ParseHtml } from "../ingest/html";
import { segment } from "../segment";
import { prepareLexicon, recognizeArticle, type PreparedLexicon } from "../recognize";
import { loadLexicon } from "../recognize/lexicon";
import { relateArticle } from "../relate";
import { findDates, parseIso, toIso, type DateRef } from "../text/dates";

export interface SourceFile {
  path: string;
  bytes: Uint8Array;
}

const prepared = new WeakMap<object, PreparedLexicon>();
let defaultLexicon: PreparedLexicon | undefined;

/** The prepared lexicon for a user's extra lexicon (or the built-in one), made once per object. */
export function lexiconFor(extra: unknown): PreparedLexicon {
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

/** One file's ingest result, as readArticles and the parallel build see it. */
export type Ingested = ReturnType<typeof ingest>;

/** Ingest one file (pure: bytes in, article or reason out). */
export function ingestFile(f: SourceFile, opts: { parseHtml: ParseHtml }): Ingested {
  return ingest(f, { parseHtml: opts.parseHtml });
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

/** Whether the article's extraction reads the corpus date: only without a date of its own (referenceDate's `base`). */
export function needsCorpusDate(article: Article): boolean {
  return parseIso(article.date) === undefined;
}

/**
 * The extraction of an ingested file's article when it can be made before the whole corpus is read
 * (the article has a date of its own, so the corpus date is not read); undefined otherwise. A
 * duplicate is extracted for nothing (the build skips it): rare, and cheaper than waiting.
 */
export function extractEarly(ingested: Ingested, lex: PreparedLexicon): ArticleExtraction | undefined {
  return ingested.ok && !needsCorpusDate(ingested.article) ? extractArticle(ingested.article, lex, undefined) : undefined;
}

/** Extraction of one article: sentences, mentions and relations. */
export function extractArticle(article: Article, lex: PreparedLexicon, corpusDate: DateRef | undefined): ArticleExtraction {
  const sentences = segment(article);
  const ref = referenceDate(article, corpusDate);
  const recognized = recognizeArticle(article, sentences, lex, ref);
  const { mentions, relations } = relateArticle(article, recognized, ref);
  return { article, sentences, mentions, relations, ...(ref ? { refDate: toIso(ref) } : {}) };
}

/** The latest date of the corpus: what articles without a date of their own are read against. */
export function corpusDate(articles: Article[], existing: string[] = []): DateRef | undefined {
  const dates = [...articles.map((a) => a.date), ...existing].filter((d): d is string => !!d).sort();
  return parseIso(dates[dates.length - 1]);
}

