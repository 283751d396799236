// The explorer in headless Chromium (Debian's, through playwright-core), on a large graph:
//   - navigation → first drawn frame: the app's `performance.mark("kg:first-frame")`, made in the
//     animation frame after the one that shows the graph (its nodes; the app draws before the edges
//     are read and laid out; a large graph's nodes are first dots on a 2D canvas, src/app/preview.ts,
//     drawn as they arrive, before the WebGL view is made), so the frame with the graph is out;
//   - the longest main-thread task while ForceAtlas2 runs in its worker (PerformanceObserver
//     "longtask"): during the first layout (marks kg:layout-start → kg:layout-end) and while the
//     layout runs freely ("Run layout": kg:run-start → the stop click), and the task that draws
//     the whole graph again when the layout stops;
//   - keystroke in the search box → results in the DOM, and → the next frame;
//   - the gzipped size of the built JavaScript.
// Serves the app the way tests/e2e/harness.ts does: `vite build`, then `vite preview`.
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { AddressInfo } from "node:net";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { build, preview } from "vite";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

export interface ExplorerRun {
  /** ms from navigation start to the app's states and marks, and to the first drawn frame. */
  loadingAt: number;
  /** The first layout starts (kg:layout-start). */
  layoutAt: number;
  readyAt: number;
  firstFrame: number;
  /** The nodes reach the page; the edges; the file is checked and the model, filters and search built. */
  nodesAt?: number;
  /** The WebGL view's first frame (after the dots of a large graph's preview, when there is one). */
  viewFrameAt?: number;
  edgesAt?: number;
  dataAt?: number;
  /** Longest main-thread task before the first frame. */
  loadTask: number;
  /** Longest main-thread task while the first layout runs in the worker (layout-start → layout-end). */
  longestDuringSettle: number;
  /** Longest main-thread task from the first frame to ready (the settle's, and the whole graph drawn at its end). */
  longestAfterFirstFrame?: number;
  /** Longest main-thread task while the layout runs freely with the graph drawn ("Run layout"). */
  longestDuringRun: number;
  longTasksDuringRun: number;
  /** Longest task in the 3 s after the free-running layout stops (the whole graph drawn again). */
  stopTask?: number;
  /** Longest gap between two animation frames (ms): during the first layout, from its end to ready, after the free-running layout stops. */
  gapDuringSettle?: number;
  gapAtSettleEnd?: number;
  gapAtStop?: number;
  /** Keystroke → results in the DOM, and → next frame, per keystroke (ms). */
  searchDom: number[];
  searchFrame: number[];
  /** Every long task (start, duration), for the record. */
  longTasks?: Array<{ start: number; duration: number }>;
  /** Every gap over 50 ms between two animation frames, until ready. */
  frameGaps?: Array<{ start: number; duration: number }>;
  error?: string;
}

export interface ExplorerResult {
  jsFiles: Array<{ file: string; bytes: number; gzip: number }>;
  jsGzipTotal: number;
  chromium: string;
  runs: ExplorerRun[];
}

/**
 * Installed before any page script: timestamps of data-state changes, long tasks, search timing.
 * A string, not a function: tsx (keepNames) would put helper calls into a function's source.
 */
const INIT = `(() => {
  const b = (window.__bench = { states: [], longtasks: [], keys: [], dom: [], painted: [], gaps: [] });
  // Gaps between animation frames: a freeze the long-task API does not see when no script runs in
  // it (a frame's commit waiting for software WebGL to draw, style and layout, garbage collection).
  let prev = 0;
  const frame = (t) => {
    if (prev && t - prev > 50) b.gaps.push({ start: prev, duration: t - prev });
    prev = t;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) b.longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: "longtask", buffered: true });
  } catch (e) {}
  let last = "";
  // From the start (the app's module runs before DOMContentLoaded): the whole document, for <body data-state>.
  new MutationObserver(() => {
    const s = (document.body && document.body.dataset.state) || "";
    if (s === last) return;
    last = s;
    b.states.push({ s, t: performance.now() });
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ["data-state"] });
  function watch() {
    const input = document.getElementById("search");
    const list = document.getElementById("search-results");
    if (input && list) {
      input.addEventListener("keydown", () => b.keys.push(performance.now()), true);
      new MutationObserver(() => {
        if (b.dom.length >= b.keys.length) return;
        b.dom.push(performance.now());
        requestAnimationFrame(() => b.painted.push(performance.now()));
      }).observe(list, { childList: true });
    }
  }
  if (document.body) watch();
  else document.addEventListener("DOMContentLoaded", watch);
})();`;

