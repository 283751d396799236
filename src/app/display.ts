// Display numbers that need no renderer: node sizes and parallel-edge curvature (unit-tested).
import pagerank from "graphology-metrics/centrality/pagerank";
import type Graph from "graphology";
import { runAll } from "./tasks";

export type SizeBy = "degree" | "pagerank";

export const MIN_NODE = 4;
export const MAX_NODE = 20;
/** @sigma/edge-curve's default curvature (DEFAULT_EDGE_CURVATURE), repeated here to keep this module renderer-free. */
const BASE_CURVATURE = 0.25;

/** Node sizes by weighted degree or PageRank, scaled by square root into [MIN_NODE, MAX_NODE]. */
export function nodeSizes(graph: Graph, by: SizeBy): Map<string, number> {
  return runAll(nodeSizeSteps(graph, by));
}

/** nodeSizes as steps for `drain` (PageRank is one step). */
export function* nodeSizeSteps(graph: Graph, by: SizeBy): Generator<void, Map<string, number>> {
  const score = new Map<string, number>();
  let ok = false;
  if (by === "pagerank" && graph.size > 0) {
    try {
      const pr = pagerank(graph, { getEdgeWeight: (_e: string, a: Record<string, unknown>) => Math.max(1, Number(a.weight) || 1) });
      for (const [n, v] of Object.entries(pr)) score.set(n, v);
      ok = true;
    } catch {
      ok = false;
    }
  }
  if (!ok) {
    graph.forEachNode((n) => score.set(n, 0));
    let i = 0;
    for (const edge of graph.edges()) {
      const w = Math.max(1, Number(graph.getEdgeAttribute(edge, "weight")) || 1);
      const s = graph.source(edge);
      const t = graph.target(edge);
      score.set(s, (score.get(s) ?? 0) + w);
      score.set(t, (score.get(t) ?? 0) + w);
      if (++i % 4096 === 0) yield;
    }
  }
  let max = 1e-9;
  for (const v of score.values()) if (v > max) max = v;
  const out = new Map<string, number>();
  for (const [n, v] of score) out.set(n, MIN_NODE + (MAX_NODE - MIN_NODE) * Math.sqrt(Math.max(0, v) / max));
  return out;
}

/** Curvature for the i-th of parallel edges, spread within ±max and widening slowly with their number. */
export function curvatureFor(index: number, maxIndex: number): number {
  if (maxIndex <= 0) return 0;
  const spread = BASE_CURVATURE * Math.min(3, 1 + Math.log2(1 + maxIndex));
  return (spread * index) / maxIndex;
}


/**
 * Curvature of every edge, from its parallel edges (the same indexes as @sigma/edge-curve's
 * indexParallelEdgesIndex: edges of one direction spread around the straight line, edges of both
 * directions bend apart), written into the edges' attributes in place, as steps for `drain`.
 */
export function* curvatureSteps(graph: Graph): Generator<void, void> {
  // Node indexes make the pair keys numbers (no string building and hashing per edge).
  const index = new Map<string, number>();
  graph.forEachNode((n) => index.set(n, index.size));
  const n = Math.max(1, index.size);
  const directed = new Map<number, string[]>();
  const pairCount = new Map<number, number>();
  let i = 0;
  for (const { edge, source, target } of graph.edgeEntries()) {
    const s = index.get(source)!;
    const t = index.get(target)!;
    const d = s * n + t;
    const list = directed.get(d);
    if (list) list.push(edge);
    else directed.set(d, [edge]);
    const u = s < t ? d : t * n + s;
    pairCount.set(u, (pairCount.get(u) ?? 0) + 1);
    if (++i % 4096 === 0) yield;
  }
  i = 0;
  for (const [d, edges] of directed) {
    const s = Math.floor(d / n);
    const t = d - s * n;
    const both = pairCount.get(s < t ? d : t * n + s) ?? edges.length;
    const k = edges.length;
    for (let j = 0; j < k; j++) {
      let curvature = 0;
      if (k === 1 && both === 1) curvature = 0;
      else if (k === 1) curvature = curvatureFor(1, 1);
      else if (k === both) curvature = curvatureFor(-(k - 1) / 2 + j, (k - 1) / 2);
      else curvature = curvatureFor(j + 1, k);
      const a = graph.getEdgeAttributes(edges[j]);
      a.curvature = curvature;
      a.size = Math.min(5, 1.6 + Math.log2(Math.max(1, Number(a.weight) || 1)) * 1.1);
    }
    i += k;
    if (i >= 4096) {
      i = 0;
      yield;
    }
  }
}

/** Node sizes (by weighted degree or PageRank), then edge curvature and width, in place. */
export function* displaySteps(graph: Graph, by: SizeBy): Generator<void, true> {
  const sizes = yield* nodeSizeSteps(graph, by);
  graph.forEachNode((n, a) => {
    a.size = sizes.get(n) ?? MIN_NODE;
  });
  yield;
  yield* curvatureSteps(graph);
  return true;
}
