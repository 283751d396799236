// The explorer's build. Serves the project's graph/ folder at /graph/ in dev and preview, copies
// graph/graph.json into the build, and sends a Content-Security-Policy (header and <meta>) that
// allows no inline script: the page's only scripts are its own bundled modules.
import { existsSync, readFileSync, statSync } from "node:fs";
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

/** Serves graph/<file> for GET and HEAD; anything else falls through. */
function serveGraphDir(req: IncomingMessage, res: ServerResponse, next: () => void): void {
  if (req.method !== "GET" && req.method !== "HEAD") return next();
  const url = new URL(req.url ?? "/", "http://x");
  const rel = decodeURIComponent(url.pathname).replace(/^\/+/, "");
  const file = normalize(join(GRAPH_DIR, rel));
  if (!file.startsWith(GRAPH_DIR + sep) || !TYPES[extname(file)] || !existsSync(file) || !statSync(file).isFile()) return next();
  const body = readFileSync(file);
  res.statusCode = 200;
  res.setHeader("Content-Type", TYPES[extname(file)]);
  res.setHeader("Content-Length", body.length);
  res.setHeader("Cache-Control", "no-cache");
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.end(req.method === "HEAD" ? undefined : body);
}

function explorer(): Plugin {
  let dev = false;
  return {
    name: "kg-explorer",
    configResolved(config) {
      dev = config.command === "serve" && !config.isProduction;
    },
    configureServer(server) {
      server.middlewares.use("/graph", serveGraphDir);
    },
    configurePreviewServer(server) {
      server.middlewares.use("/graph", serveGraphDir);
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
