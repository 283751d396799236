// Reads a graph.json off the main thread. While the bytes arrive, a streaming scan (skeleton.ts)
// sends the nodes, then the edges, so the page can draw them at once; at the end the text is parsed
// and checked exactly as readGraphFile does, and the checked attributes are sent in small batches
// (each one a short task for the page to take in). Messages: see LoaderMessage in loader.ts.
import type { KnowledgeGraph } from "../graph";
import { edgeDates } from "./model";
import { SkeletonScanner, type EdgeSkeleton, type NodeSkeleton } from "./skeleton";

// The parser and the checks (zod, graphology) load once the nodes are scanned (or at once without a
// scan): compiling them sooner would take this thread from the scan while the nodes are awaited.
let parsing: Promise<typeof import("./load-parse")> | null = null;
function parser(): Promise<typeof import("./load-parse")> {
  if (!parsing) {
    parsing = import("./load-parse");
    parsing.catch(() => undefined);
  }
  return parsing;
}

export interface LoaderRequest {
  name: string;
  /** An absolute URL to fetch here, in the worker: the bytes then never pass through the page. */
  url?: string;
  /** Largest file read (default: the explorer's limit, MAX_GRAPH_BYTES_BROWSER). */
  maxBytes?: number;
  /** Scan and send the skeleton while reading (a .json file read from the network). */
  skeleton: boolean;
  stream?: ReadableStream<Uint8Array>;
  file?: Blob;
}

/** More nodes than this: the page can set itself up for a large graph before the nodes are all here. */
export const LARGE_GRAPH_NODES = 1000;
/** A large graph's nodes are sent ahead in groups of this many as they are read (for the page's preview). */
const NODES_AHEAD = 2000;

const NODE_BATCH = 2000;
const EDGE_BATCH = 2000;
const ARTICLE_BATCH = 100;

const post = (msg: unknown, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(msg, transfer);

self.onmessage = (e: MessageEvent<LoaderRequest>) => {
  read(e.data).catch((err) => post({ type: "error", message: err instanceof Error ? err.message : String(err) }));
};

async function read(req: LoaderRequest): Promise<void> {
  let stream = req.stream ?? req.file?.stream();
  if (req.url) {
    const res = await fetch(req.url, { cache: "no-cache" });
    post({ type: "response", ok: res.ok, status: res.status, statusText: res.statusText });
    if (!res.ok) return;
    stream = res.body ?? undefined;
  }
  if (!stream) throw new Error(`${req.name}: nothing to read`);
  const scanner = req.skeleton
    ? new SkeletonScanner(
        (n) => post({ type: "nodes", nodes: n, timing: { firstBytes, scanned: performance.timeOrigin + performance.now() } }),
        // Copied, not transferred: the arrays are checked against the parsed graph at the end.
        (e) => post({ type: "edges", edges: e }),
      )
    : null;
  // Decoded (the same UTF-8 decoding as Response.text(): BOM dropped, bad bytes replaced) once the
  // skeleton is complete: until then the scan alone keeps up with the network, so the nodes and
  // edges reach the page as soon as their bytes are here.
  const decoder = new TextDecoder();
  const pieces: string[] = [];
  const waiting: Uint8Array[] = [];
  const decode = (bytes: Uint8Array) => pieces.push(decoder.decode(bytes, { stream: true }));
  let bytes = 0;
  // The limit is known once the parser has loaded (the scan does not wait for it).
  let maxBytes = req.maxBytes ?? 0;
  let parserAsked = false;
  const askParser = () => {
    parserAsked = true;
    void parser().then((m) => (maxBytes ||= m.MAX_GRAPH_BYTES_BROWSER));
  };
  if (!scanner) askParser();
  const reader = stream.getReader();
  let firstBytes = 0;
  let large = false;
  let ahead = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    firstBytes ||= performance.timeOrigin + performance.now();
    bytes += value.length;
    // A UTF-16 text is at least a third of its UTF-8 bytes: past this, it is too large whatever it holds.
    if (maxBytes && bytes > maxBytes * 3 + 3) {
      await reader.cancel().catch(() => undefined);
      throw new Error((await parser()).graphTooLarge(req.name, bytes, maxBytes));
    }
    scanner?.push(value);
    if (!parserAsked && (!scanner || scanner.nodes || scanner.failed)) askParser();
    if (!large && scanner && scanner.nodeCount > LARGE_GRAPH_NODES) {
      large = true;
      post({ type: "large" });
    }
    if (large && scanner && !scanner.nodes && !scanner.failed && scanner.nodeCount - ahead >= NODES_AHEAD) {
      post({ type: "someNodes", ...scanner.nodesSince(ahead) });
      ahead = scanner.nodeCount;
    }
    if (scanner && !scanner.done && !scanner.failed) waiting.push(value);
    else {
      for (const w of waiting.splice(0)) decode(w);
      decode(value);
    }
  }
  for (const w of waiting.splice(0)) decode(w);
  pieces.push(decoder.decode());
  scanner?.end();
  const text = pieces.join("");
  pieces.length = 0;
  const { readGraphFile, MAX_GRAPH_BYTES_BROWSER } = await parser();
  const graph = readGraphFile(req.name, text, { maxBytes: maxBytes || MAX_GRAPH_BYTES_BROWSER });
  const same = !!scanner && !scanner.failed && !!scanner.nodes && !!scanner.edges && sameAsSkeleton(graph, scanner.nodes, scanner.edges);
  sendGraph(graph, same);
}

