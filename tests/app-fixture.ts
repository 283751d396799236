// Loads a graph fixture for the explorer's unit tests.
import { readFileSync } from "node:fs";
import { createGraph, type KnowledgeGraph } from "../src/graph";

export function loadFixture(name = "sample-graph.json"): KnowledgeGraph {
  const g = createGraph();
  g.import(JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8")));
  return g;
}
