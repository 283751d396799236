// One measured run in a fresh process (so peak memory is this run's): prints one JSON line.
//   pipeline-run.ts floor    <dir>            read, decode, NFC, sentence split
//   pipeline-run.ts pipeline <dir> [--export] files → graph, as `kg build` does (--export: and the five files, serialized)
//   pipeline-run.ts parallel <dir> --jobs N [--out file]   the same with N worker threads
//   pipeline-run.ts stages   <dir> [--rounds N]  ingest, then every extraction held, then the build
//                                                stage alone N times over them (default 3): each
//                                                stage's own time, for changes too small for `pipeline`
// --out FILE writes graph.json there (to compare single-thread and parallel output).
import { readFileSync, writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { getHeapStatistics } from "node:v8";
import { collectInputs, readInputs } from "../src/cli/files";
import { decodeBytes } from "../src/ingest/decode";
import { nodeHtmlParser } from "../src/ingest/node";
import { segment } from "../src/segment";
import { buildGraph, readArticles } from "../src/pipeline";
import { corpusDate, extractArticle, lexiconFor } from "../src/pipeline/extract";
import { GraphBuilder } from "../src/build";
import { buildGraphParallel, startBuildPool } from "../src/pipeline/parallel";
import { exportStream, serializeGraph } from "../src/export";

const [mode, dir, ...rest] = process.argv.slice(2);
const flag = (name: string) => {
  const i = rest.indexOf(name);
  return i >= 0 ? rest[i + 1] : undefined;
};

/**
 * CPU time of this thread alone (Linux: /proc/self/task/<pid>/stat, in clock ticks of 10 ms): on a
 * shared machine it moves far less than wall time, and it leaves out the GC's helper threads.
 */
function mainThreadCpuMs(): number {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

let peakHeap = 0;
const sampleHeap = () => {
  const h = process.memoryUsage().heapUsed;
  if (h > peakHeap) peakHeap = h;
};

async function main(): Promise<void> {
  const t0 = performance.now();
  const cpuStart = mainThreadCpuMs();
  // As `kg build --jobs N` does: the workers start before the files are read.
  const pool = mode === "parallel" ? startBuildPool(Number(flag("--jobs") ?? "2")) : undefined;
  const { files } = await collectInputs([dir]);
  const { read } = await readInputs(files);
  const tRead = performance.now();
  const bytes = read.reduce((n, f) => n + f.bytes.length, 0);
  const out: Record<string, unknown> = { mode, files: read.length, bytes };
  // Wall time from the start (files read included), and everything this thread did in it: the
  // load-proof twin of `ms`. Taken once, when the measured work ends.
  const stop = () => {
    if (out.ms !== undefined) return;
    out.ms = performance.now() - t0;
    out.mainCpuMs = mainThreadCpuMs() - cpuStart;
  };

  if (mode === "floor") {
    let sentences = 0;
    let chars = 0;
    for (const f of read) {
      const d = decodeBytes(f.bytes);
      if (!d.ok) continue;
      chars += d.text.length;
      sentences += segment({ id: f.path, file: f.path, text: d.text }).length;
    }
    out.sentences = sentences;
    out.chars = chars;
  } else if (mode === "pipeline" || mode === "parallel") {
    const jobs = Number(flag("--jobs") ?? "1");
    let calls = 0;
    // process.memoryUsage() costs ~0.1 ms: sampled every 50 articles.
    const progress = () => {
      if (calls++ % 50 === 0) sampleHeap();
    };
    const tb = performance.now();
    const cpu0 = process.cpuUsage();
    const main0 = mainThreadCpuMs();
    const { graph, report } =
      mode === "pipeline"
        ? buildGraph(read, { parseHtml: nodeHtmlParser, onProgress: progress })
        : await buildGraphParallel(read, { jobs, pool, onProgress: progress });
    sampleHeap();
    out.buildMs = performance.now() - tb;
    const cpu = process.cpuUsage(cpu0);
    out.buildCpuMs = (cpu.user + cpu.system) / 1000;
    out.buildMainCpuMs = mainThreadCpuMs() - main0;
    out.articles = report.articles.length;
    out.sentences = report.sentences;
    out.nodes = graph.order;
    out.edges = graph.size;
    // The graph's size in items: nodes, edges, mentions and evidence (what memory should follow).
    let items = graph.order + graph.size;
    graph.forEachNode((_n, a) => (items += a.mentions.length));
    graph.forEachEdge((_e, a) => (items += a.evidence.length));
    out.graphItems = items;
    out.heapAfterMB = process.memoryUsage().heapUsed / 2 ** 20;
    out.jobs = mode === "pipeline" ? 1 : jobs;
    // Files → graph ends here: writing graph.json for a comparison, or the five files, is not timed in `ms`.
    stop();
    const file = flag("--out");
    if (file) writeFileSync(file, serializeGraph(graph, "json"));
    if (rest.includes("--export")) {
      const te = performance.now();
      let outBytes = 0;
      try {
        // As `kg build` makes them (graph.gexf and graph.graphml side by side).
        for (const [, piece] of exportStream(graph).pieces) outBytes += Buffer.byteLength(piece);
        out.exportMs = performance.now() - te;
        out.exportBytes = outBytes;
      } catch (e) {
        out.exportError = (e as Error).message;
      }
      sampleHeap();
    }
  } else if (mode === "stages") {
    // Held in memory between stages, unlike `pipeline`, where each extraction dies young: the
    // build stage's rounds run over a larger heap, so their GC costs more than in a real build.
    let t = performance.now();
    const { articles } = readArticles(read, { parseHtml: nodeHtmlParser });
    out.ingestMs = performance.now() - t;
    t = performance.now();
    const lex = lexiconFor(undefined);
    out.lexiconMs = performance.now() - t;
    t = performance.now();
    const corpus = corpusDate(articles);
    const extractions = articles.map((a) => extractArticle(a, lex, corpus));
    out.extractMs = performance.now() - t;
    const addMs: number[] = [];
    const finishMs: number[] = [];
    for (let round = 0; round < Number(flag("--rounds") ?? "3"); round++) {
      const builder = new GraphBuilder();
      t = performance.now();
      for (const x of extractions) builder.add(x);
      addMs.push(performance.now() - t);
      t = performance.now();
      const graph = builder.finish();
      finishMs.push(performance.now() - t);
      out.nodes = graph.order;
      out.edges = graph.size;
    }
    Object.assign(out, { articles: articles.length, addMs, finishMs });
  } else throw new Error(`unknown mode ${mode}`);

  stop();
  out.readMs = tRead - t0;
  out.maxRssMB = process.resourceUsage().maxRSS / 1024;
  out.peakHeapMB = peakHeap / 2 ** 20;
  out.heapLimitMB = getHeapStatistics().heap_size_limit / 2 ** 20;
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

await main();
