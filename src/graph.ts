// The knowledge graph type shared by build, export, CLI and app.
import Graph from "graphology";
import type { EdgeAttributes, GraphAttributes, NodeAttributes } from "./types";

export type KnowledgeGraph = Graph<NodeAttributes, EdgeAttributes, GraphAttributes>;

/** Directed multigraph: two actors can be linked by several relations. Symmetric ones carry `symmetric: true`. */
export function createGraph(): KnowledgeGraph {
  const g: KnowledgeGraph = new Graph({ type: "directed", multi: true, allowSelfLoops: false });
  g.setAttribute("articles", []);
  return g;
}

/** Edge keys are readable and stable: one edge per (source, relation, target). */
export function edgeKey(source: string, relation: string, target: string): string {
  // Joined, not concatenated: V8 keeps `a + b` of a long result as a pair of pointers, so a key made
  // with + or a template was up to four such pairs (128 bytes) kept for the life of the graph.
  return [source, relation, target].join("|");
}
