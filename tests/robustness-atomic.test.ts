// Output files are written atomically: a build killed (SIGKILL) or interrupted (SIGINT, Ctrl-C)
// while it writes leaves the previous graph byte for byte, and no partial file. The kill is sent the
// moment the build's first temporary file appears, so it lands mid-write.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readGraphFile } from "../src/export";
import { KG, ROOT, kg } from "./robustness-helpers";

const tmp = mkdtempSync(join(tmpdir(), "kg-robust-atomic-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const big = join(tmp, "big");
const more = join(tmp, "more");
const out = join(tmp, "out");
let previous: Map<string, Buffer>;

function snapshot(dir: string): Map<string, Buffer> {
  return new Map(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f))]));
}

const temps = (dir: string) => readdirSync(dir).filter((f) => f.endsWith(".tmp"));

beforeAll(() => {
  // A corpus whose five output files take a while to write: 1000 distinct articles.
  mkdirSync(big, { recursive: true });
  const seeds = readdirSync(join(ROOT, "seeds")).map((f) => readFileSync(join(ROOT, "seeds", f), "utf8"));
  for (let i = 0; i < 1000; i++) writeFileSync(join(big, `a${String(i).padStart(4, "0")}.txt`), `${seeds[i % seeds.length]}\n\nBài số ${i}.\n`);
  mkdirSync(more, { recursive: true });
  for (let i = 1000; i < 6000; i++) writeFileSync(join(more, `a${String(i).padStart(4, "0")}.txt`), `${seeds[i % seeds.length]}\n\nBài số ${i}.\n`);
  // The previous graph: the seeds.
  const r = kg(["build", "seeds", "--out", out, "--quiet"]);
  expect(r.code).toBe(0);
  previous = snapshot(out);
  expect([...previous.keys()].sort()).toEqual(["edges.csv", "graph.gexf", "graph.graphml", "graph.json", "nodes.csv"]);
}, 120_000);

/** Start a build of the big corpus into `out`; send `signal` when `when` says so. */
function killedBuild(signal: NodeJS.Signals, when: "mid-write" | "extracting"): Promise<{ code: number | null; signal: NodeJS.Signals | null; sawTemp: string[] }> {
  return new Promise((resolve, reject) => {
    // Signalled while extracting: a corpus six times as large, so that 1.5 s falls well inside the
    // extraction (1000 articles are built and written in about 1.5 s here).
    const inputs = when === "extracting" ? [big, more] : [big];
    const child = spawn(process.execPath, [KG, "build", ...inputs, "--out", out, "--quiet"], { cwd: ROOT, stdio: "ignore" });
    let sawTemp: string[] = [];
    let sent = false;
    const send = () => {
      if (!sent) child.kill(signal);
      sent = true;
    };
    const poll = setInterval(() => {
      if (when !== "mid-write" || sent) return;
      const t = temps(out);
      if (t.length) {
        sawTemp = t;
        send();
      }
    }, 1);
    const early = when === "extracting" ? setTimeout(send, 1500) : undefined;
    child.on("error", reject);
    child.on("exit", (code, sig) => {
      clearInterval(poll);
      if (early) clearTimeout(early);
      resolve({ code, signal: sig, sawTemp });
    });
  });
}

function expectPrevious(): void {
  const now = snapshot(out);
  const visible = [...now.keys()].filter((f) => !f.startsWith(".")).sort();
  expect(visible).toEqual([...previous.keys()].sort());
  for (const [f, bytes] of previous) expect(Buffer.compare(now.get(f)!, bytes), `${f} changed`).toBe(0);
}

describe("a build killed while it writes", () => {
  it("SIGKILL mid-write: the previous graph is intact; the next build removes what the killed one left", async () => {
    const r = await killedBuild("SIGKILL", "mid-write");
    expect(r.sawTemp.length, "the kill should land while the files are written").toBeGreaterThan(0);
    expect(r.signal).toBe("SIGKILL");
    expectPrevious();
    // SIGKILL cannot be caught: a hidden temporary file may remain, never under a graph file's name…
    for (const t of temps(out)) expect(t).toMatch(/^\.(graph\.json|graph\.gexf|graph\.graphml|nodes\.csv|edges\.csv)\.\d+\.tmp$/);
    // …and a reader of the folder still gets the previous graph.
    const g = readGraphFile("graph.json", readFileSync(join(out, "graph.json"), "utf8"));
    expect(g.order).toBeGreaterThan(0);
    // The next build into the folder removes it.
    const again = kg(["build", "seeds", "--out", out, "--quiet"]);
    expect(again.code).toBe(0);
    expect(temps(out)).toEqual([]);
    expectPrevious();
  }, 180_000);

  it("SIGINT (Ctrl-C) mid-write: the previous graph is intact and no temporary file is left", async () => {
    const r = await killedBuild("SIGINT", "mid-write");
    expect(r.sawTemp.length, "the signal should land while the files are written").toBeGreaterThan(0);
    expect(r.signal === "SIGINT" || r.code === 130).toBe(true);
    expectPrevious();
    expect(temps(out)).toEqual([]);
  }, 180_000);

  it("SIGTERM mid-write: the same", async () => {
    const r = await killedBuild("SIGTERM", "mid-write");
    expect(r.sawTemp.length).toBeGreaterThan(0);
    expect(r.signal === "SIGTERM" || r.code === 143).toBe(true);
    expectPrevious();
    expect(temps(out)).toEqual([]);
  }, 180_000);

  it("SIGINT while extracting: nothing was written, nothing changes", async () => {
    const r = await killedBuild("SIGINT", "extracting");
    expect(r.signal === "SIGINT" || r.code === 130).toBe(true);
    expectPrevious();
    expect(temps(out)).toEqual([]);
  }, 180_000);

  it("an output folder that cannot be written: exit 1, one line, nothing half-written", () => {
    const blocker = join(tmp, "a-file");
    writeFileSync(blocker, "not a folder");
    const r = kg(["build", "seeds", "--out", join(blocker, "graph"), "--quiet"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`kg build: cannot write ${join(blocker, "graph")}/ (ENOTDIR); the files there are left as they were\n`);
    expect(readFileSync(blocker, "utf8")).toBe("not a folder");
  });

  it("a finished build leaves exactly the five files", () => {
    const r = kg(["build", "seeds", "--out", out, "--quiet"]);
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(["edges.csv", "graph.gexf", "graph.graphml", "graph.json", "nodes.csv"]);
  });
});
