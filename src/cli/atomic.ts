// Writing a build's output files so that a crash, a kill or Ctrl-C never leaves a half-written file
// or a mix of old and new files: every file is first written whole (and flushed to disk) to a hidden
// temporary file beside it, `.graph.json.<pid>.tmp`, then all are renamed over the old ones in one
// synchronous step, which no signal handler can interrupt. Ctrl-C (SIGINT), SIGTERM and SIGHUP while
// the files are written remove the temporary files before the process ends. SIGKILL cannot be
// caught: what a killed build leaves is removed by the next build into the same folder.
import { readdirSync, renameSync, unlinkSync } from "node:fs";
import { mkdir, open, readdir, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

const TEMP = /^\.(.+)\.(\d+)\.tmp$/;

/** The temporary file a file is written to before it is renamed into place. */
export function tempPath(path: string, pid = process.pid): string {
  return join(dirname(path), `.${basename(path)}.${pid}.tmp`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Temporary files of `names` in `dir` left by builds that are no longer running; removes them. */
export async function removeStaleTemps(dir: string, names: readonly string[]): Promise<string[]> {
  const removed: string[] = [];
  const entries = await readdir(dir).catch(() => [] as string[]);
  for (const e of entries) {
    const m = TEMP.exec(e);
    if (!m || !names.includes(m[1])) continue;
    const pid = Number(m[2]);
    if (pid === process.pid || alive(pid)) continue;
    await unlink(join(dir, e)).then(
      () => removed.push(e),
      () => undefined,
    );
  }
  return removed;
}

/** Temporary files this process has open or written and not yet renamed. */
const pending = new Set<string>();

function removePendingSync(): void {
  for (const t of pending) {
    try {
      unlinkSync(t);
    } catch {
      // Already gone.
    }
  }
  pending.clear();
}

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

export interface OutputSpec {
  fileName: string;
  /** The text, or its pieces (encoded as they come, written about a megabyte at a time). */
  content: string | Iterable<string>;
}

/** Bytes gathered before a write: few system calls, little memory. */
const WRITE_BUFFER = 1 << 20;

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;

/** All of `bytes[0, n)`, however many calls it takes. */
async function writeAll(fh: import("node:fs/promises").FileHandle, bytes: Buffer, n = bytes.length): Promise<void> {
  for (let at = 0; at < n; ) {
    const { bytesWritten } = await fh.write(bytes, at, n - at);
    if (bytesWritten <= 0) throw new Error(`wrote nothing of ${n - at} bytes`);
    at += bytesWritten;
  }
}

async function writeContent(fh: import("node:fs/promises").FileHandle, content: string | Iterable<string>): Promise<void> {
  if (typeof content === "string") return fh.writeFile(content, "utf8");
  // Each piece is encoded into one reused buffer as it comes, so no piece outlives its turn (pieces
  // kept until a megabyte was joined were promoted, then collected with the whole graph).
  const buf = Buffer.allocUnsafe(WRITE_BUFFER);
  let used = 0;
  const put = async (text: string) => {
    // At most 3 bytes per UTF-16 unit: a piece is measured only when it may not fit.
    if (used + 3 * text.length > buf.length) {
      const bytes = Buffer.byteLength(text, "utf8");
      if (used > 0 && used + bytes > buf.length) {
        await writeAll(fh, buf, used);
        used = 0;
      }
      if (bytes > buf.length) return writeAll(fh, Buffer.from(text, "utf8"));
    }
    used += buf.write(text, used, "utf8");
  };
  // A surrogate pair cut between two pieces is encoded whole, with the next piece.
  let carry = "";
  for (const piece of content) {
    let text = carry + piece;
    carry = "";
    if (isHighSurrogate(text.charCodeAt(text.length - 1))) {
      carry = text.slice(-1);
      text = text.slice(0, -1);
    }
    await put(text);
  }
  await put(carry);
  if (used > 0) await writeAll(fh, buf, used);
}

/**
 * Write `files` into `dir` (created when missing): all to temporary files first, then renamed
 * together, telling `onFile` as each one starts. Returns the paths written. On any error the
 * temporary files are removed and the old files are left as they were.
 */
export async function writeFilesAtomic(dir: string, files: readonly OutputSpec[], onFile?: (index: number, fileName: string) => void): Promise<{ written: string[] }> {
  await mkdir(dir, { recursive: true });
  await removeStaleTemps(dir, files.map((f) => f.fileName));
  // Signal handlers only while writing: during extraction Ctrl-C ends the process at once.
  const onSignal = (signal: NodeJS.Signals) => {
    removePendingSync();
    for (const s of SIGNALS) process.removeAllListeners(s);
    process.kill(process.pid, signal);
  };
  for (const s of SIGNALS) process.on(s, onSignal);
  process.on("exit", removePendingSync);
  const staged: Array<{ tmp: string; path: string }> = [];
  try {
    for (const [index, { fileName, content }] of files.entries()) {
      onFile?.(index, fileName);
      const path = join(dir, fileName);
      const tmp = tempPath(path);
      pending.add(tmp);
      const fh = await open(tmp, "w", 0o644);
      try {
        await writeContent(fh, content);
        await fh.datasync();
      } finally {
        await fh.close();
      }
      staged.push({ tmp, path });
    }
    // All renames in one synchronous step: a signal is handled before or after, never between.
    for (const { tmp, path } of staged) {
      renameSync(tmp, path);
      pending.delete(tmp);
    }
    removePendingSync();
    return { written: staged.map((s) => s.path) };
  } catch (e) {
    removePendingSync();
    throw e;
  } finally {
    for (const s of SIGNALS) process.off(s, onSignal);
    process.off("exit", removePendingSync);
  }
}

/** The hidden temporary files in `dir` (for tests and checks). */
export function tempFilesIn(dir: string): string[] {
  try {
    return readdirSync(dir).filter((e) => TEMP.test(e));
  } catch {
    return [];
  }
}
