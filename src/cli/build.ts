// `kg build <files or folders...> --out <dir>`: articles in, the five graph files (or those of
// --formats) out, a summary.
import { access, mkdir, readFile, rename, unlink, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { getHeapStatistics } from "node:v8";
import { exportStream, OUTPUT_FILES, type ExportFormat } from "../export";
import type { KnowledgeGraph } from "../graph";
import { writeFilesAtomic } from "./atomic";
import { edgesLine, nodesLine, oneLine } from "./describe";
import { byCodeUnit, collectInputs, displayPath, readInputs, type Skip } from "./files";
import { BadInputError } from "./load";

export interface BuildCommandOptions {
  out: string;
  lexicon?: string;
  strict?: boolean;
  quiet?: boolean;
  /** Worker threads: a positive integer or "auto" (one per core); 1 (the default) builds on this thread. */
  jobs?: string | number;
  /** The files to write, comma-separated (see FORMAT_NAMES); all five when not given. */
  formats?: string;
}

/** What --formats takes, and the files each name stands for. */
const FORMAT_NAMES: Readonly<Record<string, readonly ExportFormat[]>> = {
  json: ["json"],
  gexf: ["gexf"],
  graphml: ["graphml"],
  csv: ["nodes.csv", "edges.csv"],
};

/** `--formats json,csv` → the export formats to write, in the files' order; a BadInputError (exit code 2) naming what is wrong. */
export function parseFormats(value: string): ExportFormat[] {
  const names = value.split(",").map((n) => n.trim().toLowerCase()).filter(Boolean);
  const choices = Object.keys(FORMAT_NAMES).join(", ");
  if (names.length === 0) throw new BadInputError(`kg build: --formats needs at least one of ${choices}`);
  const wanted = new Set<ExportFormat>();
  for (const name of names) {
    const formats = Object.hasOwn(FORMAT_NAMES, name) ? FORMAT_NAMES[name] : undefined;
    if (!formats) throw new BadInputError(`kg build: --formats: unknown format '${name}' (choose from ${choices})`);
    for (const f of formats) wanted.add(f);
  }
  return OUTPUT_FILES.map((f) => f.format).filter((f) => wanted.has(f));
}

/** Show a progress bar from this many files on, when stderr is a terminal. */
const PROGRESS_FROM = 20;
/** Longest list of warnings printed in full. */
const MAX_LISTED = 50;

/**
 * Heap per byte of article text a build holds at its peak (graph, evidence and the files' text):
 * 3.3 GB for the 180 MB of the benchmark's 50k-article corpus (bench/NOTES.md).
 */
const HEAP_PER_INPUT_BYTE = 20;

/** A line before a build that may not fit in the JavaScript heap: Node stops such a build with a crash, not a message. */
export function memoryWarning(inputBytes: number, heapLimit: number): string | undefined {
  const need = inputBytes * HEAP_PER_INPUT_BYTE;
  if (need < heapLimit * 0.8) return undefined;
  const gb = (n: number) => `${(n / 2 ** 30).toFixed(1)} GB`;
  const mb = Math.ceil((need * 1.5) / 2 ** 20 / 1024) * 1024;
  return `kg build: ${Math.round(inputBytes / 2 ** 20)} MB of articles may need about ${gb(need)} of memory, near or over Node's heap limit here (${gb(heapLimit)}); if the build stops with "heap out of memory", run it with NODE_OPTIONS=--max-old-space-size=${mb}`;
}

/** Write a file so that readers never see half of it: a temporary file in the same folder, renamed. */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await writeFile(tmp, content, "utf8");
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
}

