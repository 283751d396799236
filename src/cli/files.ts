// Input files for `kg build`: files and folders (read recursively), sorted for determinism.
import { readdir, readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";

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

async function walk(dir: string, shown: string, out: InputFile[], skipped: Skip[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const e of entries) {
    // Hidden files and folders (.git, .DS_Store) are not articles and not worth a line.
    if (e.name.startsWith(".")) continue;
    const abs = join(dir, e.name);
    const path = join(shown, e.name);
    if (e.isDirectory()) await walk(abs, path, out, skipped);
    else if (e.isFile() || e.isSymbolicLink()) {
      if (e.isSymbolicLink()) {
        const s = await stat(abs).catch(() => undefined);
        if (!s) {
          skipped.push({ file: displayPath(path), reason: "broken link" });
          continue;
        }
        if (s.isDirectory()) {
          await walk(abs, path, out, skipped);
          continue;
        }
      }
      if (isArticle(e.name)) out.push({ path: displayPath(path), abs });
      else skipped.push({ file: displayPath(path), reason: unsupported(e.name) });
    }
  }
}

/** The article files named by `args` (files or folders), sorted by path, and what was left out and why. */
export async function collectInputs(args: string[], cwd = process.cwd()): Promise<{ files: InputFile[]; skipped: Skip[] }> {
  const found: InputFile[] = [];
  const skipped: Skip[] = [];
  for (const arg of args) {
    const abs = resolve(cwd, arg);
    const shown = normalize(arg);
    const s = await stat(abs).catch(() => undefined);
    if (!s) skipped.push({ file: displayPath(shown), reason: "not found" });
    else if (s.isDirectory()) await walk(abs, shown, found, skipped);
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
  for (const f of files) {
    try {
      const buf = await readFile(f.abs);
      if (buf.length === 0) skipped.push({ file: f.path, reason: "empty file" });
      else read.push({ path: f.path, bytes: new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength) });
    } catch (e) {
      skipped.push({ file: f.path, reason: `cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` });
    }
  }
  return { read, skipped };
}