/** Whether the checked graph has exactly the nodes and edges the skeleton sent, in the same order. */
function sameAsSkeleton(graph: KnowledgeGraph, n: NodeSkeleton, e: EdgeSkeleton): boolean {
  if (graph.order !== n.keys.length || graph.size !== e.keys.length) return false;
  let i = 0;
  let ok = true;
  graph.forEachNode((node, a) => {
    if (ok && (node !== n.keys[i] || a.label !== n.labels[i] || (a.label_en ?? "") !== n.labelsEn[i] || a.type !== n.types[i])) ok = false;
    i++;
  });
  if (!ok) return false;
  i = 0;
  graph.forEachEdge((edge, a, source, target) => {
    if (
      ok &&
      (edge !== e.keys[i] ||
        source !== n.keys[e.source[i]] ||
        target !== n.keys[e.target[i]] ||
        a.relation !== e.relations[e.relation[i]] ||
        a.weight !== e.weight[i] ||
        (a.symmetric === true ? 1 : 0) !== e.symmetric[i])
    )
      ok = false;
    i++;
  });
  return ok;
}

/**
 * Lists that are long and read rarely (a node's mentions, an edge's evidence) travel as UTF-8 JSON,
 * one buffer per batch with each item's byte offsets: the page parses one when it is first read
 * (see loader.ts). Buffers are transferred, not copied, and their bytes are outside the page's
 * JavaScript heap, where hundreds of thousands of objects would keep its garbage collector busy.
 */
class JsonPack {
  private parts: Uint8Array[] = [];
  private length = 0;
  readonly at: number[] = [];
  private encoder = new TextEncoder();
  add(value: unknown): void {
    const bytes = this.encoder.encode(JSON.stringify(value ?? null));
    this.at.push(this.length, this.length + bytes.length);
    this.parts.push(bytes);
    this.length += bytes.length;
  }
  bytes(): Uint8Array {
    const out = new Uint8Array(this.length);
    let o = 0;
    for (const p of this.parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  }
}

/** Attributes the skeleton already holds on the page, or sent on their own. */
const NODE_SENT = new Set(["label", "label_en", "type", "aliases", "mentions"]);
const EDGE_SENT = new Set(["relation", "weight", "symmetric", "evidence"]);

function sendGraph(graph: KnowledgeGraph, sameAsSkeleton: boolean): void {
  const { articles, ...rest } = graph.getAttributes();
  post({ type: "graph", attributes: rest, order: graph.order, size: graph.size, sameAsSkeleton });
  const list = Array.isArray(articles) ? articles : [];
  for (let i = 0; i < list.length; i += ARTICLE_BATCH) post({ type: "articles", articles: list.slice(i, i + ARTICLE_BATCH) });
  const articleDate = new Map(list.map((a) => [a.id, a.date]));
  // Nodes, and then edges: the page has them from the skeleton when it matched; then only what it
  // lacks is sent, for the items in the same order: aliases, attributes beyond the contract's, and
  // the long lists (mentions, evidence) as lazy JSON.
  let keys: string[] = [];
  let attrs: unknown[] = [];
  let aliases: unknown[] = [];
  let extras: [number, Record<string, unknown>][] = [];
  let pack = new JsonPack();
  let first = 0;
  const flushNodes = () => {
    const bytes = pack.bytes();
    const count = pack.at.length / 2;
    const whole = sameAsSkeleton ? { aliases, extras } : { keys, attributes: attrs };
    post({ type: "nodeAttributes", first, count, ...whole, lazy: "mentions", bytes, at: Uint32Array.from(pack.at) }, [bytes.buffer]);
    first += count;
    keys = [];
    attrs = [];
    aliases = [];
    extras = [];
    pack = new JsonPack();
  };
  graph.forEachNode((node, a) => {
    const { mentions, ...small } = a;
    if (sameAsSkeleton) {
      aliases.push(small.aliases);
      const extra = Object.entries(small).filter(([k]) => !NODE_SENT.has(k));
      if (extra.length) extras.push([aliases.length - 1, Object.fromEntries(extra)]);
    } else {
      keys.push(node);
      attrs.push(small);
    }
    pack.add(mentions);
    if (pack.at.length / 2 === NODE_BATCH) flushNodes();
  });
  if (pack.at.length) flushNodes();
  first = 0;
  // Edges: the page has them from the skeleton when it matched; then only the evidence (lazy), the
  // dates and any attribute beyond the contract's are sent, for the edges in the same order.
  let ends: string[] = [];
  let dates: string[][] = [];
  const flushEdges = () => {
    const bytes = pack.bytes();
    const count = dates.length;
    const whole = sameAsSkeleton ? { extras } : { keys, ends, attributes: attrs };
    post({ type: "edgeAttributes", first, count, ...whole, lazy: "evidence", bytes, at: Uint32Array.from(pack.at), dates }, [bytes.buffer]);
    first += count;
    keys = [];
    ends = [];
    attrs = [];
    dates = [];
    extras = [];
    pack = new JsonPack();
  };
  graph.forEachEdge((edge, a, source, target) => {
    const { evidence, ...small } = a;
    if (sameAsSkeleton) {
      const extra = Object.entries(small).filter(([k]) => !EDGE_SENT.has(k));
      if (extra.length) extras.push([dates.length, Object.fromEntries(extra)]);
    } else {
      keys.push(edge);
      ends.push(source, target);
      attrs.push(small);
    }
    pack.add(evidence);
    dates.push(edgeDates(evidence, (id) => articleDate.get(id)));
    if (dates.length === EDGE_BATCH) flushEdges();
  });
  if (dates.length) flushEdges();
  post({ type: "done" });
}
