// `npm run bench`: the performance figures of the pipeline and the explorer, written to
// bench/results.md (and bench/out/results.json). No test asserts on time; this is where the figures live.
//
//   npm run bench                       everything (1k, 10k, 50k articles; parallel; explorer)
//   npm run bench -- --quick            1k articles, one run each, the explorer once on a 2k-node graph
//                                       (written to bench/out/results-quick.md, not bench/results.md)
//   npm run bench -- --sizes 1000,10000 --runs 3 --skip explorer
//   npm run bench -- --skip pipeline,explorer --parallel-runs 7
//   npm run bench -- --skip pipeline,parallel,explorer        only where the time goes (stages)
//
// Each measured run is a fresh Node process (bench/pipeline-run.ts), so its peak memory is its own.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, freemem, loadavg, release, totalmem } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { writeCorpus, CORPUS_SEED } from "./corpus";
import { writeBigGraph } from "./graph";
// @ts-expect-error: a plain .mjs script without declarations
import { ensureBundle } from "../scripts/bundle.mjs";
// @ts-expect-error: a plain .mjs script without declarations
import { CLI_NODE_FLAGS } from "../scripts/node-flags.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const OUT = join(ROOT, "bench", "out");
// A --quick run does not replace the figures of a full run: it writes under bench/out/.
const QUICK = process.argv.includes("--quick");
const RESULTS = QUICK ? join(ROOT, "bench", "out", "results-quick.md") : join(ROOT, "bench", "results.md");
const RESULTS_JSON = join(ROOT, "bench", "out", QUICK ? "results-quick.json" : "results.json");

// ---- options ----

