// Input files for `kg build`: files and folders (read recursively), sorted for determinism.
import { closeSync, fstatSync, openSync, readFileSync } from "node:fs";
import { readdir, realpath, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { MAX_ARTICLE_BYTES, tooLarge } from "../ingest/limits";

export const ARTICLE_EXTENSIONS = [".txt", ".md", ".markdown", ".html", ".htm"] as const;

export interface InputFile {
  /** The path as shown to the user and given to the pipeline (relative when it was given so). */
  path: string;
  abs: string;
}

export interface Skip {
  file: string;
  reason: string;
}

/** Plain code-unit order: the same everywhere, unlike localeCompare. */
export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Forward slashes in what we print and store, whatever the platform. */
export function displayPath(p: string): string {
  return sep === "\\" ? p.split(sep).join("/") : p;
}

function isArticle(path: string): boolean {
  return (ARTICLE_EXTENSIONS as readonly string[]).includes(extname(path).toLowerCase());
}

function unsupported(path: string): string {
  const ext = extname(path);
  return `${ext ? `${ext} files are` : "a file without extension is"} not read (articles are ${ARTICLE_EXTENSIONS.join(" ")})`;
}

/** Why a link or file cannot be followed, from its error code. */
function linkProblem(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "broken link";
  if (code === "ELOOP") return "symbolic link loop";
  return `cannot read (${code ?? (e as Error).message})`;
}

/** Folders already read, by real path, and the path they were read under (a link loop leads back to one). */
type Visited = Map<string, string>;

async function walk(dir: string, shown: string, out: InputFile[], skipped: Skip[], visited: Visited, above: string[] = []): Promise<void> {
  const real = await realpath(dir).catch(() => dir);
  const first = visited.get(real);
  if (first !== undefined) {
    const loop = above.includes(real);
    skipped.push({ file: displayPath(shown), reason: loop ? `symbolic link loop (leads back to ${displayPath(first)})` : `same folder as ${displayPath(first)}, read once` });
    return;
  }
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    skipped.push({ file: displayPath(shown), reason: `cannot read folder (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` });
    return;
  }
  visited.set(real, shown);
  const inside = [...above, real];
  entries.sort((a, b) => byCodeUnit(a.name, b.name));
  for (const e of entries) {
    // Hidden files and folders (.git, .DS_Store) are not articles and not worth a line.
    if (e.name.startsWith(".")) continue;
    const abs = join(dir, e.name);
    const path = join(shown, e.name);
    let kind: "dir" | "file" | "other" = e.isDirectory() ? "dir" : e.isFile() ? "file" : "other";
    if (e.isSymbolicLink()) {
      const s = await stat(abs).catch((err: unknown) => linkProblem(err));
      if (typeof s === "string") {
        skipped.push({ file: displayPath(path), reason: s });
        continue;
      }
      kind = s.isDirectory() ? "dir" : s.isFile() ? "file" : "other";
    }
    if (kind === "dir") await walk(abs, path, out, skipped, visited, inside);
    // Named pipes, sockets and devices: reading one could block the build for ever.
    else if (kind === "other") skipped.push({ file: displayPath(path), reason: "not a regular file" });
    else if (isArticle(e.name)) out.push({ path: displayPath(path), abs });
    else skipped.push({ file: displayPath(path), reason: unsupported(e.name) });
  }
}

/** The article files named by `args` (files or folders), sorted by path, and what was left out and why. */
export async function collectInputs(args: string[], cwd = process.cwd()): Promise<{ files: InputFile[]; skipped: Skip[] }> {
  const found: InputFile[] = [];
  const skipped: Skip[] = [];
  const visited: Visited = new Map();
  for (const arg of args) {
    const abs = resolve(cwd, arg);
    const shown = normalize(arg);
    const s = await stat(abs).catch((e: unknown) => ((e as NodeJS.ErrnoException).code === "ENOENT" ? "not found" : linkProblem(e)));
    if (typeof s === "string") skipped.push({ file: displayPath(shown), reason: s });
    else if (s.isDirectory()) {
      // A folder named twice on the command line is read once, without a line about it.
      if (!visited.has(await realpath(abs).catch(() => abs))) await walk(abs, shown, found, skipped, visited);
    } else if (!s.isFile()) skipped.push({ file: displayPath(shown), reason: "not a regular file" });
    else if (!isArticle(abs)) skipped.push({ file: displayPath(shown), reason: unsupported(abs) });
    else found.push({ path: displayPath(shown), abs });
  }
  // One entry per real file, even when it is named twice (as a file and inside a folder).
  const seen = new Set<string>();
  const files = found
    .sort((a, b) => byCodeUnit(a.path, b.path))
    .filter((f) => (seen.has(f.abs) ? false : (seen.add(f.abs), true)));
  const skippedOnce = new Map(skipped.map((s) => [s.file, s]));
  return { files, skipped: [...skippedOnce.values()].sort((a, b) => byCodeUnit(a.file, b.file)) };
}

/** Read the files; empty and unreadable ones are skipped with the reason. */
export async function readInputs(files: InputFile[]): Promise<{ read: { path: string; bytes: Uint8Array }[]; skipped: Skip[] }> {
  const read: { path: string; bytes: Uint8Array }[] = [];
  const skipped: Skip[] = [];
  // Synchronous on purpose: a promise per system call cost ~200 µs per file (2 s for 10k small
  // files, most of the floor pass); read in one go, they take ~30 µs. Nothing else waits on this thread.
  for (const f of files) {
    let fd: number | undefined;
    try {
      fd = openSync(f.abs, "r");
      // Too large to be an article: refused before it is read into memory.
      const size = fstatSync(fd).size;
      if (size > MAX_ARTICLE_BYTES) {
        skipped.push({ file: f.path, reason: tooLarge(size) });
        continue;
      }
      const buf = readFileSync(fd);
      if (buf.length === 0) skipped.push({ file: f.path, reason: "empty file" });
      else read.push({ path: f.path, bytes: new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength) });
    } catch (e) {
      skipped.push({ file: f.path, reason: `cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` });
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }
  return { read, skipped };
}
