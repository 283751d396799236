#!/usr/bin/env node
// Runs a TypeScript file through tsx: `node bin/run-ts.mjs bench/index.ts [args...]`.
import { register } from "tsx/esm/api";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [file, ...rest] = process.argv.slice(2);
if (!file) {
  process.stderr.write("usage: node bin/run-ts.mjs <file.ts> [args...]\n");
  process.exit(2);
}
register();
process.argv = [process.argv[0], resolve(file), ...rest];
await import(pathToFileURL(resolve(file)).href);
