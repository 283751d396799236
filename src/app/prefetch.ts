// The first thing the page runs (main.ts): fetch the graph named in the URL and, for a .json file,
// hand its bytes to the loader worker at once, so the nodes are scanned while the rest of the
// explorer's code is still loading. The app takes both when it boots.
import { readLocation } from "./url-state";

export const DEFAULT_GRAPH = "graph/graph.json";

/** A loader worker (load-worker.ts) and the messages it sent before anyone listened. */
export interface StartedLoader {
  worker: Worker;
  backlog: Event[];
}

export function newLoaderWorker(): Worker {
  return new Worker(new URL("./load-worker.ts", import.meta.url), { type: "module", name: "graph-loader" });
}

interface Early {
  url: string;
  /** A .json graph: fetched and read by a loader worker. */
  loader?: StartedLoader;
  /** Another file: fetched here. */
  response?: Promise<Response>;
}

let early: Early | null = null;
try {
  const url = readLocation().graph ?? DEFAULT_GRAPH;
  const name = url.split("/").pop() || "graph.json";
  performance.mark("kg:fetch");
  if (/\.json$/i.test(name)) {
    // The worker fetches: the bytes go straight to it, not through this (busy) thread.
    const worker = newLoaderWorker();
    const backlog: Event[] = [];
    worker.onmessage = (e) => backlog.push(e);
    worker.onerror = (e) => {
      e.preventDefault();
      backlog.push(e);
    };
    worker.postMessage({ name, url: new URL(url, document.baseURI).href, skeleton: true });
    early = { url, loader: { worker, backlog } };
  } else {
    const response = fetch(url, { cache: "no-cache" });
    // Failures are reported by the app when it takes the response.
    response.catch(() => undefined);
    early = { url, response };
  }
} catch {
  early = null;
}

/** What the page started for `url` (once): a loader worker, or a response. */
export function takePrefetch(url: string): Omit<Early, "url"> | null {
  const e = early;
  early = null;
  if (e && e.url !== url) e.loader?.worker.terminate();
  return e && e.url === url ? e : null;
}
