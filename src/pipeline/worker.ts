// The per-article work of the parallel build, in a worker thread: ingest of files, and extraction
// (segment → recognize → relate) of articles. Everything the build stage needs comes back in one
// message per task, so that objects shared within an article's extraction (an Entity named in a
// mention and in a relation) stay shared after the structured clone.
import { workerData } from "node:worker_threads";
import type { Article } from "../types";
import type { DateRef } from "../text/dates";
import { nodeHtmlParser } from "../ingest/node";
import { extractArticle, ingestFile, lexiconFor, type Ingested, type SourceFile } from "./extract";
import { packExtraction, type PackedExtraction } from "./transfer";

export type WorkerTask =
  | { kind: "ingest"; files: SourceFile[] }
  | { kind: "extract"; articles: Article[]; corpus: DateRef | undefined };

/** An extraction as it travels back: see ./transfer. */
export type SentExtraction = PackedExtraction;

const lexicon = (workerData as { lexicon?: unknown } | undefined)?.lexicon;
// Prepared while the first files are read and ingested: ready when the first articles come.
const lex = lexiconFor(lexicon);

export function run(task: WorkerTask): Ingested[] | SentExtraction[] {
  if (task.kind === "ingest") return task.files.map((f) => ingestFile(f, { parseHtml: nodeHtmlParser }));
  return task.articles.map((a) => packExtraction(extractArticle(a, lex, task.corpus)));
}
