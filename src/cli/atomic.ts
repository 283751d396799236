// Writing a build's output files so that a crash, a kill or Ctrl-C never leaves a half-written file
// or a mix of old and new files: every file is first written whole (and flushed to disk) to a hidden
// temporary file beside it, `.graph.json.<pid>.tmp`, then all are renamed over the old ones in one
// synchronous step, which no signal handler can interrupt. Ctrl-C (SIGINT), SIGTERM and SIGHUP while
// the files are written remove the temporary files before the process ends. SIGKILL cannot be
// caught: what a killed build leaves is removed by the next build into the same folder.
import { readdirSync, renameSync, unlinkSync } from "node:fs";
import { mkdir, open, readdir, unlink, type FileHandle } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { TaggedPieces } from "../export";

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

/** Bytes gathered before a write: few system calls, little memory. */
const WRITE_BUFFER = 1 << 20;

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;

/** All of `bytes[0, n)`, however many calls it takes. */
async function writeAll(fh: FileHandle, bytes: Buffer, n = bytes.length): Promise<void> {
  for (let at = 0; at < n; ) {
    const { bytesWritten } = await fh.write(bytes, at, n - at);
    if (bytesWritten <= 0) throw new Error(`wrote nothing of ${n - at} bytes`);
    at += bytesWritten;
  }
}

/**
 * One file being written. Each piece is encoded into a reused buffer as it comes, so no piece
 * outlives its turn (pieces kept until a megabyte was joined were promoted, then collected with
 * the whole graph). Two buffers: one is written while the other fills, so this thread makes the
 * next pieces instead of waiting for the write (it waited 2.6 s of the 17 s it spent writing 10k
 * articles' files; bench/NOTES.md, thirteenth round).
 */
class FileSink {
  private buf: Buffer = Buffer.allocUnsafe(WRITE_BUFFER);
  private spare: Buffer | undefined;
  private used = 0;
  /** The write in flight, if any: one at a time, so that they land in order. */
  private writing: Promise<void> = Promise.resolve();
  // A surrogate pair cut between two pieces is encoded whole, with the next piece.
  private carry = "";

  constructor(readonly fh: FileHandle) {}

  async add(piece: string): Promise<void> {
    let text = this.carry + piece;
    this.carry = "";
    if (isHighSurrogate(text.charCodeAt(text.length - 1))) {
      this.carry = text.slice(-1);
      text = text.slice(0, -1);
    }
    await this.put(text);
  }

  /** What is left written, and the file flushed to disk. */
  async end(): Promise<void> {
    await this.put(this.carry);
    await this.flush();
    await this.writing;
    await this.fh.datasync();
  }

  private async put(text: string): Promise<void> {
    // At most 3 bytes per UTF-16 unit: a piece is measured only when it may not fit.
    if (this.used + 3 * text.length > this.buf.length) {
      const bytes = Buffer.byteLength(text, "utf8");
      if (this.used > 0 && this.used + bytes > this.buf.length) await this.flush();
      if (bytes > this.buf.length) {
        await this.writing;
        this.writing = writeAll(this.fh, Buffer.from(text, "utf8"));
        return this.writing;
      }
    }
    this.used += this.buf.write(text, this.used, "utf8");
  }

  /** Starts writing the buffer, once the write before it is done, and goes on with the other one. */
  private async flush(): Promise<void> {
    await this.writing;
    if (this.used === 0) return;
    const full = this.buf;
    this.writing = writeAll(this.fh, full, this.used);
    // Awaited at the next flush or at the end; a failure is not an unhandled rejection meanwhile.
    this.writing.catch(() => undefined);
    this.buf = this.spare ?? Buffer.allocUnsafe(WRITE_BUFFER);
    this.spare = full;
    this.used = 0;
  }
}

/**
 * Write the files of `files` into `dir` (created when missing): all to temporary files first,
 * then renamed together, telling `onFile` as each one starts. Their pieces come in one stream,
 * each tagged with its file (a file starts at its first piece), so that several can be made side
 * by side (exportStream). Returns the paths written. On any error the temporary files are removed
 * and the old files are left as they were.
 */
export async function writeFilesAtomic(dir: string, files: TaggedPieces, onFile?: (index: number, fileName: string) => void): Promise<{ written: string[] }> {
  const { fileNames, pieces } = files;
  await mkdir(dir, { recursive: true });
  await removeStaleTemps(dir, fileNames);
  // Signal handlers only while writing: during extraction Ctrl-C ends the process at once.
  const onSignal = (signal: NodeJS.Signals) => {
    removePendingSync();
    for (const s of SIGNALS) process.removeAllListeners(s);
    process.kill(process.pid, signal);
  };
  for (const s of SIGNALS) process.on(s, onSignal);
  process.on("exit", removePendingSync);
  const sinks: FileSink[] = [];
  const staged: Array<{ tmp: string; path: string }> = [];
  const start = async (index: number) => {
    onFile?.(index, fileNames[index]);
    const path = join(dir, fileNames[index]);
    const tmp = tempPath(path);
    pending.add(tmp);
    staged[index] = { tmp, path };
    return (sinks[index] = new FileSink(await open(tmp, "w", 0o644)));
  };
  try {
    try {
      for (const [index, piece] of pieces) await (sinks[index] ?? (await start(index))).add(piece);
      for (let i = 0; i < fileNames.length; i++) if (!sinks[i]) await start(i);
      // Flushed to disk together: the disk takes them in one go.
      await Promise.all(sinks.map((s) => s.end()));
    } finally {
      await Promise.all(sinks.map((s) => s?.fh.close()));
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
