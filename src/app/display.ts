// Display numbers that need no renderer: node sizes and parallel-edge curvature (unit-tested).
import pagerank from "graphology-metrics/centrality/pagerank";
import type Graph from "graphology";

export type SizeBy = "degree" | "pagerank";

export const MIN_NODE = 4;
export const MAX_NODE = 20;
/** @sigma/edge-curve's default curvature (DEFAULT_EDGE_CURVATURE), repeated here to keep this module renderer-free. */
const BASE_CURVATURE = 0.25;

/** Node sizes by weighted degree or PageRank, scaled by square root into [MIN_NODE, MAX_NODE]. */
export function nodeSizes(graph: Graph, by: SizeBy): Map<string, number> {
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
    graph.forEachEdge((_e, a, s, t) => {
      const w = Math.max(1, Number(a.weight) || 1);
      score.set(s, (score.get(s) ?? 0) + w);
      score.set(t, (score.get(t) ?? 0) + w);
    });
  }
  const max = Math.max(1e-9, ...score.values());
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

