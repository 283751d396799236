// The whole way from files to graph: ingest → segment → recognize → relate → build.
// Pure over its inputs (file bytes in, graph out); reading and writing files is the caller's job.
import type { Article, ArticleExtraction } from "../types";
import type { KnowledgeGraph } from "../graph";
import { extendGraph as extendWith, GraphBuilder } from "../build";
import { corpusDate, extractArticle, ingestFile, lexiconFor, type Ingested, type SourceFile } from "./extract";

export { corpusDate, extractArticle, ingestFile, lexiconFor, referenceDate } from "./extract";
export type { Ingested, SourceFile } from "./extract";

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

/** Takes ingested files in order, skipping failures, texts already seen and ids already taken. */
export class ArticleAcceptor {
  readonly report: BuildReport = { articles: [], skipped: [], warnings: [], sentences: 0 };
  readonly articles: Article[] = [];
  /** For each article kept, the index of its file in the input (for progress). */
  readonly fileIndex: number[] = [];
  private byText = new Map<string, string>();
  private byId = new Map<string, string>();

  add(path: string, r: Ingested, index = -1): void {
    const { report } = this;
    if (!r.ok) {
      report.skipped.push({ file: path, reason: r.reason });
      return;
    }
    for (const w of r.warnings) report.warnings.push(`${path}: ${w}`);
    const same = this.byText.get(r.article.text);
    if (same) {
      report.skipped.push({ file: path, reason: `same text as ${same}` });
      return;
    }
    const clash = this.byId.get(r.article.id);
    if (clash) {
      report.skipped.push({ file: path, reason: `article id "${r.article.id}" already taken by ${clash}` });
      return;
    }
    this.byText.set(r.article.text, path);
    this.byId.set(r.article.id, path);
    this.articles.push(r.article);
    this.fileIndex.push(index);
    report.articles.push({ id: r.article.id, file: path });
  }
}

/** Read, clean and de-duplicate the files; the same text under two names counts once. */
export function readArticles(files: SourceFile[], opts: BuildOptions): { articles: Article[]; report: BuildReport } {
  const acc = new ArticleAcceptor();
  files.forEach((f, i) => {
    opts.onProgress?.(i, files.length, f.path);
    acc.add(f.path, ingestFile(f, opts), i);
  });
  return { articles: acc.articles, report: acc.report };
}

export function extractAll(articles: Article[], opts: BuildOptions, existingDates: string[] = []): ArticleExtraction[] {
  const lex = lexiconFor(opts.lexicon);
  const corpus = corpusDate(articles, existingDates);
  return articles.map((a) => extractArticle(a, lex, corpus));
}

/** Files → knowledge graph, with a report of what was read, skipped and warned about. */
export function buildGraph(files: SourceFile[], opts: BuildOptions): { graph: KnowledgeGraph; report: BuildReport } {
  // Progress is reported as articles are extracted (the bulk of the work), not as files are read.
  const acc = new ArticleAcceptor();
  files.forEach((f, i) => acc.add(f.path, ingestFile(f, opts), i));
  const { articles, report } = acc;
  const lex = lexiconFor(opts.lexicon);
  const corpus = corpusDate(articles);
  // Each extraction goes to the build stage as soon as it is made, and is let go: it dies young,
  // and the memory of a large build stays what the graph needs.
  const builder = new GraphBuilder();
  for (let i = 0; i < articles.length; i++) {
    const x = extractArticle(articles[i], lex, corpus);
    report.sentences += x.sentences.length;
    builder.add(x);
    opts.onProgress?.(acc.fileIndex[i] + 1, files.length, articles[i].file);
  }
  opts.onProgress?.(files.length, files.length, "");
  return { graph: builder.finish(), report };
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
