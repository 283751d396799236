// The page's side of load-worker.ts: builds the graph from the worker's messages. With a skeleton,
// the graph exists early (nodes, then edges with relation and weight) and gets the rest of its
// attributes in place when the file has been checked; without one (or when the skeleton and the
// checked file differ), the graph is built from the checked attributes alone.
import { createGraph, type KnowledgeGraph } from "../graph";
import type { EdgeAttributes, NodeAttributes } from "../types";
import type { LoaderRequest } from "./load-worker";
import { newLoaderWorker, type StartedLoader } from "./prefetch";
import type { EdgeSkeleton, NodeSkeleton } from "./skeleton";
import { drain } from "./tasks";

export type LoaderMessage =
  | { type: "response"; ok: boolean; status: number; statusText: string }
  | { type: "large" }
  | { type: "someNodes"; keys: string[]; types: string[] }
  | { type: "nodes"; nodes: NodeSkeleton; timing?: { firstBytes: number; scanned: number } }
  | { type: "edges"; edges: EdgeSkeleton }
  | { type: "graph"; attributes: Record<string, unknown>; order: number; size: number; sameAsSkeleton: boolean }
  | { type: "articles"; articles: unknown[] }
  | {
      type: "nodeAttributes";
      /** Index of the batch's first node, and how many. */
      first: number;
      count: number;
      /** The nodes, when the page does not hold them from the skeleton. */
      keys?: string[];
      attributes?: NodeAttributes[];
      /** Otherwise: their aliases, and attributes beyond the contract's by index in the batch. */
      aliases?: unknown[];
      extras?: [number, Record<string, unknown>][];
      lazy: string;
      bytes: Uint8Array;
      at: Uint32Array;
    }
  | {
      type: "edgeAttributes";
      /** Index of the batch's first edge, and how many. */
      first: number;
      count: number;
      /** The edges, when the page does not hold them from the skeleton. */
      keys?: string[];
      ends?: string[];
      attributes?: EdgeAttributes[];
      /** Otherwise: attributes beyond the contract's, by index in the batch. */
      extras?: [number, Record<string, unknown>][];
      lazy: string;
      bytes: Uint8Array;
      at: Uint32Array;
      dates: string[][];
    }
  | { type: "done" }
  | { type: "error"; message: string };

export interface LoadCallbacks {
  /** The file holds many nodes (more than the scan's LARGE_GRAPH_NODES): a large graph is coming. */
  large?(): void;
  /** Nodes of a large graph read so far (keys and types, in order, the next ones each time), before all have arrived. */
  someNodes?(keys: string[], types: string[]): void;
  /** The nodes have arrived (keys, names, types): a first picture of them, before the graph is built. */
  preview?(nodes: NodeSkeleton): Promise<void> | void;
  /** The graph holds its nodes (label, label_en, type): they can be drawn. */
  nodes?(graph: KnowledgeGraph): void;
  /** The graph holds its edges too (relation, weight, symmetric): it can be laid out. */
  edges?(graph: KnowledgeGraph): void;
}

export interface LoadedGraph {
  graph: KnowledgeGraph;
  /** Whether `graph` is the one given to the callbacks, now complete. */
  early: boolean;
  /** Each edge's dates (GraphModel.edgeDates), computed in the worker. */
  edgeDates: Map<string, string[]>;
}

/** Attributes the page adds for display: the checked file's attributes do not replace them. */
const DISPLAY_KEYS = ["x", "y", "size", "curvature"] as const;

export interface LoadResponse {
  ok: boolean;
  status: number;
  statusText: string;
}

export class GraphLoad {
  readonly done: Promise<LoadedGraph>;
  /** The answer to the worker's fetch (at once for a stream or a file). */
  readonly response: Promise<LoadResponse>;
  private worker: Worker;
  private cancelled = false;

