#!/usr/bin/env node
// The kg CLI, run from its bundle (scripts/bundle.mjs rebuilds it when a source changed).
import { pathToFileURL } from "node:url";
import { ensureBundle } from "../scripts/bundle.mjs";

const { main } = await import(pathToFileURL(await ensureBundle("kg")).href);
process.exitCode = await main(process.argv.slice(2));
