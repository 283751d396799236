// Graph files in and out: pure functions, no fs, usable in Node and in the browser.
//
//   serializeGraph(graph, format)      one format as text
//   exportAll(graph)                   the five output files { fileName, content }
//   readGraphFile(fileName, text, { DOMParser })
//                                      a graph file back to a KnowledgeGraph, the parser picked by
//                                      the extension (.json, .gexf, .graphml); XML needs a DOMParser
//                                      (window.DOMParser in the browser, @xmldom/xmldom in Node).
// Errors are one line: "graph.gexf: not valid XML at line 3 (…)", "x.json: node 'RUS' has no label".
import type { KnowledgeGraph } from "../graph";
import { canonicalize, graphFromData, type CanonicalGraph } from "./canonical";
import { edgesCsvPieces, nodesCsvPieces } from "./csv";
import { encodeValue } from "./encode";
import { gexfPieces, gexfSteps, gexfToData } from "./gexf";
import { graphmlPieces, graphmlSteps, graphmlToData } from "./graphml";
import { jsonPieces, parseJsonText } from "./json";
import { validateGraphData } from "./schema";
import type { XmlOptions } from "./xml";

export type ExportFormat = "json" | "gexf" | "graphml" | "nodes.csv" | "edges.csv";
export type ReadableFormat = "json" | "gexf" | "graphml";

export interface OutputFile {
  fileName: string;
  content: string;
}

/** The five files a build writes, in this order. */
export const OUTPUT_FILES: readonly { fileName: string; format: ExportFormat }[] = [
  { fileName: "graph.json", format: "json" },
  { fileName: "graph.gexf", format: "gexf" },
  { fileName: "graph.graphml", format: "graphml" },
  { fileName: "nodes.csv", format: "nodes.csv" },
  { fileName: "edges.csv", format: "edges.csv" },
];

/** MIME types, for downloads from the explorer. */
export const MIME_TYPES: Record<ExportFormat, string> = {
  json: "application/json",
  gexf: "application/gexf+xml",
  graphml: "application/graphml+xml",
  "nodes.csv": "text/csv",
  "edges.csv": "text/csv",
};

/** Each format's writer: the file as pieces of text, made as they are read (see exportPieces), from the graph in canonical form. */
const WRITERS: Record<ExportFormat, (c: CanonicalGraph) => Iterable<string>> = {
  json: jsonPieces,
  gexf: gexfPieces,
  graphml: graphmlPieces,
  "nodes.csv": nodesCsvPieces,
  "edges.csv": edgesCsvPieces,
};

export function serializeGraph(graph: KnowledgeGraph, format: ExportFormat): string {
  const write = Object.hasOwn(WRITERS, format) ? WRITERS[format] : undefined;
  if (!write) throw new Error(`unknown export format '${String(format)}'`);
  return [...write(canonicalize(graph))].join("");
}

/** graph.json, graph.gexf, graph.graphml, nodes.csv, edges.csv, each whole. Same graph → same bytes. */
export function exportAll(graph: KnowledgeGraph): OutputFile[] {
  return exportPieces(graph).map(({ fileName, content }) => ({ fileName, content: [...content].join("") }));
}

/** The output files of `formats` (all five without), in their order. */
const chosen = (formats?: readonly ExportFormat[]) => OUTPUT_FILES.filter(({ format }) => !formats || formats.includes(format));

/**
 * The five files (or those of `formats`) for writing to disk, each as pieces made when read, in
 * order. No string holds a whole file (a JavaScript string ends at 2^29 − 24 characters; graph.json
 * of 50k articles is 1.35 billion), and only a piece of one file is in memory at a time.
 */
export function exportPieces(graph: KnowledgeGraph, formats?: readonly ExportFormat[]): Array<{ fileName: string; content: Iterable<string> }> {
  // One canonical form for the files, made when the first is read.
  let c: CanonicalGraph | undefined;
  return chosen(formats).map(({ fileName, format }) => ({
    fileName,
    content: (function* () {
      yield* WRITERS[format]((c ??= canonicalize(graph)));
    })(),
  }));
}

/** The pieces of several files in one stream, each tagged with its file's place in `fileNames`. */
export interface TaggedPieces {
  fileNames: string[];
  pieces: Iterable<[file: number, piece: string]>;
}

/**
 * The files of exportPieces as one stream, for writing them all: each file's first piece is "",
 * saying it starts. graph.gexf and graph.graphml are made side by side (see sideBySide).
 */
export function exportStream(graph: KnowledgeGraph, formats?: readonly ExportFormat[]): TaggedPieces {
  const files = chosen(formats);
  const at = (format: ExportFormat) => files.findIndex((f) => f.format === format);
  function* pieces(): Generator<[number, string]> {
    const c = canonicalize(graph);
    for (const [i, { format }] of files.entries()) {
      if (format === "graphml" && at("gexf") >= 0) continue; // made with graph.gexf
      if (format === "gexf" && at("graphml") >= 0) {
        yield* sideBySide(c, i, at("graphml"));
        continue;
      }
      yield [i, ""];
      for (const piece of WRITERS[format](c)) yield [i, piece];
    }
  }
  return { fileNames: files.map((f) => f.fileName), pieces: pieces() };
}

