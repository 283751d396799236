// `npm start`: install what is missing, build graph/ from seeds/ with the kg CLI (its summary is
// printed), then build the explorer and serve it at http://127.0.0.1:5173/.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { CLI_NODE_FLAGS } from "./node-flags.mjs";
import { ROOT, run, setup } from "./setup.mjs";

const HOST = "127.0.0.1";
const PORT = 5173;
const say = (message) => process.stdout.write(`[start] ${message}\n`);
const fail = (message, code) => {
  process.stderr.write(`[start] ${message}\n`);
  process.exit(code || 1);
};

// The explorer does not need Chromium; only the browser tests do (npm test installs it).
const setupCode = setup({ chromium: false });
if (setupCode !== 0) fail("setup failed: see above", setupCode);

say(`building graph/ from seeds/: node ${CLI_NODE_FLAGS.join(" ")} bin/kg.mjs build seeds --out graph`);
const built = run(process.execPath, [...CLI_NODE_FLAGS, join(ROOT, "bin", "kg.mjs"), "build", "seeds", "--out", "graph"]);
if (built !== 0) fail(`the graph build failed (exit code ${built})`, built);

if (!existsSync(join(ROOT, "vite.config.ts"))) {
  say("vite.config.ts is not there yet, so there is no explorer to serve: the graph files are in graph/");
  process.exit(0);
}

say("building the explorer: npx vite build");
const vite = run("npx", ["vite", "build"]);
if (vite !== 0) fail(`vite build failed (exit code ${vite})`, vite);

const url = `http://${HOST}:${PORT}/`;
say(`serving the explorer: npx vite preview --host ${HOST} --port ${PORT} --strictPort`);
const preview = spawn("npx", ["vite", "preview", "--host", HOST, "--port", String(PORT), "--strictPort"], {
  cwd: ROOT,
  stdio: "inherit",
});
preview.on("spawn", () => say(`open ${url} in your browser (Ctrl+C stops the server)`));
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => preview.kill(signal));
preview.on("error", (e) => fail(`could not start vite preview: ${e.message}`, 1));
preview.on("exit", (code, signal) => {
  if (code) process.stderr.write(`[start] vite preview stopped (exit code ${code}; is port ${PORT} taken?)\n`);
  process.exit(code ?? (signal ? 0 : 1));
});
