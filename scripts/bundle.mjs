// The Node side (the kg CLI, the build's worker threads, the benchmark's runner) runs from esbuild
// bundles of src/, rebuilt when a source is newer. Through tsx, every start transpiled each module
// again (~1 s), and the pipeline itself ran about 1.4× slower than from one bundle (measured on the
// 1k-article benchmark corpus; bench/NOTES.md).
import { build } from "esbuild";
import { mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
/** Under node_modules: packages resolve from here, and `npm ci` clears it with the rest. */
export const OUT = join(ROOT, "node_modules", ".cache", "kg-news");

/** Output name (without .mjs) → entry. parallel.ts finds its worker as ./worker.mjs beside itself. */
export const ENTRIES = {
  kg: "src/cli/index.ts",
  worker: "src/pipeline/worker-entry.ts",
  "bench-run": "bench/pipeline-run.ts",
};

function newest(dir, skip = new Set()) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (!skip.has(e.name)) t = Math.max(t, newest(p, skip));
    } else if (/\.(ts|json|mjs)$/.test(e.name)) t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}

function age(file) {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return -1;
  }
}

/** The path of the bundle named `name`, built first when it is missing or older than a source. */
export async function ensureBundle(name) {
  const out = join(OUT, `${name}.mjs`);
  const sources = Math.max(newest(join(ROOT, "src"), new Set(["app"])), newest(join(ROOT, "bench"), new Set(["out"])), age(join(ROOT, "package-lock.json")), age(fileURLToPath(import.meta.url)));
  if (age(out) >= sources) return out;
  const result = await build({
    entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([k, v]) => [k, join(ROOT, v)])),
    outdir: OUT,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    sourcemap: "linked",
    write: false,
    logLevel: "silent",
  });
  mkdirSync(OUT, { recursive: true });
  // Written beside, then renamed: a kg process starting meanwhile reads the old bundle or the new one, whole.
  // The worker first: a kg.mjs that is there and fresh may start workers at once.
  const order = (f) => (f.path.endsWith("worker.mjs") ? 0 : 1);
  for (const f of [...result.outputFiles].sort((a, b) => order(a) - order(b))) {
    const tmp = `${f.path}.${process.pid}.tmp`;
    writeFileSync(tmp, f.contents);
    renameSync(tmp, f.path);
  }
  if (process.env.KG_DEBUG) process.stderr.write(`bundled ${relative(ROOT, OUT)}\n`);
  return out;
}
