// The build on worker threads (piscina) and this one: the per-article work (ingest, then segment →
// recognize → relate) runs in chunks, on `jobs − 1` workers and on this thread, which takes a chunk
// itself whenever the next result it needs is not back yet. What needs the whole corpus stays on
// this thread, in the files' order: keeping or skipping each file, the corpus date, and the build
// stage (fed each extraction under its article's place in the corpus). So the graph is the one
// buildGraph makes, byte for byte. An article with a date of its own does not read the corpus date,
// so it is extracted right after its ingest: its text crosses to a worker once, not twice.
// Why this thread works too: on a 2-core machine, a third isolate (its own compilation and garbage
// collection threads) cost more than the second worker gave (bench/NOTES.md).
import { Piscina } from "piscina";
import type { Article, ArticleExtraction } from "../types";
import type { KnowledgeGraph } from "../graph";
import { GraphBuilder } from "../build";
import { nodeHtmlParser } from "../ingest/node";
import { ArticleAcceptor, buildGraph, corpusDate, extractArticle, ingestFile, lexiconFor, type BuildReport, type Ingested, type SourceFile } from "./index";
import { extractEarly } from "./extract";
import type { IngestedFile, SentExtraction, WorkerTask } from "./worker";
import { unpackExtraction } from "./transfer";

export { parseJobs } from "./jobs";

const WORKER = new URL("./worker.mjs", import.meta.url);

export interface ParallelBuildOptions {
  /** Threads in all, this one included; 1 runs the single-thread build on this thread. */
  jobs: number;
  /** Parsed contents of a user's `--lexicon FILE`. */
  lexicon?: unknown;
  onProgress?: (done: number, total: number, file: string) => void;
  /** Fewer files than this are built on this thread: starting the workers would cost more than it saves. */
  minFiles?: number;
  /** Files of fewer bytes in all than this are built on this thread too (default 0: `--jobs auto` sets AUTO_MIN_BYTES). */
  minBytes?: number;
  /** Workers started beforehand (startBuildPool), e.g. while the files were being read. Destroyed at the end. */
  pool?: BuildPool;
}

/**
 * Below this much input, `--jobs auto` builds on one thread: a worker takes about a second to load
 * and warm up, and on 2 cores `--jobs 2` only caught up with one thread at about 11 MB (3k articles;
 * 1k articles: 2.8 s against 2.3 s; 10k: 1.25× faster. bench/NOTES.md).
 */
export const AUTO_MIN_BYTES = 16_000_000;

/** Chunks a worker holds at once: while it works on one, the next is already there. */
const DEPTH = 2;

/** The worker threads of a parallel build (`jobs − 1`: this thread is the other one); they start loading the pipeline (and the lexicon) at once. */
export class BuildPool {
  readonly pool: Piscina;
  readonly workers: number;
  constructor(
    readonly jobs: number,
    readonly lexicon?: unknown,
  ) {
    this.workers = Math.max(1, jobs - 1);
    this.pool = new Piscina({
      filename: WORKER.href,
      minThreads: this.workers,
      maxThreads: this.workers,
      // Two chunks per worker at once: it starts the next without waiting for this thread, which may be busy.
      concurrentTasksPerWorker: DEPTH,
      idleTimeout: 60_000,
      workerData: { lexicon },
    });
  }

  run(task: WorkerTask): Promise<unknown> {
    return this.pool.run(task);
  }

  private destroyed: Promise<void> | undefined;

  /** Stop the workers (once; later calls wait for the same end). */
  destroy(): Promise<void> {
    return (this.destroyed ??= this.pool.destroy());
  }
}

/** Start the workers of a parallel build now (they take a moment to load); undefined when jobs is 1. */
export function startBuildPool(jobs: number, lexicon?: unknown): BuildPool | undefined {
  return jobs > 1 ? new BuildPool(jobs, lexicon) : undefined;
}

/** Items per task: a few tasks per thread for balance, not so many that messages dominate. */
function chunkSize(n: number, jobs: number, max: number): number {
  return Math.max(1, Math.min(max, Math.ceil(n / (jobs * 6))));
}

