// Dropping files on the page (or picking them with "Open…"): one graph file replaces the graph,
// article files (.txt, .html) are run through the extraction pipeline and grow it.
import { MAX_GRAPH_BYTES_BROWSER } from "../export/index";
import { MAX_ARTICLE_BYTES } from "../ingest/limits";

export type DropPlan =
  | { kind: "graph"; file: File }
  | { kind: "articles"; files: File[] }
  | { kind: "error"; message: string };

const GRAPH_EXT = /\.(json|gexf|graphml)$/i;
const ARTICLE_EXT = /\.(txt|html?|xhtml)$/i;
/** Larger files are refused before reading: graph files over 100 MB, articles over 50 MB. */
export function sizeLimit(name: string): number {
  return GRAPH_EXT.test(name) ? MAX_GRAPH_BYTES_BROWSER : MAX_ARTICLE_BYTES;
}

export function planDrop(files: { name: string; size: number }[]): DropPlan {
  if (files.length === 0) return { kind: "error", message: "No file was dropped." };
  const big = files.find((f) => f.size > sizeLimit(f.name));
  if (big) {
    const what = GRAPH_EXT.test(big.name) ? "graph files" : "files";
    const message = `${big.name}: too large (${Math.round(big.size / 1048576)} MB; ${what} over ${sizeLimit(big.name) / 1048576} MB are refused).`;
    return { kind: "error", message };
  }
  const graphs = files.filter((f) => GRAPH_EXT.test(f.name));
  const articles = files.filter((f) => ARTICLE_EXT.test(f.name));
  const other = files.filter((f) => !GRAPH_EXT.test(f.name) && !ARTICLE_EXT.test(f.name));
  if (other.length) {
    return { kind: "error", message: `${other[0].name}: not a graph (.json, .gexf, .graphml) or an article (.txt, .html).` };
  }
  if (graphs.length > 1) return { kind: "error", message: `Drop one graph file at a time (got ${graphs.map((f) => f.name).join(", ")}).` };
  if (graphs.length === 1 && articles.length) return { kind: "error", message: "Drop either a graph file or articles, not both at once." };
  if (graphs.length === 1) return { kind: "graph", file: graphs[0] as File };
  return { kind: "articles", files: articles as File[] };
}

/** Shows an overlay while files are dragged over the window, and hands dropped files on. */
export function installDrop(overlay: HTMLElement, onFiles: (files: File[]) => void): void {
  let depth = 0;
  const hasFiles = (e: DragEvent) => !!e.dataTransfer && [...e.dataTransfer.types].includes("Files");
  window.addEventListener("dragenter", (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth += 1;
    overlay.hidden = false;
  });
  window.addEventListener("dragover", (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = "copy";
  });
  window.addEventListener("dragleave", (e) => {
    if (!hasFiles(e)) return;
    depth = Math.max(0, depth - 1);
    if (depth === 0) overlay.hidden = true;
  });
  window.addEventListener("drop", (e) => {
    e.preventDefault();
    depth = 0;
    overlay.hidden = true;
    const files = e.dataTransfer ? [...e.dataTransfer.files] : [];
    onFiles(files);
  });
}
