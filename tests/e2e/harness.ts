// End-to-end harness: builds the explorer and serves it with `vite preview` (or a dev server with
// KG_E2E_SERVER=dev), and drives Debian's Chromium through playwright-core.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { inflateSync } from "node:zlib";
import type { AddressInfo } from "node:net";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { build, createServer, preview, type PreviewServer, type ViteDevServer } from "vite";

export const ROOT = resolve(import.meta.dirname, "..", "..");
export const OUTPUT = join(ROOT, "tests", "output");
export const FIXTURES = join(ROOT, "tests", "fixtures");
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const REAL_GRAPH = join(ROOT, "graph", "graph.json");

export const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

export interface GraphData {
  nodes: { key: string; attributes: Record<string, any> }[];
  edges: { key: string; source: string; target: string; attributes: Record<string, any> }[];
  attributes: { articles: { id: string; title?: string; date?: string; text: string }[] };
}

export interface Harness {
  url: string;
  /** The graph the page loads by default: graph/graph.json when built, else the sample fixture. */
  graph: GraphData;
  usingRealGraph: boolean;
  ctx: BrowserContext;
  open(hash?: string, viewport?: { width: number; height: number }, readyTimeout?: number): Promise<{ page: Page; errors: string[] }>;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: run "node scripts/setup.mjs" (or apt-get install -y chromium), or set CHROMIUM_PATH`);
  }
  mkdirSync(OUTPUT, { recursive: true });
  // KG_E2E_GRAPH names another graph.json to serve at /graph/graph.json (e.g. a fresh build).
  const override = process.env.KG_E2E_GRAPH ? resolve(process.env.KG_E2E_GRAPH) : undefined;
  const usingRealGraph = !override && existsSync(REAL_GRAPH);
  const graphFile = override ?? (usingRealGraph ? REAL_GRAPH : join(FIXTURES, "sample-graph.json"));
  const graph = JSON.parse(readFileSync(graphFile, "utf8")) as GraphData;

  let server: PreviewServer | ViteDevServer;
  const outDir = join(ROOT, `.tmp-e2e-dist-${process.pid}`);
  if (process.env.KG_E2E_SERVER === "dev") {
    server = await createServer({ root: ROOT, configFile: join(ROOT, "vite.config.ts"), logLevel: "warn", server: { host: "127.0.0.1", port: 0, hmr: false } });
    await server.listen();
  } else {
    await build({ root: ROOT, configFile: join(ROOT, "vite.config.ts"), logLevel: "warn", build: { outDir, emptyOutDir: true } });
    server = await preview({ root: ROOT, configFile: join(ROOT, "vite.config.ts"), logLevel: "warn", build: { outDir }, preview: { host: "127.0.0.1", port: 0, strictPort: false, open: false } });
  }
  const address = server.httpServer!.address() as AddressInfo;
  const url = `http://127.0.0.1:${address.port}/`;

  const profile = mkdtempSync(join(tmpdir(), "kg-e2e-profile-"));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1366, height: 768 },
    acceptDownloads: true,
    locale: "en-US",
  });
  if (!usingRealGraph) {
    await ctx.route("**/graph/graph.json", (route) => route.fulfill({ path: graphFile, contentType: "application/json" }));
  }
  // Close the blank first page of a persistent context.
  for (const p of ctx.pages()) await p.close();

  return {
    url,
    graph,
    usingRealGraph,
    ctx,
    async open(hash = "", viewport = { width: 1366, height: 768 }, readyTimeout = 30_000) {
      const page = await ctx.newPage();
      await page.setViewportSize(viewport);
      const errors: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error") errors.push(`console: ${m.text()}`);
      });
      page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
      await page.goto(url + hash);
      await waitReady(page, readyTimeout);
      return { page, errors };
    },
    async close() {
      await ctx.close().catch(() => undefined);
      await server.close();
      rmSync(profile, { recursive: true, force: true });
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}