  /** Reads `req` in a new worker, or takes over a worker already reading (prefetch.ts). */
  constructor(req: LoaderRequest | (StartedLoader & { name: string; url?: string }), cb: LoadCallbacks = {}) {
    const started = "worker" in req ? req : null;
    this.worker = started ? started.worker : newLoaderWorker();
    let early: KnowledgeGraph | null = null;
    let target: KnowledgeGraph | null = null;
    let reuse = false;
    const edgeDates = new Map<string, string[]>();
    let edgeKeys: string[] | undefined;
    let nodeKeys: string[] | undefined;
    let queue = Promise.resolve();
    let answered: (r: LoadResponse) => void = () => undefined;
    let refused: (e: Error) => void = () => undefined;
    this.response =
      "url" in req && req.url
        ? new Promise<LoadResponse>((res, rej) => {
            answered = res;
            refused = rej;
          })
        : Promise.resolve({ ok: true, status: 200, statusText: "OK" });
    this.response.catch(() => undefined);
    this.done = new Promise<LoadedGraph>((resolve, reject) => {
      const fail = (err: Error) => {
        this.worker.terminate();
        refused(err);
        reject(err);
      };
      // Messages are handled one after the other; adding 100k edges is sliced, so it may await.
      const handle = async (m: LoaderMessage): Promise<void> => {
        if (this.cancelled) return;
        switch (m.type) {
          case "response":
            answered(m);
            break;
          case "large":
            cb.large?.();
            break;
          case "someNodes":
            cb.someNodes?.(m.keys, m.types);
            break;
          case "nodes": {
            // When the worker got the first bytes and finished the nodes (epoch ms → this page's clock).
            if (m.timing) {
              performance.mark("kg:bytes", { startTime: m.timing.firstBytes - performance.timeOrigin });
              performance.mark("kg:nodes-scanned", { startTime: m.timing.scanned - performance.timeOrigin });
            }
            await cb.preview?.(m.nodes);
            if (this.cancelled) break;
            early = createGraph();
            const n = m.nodes;
            for (let i = 0; i < n.keys.length; i++) early.addNode(n.keys[i], { label: n.labels[i], label_en: n.labelsEn[i], type: n.types[i] } as NodeAttributes);
            cb.nodes?.(early);
            break;
          }
          case "edges": {
            const g = early;
            if (!g) break;
            const ok = await drain(addSkeletonEdges(g, m.edges), () => this.cancelled);
            if (ok && !this.cancelled) cb.edges?.(g);
            break;
          }
          case "graph":
            reuse = m.sameAsSkeleton && !!early && early.order === m.order && early.size === m.size;
            target = reuse ? early! : createGraph();
            target.replaceAttributes({ ...m.attributes, articles: [] } as never);
            break;
          case "articles":
            (target!.getAttribute("articles") as unknown[]).push(...m.articles);
            break;
          case "nodeAttributes": {
            const g = target!;
            const batch = { bytes: m.bytes, at: m.at };
            if (m.keys && m.attributes) {
              for (let i = 0; i < m.count; i++) {
                const attrs = m.attributes[i] as unknown as Record<string, unknown>;
                lazyJson(attrs, m.lazy, batch, i);
                g.addNode(m.keys[i], attrs as unknown as NodeAttributes);
              }
            } else {
              // The skeleton's nodes, in the same order: their aliases and mentions (lazy) to add.
              nodeKeys ??= g.nodes();
              for (let i = 0; i < m.count; i++) {
                const attrs = g.getNodeAttributes(nodeKeys[m.first + i]) as unknown as Record<string, unknown>;
                attrs.aliases = m.aliases![i];
                lazyJson(attrs, m.lazy, batch, i);
              }
              for (const [i, extra] of m.extras ?? []) keepDisplay(g.getNodeAttributes(nodeKeys[m.first + i]) as unknown as Record<string, unknown>, extra);
            }
            break;
          }
          case "edgeAttributes": {
            const g = target!;
            const batch = { bytes: m.bytes, at: m.at };
            if (m.keys && m.ends && m.attributes) {
              for (let i = 0; i < m.count; i++) {
                const attrs = m.attributes[i] as unknown as Record<string, unknown>;
                lazyJson(attrs, m.lazy, batch, i);
                g.addDirectedEdgeWithKey(m.keys[i], m.ends[2 * i], m.ends[2 * i + 1], attrs as unknown as EdgeAttributes);
                edgeDates.set(m.keys[i], m.dates[i]);
              }
            } else {
              // The skeleton's edges, in the same order: only the evidence (lazy) and dates to add.
              edgeKeys ??= g.edges();
              for (let i = 0; i < m.count; i++) {
                const key = edgeKeys[m.first + i];
                lazyJson(g.getEdgeAttributes(key) as unknown as Record<string, unknown>, m.lazy, batch, i);
                edgeDates.set(key, m.dates[i]);
              }
              for (const [i, extra] of m.extras ?? []) keepDisplay(g.getEdgeAttributes(edgeKeys[m.first + i]) as unknown as Record<string, unknown>, extra);
            }
            break;
          }
          case "done":
            this.worker.terminate();
            resolve({ graph: target!, early: reuse, edgeDates });
            break;
          case "error":
            fail(new Error(m.message));
            break;
        }
      };
      const onMessage = (e: MessageEvent<LoaderMessage>) => {
        queue = queue.then(() => handle(e.data)).catch((err) => fail(err instanceof Error ? err : new Error(String(err))));
      };
      const onError = (e: ErrorEvent) => {
        e.preventDefault();
        fail(new Error(`${req.name}: could not be read (${e.message || "the reader stopped"})`));
      };
      for (const e of started?.backlog ?? []) {
        if (e.type === "error") onError(e as ErrorEvent);
        else onMessage(e as MessageEvent<LoaderMessage>);
      }
      this.worker.onmessage = onMessage;
      this.worker.onerror = onError;
    });
    this.done.catch(() => undefined);
    if (!started) {
      const r = req as LoaderRequest;
      this.worker.postMessage(r, r.stream ? [r.stream as unknown as Transferable] : []);
    }
  }

