// Reading a graph file from disk for `kg stats` and `kg show`.
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import type { KnowledgeGraph } from "../graph";
import { formatOfFileName, graphTooLarge, MAX_GRAPH_BYTES, readGraphFile, type ReadOptions } from "../export";
import { displayPath } from "./files";

/** A graph file that cannot be used: the CLI prints the message (one line) and exits with 2. */
export class BadInputError extends Error {}

/** `path` may also be a build's output folder: its graph.json is read. */
export async function loadGraph(path: string): Promise<KnowledgeGraph> {
  if ((await stat(path).catch(() => undefined))?.isDirectory()) path = join(path, "graph.json");
  const shown = displayPath(path);
  let text: string;
  try {
    // Refused before reading: a huge file would exhaust memory before any check could run.
    const s = await stat(path);
    if (s.isFile() && s.size > MAX_GRAPH_BYTES) throw new BadInputError(graphTooLarge(shown, s.size, MAX_GRAPH_BYTES));
    if (!s.isFile() && !s.isDirectory()) throw new BadInputError(`${shown}: not a regular file`);
    text = await readFile(path, "utf8");
  } catch (e) {
    if (e instanceof BadInputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "file not found" : code === "EISDIR" ? "is a folder, not a graph file" : `cannot read (${code ?? (e as Error).message})`;
    throw new BadInputError(`${shown}: ${why}`);
  }
  const opts: ReadOptions = {};
  const format = formatOfFileName(path);
  if (format === "gexf" || format === "graphml") {
    // Only XML needs a DOMParser; loaded on demand (a devDependency, like the rest of the tooling).
    opts.DOMParser = (await import("@xmldom/xmldom")).DOMParser;
  }
  try {
    return readGraphFile(shown, text, opts);
  } catch (e) {
    throw new BadInputError((e as Error).message.replace(/\s+/g, " "));
  }
}
