// The view in the URL's hash: selection, filters, camera, display options and an open quote.
// encode/decode are pure (unit-tested); the rest reads and writes location without reloading.
import { defaultFilters, isIsoDate, type Filters } from "./model";

export interface CameraView {
  x: number;
  y: number;
  ratio: number;
}

export interface ViewState {
  node?: string;
  edge?: string;
  filters: Filters;
  camera?: CameraView;
  sizeBy: "degree" | "pagerank";
  lang: "vi" | "en";
  /** An open reader: article id and the quoted sentence's offsets. */
  read?: { article: string; start?: number; end?: number };
  /** A graph file to load instead of graph/graph.json (same origin). */
  graph?: string;
}

export function defaultViewState(): ViewState {
  return { filters: defaultFilters(), sizeBy: "degree", lang: "vi" };
}

const list = (s: string | null) => (s ? s.split(",").filter(Boolean) : []);
const num = (s: string | null) => (s !== null && s.trim() !== "" && Number.isFinite(Number(s)) ? Number(s) : undefined);
const round = (n: number, digits: number) => String(Number(n.toFixed(digits)));

export function encodeViewState(s: ViewState): string {
  const p = new URLSearchParams();
  if (s.graph) p.set("graph", s.graph);
  if (s.node) p.set("node", s.node);
  else if (s.edge) p.set("edge", s.edge);
  const f = s.filters;
  if (f.hiddenTypes.size) p.set("hide", [...f.hiddenTypes].sort().join(","));
  if (f.hiddenRelations.size) p.set("hiderel", [...f.hiddenRelations].sort().join(","));
  if (f.dateFrom) p.set("from", f.dateFrom);
  if (f.dateTo) p.set("to", f.dateTo);
  if (!f.includeUndated) p.set("undated", "0");
  if (f.minWeight > 1) p.set("minw", String(f.minWeight));
  if (f.hideIsolated) p.set("iso", "0");
  if (s.sizeBy !== "degree") p.set("size", s.sizeBy);
  if (s.lang !== "vi") p.set("lang", s.lang);
  if (s.read) p.set("read", s.read.start !== undefined && s.read.end !== undefined ? `${s.read.article}@${s.read.start}-${s.read.end}` : s.read.article);
  if (s.camera) p.set("cam", `${round(s.camera.x, 4)},${round(s.camera.y, 4)},${round(s.camera.ratio, 4)}`);
  return p.toString();
}

export function decodeViewState(hash: string): ViewState {
  const p = new URLSearchParams(hash.replace(/^#/, ""));
  const s = defaultViewState();
  const graph = p.get("graph");
  // Only a relative path or a same-origin path: never a script URL or another host.
  if (graph && /^[\w./-]+$/.test(graph) && !graph.startsWith("//")) s.graph = graph;
  s.node = p.get("node") || undefined;
  if (!s.node) s.edge = p.get("edge") || undefined;
  const f = s.filters;
  for (const t of list(p.get("hide"))) f.hiddenTypes.add(t);
  for (const r of list(p.get("hiderel"))) f.hiddenRelations.add(r);
  const from = p.get("from");
  const to = p.get("to");
  if (isIsoDate(from)) f.dateFrom = from;
  if (isIsoDate(to)) f.dateTo = to;
  if (p.get("undated") === "0") f.includeUndated = false;
  const minw = num(p.get("minw"));
  if (minw !== undefined && minw >= 1) f.minWeight = Math.floor(minw);
  if (p.get("iso") === "0") f.hideIsolated = true;
  if (p.get("size") === "pagerank") s.sizeBy = "pagerank";
  if (p.get("lang") === "en") s.lang = "en";
  const read = p.get("read");
  if (read) {
    const m = /^(.*)@(\d+)-(\d+)$/.exec(read);
    s.read = m ? { article: m[1], start: Number(m[2]), end: Number(m[3]) } : { article: read };
  }
  const cam = list(p.get("cam")).map((x) => num(x));
  if (cam.length === 3 && cam.every((x) => x !== undefined) && (cam[2] as number) > 0) {
    s.camera = { x: cam[0] as number, y: cam[1] as number, ratio: cam[2] as number };
  }
  return s;
}

export function readLocation(): ViewState {
  return decodeViewState(window.location.hash);
}

let pending: number | undefined;

/** Writes the state into the URL (replacing the history entry), at most every 200 ms. */
export function writeLocation(state: () => ViewState): void {
  if (pending !== undefined) return;
  pending = window.setTimeout(() => {
    pending = undefined;
    const hash = encodeViewState(state());
    const url = `${window.location.pathname}${window.location.search}${hash ? `#${hash}` : ""}`;
    if (url !== `${window.location.pathname}${window.location.search}${window.location.hash}`) {
      window.history.replaceState(null, "", url);
    }
  }, 200);
}