async function readLexicon(path: string): Promise<unknown> {
  const shown = displayPath(path);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new BadInputError(`${shown}: ${code === "ENOENT" ? "file not found" : `cannot read (${code})`}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    throw new BadInputError(`${shown}: not valid JSON (${(e as Error).message.replace(/\s+/g, " ")})`);
  }
  // Checked now, before any article is read: a bad entry (or a "__proto__" key) is exit code 2 with one line.
  const { loadLexicon, LexiconError } = await import("../recognize/lexicon");
  try {
    loadLexicon(data, shown);
  } catch (e) {
    if (e instanceof LexiconError) throw new BadInputError(e.message.replace(/^lexicon: /, ""));
    throw e;
  }
  return data;
}

function list(lines: string[], items: string[], quiet: boolean): void {
  if (quiet) return;
  for (const item of items.slice(0, MAX_LISTED)) lines.push(`  - ${oneLine(item)}`);
  if (items.length > MAX_LISTED) lines.push(`  … and ${items.length - MAX_LISTED} more`);
}

export interface Summary {
  out: string;
  articles: number;
  skipped: Skip[];
  warnings: string[];
  sentences: number;
  graph?: KnowledgeGraph;
  files: string[];
  /** Output files of an earlier build in the folder that this one did not write (--formats). */
  leftOver?: string[];
  seconds: number;
}

export function formatSummary(s: Summary, quiet = false): string {
  const lines: string[] = [];
  lines.push(
    s.graph
      ? `Built ${displayPath(s.out)}/ from ${s.articles} article${s.articles === 1 ? "" : "s"}.`
      : "Nothing was built: no article could be read.",
  );
  lines.push(`Articles read: ${s.articles}`);
  lines.push(`Articles skipped: ${s.skipped.length}`);
  list(lines, s.skipped.map((k) => `${k.file}: ${k.reason}`), quiet);
  lines.push(`Warnings: ${s.warnings.length}`);
  list(lines, s.warnings, quiet);
  lines.push(`Sentences: ${s.sentences}`);
  if (s.graph) {
    lines.push(`Nodes: ${nodesLine(s.graph)}`);
    lines.push(`Edges: ${edgesLine(s.graph)}`);
    lines.push(`Files: ${s.files.map(displayPath).join(", ")}`);
    if (s.leftOver?.length) lines.push(`Left as they were (not in --formats, from an earlier build): ${s.leftOver.join(", ")}`);
  }
  lines.push(`Time: ${s.seconds.toFixed(1)} s`);
  return `${lines.join("\n")}\n`;
}

/** Returns the exit code: 1 when nothing could be built, or with --strict on any skip or warning. */
export async function buildCommand(inputs: string[], opts: BuildCommandOptions): Promise<number> {
  const t0 = performance.now();
  const quiet = !!opts.quiet;
  const { isAutoJobs, parseJobs } = await import("../pipeline/jobs");
  const jobs = parseJobs(opts.jobs);
  if (jobs === undefined) throw new BadInputError(`kg build: --jobs must be a positive whole number or "auto", not "${opts.jobs}"`);
  const formats = opts.formats === undefined ? undefined : parseFormats(opts.formats);
  const lexicon = opts.lexicon ? await readLexicon(opts.lexicon) : undefined;

  // Worker threads start loading the pipeline now, while the files are found and read.
  const parallel = jobs > 1 ? await import("../pipeline/parallel") : undefined;
  const pool = parallel?.startBuildPool(jobs, lexicon);
  let files: Awaited<ReturnType<typeof collectInputs>>["files"];
  let notArticles: Skip[];
  let read: Awaited<ReturnType<typeof readInputs>>["read"];
  let unreadable: Skip[];
  try {
    ({ files, skipped: notArticles } = await collectInputs(inputs));
    ({ read, skipped: unreadable } = await readInputs(files));
  } catch (e) {
    await pool?.destroy();
    throw e;
  }

  const memory = memoryWarning(read.reduce((n, f) => n + f.bytes.length, 0), getHeapStatistics().heap_size_limit);
  if (memory) process.stderr.write(`${memory}\n`);

  const [{ buildGraph }, { nodeHtmlParser }] = await Promise.all([import("../pipeline"), import("../ingest/node")]);

  // Progress bars on a terminal, for a corpus large enough to take a while: reading the articles,
  // then writing the files (at 50k articles, minutes each).
  const showProgress = !quiet && process.stderr.isTTY && read.length >= PROGRESS_FROM;
  const progressBar = async (what: string, total: number) => {
    const { SingleBar, Presets } = await import("cli-progress");
    const b = new SingleBar({ stream: process.stderr, format: `${what} {bar} {value}/{total} {file}`, hideCursor: true, clearOnComplete: true }, Presets.shades_classic);
    b.start(total, 0, { file: "" });
    return b;
  };
  const bar = showProgress ? await progressBar("Reading articles", read.length) : undefined;
  let result: ReturnType<typeof buildGraph>;
  const onProgress = bar ? (done: number, _total: number, file: string) => bar!.update(done, { file }) : undefined;
  try {
    if (parallel && pool) {
      // "auto" leaves a small input to one thread; a number asked for is what runs.
      const minBytes = isAutoJobs(opts.jobs) ? parallel.AUTO_MIN_BYTES : 0;
      result = await parallel.buildGraphParallel(read, { jobs, pool, minBytes, ...(lexicon !== undefined ? { lexicon } : {}), onProgress });
    } else {
      result = buildGraph(read, {
        parseHtml: nodeHtmlParser,
        ...(lexicon !== undefined ? { lexicon } : {}),
        onProgress,
      });
    }
  } finally {
    bar?.stop();
    await pool?.destroy();
  }
  // The files' bytes are not needed to write the graph: let them go before the step that needs the most memory.
  read = [];
  const { graph, report } = result;

  const skipped = [...notArticles, ...unreadable, ...report.skipped].sort((a, b) => byCodeUnit(a.file, b.file));
  const built = report.articles.length > 0;
  const written: string[] = [];
  const leftOver: string[] = [];
  if (built) {
    // All the files or none: see ./atomic (temporary files, renamed together; Ctrl-C cleans up).
    const files = exportStream(graph, formats);
    const writing = showProgress ? await progressBar("Writing files", files.fileNames.length) : undefined;
    try {
      // The bar is gone before a line about a failure is written.
      const out = await writeFilesAtomic(opts.out, files, (i, fileName) => writing?.update(i, { file: fileName })).finally(() => writing?.stop());
      written.push(...out.written);
      // An earlier build's other files no longer go with these: said, not removed.
      if (formats)
        for (const { fileName, format } of OUTPUT_FILES) {
          if (formats.includes(format)) continue;
          if (await access(join(opts.out, fileName)).then(() => true, () => false)) leftOver.push(fileName);
        }
    } catch (e) {
      const why = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
      process.stderr.write(`kg build: cannot write ${displayPath(opts.out)}/ (${why}); the files there are left as they were\n`);
      return 1;
    }
  }
  const summary: Summary = {
    out: opts.out.replace(/[\\/]+$/, ""),
    articles: report.articles.length,
    skipped,
    warnings: report.warnings,
    sentences: report.sentences,
    graph: built ? graph : undefined,
    files: written,
    leftOver,
    seconds: (performance.now() - t0) / 1000,
  };
  process.stdout.write(formatSummary(summary, quiet));
  if (!built) return 1;
  if (opts.strict && (skipped.length || report.warnings.length)) {
    process.stderr.write(`kg build: --strict: ${skipped.length} skipped, ${report.warnings.length} warnings\n`);
    return 1;
  }
  return 0;
}