function chunks<T>(xs: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

/** Back to the event loop: the workers' results come in and their next chunks go out. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** How long this thread works on its own chunk before it lets the workers' results in (ms). */
const SLICE_MS = 15;

/**
 * `xs.map(f)`, back to the event loop every SLICE_MS: a chunk takes this thread 100 ms or more, and a
 * worker whose queue ran dry meanwhile waited for it (8–17 % of the worker's time, bench/NOTES.md).
 */
export async function mapInSlices<T, R>(xs: readonly T[], f: (x: T) => R): Promise<R[]> {
  const out: R[] = [];
  let since = performance.now();
  for (const x of xs) {
    out.push(f(x));
    if (performance.now() - since >= SLICE_MS) {
      await turn();
      since = performance.now();
    }
  }
  return out;
}

/**
 * Runs tasks 0…n−1 on the workers (`remote`) and on this thread (`local`), and hands each result to
 * `take` in task order. This thread works on the next task not yet given out whenever the result it
 * needs next is not back: it is never idle while there is work. `local` may hand back a promise
 * (mapInSlices) so that, while this thread works, the workers' results come in and their next
 * tasks go out: the workers do not wait for it.
 */
export async function shareWork<R>(
  n: number,
  inFlight: number,
  remote: (k: number) => Promise<R>,
  local: (k: number) => R | Promise<R>,
  take: (result: R, k: number) => void,
): Promise<void> {
  const results: Array<R | undefined> = new Array(n);
  const back = new Uint8Array(n);
  const pending: Array<Promise<void> | undefined> = new Array(n);
  let next = 0;
  let out = 0;
  let failed: { error: unknown } | undefined;
  const send = () => {
    while (next < n && out < inFlight && !failed) {
      const k = next++;
      out++;
      pending[k] = remote(k).then(
        (r) => {
          results[k] = r;
          back[k] = 1;
          out--;
          send();
        },
        (error) => {
          failed ??= { error };
          back[k] = 1;
          out--;
        },
      );
    }
  };
  send();
  for (let k = 0; k < n; k++) {
    while (!back[k]) {
      if (next < n) {
        const j = next++;
        results[j] = await local(j);
        back[j] = 1;
        await turn();
      } else await pending[k];
    }
    if (failed) throw failed.error;
    take(results[k]!, k);
    results[k] = undefined;
  }
}

/** An extraction made on this thread (whole), or by a worker (packed, without its article). */
type Made = ArticleExtraction | SentExtraction;

/** A file ingested, and the extraction of its article when it has a date of its own. */
interface Ingest {
  ingested: Ingested;
  extraction?: Made;
}

/** Count the extraction's sentences and add it to the build under its article's place. */
function addMade(builder: GraphBuilder, report: BuildReport, article: Article, x: Made, place: number): void {
  if ("article" in x) {
    report.sentences += x.sentences.length;
    builder.add(x, place);
  } else {
    report.sentences += x.sentences;
    // The build reads the article, mentions, relations and refDate; sentences are only counted.
    builder.add(unpackExtraction(article, x), place);
  }
}

/** Files → knowledge graph on `jobs` threads (this one and `jobs − 1` workers); the same graph and report as buildGraph. */
export async function buildGraphParallel(files: SourceFile[], opts: ParallelBuildOptions): Promise<{ graph: KnowledgeGraph; report: BuildReport }> {
  const jobs = Math.max(1, Math.floor(opts.pool?.jobs ?? opts.jobs));
  let pool = opts.pool;
  try {
    // A user's lexicon is checked here, on this thread: a bad one fails with its own error class.
    const lex = lexiconFor(opts.lexicon);
    const bytes = files.reduce((n, f) => n + f.bytes.length, 0);
    if (jobs === 1 || files.length < Math.max(2, opts.minFiles ?? 40) || bytes < (opts.minBytes ?? 0)) {
      await pool?.destroy();
      return buildGraph(files, { parseHtml: nodeHtmlParser, lexicon: opts.lexicon, onProgress: opts.onProgress });
    }
    const workers = (pool ??= new BuildPool(jobs, opts.lexicon));
    const inFlight = workers.workers * DEPTH;

    // 1. Ingest (and extract the articles that carry a date of their own); keep or skip each file here,
    // in order, as the chunks come back. Each extraction joins the build stage under its article's place.
    const acc = new ArticleAcceptor();
    const { report } = acc;
    const builder = new GraphBuilder();
    const later: number[] = [];
    const fileChunks = chunks(files, chunkSize(files.length, jobs, 64));
    let index = 0;
    await shareWork<Ingest[]>(
      fileChunks.length,
      inFlight,
      (k) => workers.run({ kind: "ingest", files: fileChunks[k] } satisfies WorkerTask) as Promise<IngestedFile[]>,
      // As a worker does: the chunk's files all ingested, then extracted.
      async (k) =>
        mapInSlices(await mapInSlices(fileChunks[k], (f) => ingestFile(f, { parseHtml: nodeHtmlParser })), (ingested) => {
          const extraction = extractEarly(ingested, lex);
          return extraction ? { ingested, extraction } : { ingested };
        }),
      (rs, k) => {
        rs.forEach((r, j) => {
          const kept = acc.articles.length;
          acc.add(fileChunks[k][j].path, r.ingested, index++);
          if (acc.articles.length === kept) return;
          if (r.extraction) addMade(builder, report, acc.articles[kept], r.extraction, kept);
          else later.push(kept);
        });
        const c = fileChunks[k];
        opts.onProgress?.(index, files.length, c[c.length - 1].path);
      },
    );

    // 2. The articles without a date of their own, against the corpus date (the latest date of the
    // articles kept).
    const { articles } = acc;
    const corpus = corpusDate(articles);
    const laterChunks = chunks(later, chunkSize(later.length, jobs, 64));
    await shareWork<Made[]>(
      laterChunks.length,
      inFlight,
      (k) => workers.run({ kind: "extract", articles: laterChunks[k].map((i) => articles[i]), corpus } satisfies WorkerTask) as Promise<SentExtraction[]>,
      (k) => mapInSlices(laterChunks[k], (i) => extractArticle(articles[i], lex, corpus)),
      (xs, k) =>
        xs.forEach((x, j) => {
          const i = laterChunks[k][j];
          addMade(builder, report, articles[i], x, i);
        }),
    );
    opts.onProgress?.(files.length, files.length, "");

    // 3. The rest of the build stage, on this thread: keys resolved against the whole corpus.
    return { graph: builder.finish(), report };
  } finally {
    await pool?.destroy();
  }
}