export async function waitReady(page: Page, timeout = 30_000): Promise<void> {
  await page.waitForFunction(() => document.body.dataset.state === "ready", null, { timeout });
}

/** The URL hash once the app has written it (it writes at most every 200 ms). */
export async function settledHash(page: Page, contains: string): Promise<string> {
  await page.waitForFunction((s) => decodeURIComponent(location.hash).includes(s), contains, { timeout: 10_000 });
  await page.waitForTimeout(300);
  return page.evaluate(() => location.hash);
}

export function shot(page: Page, name: string): Promise<Buffer> {
  return page.screenshot({ path: join(OUTPUT, `${name}.png`) });
}

/** Decodes an 8-bit, non-interlaced PNG (what Chromium's screenshots are) into RGBA rows. */
export function decodePng(buf: Buffer): { width: number; height: number; pixel(x: number, y: number): [number, number, number] } {
  let pos = 8;
  let width = 0;
  let height = 0;
  let colorType = 0;
  const idat: Buffer[] = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos);
    const type = buf.toString("ascii", pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + len);
    if (type === "IHDR") {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8 || data[12] !== 0) throw new Error("unsupported PNG");
      colorType = data[9];
    } else if (type === "IDAT") idat.push(data);
    else if (type === "IEND") break;
    pos += 12 + len;
  }
  const bpp = colorType === 6 ? 4 : colorType === 2 ? 3 : 0;
  if (!bpp) throw new Error(`unsupported PNG colour type ${colorType}`);
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * bpp;
  const out = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? out[y * stride + i - bpp] : 0;
      const b = y > 0 ? out[(y - 1) * stride + i] : 0;
      const c = y > 0 && i >= bpp ? out[(y - 1) * stride + i - bpp] : 0;
      let v = line[i];
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      out[y * stride + i] = v & 0xff;
    }
  }
  return {
    width,
    height,
    pixel: (x, y) => {
      const o = y * stride + x * bpp;
      return [out[o], out[o + 1], out[o + 2]];
    },
  };
}

/** A colour written #rrggbb as [r, g, b]. */
export function rgbOf(hex: string): [number, number, number] {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

/** Pixels (every second one, as inkedPixels) within `tolerance` (sum over R, G, B) of one of `colours` (#rrggbb). */
export function pixelsOfColours(png: Buffer, colours: string[], tolerance = 12): number {
  const img = decodePng(png);
  const rgb = colours.map(rgbOf);
  let n = 0;
  for (let y = 0; y < img.height; y += 2) for (let x = 0; x < img.width; x += 2) {
    const p = img.pixel(x, y);
    if (rgb.some((c) => Math.abs(c[0] - p[0]) + Math.abs(c[1] - p[1]) + Math.abs(c[2] - p[2]) <= tolerance)) n++;
  }
  return n;
}

/** How many pixels of a screenshot differ clearly from its most common colour (the background). */
export function inkedPixels(png: Buffer): { inked: number; colours: number; total: number } {
  const img = decodePng(png);
  const counts = new Map<number, number>();
  for (let y = 0; y < img.height; y += 2) for (let x = 0; x < img.width; x += 2) {
    const [r, g, b] = img.pixel(x, y);
    const key = ((r >> 3) << 10) | ((g >> 3) << 5) | (b >> 3);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  let bg = 0;
  let bgCount = -1;
  for (const [k, c] of counts) if (c > bgCount) [bg, bgCount] = [k, c];
  let total = 0;
  let inked = 0;
  for (const [k, c] of counts) {
    total += c;
    const dr = Math.abs((k >> 10) - (bg >> 10));
    const dg = Math.abs(((k >> 5) & 31) - ((bg >> 5) & 31));
    const db = Math.abs((k & 31) - (bg & 31));
    if (dr + dg + db > 4) inked += c;
  }
  return { inked, colours: counts.size, total };
}
