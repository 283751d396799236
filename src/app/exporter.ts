// The export menu: the full graph or what the filters show, as GEXF, GraphML, JSON or CSV (the
// shared serializers), and a PNG of the current view (@sigma/export-image).
import { downloadAsPNG } from "@sigma/export-image";
import type Sigma from "sigma";
import { MIME_TYPES, serializeGraph, type ExportFormat } from "../export/index";
import type { KnowledgeGraph } from "../graph";
import { subgraph, type Visibility } from "./model";

export interface ExportSource {
  graph(): KnowledgeGraph;
  visibility(): Visibility;
  sigma(): Sigma | null;
  /** Base of the file names, e.g. "graph". */
  baseName(): string;
}

export const GRAPH_FORMATS: { format: ExportFormat; label: string; ext: string }[] = [
  { format: "gexf", label: "GEXF (Gephi)", ext: "gexf" },
  { format: "graphml", label: "GraphML", ext: "graphml" },
  { format: "json", label: "JSON (graphology)", ext: "json" },
  { format: "nodes.csv", label: "Nodes CSV", ext: "nodes.csv" },
  { format: "edges.csv", label: "Edges CSV", ext: "edges.csv" },
];

export function download(fileName: string, content: string | Blob, mime: string): void {
  const blob = typeof content === "string" ? new Blob([content], { type: `${mime};charset=utf-8` }) : content;
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  a.rel = "noopener";
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function exportGraph(src: ExportSource, format: ExportFormat, scope: "all" | "shown"): string {
  const g = subgraph(src.graph(), scope === "shown" ? src.visibility() : null);
  const ext = GRAPH_FORMATS.find((f) => f.format === format)?.ext ?? format;
  const name = `${src.baseName()}${scope === "shown" ? "-filtered" : ""}.${ext}`;
  download(name, serializeGraph(g, format), MIME_TYPES[format]);
  return name;
}

export async function exportPng(src: ExportSource): Promise<string> {
  const sigma = src.sigma();
  if (!sigma) throw new Error("Nothing to export yet.");
  const name = `${src.baseName()}-view`;
  await downloadAsPNG(sigma, { fileName: name, backgroundColor: "#ffffff" });
  return `${name}.png`;
}
