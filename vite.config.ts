// The explorer's build. Serves the project's graph/ folder at /graph/ in dev and preview, copies
// graph/graph.json into the build, and sends a Content-Security-Policy (header and <meta>) that
// allows no inline script: the page's only scripts are its own bundled modules. Graph files are sent
// as they are (or a precompressed sibling), never gzipped on the fly (see sendGraphFile).
import { createReadStream, existsSync, readFileSync, statSync } from "node:fs";
import { extname, join, normalize, resolve, sep } from "node:path";
import type { IncomingMessage, ServerResponse } from "node:http";
import { defineConfig, type Plugin } from "vite";

const ROOT = import.meta.dirname;
const GRAPH_DIR = resolve(ROOT, "graph");

/** The policy of the built page. blob: workers are ForceAtlas2's (graphology-layout-forceatlas2/worker). */
const CSP: Record<string, string> = {
  "default-src": "'none'",
  "script-src": "'self'",
  "worker-src": "'self' blob:",
  "style-src": "'self'",
  // No <style> element from anywhere but the bundle; style *attributes* are allowed because the
  // browser's own DOMParser puts one on the <parsererror> it makes for a malformed .gexf/.graphml.
  "style-src-elem": "'self'",
  "style-src-attr": "'unsafe-inline'",
  "img-src": "'self' data: blob:",
  "font-src": "'self'",
  "connect-src": "'self'",
  "manifest-src": "'self'",
  "base-uri": "'none'",
  "form-action": "'none'",
  "object-src": "'none'",
};

/** In dev, Vite's client also talks over a websocket. */
const DEV_CSP: Record<string, string> = { ...CSP, "connect-src": "'self' ws: wss:" };

export function cspString(policy: Record<string, string>, header: boolean): string {
  // frame-ancestors only works (and is only allowed) in a header.
  const all = header ? { ...policy, "frame-ancestors": "'none'" } : policy;
  return Object.entries(all)
    .map(([k, v]) => `${k} ${v}`)
    .join("; ");
}

const TYPES: Record<string, string> = {
  ".json": "application/json; charset=utf-8",
  ".gexf": "application/xml; charset=utf-8",
  ".graphml": "application/xml; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
};

/** The path of a graph file (by its extension) under `dir` named by the request's URL, or null. */
function graphFileIn(dir: string, url: string | undefined): string | null {
  let rel: string;
  try {
    rel = decodeURIComponent(new URL(url ?? "/", "http://x").pathname).replace(/^\/+/, "");
  } catch {
    return null;
  }
  const file = normalize(join(dir, rel));
  if (!file.startsWith(dir + sep) || !TYPES[extname(file)] || !existsSync(file) || !statSync(file).isFile()) return null;
  return file;
}

/**
 * Sends a graph file. `vite preview` would gzip it on the fly: for a graph of tens of MB that is
 * slower than the page reads (about 50 MB/s of gzip on a 2-core VM, against 200 MB/s sent as it is,
 * and the first bytes wait too), and the page draws as soon as the nodes have arrived. So the file goes as it is, streamed, or as
 * `<file>.gz` when one at least as new is there and the browser takes gzip (a graph served to
 * other machines can be precompressed once: `gzip -k graph.json`).
 */
function sendGraphFile(req: IncomingMessage, res: ServerResponse, file: string): void {
  const stat = statSync(file);
  const gz = `${file}.gz`;
  const gzip = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? "")) && existsSync(gz) && statSync(gz).mtimeMs >= stat.mtimeMs;
  const path = gzip ? gz : file;
  res.statusCode = 200;
  res.setHeader("Content-Type", TYPES[extname(file)]);
  res.setHeader("Content-Length", gzip ? statSync(gz).size : stat.size);
  if (gzip) res.setHeader("Content-Encoding", "gzip");
  res.setHeader("Vary", "Accept-Encoding");
  res.setHeader("Cache-Control", "no-cache");
  res.setHeader("X-Content-Type-Options", "nosniff");
  if (req.method === "HEAD") return void res.end();
  const stream = createReadStream(path);
  stream.on("error", () => res.destroy());
  stream.pipe(res);
}

/** Serves graph files under `dir` (GET and HEAD); anything else falls through. */
function serveGraphFiles(dir: string) {
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    const file = graphFileIn(dir, req.url);
    if (!file) return next();
    sendGraphFile(req, res, file);
  };
}

function explorer(): Plugin {
  let dev = false;
  let outDir = resolve(ROOT, "dist");
  return {
    name: "kg-explorer",
    configResolved(config) {
      dev = config.command === "serve" && !config.isProduction;
      outDir = resolve(config.root, config.build.outDir);
    },
    configureServer(server) {
      server.middlewares.use("/graph", serveGraphFiles(GRAPH_DIR));
    },
    configurePreviewServer(server) {
      // Before Vite's compression and static files: graph/ of the project, then graph files of the build.
      server.middlewares.use("/graph", serveGraphFiles(GRAPH_DIR));
      server.middlewares.use(serveGraphFiles(outDir));
    },
    transformIndexHtml: {
      order: "pre",
      handler() {
        return [
          {
            tag: "meta",
            attrs: { "http-equiv": "Content-Security-Policy", content: cspString(dev ? DEV_CSP : CSP, false) },
            injectTo: "head-prepend",
          },
        ];
      },
    },
    generateBundle() {
      const file = join(GRAPH_DIR, "graph.json");
      if (existsSync(file)) this.emitFile({ type: "asset", fileName: "graph/graph.json", source: readFileSync(file) });
    },
  };
}

export default defineConfig({
  root: ROOT,
  base: "./",
  publicDir: false,
  plugins: [explorer()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    chunkSizeWarningLimit: 1500,
  },
  server: {
    headers: { "Content-Security-Policy": cspString(DEV_CSP, true), "X-Content-Type-Options": "nosniff" },
  },
  preview: {
    headers: { "Content-Security-Policy": cspString(CSP, true), "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer" },
  },
  worker: { format: "es" },
});
