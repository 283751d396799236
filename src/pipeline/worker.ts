// The per-article work of the parallel build, in a worker thread: ingest of files, and extraction
// (segment → recognize → relate) of articles. An article with a date of its own is extracted as
// soon as it is ingested: the corpus date, which needs every file, is not read for it. Everything
// the build stage needs comes back in one message per task, so that objects shared within an
// article's extraction (an Entity named in a mention and in a relation) stay shared after the
// structured clone.
import { workerData } from "node:worker_threads";
import type { Article } from "../types";
import type { DateRef } from "../text/dates";
import { nodeHtmlParser } from "../ingest/node";
import { extractArticle, extractEarly, ingestFile, lexiconFor, type Ingested, type SourceFile } from "./extract";
import { packExtraction, type PackedExtraction } from "./transfer";

export type WorkerTask =
  | { kind: "ingest"; files: SourceFile[] }
  | { kind: "extract"; articles: Article[]; corpus: DateRef | undefined };

/** A file ingested, with its extraction when the article did not need the corpus date. */
export interface IngestedFile {
  ingested: Ingested;
  extraction?: SentExtraction;
}

/** An extraction as it travels back: see ./transfer. */
export type SentExtraction = PackedExtraction;

const lexicon = (workerData as { lexicon?: unknown } | undefined)?.lexicon;
// Prepared while the first files are read and ingested: ready when the first articles come.
const lex = lexiconFor(lexicon);

// Piscina hands a worker two tasks at once (parallel.ts): they are done one after the other, so the
// first comes back as soon as it can.
let queue: Promise<unknown> = Promise.resolve();

export function run(task: WorkerTask): Promise<IngestedFile[] | SentExtraction[]> {
  const done = queue.then(() => runTask(task));
  queue = done.catch(() => undefined);
  return done;
}

function runTask(task: WorkerTask): IngestedFile[] | SentExtraction[] {
  if (task.kind === "ingest") {
    // The chunk's files all ingested, then extracted: one stage's code and tables at a time.
    return task.files
      .map((f) => ingestFile(f, { parseHtml: nodeHtmlParser }))
      .map((ingested) => {
        const early = extractEarly(ingested, lex);
        return early ? { ingested, extraction: packExtraction(early) } : { ingested };
      });
  }
  return task.articles.map((a) => packExtraction(extractArticle(a, lex, task.corpus)));
}
