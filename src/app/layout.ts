// Positions: deterministic starting positions from the node keys (same graph → same start), then
// ForceAtlas2 in a web worker for a fixed number of iterations (so the first view is the same on
// every load), a run/stop control for more, and a noverlap pass to pull overlapping nodes apart
// (on the main thread for small graphs only, else in its web worker).
import FA2Layout from "graphology-layout-forceatlas2/worker";
import forceAtlas2 from "graphology-layout-forceatlas2";
import noverlap from "graphology-layout-noverlap";
import NoverlapLayout from "graphology-layout-noverlap/worker";
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

/** A node's starting position from its key alone, on a disc sized for `order` nodes. */
export function seedPoint(key: string, order: number): { x: number; y: number } {
  const angle = 2 * Math.PI * (hash32(key) / 2 ** 32);
  const r = 10 * Math.sqrt(Math.max(1, order)) * Math.sqrt(hash32(`${key}#r`) / 2 ** 32);
  return { x: r * Math.cos(angle), y: r * Math.sin(angle) };
}

/** Starting positions from the keys alone, on a disc; nodes that already have a position keep it. */
export function seedPositions(graph: Graph, onlyMissing = true): void {
  const n = Math.max(1, graph.order);
  // In place, one event for all (the nodes are placed in order, so a new node sees its placed neighbours).
  graph.updateEachNodeAttributes(
    (node, attrs) => {
      if (onlyMissing && Number.isFinite(attrs.x) && Number.isFinite(attrs.y)) return attrs;
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
      if (!anchor) {
        const p = seedPoint(node, n);
        attrs.x = p.x;
        attrs.y = p.y;
        return attrs;
      }
      const angle = 2 * Math.PI * (hash32(node) / 2 ** 32);
      const r = 2 + 3 * (hash32(`${node}#r`) / 2 ** 32);
      attrs.x = anchor.x + r * Math.cos(angle);
      attrs.y = anchor.y + r * Math.sin(angle);
      return attrs;
    },
    { attributes: ["x", "y"] },
  );
}

export type LayoutStatus = "idle" | "running" | "settling" | "spreading";

/** Up to this many nodes, noverlap runs on the main thread (a few ms), else in a worker. */
export const SYNC_SPREAD_MAX = 500;
const SPREAD_ITERATIONS = 120;

/** ForceAtlas2 iterations of the first layout: fixed per size, so every load of a graph ends the same. */
export function settleIterations(order: number): number {
  // Each iteration of a large graph costs more: fewer of them, so the layout ends in tens of seconds.
  return Math.round(Math.min(300, Math.max(100, 300 * Math.sqrt(2000 / Math.max(1, order)))));
}

export class Layout {
  private fa2: FA2Layout | null = null;
  private spreader: NoverlapLayout | null = null;
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
    this.halt();
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
    this.halt();
    this.supervisor().start();
    this.onStatus("running");
  }

  stop(): void {
    this.halt();
    this.onStatus("idle");
  }

  /** Stops whatever runs, without reporting "idle" (something else starts at once). */
  private halt(): void {
    this.remaining = 0;
    this.onDone = null;
    this.graph.off("eachNodeAttributesUpdated", this.listener);
    if (this.fa2?.isRunning()) this.fa2.stop();
    this.spreader?.kill();
    this.spreader = null;
  }

  /** Pulls overlapping nodes apart; `unitsPerPixel` converts screen sizes to graph units. */
  spread(unitsPerPixel: number, done?: () => void): void {
    const wasMoving = this.running || !!this.spreader;
    this.halt();
    const settings = { margin: 6 * unitsPerPixel, ratio: 1.15, expansion: 1.1 };
    const inputReducer = (_key: string, a: Record<string, number>) => ({ x: a.x, y: a.y, size: (a.size ?? 5) * unitsPerPixel });
    if (this.graph.order <= SYNC_SPREAD_MAX) {
      noverlap.assign(this.graph, { maxIterations: SPREAD_ITERATIONS, settings, inputReducer } as Parameters<typeof noverlap.assign>[1]);
      if (wasMoving) this.onStatus("idle");
      done?.();
      return;
    }
    // A large graph: in noverlap's worker, a bounded number of rounds, with a finer grid (the
    // default 20×20 cells puts thousands of nodes in a cell, and the work grows with their square).
    let calls = 0;
    const order = this.graph.order;
    const finish = () => {
      if (!this.spreader) return;
      this.spreader.kill();
      this.spreader = null;
      this.onStatus("idle");
      done?.();
    };
    this.spreader = new NoverlapLayout(this.graph, {
      settings: { ...settings, gridSize: Math.ceil(Math.sqrt(order / 4)) },
      inputReducer: inputReducer as never,
      outputReducer: (_key, pos) => {
        if (++calls === order * SPREAD_ITERATIONS) queueMicrotask(finish);
        return pos;
      },
      onConverged: () => queueMicrotask(finish),
    });
    this.onStatus("spreading");
    this.spreader.start();
  }

  kill(): void {
    this.graph.off("eachNodeAttributesUpdated", this.listener);
    this.fa2?.kill();
    this.fa2 = null;
    this.spreader?.kill();
    this.spreader = null;
  }
}
