// The build on worker threads (piscina): the per-article work (ingest, then segment → recognize →
// relate) runs in chunks on `jobs` workers; what needs the whole corpus stays on this thread, in the
// files' order: keeping or skipping each file, the corpus date, and the build stage (fed each
// extraction as it arrives, under its article's place in the corpus). So the graph is
// the one buildGraph makes, byte for byte. An article with a date of its own does not read the corpus
// date, so its worker extracts it right after ingest: its text crosses to the workers once, not twice.
import { Piscina } from "piscina";
import type { KnowledgeGraph } from "../graph";
import { GraphBuilder } from "../build";
import { nodeHtmlParser } from "../ingest/node";
import { ArticleAcceptor, buildGraph, corpusDate, lexiconFor, type BuildReport, type SourceFile } from "./index";
import type { IngestedFile, SentExtraction, WorkerTask } from "./worker";
import { unpackExtraction } from "./transfer";

export { parseJobs } from "./jobs";

const WORKER = new URL("./worker.mjs", import.meta.url);

export interface ParallelBuildOptions {
  /** Worker threads; 1 runs the single-thread build on this thread. */
  jobs: number;
  /** Parsed contents of a user's `--lexicon FILE`. */
  lexicon?: unknown;
  onProgress?: (done: number, total: number, file: string) => void;
  /** Fewer files than this are built on this thread: starting the workers would cost more than it saves. */
  minFiles?: number;
  /** Workers started beforehand (startBuildPool), e.g. while the files were being read. Destroyed at the end. */
  pool?: BuildPool;
}

/** The worker threads of a parallel build: they start loading the pipeline (and the lexicon) at once. */
export class BuildPool {
  readonly pool: Piscina;
  constructor(
    readonly jobs: number,
    readonly lexicon?: unknown,
  ) {
    this.pool = new Piscina({
      filename: WORKER.href,
      minThreads: jobs,
      maxThreads: jobs,
      // Tasks are queued here, not in the workers: a free worker takes the next chunk.
      concurrentTasksPerWorker: 1,
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

/** Items per task: a few tasks per worker for balance, not so many that messages dominate. */
function chunkSize(n: number, jobs: number, max: number): number {
  return Math.max(1, Math.min(max, Math.ceil(n / (jobs * 6))));
}

function chunks<T>(xs: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

/** Files → knowledge graph on `jobs` worker threads; the same graph and report as buildGraph. */
export async function buildGraphParallel(files: SourceFile[], opts: ParallelBuildOptions): Promise<{ graph: KnowledgeGraph; report: BuildReport }> {
  const jobs = Math.max(1, Math.floor(opts.pool?.jobs ?? opts.jobs));
  let pool = opts.pool;
  try {
    // A user's lexicon is checked here, on this thread: a bad one fails with its own error class.
    if (opts.lexicon !== undefined) lexiconFor(opts.lexicon);
    if (jobs === 1 || files.length < Math.max(2, opts.minFiles ?? 40)) {
      await pool?.destroy();
      return buildGraph(files, { parseHtml: nodeHtmlParser, lexicon: opts.lexicon, onProgress: opts.onProgress });
    }
    const workers = (pool ??= new BuildPool(jobs, opts.lexicon));

    // 1. Ingest in workers (and extract the articles that carry a date of their own); keep or skip each
    // file here, in order, as the chunks come back.
    const acc = new ArticleAcceptor();
    const { report } = acc;
    const fileChunks = chunks(files, chunkSize(files.length, jobs, 64));
    const pending = fileChunks.map((c) => workers.run({ kind: "ingest", files: c } satisfies WorkerTask) as Promise<IngestedFile[]>);
    // Each extraction joins the build stage as it arrives, under its article's place in the corpus.
    const builder = new GraphBuilder();
    const later: number[] = [];
    let index = 0;
    for (let k = 0; k < fileChunks.length; k++) {
      const rs = await pending[k];
      rs.forEach((r, j) => {
        const kept = acc.articles.length;
        acc.add(fileChunks[k][j].path, r.ingested, index++);
        if (acc.articles.length === kept) return;
        const article = acc.articles[kept];
        if (r.extraction) {
          report.sentences += r.extraction.sentences;
          builder.add(unpackExtraction(article, r.extraction), kept);
        } else later.push(kept);
      });
      const c = fileChunks[k];
      opts.onProgress?.(index, files.length, c[c.length - 1].path);
    }

    // 2. The articles without a date of their own, against the corpus date (the latest date of the
    // articles kept): results kept in the articles' order.
    const { articles } = acc;
    const corpus = corpusDate(articles);
    const laterChunks = chunks(later, chunkSize(later.length, jobs, 64));
    await Promise.all(
      laterChunks.map(async (c) => {
        const sent = (await workers.run({ kind: "extract", articles: c.map((i) => articles[i]), corpus } satisfies WorkerTask)) as SentExtraction[];
        sent.forEach((x, j) => {
          report.sentences += x.sentences;
          // The build reads the article, mentions, relations and refDate; sentences are only counted.
          builder.add(unpackExtraction(articles[c[j]], x), c[j]);
        });
      }),
    );
    opts.onProgress?.(files.length, files.length, "");

    // 3. The rest of the build stage, on this thread: keys resolved against the whole corpus.
    return { graph: builder.finish(), report };
  } finally {
    await pool?.destroy();
  }
}
