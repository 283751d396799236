// Messy article folders through the real CLI (`node bin/kg.mjs build <dir> --out <tmp>`): every bad
// file gets one line naming it and what was wrong, the rest of the corpus is built, the exit code is
// non-zero only when nothing could be built or with --strict, and every offset in the graph slices
// its quote exactly out of the decoded article.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readInputs } from "../src/cli/files";
import { ingest } from "../src/ingest";
import { nodeHtmlParser } from "../src/ingest/node";
import { MAX_ARTICLE_BYTES } from "../src/ingest/limits";
import { segment, MAX_SENTENCE } from "../src/segment";
import { extractArticle, lexiconFor } from "../src/pipeline";
import { encodeWindows1258, kg, kgAsync, linesAbout, offsetProblems, ROOT } from "./robustness-helpers";

const tmp = mkdtempSync(join(tmpdir(), "kg-robust-in-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const dir = join(tmp, "corpus");
const out = join(tmp, "out");
const shown = (name: string) => `${dir}/${name}`;

/** The texts each article must decode to (NFC, `\n` line ends, no BOM). */
const EXPECTED: Record<string, string> = {};

const GOOD = "Ngày 14/2/2022, Tổng thống Pháp Emmanuel Macron điện đàm với Tổng thống Nga Vladimir Putin về các đề xuất an ninh của Nga.\n\nNgoại trưởng Mỹ Antony Blinken kêu gọi Nga giảm căng thẳng.";
const CP1258 = "Ngoại trưởng Nga Sergei Lavrov gặp Ngoại trưởng Mỹ Antony Blinken tại Geneva ngày 21/1/2022. Hai bên thảo luận về các đề xuất an ninh của Nga.";
const NFD = "Thủ tướng Anh Boris Johnson điện đàm với Tổng thống Nga Vladimir Putin ngày 2/2/2022.";
const UTF16 = "Nga gửi dự thảo hiệp ước cho Mỹ ngày 17/12/2021. Tổng thống Nga Vladimir Putin điện đàm với Tổng thống Pháp Emmanuel Macron.";
const ZW = "Ngoại trưởng Nga Sergei La\u200bvrov điện đàm với Ngoại trưởng Trung\u00a0Quốc Vương\u00a0Nghị ngày 3/2/2022.";
const NON_ASCII = "Tổng thống Thổ Nhĩ Kỳ Recep Tayyip Erdogan đề nghị làm trung gian giữa Nga và Ukraine.";

/** One million characters of Vietnamese words and names, without a single punctuation mark or line break. */
function noPunctuation(): string {
  const words = "Nga Mỹ NATO Ukraine Tổng thống Putin điện đàm với Biden về an ninh châu Âu đề xuất bảo đảm Ngoại trưởng Lavrov gặp Blinken tại Geneva và hai bên thảo luận".split(" ");
  const parts: string[] = [];
  let n = 0;
  for (let k = 0; n < 1_000_000; k++) {
    const w = words[(k * 7 + (k >> 3)) % words.length];
    parts.push(w);
    n += w.length + 1;
  }
  return parts.join(" ");
}

function write(name: string, content: string | Buffer, expected?: string): void {
  writeFileSync(join(dir, name), content);
  if (expected !== undefined) EXPECTED[name.replace(/\.[^.]+$/, "")] = expected;
}

let run: { code: number | null; stdout: string; stderr: string };
let graph: any;
let buildMs = 0;

beforeAll(async () => {
  mkdirSync(dir, { recursive: true });
  // The same article under two names: counted once ("good copy.txt" sorts first, so it is the one read).
  write("good.txt", `${GOOD}\n`);
  write("good copy.txt", `${GOOD}\n`, GOOD);
  write("empty.txt", "");
  write("blank.txt", "  \n\t\r\n \u00a0 \n");
  write("binary.txt", Buffer.from([0x00, 0x01, 0x02, 0x03, 0xff, 0xfe, 0x00, 0x00, 0x10, 0x11, 0x80, 0x00, 0x7f, 0x00, 0x05, 0x06]));
  write("photo.txt", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]));
  write(
    "bad-utf8.txt",
    Buffer.concat([Buffer.from("Tổng thống Mỹ Joe Biden gặp Thủ tướng Đức Olaf Scholz "), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from(" tại Washington ngày 7/2/2022.")]),
    "Tổng thống Mỹ Joe Biden gặp Thủ tướng Đức Olaf Scholz \ufffd(\ufffd\ufffd tại Washington ngày 7/2/2022.",
  );
  write("utf16.txt", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(UTF16, "utf16le")]), UTF16);
  write("utf16be.txt", Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(UTF16.replace("17/12", "18/12"), "utf16le").swap16()]), UTF16.replace("17/12", "18/12"));
  write("cp1258.txt", encodeWindows1258(CP1258), CP1258);
  write("nfd.txt", NFD.normalize("NFD"), NFD);
  write(
    "crlf.txt",
    "Tổng thống Mỹ Joe Biden điện đàm với Tổng thống Ukraine Volodymyr Zelensky.\r\n\r\nNATO bác bỏ đề xuất của Nga.\r\n",
    "Tổng thống Mỹ Joe Biden điện đàm với Tổng thống Ukraine Volodymyr Zelensky.\n\nNATO bác bỏ đề xuất của Nga.",
  );
  write(
    "cr.txt",
    "Thủ tướng Đức Olaf Scholz gặp Tổng thống Pháp Emmanuel Macron.\r\rTổng thư ký NATO Jens Stoltenberg mời Nga đối thoại.\r",
    "Thủ tướng Đức Olaf Scholz gặp Tổng thống Pháp Emmanuel Macron.\n\nTổng thư ký NATO Jens Stoltenberg mời Nga đối thoại.",
  );
  write("bom.txt", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("Trung Quốc ủng hộ đề xuất an ninh của Nga.\n")]), "Trung Quốc ủng hộ đề xuất an ninh của Nga.");
  write("zero-width.txt", `${ZW}\n`, ZW);
  write("no-punctuation.txt", noPunctuation());
  write(
    "hostile-page.html",
    `<!DOCTYPE html><html><head><title>Tin &lt;script&gt;alert(1)&lt;/script&gt;</title><script>window.pwned=1</script></head><body><article>` +
      `<h1>Nga <img src=x onerror="window.pwned=2"> gửi thư</h1>` +
      `<p onclick="window.pwned=3">Ngoại trưởng Nga Sergei Lavrov gửi thư cho Ngoại trưởng Mỹ Antony Blinken <a href="javascript:window.pwned=4">xem</a> ngày 1/2/2022.</p>` +
      `<p>&lt;script&gt;alert(5)&lt;/script&gt; là chữ.</p><script>document.write("pwn")</script><iframe src="javascript:alert(6)"></iframe></article></body></html>`,
  );
  write("hostile-text.txt", `Nga <script>alert(1)</script> gửi <img src=x onerror=alert(2)> thư cho Mỹ <a href="javascript:alert(3)">link</a> ngày 1/2/2022.\n`);
  write("tên có dấu cách.txt", `${NON_ASCII}\n`, NON_ASCII);
  // A folder with link loops: to its parent, to itself, two links to each other, and a broken one.
  mkdirSync(join(dir, "loop"));
  symlinkSync("..", join(dir, "loop", "up"));
  symlinkSync("self", join(dir, "loop", "self"));
  symlinkSync("b.txt", join(dir, "loop", "a.txt"));
  symlinkSync("a.txt", join(dir, "loop", "b.txt"));
  symlinkSync("nowhere.txt", join(dir, "loop", "broken.txt"));
  // A folder of things that are not articles.
  mkdirSync(join(dir, "notes"));
  write("notes/scan.pdf", "%PDF-1.4\n");
  write("notes/photo.jpg", Buffer.from([0xff, 0xd8, 0xff, 0xe0]));
  write("notes/data.csv", "a,b\n1,2\n");
  write("notes/README", "notes\n");
  // Larger than any article: refused before it is read (a sparse file, so the test stays fast).
  writeFileSync(join(dir, "huge.txt"), "");
  truncateSync(join(dir, "huge.txt"), MAX_ARTICLE_BYTES + 1);
  // A named pipe with an article's name: reading it would block for ever.
  try {
    execFileSync("mkfifo", [join(dir, "pipe.txt")]);
  } catch {
    // No mkfifo here: that case is left out.
  }

  const t0 = Date.now();
  run = await kgAsync(["build", dir, "--out", out]);
  buildMs = Date.now() - t0;
  graph = existsSync(join(out, "graph.json")) ? JSON.parse(readFileSync(join(out, "graph.json"), "utf8")) : undefined;
}, 600_000);

