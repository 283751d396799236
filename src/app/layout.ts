// Positions: deterministic starting positions from the node keys (same graph → same start), then
// ForceAtlas2 in a web worker for a fixed number of iterations (so the first view is the same on
// every load), a run/stop control for more, and a noverlap pass to pull overlapping nodes apart.
import FA2Layout from "graphology-layout-forceatlas2/worker";
import forceAtlas2 from "graphology-layout-forceatlas2";
import noverlap from "graphology-layout-noverlap";
import type Graph from "graphology";

/** A 32-bit hash of a string (FNV-1a), spread by a final mix. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

/** Starting positions from the keys alone, on a disc; nodes that already have a position keep it. */
export function seedPositions(graph: Graph, onlyMissing = true): void {
  const n = Math.max(1, graph.order);
  const radius = 10 * Math.sqrt(n);
  graph.forEachNode((node, attrs) => {
    if (onlyMissing && Number.isFinite(attrs.x) && Number.isFinite(attrs.y)) return;
    // A new node next to an already placed neighbour starts near it, so a growing graph keeps its shape.
    let anchor: { x: number; y: number } | null = null;
    if (onlyMissing) {
      for (const nb of graph.neighbors(node)) {
        const a = graph.getNodeAttributes(nb);
        if (Number.isFinite(a.x) && Number.isFinite(a.y)) {
          anchor = { x: a.x, y: a.y };
          break;
        }
      }
    }
    const h1 = hash32(node) / 2 ** 32;
    const h2 = hash32(`${node}#r`) / 2 ** 32;
    const angle = 2 * Math.PI * h1;
    const r = anchor ? 2 + 3 * h2 : radius * Math.sqrt(h2);
    graph.mergeNodeAttributes(node, { x: (anchor?.x ?? 0) + r * Math.cos(angle), y: (anchor?.y ?? 0) + r * Math.sin(angle) });
  });
}

export type LayoutStatus = "idle" | "running" | "settling";

export class Layout {
  private fa2: FA2Layout | null = null;
  private remaining = 0;
  private onDone: (() => void) | null = null;
  private listener = () => this.tick();

  constructor(
    private graph: Graph,
    private onStatus: (s: LayoutStatus) => void,
  ) {}

  private supervisor(): FA2Layout {
    if (!this.fa2) {
      const inferred = forceAtlas2.inferSettings(this.graph);
      this.fa2 = new FA2Layout(this.graph, {
        settings: { ...inferred, gravity: 1, scalingRatio: 8, slowDown: 4, edgeWeightInfluence: 0.5, adjustSizes: false, barnesHutOptimize: this.graph.order > 300 },
        getEdgeWeight: (_e, a) => Math.max(1, Number(a.weight) || 1),
      });
    }
    return this.fa2;
  }

  get running(): boolean {
    return !!this.fa2?.isRunning();
  }

  /** Runs exactly `iterations` iterations (each worker answer is one), then stops and calls back. */
  settle(iterations: number, done?: () => void): void {
    if (this.graph.order < 2) {
      this.onStatus("idle");
      done?.();
      return;
    }
    this.stop();
    this.remaining = iterations;
    this.onDone = done ?? null;
    this.graph.on("eachNodeAttributesUpdated", this.listener);
    this.supervisor().start();
    this.onStatus("settling");
  }

  private tick(): void {
    if (this.remaining <= 0) return;
    this.remaining -= 1;
    if (this.remaining === 0) {
      this.graph.off("eachNodeAttributesUpdated", this.listener);
      this.fa2?.stop();
      this.onStatus("idle");
      const done = this.onDone;
      this.onDone = null;
      done?.();
    }
  }

  /** Free-running layout until stopped. */
  start(): void {
    this.remaining = 0;
    this.graph.off("eachNodeAttributesUpdated", this.listener);
    this.supervisor().start();
    this.onStatus("running");
  }

  stop(): void {
    this.remaining = 0;
    this.onDone = null;
    this.graph.off("eachNodeAttributesUpdated", this.listener);
    if (this.fa2?.isRunning()) this.fa2.stop();
    this.onStatus("idle");
  }

  /** Pulls overlapping nodes apart; `unitsPerPixel` converts screen sizes to graph units. */
  spread(unitsPerPixel: number): void {
    const wasRunning = this.running;
    if (wasRunning) this.stop();
    noverlap.assign(this.graph, {
      maxIterations: 120,
      settings: { margin: 6 * unitsPerPixel, ratio: 1.15, expansion: 1.1 },
      inputReducer: (_key, a) => ({ x: a.x, y: a.y, size: (a.size ?? 5) * unitsPerPixel }),
    } as Parameters<typeof noverlap.assign>[1]);
  }

  kill(): void {
    this.graph.off("eachNodeAttributesUpdated", this.listener);
    this.fa2?.kill();
    this.fa2 = null;
  }
}