  cancel(): void {
    this.cancelled = true;
    this.worker.terminate();
  }
}

function* addSkeletonEdges(g: KnowledgeGraph, e: EdgeSkeleton): Generator<void, true> {
  const keys = g.nodes();
  for (let i = 0; i < e.keys.length; i++) {
    const attrs: Record<string, unknown> = { relation: e.relations[e.relation[i]], weight: e.weight[i] };
    if (e.symmetric[i]) attrs.symmetric = true;
    g.addDirectedEdgeWithKey(e.keys[i], keys[e.source[i]], keys[e.target[i]], attrs as unknown as EdgeAttributes);
    if ((i & 1023) === 1023) yield;
  }
  return true;
}

const utf8 = new TextDecoder();

interface LazyBatch {
  bytes: Uint8Array;
  at: Uint32Array;
}

// Where a lazy attribute's JSON is: the batch and the item's index, in hidden properties. The
// accessor is the same function for every object, so objects of one shape share it (no closure,
// no per-object descriptor kept).
const BATCH = Symbol("lazy batch");
const ITEM = Symbol("lazy item");
type Lazy = Record<PropertyKey, unknown> & { [BATCH]: LazyBatch; [ITEM]: number };
const accessors = new Map<string, PropertyDescriptor>();

function settle(obj: object, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
}

/**
 * Defines `key` on `obj` as the UTF-8 JSON value of `batch`'s item `item`, parsed when first read
 * (then a plain property: reads, writes, spreads and exports see an ordinary value).
 */
function lazyJson(obj: Record<string, unknown>, key: string, batch: LazyBatch, item: number): void {
  let accessor = accessors.get(key);
  if (!accessor) {
    accessor = {
      configurable: true,
      enumerable: true,
      get(this: Lazy) {
        const { bytes, at } = this[BATCH];
        const i = this[ITEM];
        const value: unknown = JSON.parse(utf8.decode(bytes.subarray(at[2 * i], at[2 * i + 1])));
        settle(this, key, value);
        return value;
      },
      set(this: Lazy, value: unknown) {
        settle(this, key, value);
      },
    };
    accessors.set(key, accessor);
  }
  Object.defineProperty(obj, BATCH, { value: batch, writable: true, configurable: true });
  Object.defineProperty(obj, ITEM, { value: item, writable: true, configurable: true });
  Object.defineProperty(obj, key, accessor);
}

/** Puts the checked attributes into `into`, keeping the display attributes it already has. */
function keepDisplay(into: Record<string, unknown>, from: Record<string, unknown>): void {
  const kept = DISPLAY_KEYS.map((k) => into[k]);
  // Property by property, hidden ones too, so a lazy attribute stays lazy (Object.assign would read it).
  for (const k of Reflect.ownKeys(from)) Object.defineProperty(into, k, Object.getOwnPropertyDescriptor(from, k)!);
  DISPLAY_KEYS.forEach((k, i) => {
    if (kept[i] === undefined) delete into[k];
    else into[k] = kept[i];
  });
}
