// Shared by the robustness tests: run the real CLI, check a graph's offsets, encode Windows-1258.
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

/** Windows-1258 bytes 0x80–0xFF (the table of src/ingest/decode.ts, written out again here). */
const CP1258_HIGH =
  "\u20ac\ufffd\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\ufffd\u2039\u0152\ufffd\ufffd\ufffd" +
  "\ufffd\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\ufffd\u203a\u0153\ufffd\ufffd\u0178" +
  "\u00a0\u00a1\u00a2\u00a3\u00a4\u00a5\u00a6\u00a7\u00a8\u00a9\u00aa\u00ab\u00ac\u00ad\u00ae\u00af" +
  "\u00b0\u00b1\u00b2\u00b3\u00b4\u00b5\u00b6\u00b7\u00b8\u00b9\u00ba\u00bb\u00bc\u00bd\u00be\u00bf" +
  "\u00c0\u00c1\u00c2\u0102\u00c4\u00c5\u00c6\u00c7\u00c8\u00c9\u00ca\u00cb\u0300\u00cd\u00ce\u00cf" +
  "\u0110\u00d1\u0309\u00d3\u00d4\u01a0\u00d6\u00d7\u00d8\u00d9\u00da\u00db\u00dc\u01af\u0303\u00df" +
  "\u00e0\u00e1\u00e2\u0103\u00e4\u00e5\u00e6\u00e7\u00e8\u00e9\u00ea\u00eb\u0301\u00ed\u00ee\u00ef" +
  "\u0111\u00f1\u0323\u00f3\u00f4\u01a1\u00f6\u00f7\u00f8\u00f9\u00fa\u00fb\u00fc\u01b0\u20ab\u00ff";
const TONES = new Set([0x300, 0x301, 0x303, 0x309, 0x323]);

/** Vietnamese text → Windows-1258 bytes: base letters precomposed (â, ơ, ư…), tone marks combining. */
export function encodeWindows1258(s: string): Buffer {
  const out: number[] = [];
  const put = (ch: string): boolean => {
    const c = ch.charCodeAt(0);
    if (ch.length === 1 && c < 0x80) return out.push(c) > 0;
    const i = CP1258_HIGH.indexOf(ch);
    return ch.length === 1 && i >= 0 ? out.push(0x80 + i) > 0 : false;
  };
  for (const ch of s.normalize("NFC")) {
    if (put(ch)) continue;
    const parts = [...ch.normalize("NFD")];
    const tones = parts.filter((p) => TONES.has(p.charCodeAt(0)));
    const base = parts.filter((p) => !TONES.has(p.charCodeAt(0))).join("").normalize("NFC");
    if (!put(base) || !tones.every(put)) throw new Error(`not encodable in Windows-1258: ${ch}`);
  }
  return Buffer.from(out);
}