async function measureOnce(ctx: BrowserContext, url: string, queries: string[], runSeconds: number, readyTimeout: number, profile?: string): Promise<ExplorerRun> {
  const page: Page = await ctx.newPage();
  const cdp = profile ? await ctx.newCDPSession(page) : undefined;
  if (cdp) {
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 1000 });
    await cdp.send("Profiler.start");
  }
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  const run = emptyRun();
  const note = (e: unknown, what: string) => {
    run.error = [run.error, `${what}: ${(e as Error).message.split("\n")[0]}`].filter(Boolean).join("; ");
  };
  try {
    await page.addInitScript({ content: INIT });
    await page.goto(url, { waitUntil: "commit", timeout: 60_000 });
    try {
      await page.waitForFunction(() => document.body?.dataset.state === "ready", null, { timeout: readyTimeout, polling: 500 });
    } catch (e) {
      note(e, `not ready within ${Math.round(readyTimeout / 1000)} s`);
    }
    const b = await page.evaluate(() => (window as any).__bench).catch(() => undefined);
    if (cdp && profile) {
      const { profile: p } = await cdp.send("Profiler.stop");
      writeFileSync(profile, JSON.stringify(p));
    }
    if (!b) return run;
    const at = (s: string) => b.states.find((x: { s: string }) => x.s === s)?.t ?? NaN;
    const marks: Record<string, number[]> = await page.evaluate(() => {
      const out: Record<string, number[]> = {};
      for (const m of performance.getEntriesByType("mark")) (out[m.name] ??= []).push(m.startTime);
      return out;
    });
    const mark = (name: string) => marks[name]?.[0] ?? NaN;
    const firstFrame = mark("kg:first-frame");
    const layoutAt = mark("kg:layout-start");
    const layoutEnd = mark("kg:layout-end");
    const readyAt = at("ready");
    const tasks: Array<{ start: number; duration: number }> = b.longtasks;
    const longest = (from: number, to: number) => longestIn(tasks, from, to);
    Object.assign(run, {
      loadingAt: at("loading"),
      layoutAt,
      readyAt,
      firstFrame,
      nodesAt: mark("kg:nodes"),
      viewFrameAt: mark("kg:view-frame"),
      edgesAt: mark("kg:edges"),
      dataAt: mark("kg:data"),
      loadTask: longest(0, firstFrame),
      // Tasks that start while ForceAtlas2 runs (the task that starts it ends at layout-start).
      longestDuringSettle: longest(layoutAt, layoutEnd),
      longestAfterFirstFrame: longest(firstFrame, readyAt + 1),
      longTasks: tasks.map((t) => ({ start: Math.round(t.start), duration: Math.round(t.duration) })),
      frameGaps: b.gaps.map((t: { start: number; duration: number }) => ({ start: Math.round(t.start), duration: Math.round(t.duration) })),
      // A gap that straddles the layout's end belongs to its end.
      gapDuringSettle: longestGap(b.gaps, layoutAt, layoutEnd, true),
      gapAtSettleEnd: longestGap(b.gaps, layoutEnd, readyAt + 1),
    });
    if (Number.isNaN(readyAt)) return run;

    // Search: one keystroke at a time; each must change the result list.
    try {
      for (const q of queries) {
        await page.fill("#search", "", { timeout: 120_000 });
        await page.click("#search", { timeout: 120_000 });
        await page.evaluate(() => {
          const b = (window as any).__bench;
          b.keys = [];
          b.dom = [];
          b.painted = [];
        });
        for (const ch of q) {
          const n = await page.evaluate(() => (window as any).__bench.keys.length);
          await page.keyboard.type(ch);
          await page.waitForFunction((k) => (window as any).__bench.painted.length > k, n, { timeout: 30_000 }).catch(() => undefined);
        }
        const s = await page.evaluate(() => (window as any).__bench);
        s.keys.forEach((k: number, i: number) => {
          if (s.dom[i] !== undefined) run.searchDom.push(s.dom[i] - k);
          if (s.painted[i] !== undefined) run.searchFrame.push(s.painted[i] - k);
        });
      }
      await page.fill("#search", "", { timeout: 120_000 });
      await page.keyboard.press("Escape");
    } catch (e) {
      note(e, "search");
    }

    // The layout running freely with the graph on screen. The button is clicked in a task of its
    // own (a timer set from the page: when the main thread is busy, the click waits for it, and
    // that wait is part of the figure). "While it runs": from the app's kg:run-start mark to the
    // stop click; the stop click's task (the whole graph drawn again) is reported apart.
    try {
      const click = () =>
        page.evaluate(() => {
          const t = performance.now();
          setTimeout(() => (document.getElementById("layout-toggle") as HTMLButtonElement).click(), 0);
          return t;
        });
      const before = await click();
      await page.waitForTimeout(runSeconds * 1000);
      const stop = await click();
      await page.waitForTimeout(3000);
      const r = await page.evaluate((t0) => {
        const start = performance.getEntriesByName("kg:run-start").map((m) => m.startTime).find((t) => t > t0) ?? NaN;
        return { start, tasks: (window as any).__bench.longtasks, gaps: (window as any).__bench.gaps };
      }, before);
      const all: Array<{ start: number; duration: number }> = r.tasks;
      run.longestDuringRun = longestIn(all, r.start, stop);
      run.longTasksDuringRun = spansIn(all, r.start, stop).length;
      run.stopTask = longestIn(all, stop, stop + 3000);
      run.gapAtStop = longestGap(r.gaps, stop, stop + 3000);
    } catch (e) {
      note(e, "layout run");
    }
    if (errors.length) run.error = [run.error, `page: ${errors[0]}`].filter(Boolean).join("; ");
    return run;
  } catch (e) {
    note(e, "page");
    return run;
  } finally {
    await page.close().catch(() => undefined);
  }
}