const argv = process.argv.slice(2);
const opt = (name: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const quick = argv.includes("--quick");
const sizes = (opt("--sizes") ?? (quick ? "1000" : "1000,10000,50000")).split(",").map(Number);
const runs = Number(opt("--runs") ?? (quick ? 1 : 3));
/** Sizes measured once only: a run takes minutes. */
const singleRunFrom = Number(opt("--single-from") ?? 50_000);
const skip = new Set((opt("--skip") ?? "").split(",").filter(Boolean));
const parallelSize = Number(opt("--parallel-size") ?? (quick ? 1000 : 10_000));
// More pairs than the pipeline's runs: on this shared machine one pair's ratio moved 0.93–1.23×.
const parallelRuns = Number(opt("--parallel-runs") ?? (quick ? 1 : 5));
const explorerRuns = Number(opt("--explorer-runs") ?? (quick ? 1 : 3));

const log = (s: string) => process.stderr.write(`[bench] ${s}\n`);
const median = (xs: number[]) => {
  const v = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  return v.length % 2 ? v[v.length >> 1] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
};
const max = (xs: number[]) => Math.max(...xs.filter((x) => Number.isFinite(x)));
/** When the last of runs started together ended (NaN if one failed). */
const laterOf = (runs: RunOut[]) => Math.max(...runs.map((x) => x.ms));
const MB = 1e6;

// ---- one measured process ----

interface RunOut {
  mode: string;
  files: number;
  bytes: number;
  ms: number;
  readMs: number;
  buildMs?: number;
  buildCpuMs?: number;
  /** CPU time of the main thread over the whole measured run (as `ms`). */
  mainCpuMs?: number;
  articles?: number;
  sentences?: number;
  nodes?: number;
  edges?: number;
  graphItems?: number;
  exportMs?: number;
  exportBytes?: number;
  exportError?: string;
  maxRssMB: number;
  peakHeapMB: number;
  heapAfterMB?: number;
  heapLimitMB: number;
  /** `stages` runs: each stage timed alone; the build stage once per round. */
  ingestMs?: number;
  extractMs?: number;
  addMs?: number[];
  finishMs?: number[];
  /** One-minute load average of the machine when the run started. */
  load?: number;
  error?: string;
}

// Measured from the same bundle the kg CLI runs from (scripts/bundle.mjs), built before the runs.
let RUNNER = "";

/** `taskset`, when the machine has it: a run pinned to one core (the parallel build's "on one core"). */
const TASKSET = ["/usr/bin/taskset", "/bin/taskset"].find((p) => existsSync(p));

function childCommand(args: string[], heapMB?: number, oneCore = false): [string, string[]] {
  // With the flags `npm run kg` starts the CLI with (scripts/node-flags.mjs): measured as it is run.
  const nodeArgs = [...(CLI_NODE_FLAGS as string[]), ...(heapMB ? [`--max-old-space-size=${heapMB}`] : []), RUNNER, ...args];
  return oneCore && TASKSET ? [TASKSET, ["-c", "0", process.execPath, ...nodeArgs]] : [process.execPath, nodeArgs];
}

/** A child's last stdout line as its figures, or what went wrong. */
function runOutOf(args: string[], load: number, stdout: string, stderr: string, status: number | null, signal: string | null): RunOut {
  const line = stdout.trim().split("\n").pop() ?? "";
  try {
    return { ...(JSON.parse(line) as RunOut), load };
  } catch {
    const err = stderr.split("\n").filter((l) => /Error|heap|memory/i.test(l)).slice(0, 3).join(" ");
    return { mode: args[0], files: 0, bytes: 0, ms: NaN, readMs: NaN, maxRssMB: NaN, peakHeapMB: NaN, heapLimitMB: NaN, error: err || `exit ${status} ${signal ?? ""}` };
  }
}

function runChild(args: string[], heapMB?: number, oneCore = false): RunOut {
  const load = loadavg()[0];
  const [command, commandArgs] = childCommand(args, heapMB, oneCore);
  const r = spawnSync(command, commandArgs, { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 26, timeout: 60 * 60_000 });
  return runOutOf(args, load, r.stdout ?? "", r.stderr ?? "", r.status, r.signal);
}

/** Measured processes started at the same moment, each as `runChild` runs one. */
function runChildrenTogether(argsList: string[][]): Promise<RunOut[]> {
  const load = loadavg()[0];
  return Promise.all(
    argsList.map(
      (args) =>
        new Promise<RunOut>((done) => {
          const [command, commandArgs] = childCommand(args);
          const child = spawn(command, commandArgs, { cwd: ROOT, timeout: 60 * 60_000 });
          let stdout = "";
          let stderr = "";
          child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
          child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
          child.on("error", (e) => done(runOutOf(args, load, "", e.message, null, null)));
          child.on("close", (status, signal) => done(runOutOf(args, load, stdout, stderr, status, signal)));
        }),
    ),
  );
}

// ---- machine ----

function machine(): Record<string, string> {
  const c = cpus();
  let chromium = "";
  try {
    chromium = execFileSync("/usr/bin/chromium", ["--version"], { encoding: "utf8", timeout: 10_000, stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    chromium = "not found";
  }
  let nproc = String(availableParallelism());
  try {
    nproc = execFileSync("nproc", { encoding: "utf8" }).trim();
  } catch {
    // keep availableParallelism
  }
  return {
    "CPU": `${c[0]?.model ?? "?"} (${c.length} logical CPUs seen by Node; nproc ${nproc})`,
    "Memory": `${(totalmem() / 2 ** 30).toFixed(1)} GiB (${(freemem() / 2 ** 30).toFixed(1)} GiB free at start)`,
    "OS": `Linux ${release()}`,
    "Node": process.version,
    "Node flags of the measured runs": `${(CLI_NODE_FLAGS as string[]).join(" ")} (as \`npm run kg\` starts the CLI: scripts/node-flags.mjs)`,
    "Chromium": chromium,
    "Load average at start": loadavg().map((x) => x.toFixed(2)).join(" "),
  };
}

// ---- the parts ----

interface PipelineFigures {
  size: number;
  files: number;
  MB: number;
  runs: number;
  pipelineMs: number;
  buildCpuMs: number;
  floorMs: number;
  /** Main-thread CPU time (medians) of the floor and of the pipeline: what a busy machine moves least. */
  floorCpuMs?: number;
  pipelineCpuMs?: number;
  readMs: number;
  MBps: number;
  articlesPerSec: number;
  ratio: number;
  msPerMB: number;
  maxRssMB: number;
  peakHeapMB: number;
  heapAfterMB: number;
  nodes: number;
  edges: number;
  graphItems: number;
  exportMs?: number;
  exportMB?: number;
  exportError?: string;
  /** Median one-minute load average at the start of the pipeline runs. */
  load?: number;
  errors: string[];
}

function benchPipeline(size: number, dir: string, withExport: boolean): PipelineFigures {
  const n = size >= singleRunFrom ? 1 : runs;
  const floors: RunOut[] = [];
  const pipes: RunOut[] = [];
  // Floor and pipeline alternate, so that a change in the machine's load hits both alike.
  for (let r = 0; r < n; r++) {
    log(`pipeline ${size}: floor run ${r + 1}/${n}`);
    floors.push(runChild(["floor", dir]));
    log(`pipeline ${size}: pipeline run ${r + 1}/${n}`);
    pipes.push(runChild(["pipeline", dir], size >= singleRunFrom ? 12_000 : undefined));
    log(`  floor ${floors[r].ms?.toFixed(0)} ms, pipeline ${pipes[r].ms?.toFixed(0)} ms, rss ${pipes[r].maxRssMB?.toFixed(0)} MB ${pipes[r].error ?? ""}`);
  }
  let exp: RunOut | undefined;
  if (withExport) {
    log(`pipeline ${size}: with the five output files`);
    exp = runChild(["pipeline", dir, "--export"]);
  }
  const ok = pipes.filter((p) => !p.error);
  const first = ok[0] ?? pipes[0];
  const bytes = first.bytes || floors[0].bytes;
  const pipelineMs = median(ok.map((p) => p.ms));
  const floorMs = median(floors.map((f) => f.ms));
  return {
    size,
    files: first.files,
    MB: bytes / MB,
    runs: n,
    pipelineMs,
    buildCpuMs: median(ok.map((p) => p.buildCpuMs ?? NaN)),
    floorMs,
    floorCpuMs: median(floors.map((f) => f.mainCpuMs ?? NaN)),
    pipelineCpuMs: median(ok.map((p) => p.mainCpuMs ?? NaN)),
    readMs: median(ok.map((p) => p.readMs)),
    MBps: bytes / MB / (pipelineMs / 1000),
    articlesPerSec: (first.articles ?? first.files) / (pipelineMs / 1000),
    ratio: pipelineMs / floorMs,
    msPerMB: pipelineMs / (bytes / MB),
    maxRssMB: max(ok.map((p) => p.maxRssMB)),
    peakHeapMB: max(ok.map((p) => p.peakHeapMB)),
    heapAfterMB: median(ok.map((p) => p.heapAfterMB ?? NaN)),
    nodes: first.nodes ?? 0,
    edges: first.edges ?? 0,
    graphItems: first.graphItems ?? 0,
    ...(exp ? { exportMs: exp.exportMs, exportMB: (exp.exportBytes ?? 0) / MB, exportError: exp.exportError ?? exp.error } : {}),
    load: median(pipes.map((p) => p.load ?? NaN)),
    errors: pipes.filter((p) => p.error).map((p) => p.error!),
  };
}

interface ParallelFigures {
  size: number;
  MB: number;
  runs: number;
  oneMs: number;
  twoMs: number;
  speedup: number;
  /** Median and range of each pair's own ratio (one thread / --jobs 2, run back to back): the load drifts less within a pair. */
  pairedSpeedup?: { median: number; min: number; max: number };
  identical: boolean;
  oneRssMB: number;
  twoRssMB: number;
  /** Each run: one thread (s), two workers (s), load average at their start. */
  pairs?: Array<{ one: number; two: number; loadOne?: number; loadTwo?: number; oneCore?: number; sideBySide?: number }>;
  /** The one-thread build pinned to one core (taskset -c 0): "on one core" against "on 2 cores". */
  oneCoreMs?: number;
  coreSpeedup?: number;
  /**
   * Two one-thread builds started together, two processes that share nothing: the later one's time,
   * and 2 × the one-thread build's time over it (each round against its own one-thread run). What
   * this machine gives two independent builds: the most any split of one build could reach here.
   */
  sideBySide?: { ms: number; ceiling: number; min: number; max: number };
  errors: string[];
}

async function benchParallel(size: number, dir: string): Promise<ParallelFigures> {
  const one: RunOut[] = [];
  const two: RunOut[] = [];
  const pinned: RunOut[] = [];
  const side: RunOut[][] = [];
  const f1 = join(OUT, `parallel-${size}-j1.json`);
  const f2 = join(OUT, `parallel-${size}-j2.json`);
  for (let r = 0; r < parallelRuns; r++) {
    log(`parallel ${size}: 1 thread, run ${r + 1}/${parallelRuns}`);
    one.push(runChild(["pipeline", dir, ...(r === 0 ? ["--out", f1] : [])]));
    log(`parallel ${size}: --jobs 2, run ${r + 1}/${parallelRuns}`);
    two.push(runChild(["parallel", dir, "--jobs", "2", ...(r === 0 ? ["--out", f2] : [])]));
    if (TASKSET) {
      log(`parallel ${size}: 1 thread on one core, run ${r + 1}/${parallelRuns}`);
      pinned.push(runChild(["pipeline", dir], undefined, true));
    }
    log(`parallel ${size}: two one-thread builds side by side, run ${r + 1}/${parallelRuns}`);
    side.push(await runChildrenTogether([["pipeline", dir], ["pipeline", dir]]));
    log(`  1 thread ${one[r].ms?.toFixed(0)} ms, --jobs 2 ${two[r].ms?.toFixed(0)} ms${pinned[r] ? `, 1 thread on one core ${pinned[r].ms?.toFixed(0)} ms` : ""}, two side by side ${laterOf(side[r]).toFixed(0)} ms`);
  }
  const identical = existsSync(f1) && existsSync(f2) && readFileSync(f1).equals(readFileSync(f2));
  rmSync(f1, { force: true });
  rmSync(f2, { force: true });
  const oneMs = median(one.map((x) => x.ms));
  const twoMs = median(two.map((x) => x.ms));
  const oneCoreMs = pinned.length ? median(pinned.map((x) => x.ms)) : undefined;
  const ratios = one.map((o, i) => o.ms / two[i].ms).filter((x) => Number.isFinite(x));
  const ceilings = one.map((o, i) => (2 * o.ms) / laterOf(side[i])).filter((x) => Number.isFinite(x));
  return {
    ...(ceilings.length ? { sideBySide: { ms: median(side.map(laterOf)), ceiling: median(ceilings), min: Math.min(...ceilings), max: Math.max(...ceilings) } } : {}),
    ...(oneCoreMs !== undefined ? { oneCoreMs, coreSpeedup: oneCoreMs / twoMs } : {}),
    size,
    MB: (one[0]?.bytes ?? 0) / MB,
    runs: parallelRuns,
    oneMs,
    twoMs,
    speedup: oneMs / twoMs,
    pairedSpeedup: { median: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios) },
    identical,
    // The first run of each also writes graph.json whole for the comparison: its peak is the writing's.
    oneRssMB: max((one.length > 1 ? one.slice(1) : one).map((x) => x.maxRssMB)),
    twoRssMB: max((two.length > 1 ? two.slice(1) : two).map((x) => x.maxRssMB)),
    pairs: one.map((o, i) => ({ one: o.ms / 1000, two: two[i].ms / 1000, loadOne: o.load, loadTwo: two[i].load, ...(pinned[i] ? { oneCore: pinned[i].ms / 1000 } : {}), sideBySide: laterOf(side[i]) / 1000 })),
    errors: [...one, ...two, ...pinned, ...side.flat()].filter((x) => x.error).map((x) => x.error!),
  };
}

/** Where the one-thread time goes: each stage of the pipeline timed alone (bench/pipeline-run.ts `stages`). */
interface StageFigures {
  size: number;
  runs: number;
  readMs: number;
  ingestMs: number;
  extractMs: number;
  /** Medians over the runs of each run's median round. */
  addMs: number;
  finishMs: number;
  errors: string[];
}

function benchStages(size: number, dir: string): StageFigures {
  const out: RunOut[] = [];
  for (let r = 0; r < runs; r++) {
    log(`stages ${size}: run ${r + 1}/${runs}`);
    out.push(runChild(["stages", dir]));
  }
  const ok = out.filter((x) => !x.error);
  const of = (f: (x: RunOut) => number | undefined) => median(ok.map((x) => f(x) ?? NaN));
  return {
    size,
    runs,
    readMs: of((x) => x.readMs),
    ingestMs: of((x) => x.ingestMs),
    extractMs: of((x) => x.extractMs),
    addMs: of((x) => median(x.addMs ?? [])),
    finishMs: of((x) => median(x.finishMs ?? [])),
    errors: out.filter((x) => x.error).map((x) => x.error!),
  };
}

// ---- report ----

const f0 = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? "–" : x.toFixed(0));
const f1 = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? "–" : x.toFixed(1));
const f2 = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? "–" : x.toFixed(2));
const verdict = (ok: boolean | undefined) => (ok === undefined ? "not measured" : ok ? "**met**" : "**missed**");

