// The build on worker threads (piscina): the per-article work (ingest, then segment → recognize →
// relate) runs in chunks on `jobs` workers; what needs the whole corpus stays on this thread, in the
// files' order: keeping or skipping each file, the corpus date, and the build stage. So the graph is
// the one buildGraph makes, byte for byte.
import { Piscina } from "piscina";
import type { ArticleExtraction } from "../types";
import type { KnowledgeGraph } from "../graph";
import { buildGraph as buildFrom } from "../build";
import { nodeHtmlParser } from "../ingest/node";
import { ArticleAcceptor, buildGraph, corpusDate, lexiconFor, type BuildReport, type Ingested, type SourceFile } from "./index";
import type { SentExtraction, WorkerTask } from "./worker";
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

    // 1. Ingest in workers; keep or skip each file here, in order.
    const acc = new ArticleAcceptor();
    const fileChunks = chunks(files, chunkSize(files.length, jobs, 256));
    const ingested = await Promise.all(fileChunks.map((c) => workers.run({ kind: "ingest", files: c } satisfies WorkerTask) as Promise<Ingested[]>));
    let index = 0;
    ingested.forEach((rs, k) => rs.forEach((r, j) => acc.add(fileChunks[k][j].path, r, index++)));
    const { articles, report } = acc;

    // 2. Extraction in workers, against the corpus date; results kept in the articles' order.
    const corpus = corpusDate(articles);
    const articleChunks = chunks(articles, chunkSize(articles.length, jobs, 64));
    const extractions: ArticleExtraction[] = new Array(articles.length);
    let offset = 0;
    let shown = 0;
    await Promise.all(
      articleChunks.map(async (c) => {
        const from = offset;
        offset += c.length;
        const sent = (await workers.run({ kind: "extract", articles: c, corpus } satisfies WorkerTask)) as SentExtraction[];
        sent.forEach((x, j) => {
          report.sentences += x.sentences;
          // The build reads the article, mentions, relations and refDate; sentences are only counted.
          extractions[from + j] = unpackExtraction(c[j], x);
        });
        // Chunks finish out of order: the bar only moves forward.
        const at = acc.fileIndex[from + c.length - 1] + 1;
        if (at > shown) {
          shown = at;
          opts.onProgress?.(at, files.length, c[c.length - 1].file);
        }
      }),
    );
    opts.onProgress?.(files.length, files.length, "");

    // 3. The build stage, on this thread, in the files' order.
    return { graph: buildFrom(extractions), report };
  } finally {
    await pool?.destroy();
  }
}