describe("a messy folder through kg build", () => {
  it("builds the rest of the corpus and exits with 0", () => {
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Built .* from \d+ articles\./);
    const ids = graph.attributes.articles.map((a: { id: string }) => a.id);
    for (const id of Object.keys(EXPECTED)) expect(ids).toContain(id);
    expect(ids).toEqual(expect.arrayContaining(["no-punctuation", "hostile-page", "hostile-text", "tên có dấu cách"]));
    for (const f of readdirSync(out)) expect(f).not.toMatch(/\.tmp$/);
  });

  it("gives one line per bad file, naming it and what was wrong", () => {
    const expectLine = (name: string, reason: RegExp) => {
      const lines = linesAbout(run.stdout, shown(name));
      expect(lines, `${name} in\n${run.stdout}`).toHaveLength(1);
      expect(lines[0]).toMatch(reason);
    };
    expectLine("empty.txt", /: empty file$/);
    expectLine("blank.txt", /: only whitespace, no text$/);
    expectLine("binary.txt", /: binary data, not text$/);
    expectLine("photo.txt", /: binary data, not text$/);
    expectLine("bad-utf8.txt", /: invalid UTF-8 byte sequences replaced$/);
    expectLine("cp1258.txt", /: not valid UTF-8; decoded as Windows-1258/);
    expectLine("good.txt", /: same text as .*good copy\.txt$/);
    expectLine("huge.txt", /: too large \(50 MB; articles over 50 MB are not read\)$/);
    expectLine("loop/up", /: symbolic link loop \(leads back to .*corpus\)$/);
    expectLine("loop/self", /: symbolic link loop$/);
    expectLine("loop/a.txt", /: symbolic link loop$/);
    expectLine("loop/b.txt", /: symbolic link loop$/);
    expectLine("loop/broken.txt", /: broken link$/);
    expectLine("notes/scan.pdf", /: \.pdf files are not read \(articles are \.txt \.md \.markdown \.html \.htm\)$/);
    expectLine("notes/photo.jpg", /: \.jpg files are not read/);
    expectLine("notes/data.csv", /: \.csv files are not read/);
    expectLine("notes/README", /: a file without extension is not read/);
    if (existsSync(join(dir, "pipe.txt"))) expectLine("pipe.txt", /: not a regular file$/);
    // Files that are merely in another encoding or form are read without a word.
    for (const ok of ["utf16.txt", "utf16be.txt", "nfd.txt", "crlf.txt", "cr.txt", "bom.txt", "zero-width.txt", "no-punctuation.txt", "tên có dấu cách.txt", "good copy.txt"]) {
      expect(linesAbout(run.stdout, shown(ok)), ok).toEqual([]);
    }
    // The counts add up: every listed line is counted once.
    const skipped = Number(/^Articles skipped: (\d+)$/m.exec(run.stdout)?.[1]);
    const warnings = Number(/^Warnings: (\d+)$/m.exec(run.stdout)?.[1]);
    expect(run.stdout.split("\n").filter((l) => l.startsWith("  - ")).length).toBe(skipped + warnings);
    // Every line is one line: no control characters, the file name first.
    for (const l of run.stdout.split("\n")) expect(l).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
  });

  it("decodes every encoding to the same NFC text with \\n line ends", () => {
    const texts = new Map<string, string>(graph.attributes.articles.map((a: { id: string; text: string }) => [a.id, a.text]));
    for (const [id, text] of Object.entries(EXPECTED)) expect(texts.get(id), id).toBe(text);
    for (const text of texts.values()) {
      expect(text).toBe(text.normalize("NFC"));
      expect(text).not.toMatch(/[\r\ufeff]/);
    }
  });

  it("slices every mention and every piece of evidence exactly out of its article", () => {
    const { checked, bad } = offsetProblems(graph);
    expect(bad).toEqual([]);
    expect(checked).toBeGreaterThan(50);
  });

  it("finds the names in legacy encodings, NFD, and with zero-width or non-breaking spaces inside", () => {
    const mentionedIn = (key: string) =>
      new Set((graph.nodes.find((n: { key: string }) => n.key === key)?.attributes.mentions ?? []).map((m: { article: string }) => m.article));
    expect(mentionedIn("person:sergei-lavrov")).toEqual(expect.any(Set));
    expect([...mentionedIn("person:sergei-lavrov")]).toEqual(expect.arrayContaining(["cp1258", "zero-width"]));
    expect([...mentionedIn("person:boris-johnson")]).toContain("nfd");
    expect([...mentionedIn("person:vladimir-putin")]).toEqual(expect.arrayContaining(["nfd", "utf16", "good copy"]));
    expect([...mentionedIn("person:volodymyr-zelensky")]).toContain("crlf");
    expect([...mentionedIn("person:olaf-scholz")]).toEqual(expect.arrayContaining(["cr", "bad-utf8"]));
    expect([...mentionedIn("CHN")]).toEqual(expect.arrayContaining(["bom", "zero-width"]));
    expect([...mentionedIn("TUR")]).toContain("tên có dấu cách");
    // The zero-width space stays in the text, and in the mention that covers it.
    const lavrov = graph.nodes.find((n: { key: string }) => n.key === "person:sergei-lavrov").attributes.mentions.find((m: { article: string }) => m.article === "zero-width");
    expect(lavrov.text).toBe("Sergei La\u200bvrov");
  });

  it("keeps no markup, script or javascript: link of an HTML page; text that looks like markup stays text", () => {
    const page = graph.attributes.articles.find((a: { id: string }) => a.id === "hostile-page");
    expect(page.text).toContain("Ngoại trưởng Nga Sergei Lavrov gửi thư cho Ngoại trưởng Mỹ Antony Blinken xem ngày 1/2/2022.");
    expect(page.text).not.toMatch(/pwned|javascript:|onerror|onclick|document\.write|<img|<iframe|alert\(6\)/);
    // Escaped markup in the page is its text, and is kept as text (the explorer shows it as text).
    expect(page.text).toContain("<script>alert(5)</script> là chữ.");
    expect(page.title).toBe("Tin <script>alert(1)</script>");
    const text = graph.attributes.articles.find((a: { id: string }) => a.id === "hostile-text");
    expect(text.text).toBe(`Nga <script>alert(1)</script> gửi <img src=x onerror=alert(2)> thư cho Mỹ <a href="javascript:alert(3)">link</a> ngày 1/2/2022.`);
  });

  it("cuts a megabyte without punctuation into sentences of at most MAX_SENTENCE characters, in linear time", () => {
    const a = graph.attributes.articles.find((x: { id: string }) => x.id === "no-punctuation");
    const sentences = segment(a);
    expect(sentences.length).toBeGreaterThanOrEqual(Math.floor(a.text.length / MAX_SENTENCE));
    for (const s of sentences) {
      expect(s.end - s.start).toBeLessThanOrEqual(MAX_SENTENCE);
      expect(a.text.slice(s.start, s.end)).toBe(s.text);
      // Cut at white space: no word is split.
      expect(s.start === 0 || /\s/.test(a.text[s.start - 1])).toBe(true);
    }
    // Extraction of the megabyte takes seconds (it took 70 s when it was one sentence).
    const t0 = Date.now();
    const x = extractArticle(a, lexiconFor(undefined), undefined);
    expect(Date.now() - t0).toBeLessThan(30_000);
    expect(x.sentences.length).toBe(sentences.length);
    console.log(`messy folder built in ${(buildMs / 1000).toFixed(1)} s; 1 MB without punctuation extracted in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  });

  it("with --strict, the same folder exits with 1 and says why", () => {
    const r = kg(["build", dir, "--out", join(tmp, "strict"), "--strict", "--quiet"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^kg build: --strict: \d+ skipped, \d+ warnings\n$/);
    expect(r.stdout).toMatch(/^Built /);
  });

  it("a folder of non-article files builds nothing: exit 1, a line for each file, no file written", () => {
    const none = join(tmp, "none");
    const r = kg(["build", join(dir, "notes"), join(dir, "empty.txt"), join(dir, "binary.txt"), "--out", none]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^Nothing was built: no article could be read\./);
    expect(r.stdout).toContain("Articles skipped: 6");
    expect(existsSync(none)).toBe(false);
  });
});

describe("files that cannot be read", () => {
  const isRoot = process.getuid?.() === 0;

  it("an unreadable file (chmod 000) is skipped with the reason; the rest is built", () => {
    const d = join(tmp, "locked");
    mkdirSync(d, { recursive: true });
    writeFileSync(join(d, "ok.txt"), `${GOOD}\n`);
    writeFileSync(join(d, "locked.txt"), "Nga và Mỹ hội đàm tại Geneva ngày 10/1/2022.\n");
    chmodSync(join(d, "locked.txt"), 0o000);
    const o = join(tmp, "locked-out");
    mkdirSync(o, { recursive: true });
    // Root reads any file whatever its mode: run the build as "nobody" then.
    chmodSync(tmp, 0o755);
    chmodSync(o, 0o777);
    const r = kg(["build", d, "--out", o], isRoot ? { uid: 65534, gid: 65534 } : {});
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(linesAbout(r.stdout, `${d}/locked.txt`)).toEqual([`  - ${d}/locked.txt: cannot read (EACCES)`]);
    expect(r.stdout).toContain("Articles read: 1");
  });

  it("a folder that cannot be listed is skipped with the reason", () => {
    const d = join(tmp, "closed");
    mkdirSync(join(d, "inner"), { recursive: true });
    writeFileSync(join(d, "ok.txt"), `${GOOD}\n`);
    writeFileSync(join(d, "inner", "x.txt"), "Nga.\n");
    chmodSync(join(d, "inner"), 0o000);
    const o = join(tmp, "closed-out");
    mkdirSync(o, { recursive: true });
    chmodSync(o, 0o777);
    const r = kg(["build", d, "--out", o], isRoot ? { uid: 65534, gid: 65534 } : {});
    chmodSync(join(d, "inner"), 0o755);
    expect(r.code).toBe(0);
    expect(linesAbout(r.stdout, `${d}/inner`)).toEqual([`  - ${d}/inner: cannot read folder (EACCES)`]);
  });

  it("a file that vanishes or turns into a folder between listing and reading is skipped, not fatal", async () => {
    const d = join(tmp, "vanish");
    mkdirSync(join(d, "now-a-folder.txt"), { recursive: true });
    const { read, skipped } = await readInputs([
      { path: "gone.txt", abs: join(d, "gone.txt") },
      { path: "now-a-folder.txt", abs: join(d, "now-a-folder.txt") },
    ]);
    expect(read).toEqual([]);
    expect(skipped).toEqual([
      { file: "gone.txt", reason: "cannot read (ENOENT)" },
      { file: "now-a-folder.txt", reason: "cannot read (EISDIR)" },
    ]);
  });

  it("the browser's pipeline refuses an article over the limit too (ingest checks the bytes)", () => {
    const r = ingest({ path: "big.txt", bytes: new Uint8Array(MAX_ARTICLE_BYTES + 1) }, { parseHtml: nodeHtmlParser });
    expect(r).toEqual({ ok: false, reason: "too large (50 MB; articles over 50 MB are not read)" });
  });
});

describe("a 20 MB article", () => {
  it("builds, with exact offsets (time and memory measured)", async () => {
    const d = join(tmp, "big");
    mkdirSync(d, { recursive: true });
    const seeds = readdirSync(join(ROOT, "seeds")).map((f) => readFileSync(join(ROOT, "seeds", f), "utf8"));
    const parts: string[] = [];
    let bytes = 0;
    for (let i = 0; bytes < 20 * 1024 * 1024; i++) {
      const p = `${seeds[i % seeds.length]}\n\n`;
      parts.push(p);
      bytes += Buffer.byteLength(p);
    }
    writeFileSync(join(d, "big.txt"), parts.join(""));
    const o = join(tmp, "big-out");
    const r = await kgAsync(["build", d, "--out", o, "--quiet"], true);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const g = JSON.parse(readFileSync(join(o, "graph.json"), "utf8"));
    // Hundreds of megabytes: gone at once, not at the end of the file.
    rmSync(d, { recursive: true, force: true });
    rmSync(o, { recursive: true, force: true });
    expect(g.attributes.articles[0].text.length).toBeGreaterThan(15_000_000);
    const { checked, bad } = offsetProblems(g);
    expect(bad).toEqual([]);
    expect(checked).toBeGreaterThan(10_000);
    console.log(`20 MB article: built in ${(r.ms / 1000).toFixed(1)} s${r.peakMB ? `, peak memory ${r.peakMB} MB` : ""}`);
  }, 900_000);
});