interface Results {
  date: string;
  machine: Record<string, string>;
  loadAtEnd?: string;
  pipeline: PipelineFigures[];
  parallel?: ParallelFigures;
  stages?: StageFigures;
  explorer?: import("./explorer").ExplorerResult & { graph: { nodes: number; edges: number; articles: number; bytes: number } };
  explorerSmall?: import("./explorer").ExplorerResult & { graph: { nodes: number; edges: number; articles: number; bytes: number } };
  explorerError?: string;
  options: Record<string, unknown>;
  /** When each part was measured (parts skipped in a run keep their earlier figures). */
  partDates?: Record<string, string>;
  carried?: string[];
}

function report(r: Results): string {
  const L: string[] = [];
  L.push("# Benchmark results", "");
  L.push(`Written by \`npm run bench\` (bench/index.ts) on ${r.date}. Figures are medians of the runs given; each run is a fresh process.`);
  L.push("The machine is shared (other jobs may run at the same time): the load average is given at start and end.", "");
  if (r.carried?.length) L.push(`Parts not measured in this run, with the figures of an earlier run (measured at): ${r.carried.join(", ")}.`, "");
  L.push("## Machine", "");
  for (const [k, v] of Object.entries(r.machine)) L.push(`- ${k}: ${v}`);
  if (r.loadAtEnd) L.push(`- Load average at end: ${r.loadAtEnd}`);
  L.push("");

  L.push("## Pipeline (one thread)", "");
  L.push(`Corpus: generated Vietnamese news (bench/corpus.ts, seed ${CORPUS_SEED}), 2–5 KB per article, .txt files under bench/out/. ` +
    "*Pipeline* is what `kg build` does up to the graph: read the files, ingest, segment, recognize, relate, build (bench/pipeline-run.ts, through `buildGraph` as the CLI calls it). " +
    "*Floor* is a pass over the same files: read, decode, NFC, sentence split (src/ingest decode + src/segment).", "");
  L.push("| articles | MB | runs | floor (s) | pipeline (s) | ratio pipeline/floor | MB/s | articles/s | s per MB | peak RSS (MB) | heap after (MB) | nodes | edges | graph items | load |");
  L.push("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const p of r.pipeline)
    L.push(`| ${p.files} | ${f1(p.MB)} | ${p.runs} | ${f2(p.floorMs / 1000)} | ${f2(p.pipelineMs / 1000)} | ${f1(p.ratio)} | ${f2(p.MBps)} | ${f0(p.articlesPerSec)} | ${f2(p.msPerMB / 1000)} | ${f0(p.maxRssMB)} | ${f0(p.heapAfterMB)} | ${p.nodes} | ${p.edges} | ${p.graphItems} | ${f1(p.load)} |`);
  L.push("");
  if (r.pipeline.some((p) => p.pipelineCpuMs !== undefined)) {
    L.push("The same runs in CPU time of the main thread (Linux `/proc/self/task/<pid>/stat`, 10 ms ticks; the GC's helper threads left out): on a shared machine, wall time moves with the other jobs, this much less.", "");
    L.push("| articles | floor CPU (s) | pipeline CPU (s) | ratio pipeline/floor | MB per CPU-second | CPU s per MB |");
    L.push("|---:|---:|---:|---:|---:|---:|");
    for (const p of r.pipeline) {
      const cpu = (p.pipelineCpuMs ?? NaN) / 1000;
      L.push(`| ${p.files} | ${f2((p.floorCpuMs ?? NaN) / 1000)} | ${f2(cpu)} | ${f1(cpu / ((p.floorCpuMs ?? NaN) / 1000))} | ${f2(p.MB / cpu)} | ${f2(cpu / p.MB)} |`);
    }
    L.push("");
  }
  const withExport = r.pipeline.filter((p) => p.exportMs !== undefined || p.exportError);
  if (withExport.length) {
    L.push("Writing the five output files (graph.json, GEXF, GraphML, two CSV) from the graph, as `kg build` does (each file in pieces of a few tens of kilobytes, element by element); each piece's UTF-8 size is counted, nothing is written to disk:", "");
    for (const p of withExport)
      L.push(`- ${p.files} articles: ${p.exportError ? `failed: ${p.exportError}` : `${f1((p.exportMs ?? 0) / 1000)} s, ${f0(p.exportMB)} MB of output (${f1((p.exportMB ?? 0) / p.MB)}× the input)`}`);
    L.push("");
  }
  for (const p of r.pipeline) if (p.errors.length) L.push(`- ${p.files} articles: ${p.errors.join("; ")}`);

  const small = r.pipeline.find((p) => p.size === Math.min(...r.pipeline.map((x) => x.size)));
  const large = r.pipeline.find((p) => p.size === Math.max(...r.pipeline.map((x) => x.size)));
  if (r.stages) {
    const st = r.stages;
    const same = r.pipeline.find((p) => p.size === st.size);
    const floor = same?.floorMs;
    const x = (ms: number) => (floor ? f1(ms / floor) : "–");
    L.push("### Where the time goes", "");
    L.push(`${st.size} articles, ${st.runs} run${st.runs === 1 ? "" : "s"} (bench/pipeline-run.ts \`stages\`): each stage timed alone, every extraction held in memory before the build stage runs over them (three times per run; the median taken). The stages do not interleave as they do in the pipeline, and each is charged with the garbage collections that run during it, so the sum is not the pipeline's time. ` +
      (floor ? `Against the floor pass of the same files (${f2(floor / 1000)} s): the 4×-floor target leaves ${f2((4 * floor) / 1000)} s for everything, and 10 MB/s leaves ${f2(same!.MB / 10)} s.` : ""), "");
    L.push("| stage | s | × the floor pass |", "|---|---:|---:|");
    const rows: Array<[string, number]> = [
      ["reading the files", st.readMs],
      ["ingest (decode, HTML, clean, metadata, NFC)", st.ingestMs],
      ["extraction (segment, recognize, relate)", st.extractMs],
      ["build stage: `add`, every article's extraction", st.addMs],
      ["build stage: `finish`, keys resolved, edges merged, graphology filled", st.finishMs],
    ];
    for (const [name, ms] of rows) L.push(`| ${name} | ${f2(ms / 1000)} | ${x(ms)} |`);
    const sum = rows.reduce((n, [, ms]) => n + ms, 0);
    L.push(`| sum | ${f2(sum / 1000)} | ${x(sum)} |`, "");
    if (st.errors.length) L.push(`Errors: ${st.errors.join("; ")}`, "");
  }

  L.push("## Parallel build", "");
  if (r.parallel) {
    const p = r.parallel;
    L.push(`${p.size} articles (${f1(p.MB)} MB), ${p.runs} runs each. \`kg build --jobs 2\` (this thread and one piscina worker, src/pipeline/parallel.ts) ${f2(p.twoMs / 1000)} s against:`, "");
    L.push(`- the one-thread build with both cores free (V8's garbage collection and compilation threads use the second one): ${f2(p.oneMs / 1000)} s, **speed-up ${f2(p.speedup)}×**${p.pairedSpeedup ? ` (medians of the runs; each pair's own ratio: median ${f2(p.pairedSpeedup.median)}×, from ${f2(p.pairedSpeedup.min)} to ${f2(p.pairedSpeedup.max)}×)` : ""};`);
    if (p.oneCoreMs !== undefined) L.push(`- the one-thread build on one core (\`taskset -c 0\`: 2 cores against 1): ${f2(p.oneCoreMs / 1000)} s, **speed-up ${f2(p.coreSpeedup)}×**.`);
    if (p.sideBySide)
      L.push("", `What this machine gives two cores: two one-thread builds started together (two processes that share nothing) ended after ${f2(p.sideBySide.ms / 1000)} s, so two independent builds run at **${f2(p.sideBySide.ceiling)}×** the throughput of one (each round against its own one-thread run: from ${f2(p.sideBySide.min)} to ${f2(p.sideBySide.max)}×). That is the ceiling for one build's work shared by two threads on this machine; \`--jobs 2\` (median of its pairs) reaches ${f0((100 * (p.pairedSpeedup?.median ?? p.speedup)) / p.sideBySide.ceiling)} % of it.`);
    L.push("", `graph.json of the one-thread and the --jobs 2 builds: ${p.identical ? "byte-identical" : "**DIFFERENT**"}. Peak RSS ${f0(p.oneRssMB)} MB (one thread), ${f0(p.twoRssMB)} MB (--jobs 2: the process with its worker)${p.runs > 1 ? ", in the runs that do not write graph.json" : ""}.`);
    if (p.pairs) L.push("", `Runs (one thread / --jobs 2${p.oneCoreMs !== undefined ? " / one thread on one core" : ""}${p.sideBySide ? " / two one-thread builds side by side" : ""}, seconds, with the one-minute load average of the machine at the start of the first two): ${p.pairs.map((x) => `${f1(x.one)} / ${f1(x.two)}${x.oneCore !== undefined ? ` / ${f1(x.oneCore)}` : ""}${x.sideBySide !== undefined ? ` / ${f1(x.sideBySide)}` : ""} (load ${f1(x.loadOne)} / ${f1(x.loadTwo)})`).join("; ")}. With a load above 2 on this 2-vCPU machine, two threads do not get two cores.`);
    if (p.errors.length) L.push("", `Errors: ${p.errors.join("; ")}`);
  } else L.push("Not measured in this run.");
  L.push("");

  L.push("## Explorer (headless Chromium)", "");
  if (r.explorer) {
    const e = r.explorer;
    const ok = e.runs;
    L.push(`Graph: bench/out/big-graph.json (bench/graph.ts), ${e.graph.nodes} nodes, ${e.graph.edges} edges, ${e.graph.articles} articles, ${f1(e.graph.bytes / MB)} MB. ` +
      `Built with \`vite build\`, served by \`vite preview\`, opened as \`#graph=big-graph.json\` in ${e.chromium || "Chromium"} (headless, --disable-gpu: WebGL is software-rendered), 1366×768, a fresh profile per run; ${e.runs.length} runs.`, "");
    L.push("| measure | median | runs |", "|---|---:|---|");
    const row = (name: string, xs: number[], unit = "ms") => L.push(`| ${name} | ${f0(median(xs))} ${unit} | ${xs.map(f0).join(", ")} |`);
    row("navigation → the nodes reach the page (`kg:nodes`, scanned from the file as it arrives)", ok.map((x) => x.nodesAt ?? NaN));
    row("navigation → first drawn frame (`kg:first-frame`: the frame after the one showing the nodes; for a large graph, its nodes as dots on a 2D canvas, src/app/preview.ts)", ok.map((x) => x.firstFrame));
    row("navigation → the WebGL view's first frame (`kg:view-frame`: sigma has the nodes; it replaces the dots)", ok.map((x) => x.viewFrameAt ?? NaN));
    row("navigation → first layout starts (`kg:layout-start`: edges read, ForceAtlas2 in its worker)", ok.map((x) => x.layoutAt));
    row("navigation → file checked, model, filters and search built (`kg:data`)", ok.map((x) => x.dataAt ?? NaN));
    row("navigation → ready (`data-state=ready`: laid out, whole graph drawn)", ok.map((x) => x.readyAt));
    row("longest main-thread task before the first frame", ok.map((x) => x.loadTask));
    row("longest main-thread task while the first layout runs (graph drawn)", ok.map((x) => x.longestDuringSettle));
    row("longest main-thread task from first frame to ready (with drawing the whole graph when the layout ends)", ok.map((x) => x.longestAfterFirstFrame ?? NaN));
    row("longest main-thread task while ForceAtlas2 runs (Run layout, 5 s, graph drawn)", ok.map((x) => x.longestDuringRun));
    row("long tasks (>50 ms) during those 5 s", ok.map((x) => x.longTasksDuringRun), "");
    row("the task drawing the whole graph again when that layout stops", ok.map((x) => x.stopTask ?? NaN));
    // The long-task API sees only tasks that run script: a frame's commit waiting for software
    // WebGL to draw 100k edges is a freeze it misses. Gaps between animation frames show it.
    row("longest gap between two animation frames while the first layout runs", ok.map((x) => x.gapDuringSettle ?? NaN));
    row("… when the first layout ends (the whole graph drawn), until ready", ok.map((x) => x.gapAtSettleEnd ?? NaN));
    row("… when the free-running layout stops", ok.map((x) => x.gapAtStop ?? NaN));
    row("keystroke → search results in the DOM (median over keystrokes)", ok.map((x) => median(x.searchDom)));
    row("keystroke → search results, next frame", ok.map((x) => median(x.searchFrame)));
    row("keystroke → search results, next frame, slowest keystroke", ok.map((x) => max(x.searchFrame)));
    for (const x of e.runs.filter((x) => x.error)) L.push("", `In a run: ${x.error}`);
    if (e.runs.length < explorerRuns) L.push("", `One run only: its first frame took over ${f0(120)} s, so more runs would tell nothing new.`);
    L.push("", `JavaScript of the build (gzip -9): **${f1(e.jsGzipTotal / 1024)} KB** in total (${e.jsFiles.map((f) => `${f.file} ${f1(f.gzip / 1024)} KB`).join(", ")}).`);
    if (ok[0]?.longTasks) L.push("", `Long tasks of the first run (start ms: duration ms): ${ok[0].longTasks.map((t) => `${t.start}: ${t.duration}`).join(", ")}.`);
  } else L.push(r.explorerError ? `Failed: ${r.explorerError}` : "Not measured in this run.");
  L.push("");
  if (r.explorerSmall) {
    const e = r.explorerSmall;
    const m = (f: (x: (typeof e.runs)[number]) => number) => f0(median(e.runs.map(f)));
    L.push(`For scale, the same on a graph of ${e.graph.nodes} nodes and ${e.graph.edges} edges (${f1(e.graph.bytes / MB)} MB), ${e.runs.length} runs: ` +
      `first frame ${m((x) => x.firstFrame)} ms (first layout from ${m((x) => x.layoutAt)} ms, ready at ${m((x) => x.readyAt)} ms), longest task before the first frame ${m((x) => x.loadTask)} ms, ` +
      `longest task during the first layout ${m((x) => x.longestDuringSettle)} ms, longest task while the layout runs ${m((x) => x.longestDuringRun)} ms, ` +
      `search ${m((x) => median(x.searchFrame))} ms to the next frame.`, "");
  }

  L.push("## Targets", "");
  L.push("| target | measured | |", "|---|---|---|");
  const one = large ?? small;
  if (one) L.push(`| pipeline ≥ 10 MB/s on one thread | ${f2(one.MBps)} MB/s (${one.files} articles) | ${verdict(one.MBps >= 10)} |`);
  if (one) L.push(`| pipeline within 4× of the floor pass | ${f1(one.ratio)}× (${one.files} articles) | ${verdict(one.ratio <= 4)} |`);
  if (small && large && small !== large) {
    const g = large.msPerMB / small.msPerMB;
    L.push(`| time per MB at ${large.files} within 1.3× of that at ${small.files} | ${f2(large.msPerMB / 1000)} s/MB vs ${f2(small.msPerMB / 1000)} s/MB: ${f2(g)}× | ${verdict(g <= 1.3)} |`);
    const memGrowth = large.maxRssMB / small.maxRssMB;
    const graphGrowth = large.graphItems / small.graphItems;
    L.push(`| memory grows no faster than the graph | peak RSS ×${f1(memGrowth)}, graph items ×${f1(graphGrowth)} | ${verdict(memGrowth <= graphGrowth * 1.05)} |`);
  }
  if (r.parallel) {
    const p = r.parallel;
    L.push(`| parallel build ≥ 1.7× on 2 cores, same output: against the one-thread build on 2 cores | ${f2(p.speedup)}×, ${p.identical ? "identical" : "different"} | ${verdict(p.speedup >= 1.7 && p.identical)} |`);
    if (p.coreSpeedup !== undefined) L.push(`| … against the one-thread build on one core | ${f2(p.coreSpeedup)}×, ${p.identical ? "identical" : "different"} | ${verdict(p.coreSpeedup >= 1.7 && p.identical)} |`);
    if (p.sideBySide) L.push(`| … (this machine's own ceiling: two independent one-thread builds side by side) | ${f2(p.sideBySide.ceiling)}× | |`);
  }
  if (r.explorer) {
    const ok = r.explorer.runs;
    const ff = median(ok.map((x) => x.firstFrame));
    const lt = median(ok.map((x) => x.longestDuringRun));
    const sf = median(ok.map((x) => median(x.searchFrame)));
    const vf = median(ok.map((x) => x.viewFrameAt ?? NaN));
    const view = Number.isFinite(vf) && vf - ff > 50 ? ` (its nodes as dots; the WebGL view ${f1(vf / 1000)} s)` : "";
    L.push(`| first frame of the ${r.explorer.graph.nodes}/${r.explorer.graph.edges} graph < 2 s | ${f1(ff / 1000)} s${view} | ${verdict(ff < 2000)} |`);
    L.push(`| no main-thread task > 100 ms during layout | ${f0(lt)} ms (free-running), ${f0(median(ok.map((x) => x.longestDuringSettle)))} ms (first layout); longest frame gap in the first layout ${f0(median(ok.map((x) => x.gapDuringSettle ?? NaN)))} ms, at its end ${f0(median(ok.map((x) => x.gapAtSettleEnd ?? NaN)))} ms (tasks and the draws they wait for; see above) | ${verdict(lt <= 100 && median(ok.map((x) => x.longestDuringSettle)) <= 100)} |`);
    L.push(`| search results < 50 ms | ${f0(sf)} ms (to the next frame) | ${verdict(sf < 50)} |`);
    L.push(`| JavaScript < 300 KB gzipped | ${f1(r.explorer.jsGzipTotal / 1024)} KB | ${verdict(r.explorer.jsGzipTotal < 300 * 1024)} |`);
  }
  L.push("");
  L.push("Raw figures: bench/out/results.json. What limits each figure and what was done: see bench/NOTES.md.", "");
  return L.join("\n");
}

// ---- main ----

async function main(): Promise<void> {
  RUNNER = (await ensureBundle("bench-run")) as string;
  mkdirSync(OUT, { recursive: true });
  const results: Results = { date: new Date().toISOString(), machine: machine(), pipeline: [], options: { sizes, runs, singleRunFrom, parallelSize, parallelRuns, explorerRuns, skip: [...skip] } };
  // Parts skipped in this run keep the figures of the last run that measured them (and say when).
  const previous: Partial<Results> = existsSync(RESULTS_JSON) ? JSON.parse(readFileSync(RESULTS_JSON, "utf8")) : {};
  const carried: string[] = [];
  const carry = <K extends keyof Results>(part: K, when: boolean) => {
    if (when && previous[part] !== undefined) {
      results[part] = previous[part] as Results[K];
      carried.push(`${String(part)} (${(previous as Results).partDates?.[String(part)] ?? previous.date})`);
    }
  };
  results.partDates = {};
  const dirs = new Map<number, string>();
  for (const size of new Set([...sizes, ...(skip.has("parallel") && skip.has("stages") ? [] : [parallelSize])])) {
    const dir = join(OUT, `corpus-${size}`);
    log(`corpus of ${size} articles → ${relative(ROOT, dir)}`);
    const c = writeCorpus(dir, size);
    log(`  ${c.fresh ? "written" : "already there"}: ${(c.bytes / MB).toFixed(1)} MB`);
    dirs.set(size, dir);
  }
  carry("pipeline", skip.has("pipeline"));
  carry("parallel", skip.has("parallel"));
  carry("stages", skip.has("stages"));
  carry("explorer", skip.has("explorer"));
  carry("explorerSmall", skip.has("explorer") || skip.has("explorer-small"));
  for (const part of ["pipeline", "parallel", "stages", "explorer", "explorerSmall"])
    results.partDates[part] = carried.some((c) => c.startsWith(`${part} `)) ? ((previous as Results).partDates?.[part] ?? previous.date ?? "") : results.date;
  results.carried = carried;
  if (!skip.has("pipeline"))
    for (const size of sizes) {
      results.pipeline.push(benchPipeline(size, dirs.get(size)!, size <= 10_000 && !skip.has("export")));
      writeFileSync(RESULTS_JSON, JSON.stringify(results, null, 2));
    }
  if (!skip.has("stages")) {
    // At the parallel build's size (10k): large enough for the build stage to matter, and its floor is measured.
    results.stages = benchStages(parallelSize, dirs.get(parallelSize)!);
    writeFileSync(RESULTS_JSON, JSON.stringify(results, null, 2));
  }
  if (!skip.has("parallel")) {
    results.parallel = await benchParallel(parallelSize, dirs.get(parallelSize)!);
    writeFileSync(RESULTS_JSON, JSON.stringify(results, null, 2));
  }
  if (!skip.has("explorer")) {
    try {
      // --quick: the small graph only (the large one takes minutes per page load with the app as it is).
      const file = join(OUT, quick ? "small-graph.json" : "big-graph.json");
      log(quick ? "explorer: graph of 2k nodes / 10k edges" : "explorer: graph of 20k nodes / 100k edges");
      const graph = quick ? writeBigGraph(file, { nodes: 2000, edges: 10_000, articles: 300 }) : writeBigGraph(file);
      const { benchExplorer } = await import("./explorer");
      const e = await benchExplorer({ root: ROOT, outDir: OUT, graphFile: file, runs: explorerRuns, log, ...(argv.includes("--profile-explorer") ? { profile: join(OUT, "explorer.cpuprofile") } : {}) });
      results.explorer = { ...e, graph };
      writeFileSync(RESULTS_JSON, JSON.stringify(results, null, 2));
      if (!quick && !skip.has("explorer-small")) {
        // For scale: the same measures on a graph ten times smaller.
        const small = join(OUT, "small-graph.json");
        const sg = writeBigGraph(small, { nodes: 2000, edges: 10_000, articles: 300 });
        log("explorer: graph of 2k nodes / 10k edges");
        const es = await benchExplorer({ root: ROOT, outDir: join(OUT, "small"), graphFile: small, runs: explorerRuns, log });
        results.explorerSmall = { ...es, graph: sg };
      }
    } catch (err) {
      results.explorerError = (err as Error).message.split("\n")[0];
      log(`explorer failed: ${results.explorerError}`);
    }
  }
  results.loadAtEnd = loadavg().map((x) => x.toFixed(2)).join(" ");
  writeFileSync(RESULTS_JSON, JSON.stringify(results, null, 2));
  writeFileSync(RESULTS, report(results));
  log(`written: ${relative(ROOT, RESULTS)}`);
}

await main();
