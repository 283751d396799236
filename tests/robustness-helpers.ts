// Shared by the robustness tests: run the real CLI, check a graph's offsets, encode Windows-1258.
import iconv from "iconv-lite";
import { spawn, spawnSync, type SpawnSyncOptions } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const KG = join(ROOT, "bin", "kg.mjs");

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `node bin/kg.mjs …`, as a user runs it. */
export function kg(args: string[], opts: Partial<SpawnSyncOptions> = {}): Run {
  const r = spawnSync(process.execPath, [KG, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
    timeout: 600_000,
    maxBuffer: 64 * 1024 * 1024,
    ...opts,
  });
  return { code: r.status, stdout: String(r.stdout ?? ""), stderr: String(r.stderr ?? "") };
}

const GNU_TIME = "/usr/bin/time";

/**
 * The same, without blocking the test process (for long builds). With `measure`, run under GNU
 * time when it is there and report the child's peak memory (resident set, MB).
 */
export function kgAsync(args: string[], measure = false): Promise<Run & { ms: number; peakMB?: number }> {
  const t0 = Date.now();
  const timed = measure && existsSync(GNU_TIME);
  const [cmd, argv] = timed ? [GNU_TIME, ["-f", "kg-peak-rss-kb %M", process.execPath, KG, ...args]] : [process.execPath, [KG, ...args]];
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, argv, { cwd: ROOT, env: { ...process.env, NO_COLOR: "1" } });
    let stdout = "";
    let stderr = "";
    p.stdout.on("data", (d) => (stdout += d));
    p.stderr.on("data", (d) => (stderr += d));
    p.on("error", reject);
    p.on("close", (code) => {
      const m = /^kg-peak-rss-kb (\d+)\n?/m.exec(stderr);
      if (m) stderr = stderr.replace(m[0], "");
      resolve({ code, stdout, stderr, ms: Date.now() - t0, ...(m ? { peakMB: Math.round(Number(m[1]) / 1024) } : {}) });
    });
  });
}

/** The lines of a build summary that name `file` (skipped or warned about). */
export function linesAbout(stdout: string, file: string): string[] {
  return stdout.split("\n").filter((l) => l.startsWith(`  - ${file}: `));
}

interface GraphJson {
  attributes: { articles: { id: string; text: string }[] };
  nodes: { key: string; attributes: { mentions: { article: string; start: number; end: number; text: string }[] } }[];
  edges: { key: string; attributes: { evidence: { article: string; sentence: string; start: number; end: number }[] } }[];
}

/**
 * Every mention and every piece of evidence slices its quoted text exactly out of its article.
 * Returns the number of offsets checked and the first few that do not.
 */
export function offsetProblems(graph: GraphJson): { checked: number; bad: string[] } {
  const texts = new Map(graph.attributes.articles.map((a) => [a.id, a.text]));
  const bad: string[] = [];
  let checked = 0;
  const check = (where: string, article: string, start: number, end: number, quoted: string) => {
    checked++;
    const text = texts.get(article);
    if (text === undefined) bad.push(`${where}: no article ${article}`);
    else if (!(Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start <= end && end <= text.length))
      bad.push(`${where}: offsets ${start}-${end} outside ${article} (${text.length})`);
    else if (text.slice(start, end) !== quoted)
      bad.push(`${where}: ${article}[${start}:${end}] is ${JSON.stringify(text.slice(start, end))}, not ${JSON.stringify(quoted)}`);
  };
  for (const n of graph.nodes) for (const m of n.attributes.mentions) check(`node ${n.key}`, m.article, m.start, m.end, m.text);
  for (const e of graph.edges) for (const v of e.attributes.evidence) check(`edge ${e.key}`, v.article, v.start, v.end, v.sentence);
  return { checked, bad: bad.slice(0, 10) };
}

const TONES = new Set([0x300, 0x301, 0x303, 0x309, 0x323]);

/**
 * Vietnamese text → Windows-1258 bytes: base letters precomposed (â, ơ, ư…), tone marks combining,
 * as legacy files hold them; iconv-lite's table, not the app's own (src/ingest/decode.ts), encodes.
 */
export function encodeWindows1258(s: string): Buffer {
  let form = "";
  for (const ch of s.normalize("NFC")) {
    const parts = [...ch.normalize("NFD")];
    const tones = parts.filter((p) => TONES.has(p.charCodeAt(0)));
    form += parts.filter((p) => !TONES.has(p.charCodeAt(0))).join("").normalize("NFC") + tones.join("");
  }
  const bytes = iconv.encode(form, "windows1258");
  if (iconv.decode(bytes, "windows1258") !== form) throw new Error(`not encodable in Windows-1258: ${s.slice(0, 40)}`);
  return bytes;
}
