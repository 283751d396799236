// The per-article work of the parallel build, in a worker thread: ingest of files, and extraction
// (segment → recognize → relate) of articles. Everything the build stage needs comes back in one
// message per task, so that objects shared within an article's extraction (an Entity named in a
// mention and in a relation) stay shared after the structured clone.
import { workerData } from "node:worker_threads";
import type { Article } from "../types";
import type { DateRef } from "../text/dates";
import type { ParseHtml } from "../ingest/html";
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

// The HTML parser (linkedom, half a second to load) is loaded by the first file that needs it: ingest
// calls parseHtml before anything else it does with a page, so a file is ingested again, whole, with it.
let htmlParser: ParseHtml | undefined;
class NeedsHtmlParser extends Error {}
const parseHtml: ParseHtml = (html) => {
  if (!htmlParser) throw new NeedsHtmlParser();
  return htmlParser(html);
};

async function ingestOne(f: SourceFile): Promise<Ingested> {
  try {
    return ingestFile(f, { parseHtml });
  } catch (e) {
    if (!(e instanceof NeedsHtmlParser)) throw e;
    htmlParser = (await import("../ingest/node")).nodeHtmlParser;
    return ingestFile(f, { parseHtml });
  }
}

export async function run(task: WorkerTask): Promise<Ingested[] | SentExtraction[]> {
  if (task.kind === "ingest") {
    const out: Ingested[] = [];
    for (const f of task.files) out.push(await ingestOne(f));
    return out;
  }
  return task.articles.map((a) => packExtraction(extractArticle(a, lex, task.corpus)));
}