/**
 * graph.gexf and graph.graphml, element by element in turn. Both write each list (mentions,
 * evidence) as the same JSON text, made here once for the two: a third of their time went to
 * making it (bench/NOTES.md, thirteenth round). Only the current element's texts are kept.
 */
function* sideBySide(c: CanonicalGraph, gexfAt: number, graphmlAt: number): Generator<[number, string]> {
  // A new map for every step, not one cleared: with one cleared map the old generation grew by
  // 260 MB at 10k articles (probably as V8 gives a cleared map that has grown old its new table
  // there, so the texts it held were kept until a full collection).
  let made = new Map<unknown, unknown>();
  const encode = (v: unknown) => {
    if (v === null || typeof v !== "object") return v;
    let text = made.get(v);
    if (text === undefined) made.set(v, (text = encodeValue(v)));
    return text;
  };
  const gexf = gexfSteps(c, encode);
  const graphml = graphmlSteps(c, encode);
  // The heads one after the other (they hold the articles, which are written an item at a time).
  yield* head(gexf, gexfAt);
  yield* head(graphml, graphmlAt);
  // Then one step each for every node, every edge and the end, so they keep in step.
  for (;;) {
    const gexfDone = yield* step(gexf, gexfAt);
    const graphmlDone = yield* step(graphml, graphmlAt);
    if (gexfDone && graphmlDone) return;
    made = new Map();
  }
}

/** A file's start ("") and the pieces of its head, up to the `null` that ends it. */
function* head(steps: Iterator<string | null>, at: number): Generator<[number, string]> {
  yield [at, ""];
  for (let r = steps.next(); r.value !== null && !r.done; r = steps.next()) if (r.value) yield [at, r.value];
}

/** The next step of a file's steps, as a tagged piece if it gave one; whether the file is done. */
function* step(steps: Iterator<string | null>, at: number): Generator<[number, string], boolean> {
  const r = steps.next();
  if (r.value) yield [at, r.value];
  return r.done === true;
}

/** The last path segment: works with / and \ separators. */
export function baseName(fileName: string): string {
  return fileName.split(/[\\/]/).pop() ?? fileName;
}

/** The export format a file name stands for (graph.gexf → gexf, nodes.csv → nodes.csv), or undefined. */
export function formatOfFileName(fileName: string): ExportFormat | undefined {
  const name = baseName(fileName).toLowerCase();
  if (name.endsWith("nodes.csv")) return "nodes.csv";
  if (name.endsWith("edges.csv")) return "edges.csv";
  const ext = /\.([a-z0-9]+)$/.exec(name)?.[1];
  if (ext === "json") return "json";
  if (ext === "gexf") return "gexf";
  if (ext === "graphml") return "graphml";
  return undefined;
}

/** Extensions readGraphFile accepts (for file pickers: `accept=".json,.gexf,.graphml"`). */
export const READABLE_EXTENSIONS = [".json", ".gexf", ".graphml"] as const;

export interface ReadOptions {
  /** Needed for .gexf and .graphml: window.DOMParser, or DOMParser from @xmldom/xmldom. */
  DOMParser?: XmlOptions["DOMParser"];
  /** Largest file read (default MAX_GRAPH_BYTES); the text's length stands in for its size. */
  maxBytes?: number;
}

/** Graph files larger than this are refused: `kg stats` and `kg show` check before reading. */
export const MAX_GRAPH_BYTES = 200 * 1024 * 1024;
/** The explorer's limit: a browser tab holds the text, the parsed file and the drawn graph at once. */
export const MAX_GRAPH_BYTES_BROWSER = 100 * 1024 * 1024;

/** "graph.json: too large (230 MB; graph files over 200 MB are refused)". */
export function graphTooLarge(fileName: string, bytes: number, limit: number): string {
  const mb = (n: number) => `${Math.round(n / (1024 * 1024))} MB`;
  return `${fileName}: too large (${mb(bytes)}; graph files over ${mb(limit)} are refused)`;
}

/**
 * A graph file (text) → KnowledgeGraph, validated against the graph contract. JSON-string
 * attributes of GEXF and GraphML are turned back into lists and objects, so that
 * readGraphFile("graph.gexf", serializeGraph(g, "gexf")) gives back g.
 * Throws an Error with a one-line message naming the file and what is wrong.
 */
export function readGraphFile(fileName: string, text: string, opts: ReadOptions = {}): KnowledgeGraph {
  const name = fileName;
  const limit = opts.maxBytes ?? MAX_GRAPH_BYTES;
  if (text.length > limit) throw new Error(graphTooLarge(name, text.length, limit));
  const format = formatOfFileName(baseName(fileName));
  let data: unknown;
  const xml = opts.DOMParser ? { DOMParser: opts.DOMParser } : undefined;
  switch (format) {
    case "json":
      data = parseJsonText(text, name);
      break;
    case "gexf":
      data = gexfToData(text, name, xml);
      break;
    case "graphml":
      data = graphmlToData(text, name, xml);
      break;
    default:
      throw new Error(`${name}: cannot read this kind of file (expected ${READABLE_EXTENSIONS.join(", ")})`);
  }
  return graphFromData(validateGraphData(data, name), name);
}

export { canonicalize } from "./canonical";
export { LIST_SEPARATOR, NODE_COLUMNS, EDGE_COLUMNS } from "./csv";
export type { DOMParserLike } from "./xml";