/** The spans (tasks, frame gaps) that start in [from, to) (to NaN: no end). */
function spansIn(spans: Array<{ start: number; duration: number }>, from: number, to: number): Array<{ start: number; duration: number }> {
  return spans.filter((t) => t.start >= from && (Number.isNaN(to) || t.start < to));
}

/** The longest of the spans that start in [from, to). */
function longestIn(spans: Array<{ start: number; duration: number }>, from: number, to: number): number {
  return Math.max(0, ...spansIn(spans, from, to).map((t) => t.duration));
}

/** The longest frame gap that overlaps [from, to), or (`within`) lies inside [from, to] (to NaN: no end). */
function longestGap(gaps: Array<{ start: number; duration: number }>, from: number, to: number, within = false): number {
  const end = (g: { start: number; duration: number }) => g.start + g.duration;
  const before = (t: number) => Number.isNaN(to) || t < to || (within && t === to);
  return Math.max(0, ...gaps.filter((g) => (within ? g.start >= from && before(end(g)) : end(g) > from && before(g.start))).map((g) => g.duration));
}

function emptyRun(): ExplorerRun {
  return { loadingAt: NaN, layoutAt: NaN, readyAt: NaN, firstFrame: NaN, loadTask: NaN, longestDuringSettle: NaN, longestDuringRun: NaN, longTasksDuringRun: 0, searchDom: [], searchFrame: [] };
}

function jsSizes(dir: string): ExplorerResult["jsFiles"] {
  const out: ExplorerResult["jsFiles"] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(m?js)$/.test(e.name)) {
        const buf = readFileSync(p);
        out.push({ file: p.slice(dir.length + 1), bytes: statSync(p).size, gzip: gzipSync(buf, { level: 9 }).length });
      }
    }
  };
  walk(dir);
  return out.sort((a, b) => b.gzip - a.gzip);
}

/** Build the app, serve it with the graph file, and measure `runs` page loads. */
export async function benchExplorer(opts: {
  root: string;
  outDir: string;
  graphFile: string;
  runs: number;
  queries?: string[];
  runSeconds?: number;
  /** Write a CPU profile of the page's main thread (navigation → first frame) here. */
  profile?: string;
  /** How long to wait for the first frame (ms). */
  readyTimeout?: number;
  /** After a run whose first frame took longer than this (ms), no more runs: one is enough to tell. */
  slowRun?: number;
  log?: (s: string) => void;
}): Promise<ExplorerResult> {
  const log = opts.log ?? (() => undefined);
  const dist = join(opts.outDir, "dist");
  log("explorer: vite build");
  await build({ root: opts.root, configFile: join(opts.root, "vite.config.ts"), logLevel: "warn", build: { outDir: dist, emptyOutDir: true } });
  const jsFiles = jsSizes(dist);
  copyFileSync(opts.graphFile, join(dist, "big-graph.json"));
  const server = await preview({ root: opts.root, configFile: join(opts.root, "vite.config.ts"), logLevel: "warn", build: { outDir: dist }, preview: { host: "127.0.0.1", port: 0, strictPort: false, open: false } });
  const port = (server.httpServer!.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/#graph=big-graph.json`;
  const runs: ExplorerRun[] = [];
  let version = "";
  try {
    for (let r = 0; r < opts.runs; r++) {
      // A fresh profile each run: nothing cached between runs.
      const profile = mkdtempSync(join(tmpdir(), "kg-bench-profile-"));
      const ctx = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1366, height: 768 } });
      version = ctx.browser()?.version() ?? version;
      try {
        for (const p of ctx.pages()) await p.close();
        log(`explorer: run ${r + 1}/${opts.runs}`);
        const run = await measureOnce(ctx, url, opts.queries ?? ["n", "ng", "nga", "lav", "berg", "hiệp ước"], opts.runSeconds ?? 5, opts.readyTimeout ?? 20 * 60_000, r === 0 ? opts.profile : undefined);
        runs.push(run);
        log(`explorer: ${JSON.stringify({ ...run, longTasks: undefined })}`);
        if (!(run.firstFrame < (opts.slowRun ?? 120_000))) {
          log("explorer: the first frame took too long for more runs");
          break;
        }
      } finally {
        await ctx.close().catch(() => undefined);
        rmSync(profile, { recursive: true, force: true });
      }
    }
  } finally {
    await server.close();
  }
  return { jsFiles, jsGzipTotal: jsFiles.reduce((n, f) => n + f.gzip, 0), chromium: version, runs };
}
