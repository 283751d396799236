// The explorer's streaming scan of graph.json (src/app/skeleton.ts): whatever the chunking, it
// finds the same nodes and edges as JSON.parse, and gives up on what it cannot read.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { SkeletonScanner, type EdgeSkeleton, type NodeSkeleton } from "../src/app/skeleton";

const enc = new TextEncoder();

function scan(bytes: Uint8Array, cuts: number[]): SkeletonScanner {
  const s = new SkeletonScanner();
  let at = 0;
  for (const c of [...cuts.filter((c) => c > 0 && c < bytes.length)].sort((a, b) => a - b)) {
    s.push(bytes.subarray(at, c));
    at = c;
  }
  s.push(bytes.subarray(at));
  s.end();
  return s;
}

function expected(text: string): { nodes: NodeSkeleton; edges: Omit<EdgeSkeleton, "source" | "target" | "relation" | "weight" | "symmetric"> & { source: number[]; target: number[]; relation: number[]; weight: number[]; symmetric: number[] } } {
  const data = JSON.parse(text.replace(/^\uFEFF/, ""));
  const nodes: NodeSkeleton = { keys: [], labels: [], labelsEn: [], types: [] };
  const index = new Map<string, number>();
  for (const n of data.nodes ?? []) {
    index.set(n.key, nodes.keys.length);
    nodes.keys.push(n.key);
    nodes.labels.push(n.attributes?.label ?? "");
    nodes.labelsEn.push(n.attributes?.label_en ?? "");
    nodes.types.push(n.attributes?.type ?? "");
  }
  const relations: string[] = [];
  const edges = { keys: [] as string[], source: [] as number[], target: [] as number[], relations, relation: [] as number[], weight: [] as number[], symmetric: [] as number[] };
  for (const e of data.edges ?? []) {
    edges.keys.push(e.key);
    edges.source.push(index.get(e.source)!);
    edges.target.push(index.get(e.target)!);
    const r = e.attributes?.relation ?? "";
    if (!relations.includes(r)) relations.push(r);
    edges.relation.push(relations.indexOf(r));
    edges.weight.push(e.attributes?.weight ?? 1);
    edges.symmetric.push(e.attributes?.symmetric === true ? 1 : 0);
  }
  return { nodes, edges };
}

function plain(s: SkeletonScanner) {
  const e = s.edges!;
  return {
    nodes: s.nodes,
    edges: { keys: e.keys, source: [...e.source], target: [...e.target], relations: e.relations, relation: [...e.relation], weight: [...e.weight], symmetric: [...e.symmetric] },
  };
}

const tricky = JSON.stringify({
  options: { type: "directed", multi: true, allowSelfLoops: false, note: "a } ] { [ \" \\" },
  attributes: { articles: [{ id: "a", text: 'quotes " and \\" and \\\\" and {[' }] },
  nodes: [
    { key: 'n"1', attributes: { label: "Nga \\ \"x\" \u00e9 \ud83d\ude00", label_en: "Russia", type: "country", aliases: ["}", "]", '\\"'], mentions: [{ article: "a", start: 0, end: 1, text: "{" }] } },
    { attributes: { type: "person", label_en: "B", label: "Bê" }, key: "n2" },
    { key: "n3", attributes: { label: "", label_en: "", type: "event", extra: { deep: [[[{}]]] } } },
  ],
  edges: [
    { key: "e1", source: 'n"1', target: "n2", attributes: { relation: "meets", weight: 3, evidence: [{ sentence: "x } y", start: 0, end: 1e3 }], symmetric: true } },
    { attributes: { weight: 1.5e0, relation: "proposes" }, target: "n3", source: "n2", key: "e2" },
  ],
});

describe("SkeletonScanner", () => {
  it("reads the sample graph like JSON.parse, in one piece and cut anywhere", () => {
    for (const name of ["sample-graph.json", "hostile-graph.json"]) {
      const text = readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");
      const bytes = enc.encode(text);
      const want = expected(text);
      expect(plain(scan(bytes, []))).toEqual(want);
      for (let step = 1; step < 200; step += 37) {
        const cuts = Array.from({ length: Math.ceil(bytes.length / step) }, (_, i) => i * step);
        const s = scan(bytes, cuts);
        expect(s.failed).toBeNull();
        expect(plain(s)).toEqual(want);
      }
    }
  });

  it("handles escapes, nesting, key order and a BOM at any cut", () => {
    const bytes = enc.encode(`\uFEFF${tricky}`);
    const want = expected(tricky);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: bytes.length }), { maxLength: 40 }), (cuts) => {
        const s = scan(bytes, cuts);
        expect(s.failed).toBeNull();
        expect(plain(s)).toEqual(want);
      }),
      { seed: 5, numRuns: 300 },
    );
    // Every single cut, one byte at a time too.
    expect(plain(scan(bytes, Array.from({ length: bytes.length }, (_, i) => i)))).toEqual(want);
  });

  it("gives up on what it cannot read, and never throws", () => {
    for (const bad of ["", "[]", '{"nodes": [1]}', '{"nodes": [{"key": "a"}], "edges": [{"key": "e", "source": "a", "target": "zz"}]}', '{"edges": [], "nodes": []}', '{"nodes": [', '{"nodes": []} x', '{"nodes": [{"attributes": {}}]}']) {
      const s = scan(enc.encode(bad), [3]);
      expect(s.failed, bad).not.toBeNull();
    }
    const ok = scan(enc.encode('{"nodes": [], "edges": []}'), []);
    expect(ok.failed).toBeNull();
    expect(ok.nodes!.keys).toEqual([]);
  });
});
