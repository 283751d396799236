// The sigma view: display attributes (size, curvature), the reducers that colour, dim, hide and
// label, hover and click events, and camera moves.
import Sigma from "sigma";
import { EdgeArrowProgram, EdgeLineProgram, EdgeRectangleProgram, NodeCircleProgram, NodePointProgram } from "sigma/rendering";
import type { EdgeDisplayData, NodeDisplayData } from "sigma/types";
import { EdgeCurvedArrowProgram, default as EdgeCurveProgram } from "@sigma/edge-curve";
import Graph from "graphology";
import { createGraph, type KnowledgeGraph } from "../graph";
import type { Visibility } from "./model";
import { DIM_EDGE_COLOR, DIM_NODE_COLOR, nodeColor, relationColor, relationName } from "./palette";
import type { CameraView } from "./url-state";
import { MIN_NODE } from "./display";
import { drain, nextFrame, nextTask, runAll } from "./tasks";

export type { SizeBy } from "./display";

/** Below this camera ratio (zoomed in) every visible edge shows its relation name. */
export const EDGE_LABEL_ZOOM = 0.5;

export interface ViewCallbacks {
  clickNode(node: string): void;
  clickEdge(edge: string): void;
  clickStage(): void;
  cameraChanged(): void;
}

/**
 * What a frame may draw while a layout moves the nodes. With software WebGL (SwiftShader, as in
 * headless Chromium without a GPU) each frame is paid on the main thread: ~2 µs of processing per
 * item, and the drawing, ~5 µs per point and ~10 µs per line (two passes: colours and picking). A
 * moving graph larger than this shows its LIVE_NODES biggest nodes and the LIVE_EDGES heaviest
 * edges between them; all of it is back once the layout stops.
 */
export const LIVE_NODES = 2000;
export const LIVE_EDGES = 300;

/**
 * Above this many nodes, or edges, they are drawn as points and one-pixel lines rather than with
 * sigma's instanced programs (discs; thick, arrowed and curved edges): SwiftShader draws instances
 * one by one, ~20 µs each per pass, so 20k discs take a second and 100k arrows ten.
 */
export const PLAIN_NODES = 1000;
/** Nodes of a large graph are drawn at half size: less ink on a crowded canvas, less to draw. */
export const LARGE_NODE_SCALE = 0.5;
export const PLAIN_EDGES = 2000;

/** Least time between two redraws for moving nodes (ms). */
const POSITION_INTERVAL = 100;

/** Nodes or edges added to a scene built in slices between two looks at the clock (a few ms). */
const WHOLE_STEP = 2000;

/** A scene: what sigma draws (the whole working graph, or its live part). */
const newScene = () => new Graph({ type: "directed", multi: true, allowSelfLoops: true });

/** Edges are plain lines in a graph with many of them, or with many nodes (its edges come later). */
function plainEdges(graph: KnowledgeGraph): boolean {
  return graph.size > PLAIN_EDGES || graph.order > PLAIN_NODES;
}

/**
 * sigma draws every item twice: in colour, and in the picking layer it reads back to find what is
 * under the mouse. While a layout moves the nodes, the picking layer would be stale at once, so
 * the points and lines of a moving large graph skip it (half the drawing). Plain lines never draw
 * it: one-pixel edges among thousands are not for pointing at (a node's panel lists its edges).
 */
const pickingPaused = new WeakSet<object>();

function withoutPicking(program: { renderer: object; pickProgram: unknown }, render: () => void, always = false): void {
  if (!always && !pickingPaused.has(program.renderer)) return render();
  const pick = program.pickProgram;
  program.pickProgram = null;
  try {
    render();
  } finally {
    program.pickProgram = pick;
  }
}

/**
 * sigma clears its hovered-nodes WebGL layer at every frame, though it is empty unless a node is
 * hovered or highlighted. Without GPU compositing (software WebGL), every WebGL canvas touched in a
 * frame is read back whole at the commit (a ReadPixels that waits for the drawing): a third of a
 * moving graph's frame. So the clear is skipped while nothing has been drawn on the layer since the
 * last one (it is transparent already). WebGL2 only (sigma's own choice when the browser has it).
 */
function skipIdleClears(gl: WebGLRenderingContext | WebGL2RenderingContext): void {
  if (typeof WebGL2RenderingContext === "undefined" || !(gl instanceof WebGL2RenderingContext)) return;
  let drawn = true;
  const clear = gl.clear.bind(gl);
  for (const name of ["drawArrays", "drawElements", "drawArraysInstanced", "drawElementsInstanced", "drawRangeElements"] as const) {
    const draw = gl[name] as (...args: unknown[]) => void;
    (gl as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
      drawn = true;
      draw.apply(gl, args);
    };
  }
  gl.clear = (mask: number) => {
    if (!drawn) return;
    drawn = false;
    clear(mask);
  };
}

class MovingPointProgram extends NodePointProgram {
  override render(params: Parameters<NodePointProgram["render"]>[0]): void {
    withoutPicking(this as never, () => super.render(params));
  }
}

class PlainLineProgram extends EdgeLineProgram {
  override render(params: Parameters<EdgeLineProgram["render"]>[0]): void {
    withoutPicking(this as never, () => super.render(params), true);
  }
}

/**
 * Node and edge programs by type name (what the reducers give). sigma adds its defaults ("arrow",
 * "line") to the edge programs given, so plain edges take those names too: one program compiled.
 */
function programs(largeNodes: boolean, plain: boolean): Pick<Sigma["settings"], "nodeProgramClasses" | "edgeProgramClasses" | "defaultEdgeType" | "enableEdgeEvents"> {
  return {
    nodeProgramClasses: { circle: largeNodes ? MovingPointProgram : NodeCircleProgram },
    edgeProgramClasses: plain
      ? { arrow: PlainLineProgram, line: PlainLineProgram }
      : { arrow: EdgeArrowProgram, line: EdgeRectangleProgram, curvedArrow: EdgeCurvedArrowProgram, curved: EdgeCurveProgram },
    defaultEdgeType: "arrow",
    enableEdgeEvents: !plain,
  };
}

interface SceneNode {
  x: number;
  y: number;
  size: number;
  label: string;
  label_en: string;
  type: string;
}

interface SceneEdge {
  relation: string;
  symmetric: boolean;
  curvature: number;
  size: number;
}

/**
 * sigma draws a scene: its own graph holding the display attributes of the working graph's nodes and
 * edges. Positions are copied into it once per frame (no per-node events, no reducer runs); while a
 * layout moves a large graph, the scene holds only part of it (see LIVE_NODES).
 */
export class GraphView {
  readonly sigma: Sigma;
  private scene: Graph;
  /** Display attributes of every node, in the working graph's node order (shared with the scenes). */
  private sceneNodes: SceneNode[] = [];
  private sceneEdges = new Map<string, SceneEdge>();
  /** A live scene's nodes: their working-graph attributes and scene attributes (positions copied per frame). */
  private liveNodes: { from: { x: number; y: number }; to: SceneNode }[] | null = null;
  private moving = false;
  /** Whether the scene is the whole graph (not a moving graph's live part). */
  private whole = true;
  private plainEdges: boolean;
  /** Nodes of a large graph are drawn at half size: less ink on a crowded canvas, less to draw. */
  private nodeScale: number;
  private hoveredNode: string | null = null;
  private hoveredEdge: string | null = null;
  private selectedNode: string | null = null;
  private selectedEdge: string | null = null;
  private focus: Set<string> | null = null;
  private zoomedIn = false;
  lang: "vi" | "en" = "vi";

  private graph: KnowledgeGraph = createGraph();
  private visibility: Visibility | null = null;

  /** An empty view, its WebGL contexts and programs ready (for a large graph's, or a small one's). */
  constructor(
    container: HTMLElement,
    private cb: ViewCallbacks,
    large = false,
  ) {
    this.plainEdges = large;
    this.nodeScale = large ? LARGE_NODE_SCALE : 1;
    this.scene = this.buildScene(false);
    this.sigma = new Sigma(this.scene, container, {
      renderEdgeLabels: true,
      zIndex: true,
      defaultNodeType: "circle",
      ...programs(large, large),
      labelFont: "system-ui, 'Segoe UI', Roboto, 'Noto Sans', 'DejaVu Sans', sans-serif",
      labelSize: 13,
      labelWeight: "500",
      labelColor: { color: "#1f2733" },
      edgeLabelFont: "system-ui, 'Segoe UI', Roboto, 'Noto Sans', 'DejaVu Sans', sans-serif",
      edgeLabelSize: 11,
      edgeLabelWeight: "500",
      edgeLabelColor: { attribute: "labelColor", color: "#5b6470" },
      labelDensity: 0.6,
      labelGridCellSize: 90,
      labelRenderedSizeThreshold: 0,
      stagePadding: 36,
      minCameraRatio: 0.04,
      maxCameraRatio: 4,
      hideEdgesOnMove: false,
      allowInvalidContainer: true,
      nodeReducer: (node, data) => this.reduceNode(node, data as Record<string, unknown>),
      edgeReducer: (edge, data) => this.reduceEdge(edge, data as Record<string, unknown>),
    });
    this.zoomedIn = this.sigma.getCamera().getState().ratio < EDGE_LABEL_ZOOM;
    const hoverLayer = (this.sigma as unknown as { webGLContexts: Record<string, WebGLRenderingContext> }).webGLContexts.hoverNodes;
    if (hoverLayer) skipIdleClears(hoverLayer);

    this.sigma.on("enterNode", ({ node }) => {
      this.hoveredNode = node;
      this.updateFocus();
      container.classList.add("pointer");
    });
    this.sigma.on("leaveNode", () => {
      this.hoveredNode = null;
      this.updateFocus();
      container.classList.remove("pointer");
    });
    this.sigma.on("enterEdge", ({ edge }) => {
      this.hoveredEdge = edge;
      container.classList.add("pointer");
      this.sigma.refresh({ skipIndexation: true });
    });
    this.sigma.on("leaveEdge", () => {
      this.hoveredEdge = null;
      container.classList.remove("pointer");
      this.sigma.refresh({ skipIndexation: true });
    });
    this.sigma.on("clickNode", ({ node }) => cb.clickNode(node));
    this.sigma.on("clickEdge", ({ edge }) => cb.clickEdge(edge));
    this.sigma.on("clickStage", () => cb.clickStage());
    this.sigma.getCamera().on("updated", (state) => {
      const zoomed = state.ratio < EDGE_LABEL_ZOOM;
      if (zoomed !== this.zoomedIn) {
        this.zoomedIn = zoomed;
        this.sigma.refresh({ skipIndexation: true });
      }
      cb.cameraChanged();
    });
  }

  /** Picks the programs for a graph of this size before it is shown (when its size is known early). */
  expect(large: boolean): void {
    const plain = large || plainEdges(this.graph);
    if (plain === this.plainEdges && large === this.nodeScale < 1) return;
    this.plainEdges = plain;
    this.nodeScale = large ? LARGE_NODE_SCALE : 1;
    this.swap(this.scene, programs(large, plain));
  }

  /**
   * Shows a working graph (its nodes; its edges too when it has them) with the camera reset; the
   * frame is drawn now. `visibility` null: everything is shown. `firstFrame`: mark kg:first-frame
   * when that frame is out.
   */
  show(graph: KnowledgeGraph, visibility: Visibility | null, firstFrame = true): void {
    this.cancelPositions();
    this.graph.off("eachNodeAttributesUpdated", this.schedulePositions);
    this.graph.off("nodeAttributesUpdated", this.schedulePositions);
    this.graph = graph;
    this.visibility = visibility;
    this.hoveredNode = this.hoveredEdge = this.selectedNode = this.selectedEdge = null;
    this.focus = null;
    this.moving = false;
    this.sceneDirty = false;
    this.sceneEdges.clear();
    // A large graph's first frame skips the picking layer too: a layout replaces it in a moment.
    if (graph.order > PLAIN_NODES) pickingPaused.add(this.sigma);
    else pickingPaused.delete(this.sigma);
    this.liveNodes = null;
    this.pendingSettings = null;
    this.dropWhole();
    this.sceneNodes = [];
    graph.forEachNode((node, a) => {
      const p = a as unknown as { x: number; y: number; size?: number };
      this.sceneNodes.push({ x: p.x, y: p.y, size: p.size ?? MIN_NODE, label: String(a.label ?? node), label_en: String(a.label_en ?? ""), type: String(a.type ?? "") });
    });
    const large = graph.order > PLAIN_NODES;
    const plain = plainEdges(graph);
    const settings: Partial<Sigma["settings"]> = {
      // Small graphs show every label the grid has room for; large ones only the bigger nodes'.
      labelRenderedSizeThreshold: graph.order <= 80 ? 0 : 6,
      renderEdgeLabels: true,
    };
    if (plain !== this.plainEdges || large !== this.nodeScale < 1) Object.assign(settings, programs(large, plain));
    this.plainEdges = plain;
    this.nodeScale = large ? LARGE_NODE_SCALE : 1;
    this.scene = this.buildScene(false);
    this.fitBBox();
    this.sigma.getCamera().setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
    this.swap(this.scene, settings);
    // sigma drew the scene just now; the frame that shows it is committed (with software WebGL,
    // the drawing is waited for then) before the next frame starts.
    // kg:view-frame: the view's own first frame, also when a preview of dots came first (the benchmark reports both).
    if (graph.order)
      void nextFrame()
        .then(nextFrame)
        .then(() => {
          if (firstFrame) performance.mark("kg:first-frame");
          performance.mark("kg:view-frame");
        });
    // Positions change in the working graph (layout, seeding): copied into the scene once per frame.
    graph.on("eachNodeAttributesUpdated", this.schedulePositions);
    graph.on("nodeAttributesUpdated", this.schedulePositions);
  }

  private positionsFrame = 0;
  private positionsTimer = 0;
  private lastSync = 0;

  /**
   * A redraw at the next frame, but at most one per POSITION_INTERVAL: the layout worker waits for
   * this thread between iterations, so drawing every frame would slow the layout down.
   */
  private schedulePositions = (): void => {
    if (this.positionsFrame || this.positionsTimer) return;
    const wait = this.lastSync + POSITION_INTERVAL - performance.now();
    const frame = () => {
      this.positionsTimer = 0;
      this.positionsFrame = requestAnimationFrame(() => {
        this.positionsFrame = 0;
        this.syncPositions();
      });
    };
    if (wait > 0) this.positionsTimer = window.setTimeout(frame, wait);
    else frame();
  };

  /** Copies the positions into the scene and redraws now (sigma re-processes, no reducer runs). */
  syncPositions(): void {
    this.cancelPositions();
    this.lastSync = performance.now();
    // A whole scene given to sigma now is drawn with the current positions. One being built in
    // slices is waited for: the live scene is redrawn meanwhile.
    if (this.sceneQueued && !this.preparing && this.flushScene()) return;
    if (this.liveNodes) {
      // A live scene: its nodes only (the others are copied when the whole graph is back).
      for (const { from, to } of this.liveNodes) {
        to.x = from.x;
        to.y = from.y;
      }
    } else this.copyPositions();
    this.fitBBox();
    this.sigma.refresh({ partialGraph: { nodes: [] }, skipIndexation: false });
  }

  private copyPositions(): void {
    let i = 0;
    this.graph.forEachNode((_n, a) => {
      const p = a as unknown as { x: number; y: number };
      const s = this.sceneNodes[i++];
      s.x = p.x;
      s.y = p.y;
    });
  }

  private cancelPositions(): void {
    if (this.positionsFrame) cancelAnimationFrame(this.positionsFrame);
    if (this.positionsTimer) clearTimeout(this.positionsTimer);
    this.positionsFrame = this.positionsTimer = 0;
  }

  /** The scene's extent, widened on the right by a share of its width: labels are drawn right of nodes. */
  private fitBBox(): void {
    let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
    for (const p of this.liveNodes ? this.liveNodes.map((l) => l.to) : this.sceneNodes) {
      if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) continue;
      if (p.x < x0) x0 = p.x;
      if (p.x > x1) x1 = p.x;
      if (p.y < y0) y0 = p.y;
      if (p.y > y1) y1 = p.y;
    }
    if (!Number.isFinite(x0)) {
      this.sigma.setCustomBBox(null);
      return;
    }
    const w = Math.max(x1 - x0, 1e-6);
    const h = Math.max(y1 - y0, 1e-6);
    this.sigma.setCustomBBox({ x: [x0, x1 + w * 0.16], y: [y0 - h * 0.02, y1 + h * 0.02] });
  }

  /** Whether a layout is moving the nodes: a large graph then shows only its live part. */
  setMoving(moving: boolean): void {
    if (moving === this.moving) return;
    this.moving = moving;
    // Back to the whole graph in a task of its own (drawing it all takes a while), not in the one
    // that stopped the layout.
    this.invalidate(false, !moving);
  }

  /** The working graph got its edges (or new display attributes for them): the scene follows. */
  edgesChanged(): void {
    const plain = plainEdges(this.graph);
    if (plain !== this.plainEdges) {
      this.plainEdges = plain;
      this.pendingSettings = { ...this.pendingSettings, ...programs(this.nodeScale < 1, plain) };
    }
    this.sceneEdges.clear();
    this.dropWhole();
    this.invalidate(true);
  }

  private pendingSettings: Partial<Sigma["settings"]> | null = null;
  private emptyScene = new Graph();

  /**
   * Gives sigma another scene, with new settings if any. sigma re-indexes its graph on every
   * settings change: it is handed an empty one meanwhile, so the scene is indexed once.
   */
  private swap(scene: Graph, settings: Partial<Sigma["settings"]> | null = null): void {
    if (settings) {
      this.sigma.setGraph(this.emptyScene);
      this.sigma.setSettings(settings);
    }
    // The scene drawn already (a kept whole scene whose attributes changed): processed again.
    if (scene === this.sigma.getGraph()) this.sigma.refresh();
    else this.sigma.setGraph(scene);
  }

  /** Whether this graph is too large to move whole (see LIVE_NODES). */
  private get large(): boolean {
    return this.graph.order > LIVE_NODES || this.graph.size > LIVE_EDGES;
  }

  private sceneDirty = false;
  private sceneQueued = false;

  /** A new scene is due: built once, at the end of the current task (several changes come together). */
  private invalidate(rebuild: boolean, later = false): void {
    this.sceneDirty ||= rebuild;
    if (this.sceneQueued) return;
    this.sceneQueued = true;
    // The whole scene is built in slices first, then swapped in a task of its own.
    if (later) void this.prepareWhole().then(nextTask).then(() => this.sceneQueued && this.flushScene());
    else queueMicrotask(() => this.flushScene());
  }

  /**
   * Swaps in the scene the state calls for, now, if it is not the one drawn (sigma re-processes it).
   * True when that was the whole scene: it took the current positions and is drawn.
   */
  flushScene(): boolean {
    this.sceneQueued = false;
    if (this.killed) return false;
    const live = this.moving && this.large;
    if (!this.sceneDirty && this.whole === !live) return false;
    this.sceneDirty = false;
    this.scene = this.buildScene(live);
    this.fitBBox();
    // The whole scene took the current positions: a redraw already asked for would process it all again.
    if (!live) this.cancelPositions();
    if (live) pickingPaused.add(this.sigma);
    else pickingPaused.delete(this.sigma);
    // A moving graph draws no edge labels (finding which to draw costs every frame).
    const settings = { ...this.pendingSettings, ...(this.sigma.getSetting("renderEdgeLabels") === live ? { renderEdgeLabels: !live } : {}) };
    this.pendingSettings = null;
    this.swap(this.scene, Object.keys(settings).length ? settings : null);
    return !live;
  }

  /**
   * The whole scene, kept while the working graph has the same nodes and edges (its node and edge
   * attributes are the shared SceneNode/SceneEdge objects, so it stays up to date): a layout that
   * stops gives it back to sigma instead of adding 100k edges to a new graph in that task. It is
   * built in slices once the layout has stopped (prepareWhole): built while the first layout ran,
   * it cost that layout more in garbage collection than it saved.
   */
  private wholeScene: Graph | null = null;
  /** Bumped whenever the whole scene is dropped: a build in slices of the old one is then abandoned. */
  private wholeGen = 0;
  private preparing: Promise<void> | null = null;

  private dropWhole(): void {
    this.wholeScene = null;
    this.wholeGen++;
  }

  /**
   * Builds the whole scene ahead, in slices of a few milliseconds, starting in a new task: adding a
   * large graph's 100k edges to a new scene took 270 ms, in the task that then gave it to sigma
   * (bench/NOTES.md). Resolves when it is built, abandoned or not needed.
   */
  prepareWhole(): Promise<void> {
    return (this.preparing ??= (async () => {
      await nextTask();
      const gen = this.wholeGen;
      if (!this.wholeScene && this.sceneNodes.length === this.graph.order) {
        const scene = await drain(this.wholeSteps(), () => gen !== this.wholeGen || this.killed);
        // A scene built at once meanwhile (a redraw that could not wait) is the one kept.
        if (scene && gen === this.wholeGen && !this.wholeScene) this.wholeScene = scene;
      }
      this.preparing = null;
    })());
  }

  /** The whole graph as a scene, a few thousand items per step. */
  private *wholeSteps(): Generator<void, Graph> {
    const g = this.graph;
    const scene = newScene();
    let i = 0;
    for (const node of g.nodes()) {
      scene.addNode(node, this.sceneNodes[i++]);
      if (i % WHOLE_STEP === 0) yield;
    }
    let n = 0;
    for (const edge of g.edges()) {
      this.addSceneEdge(scene, edge);
      if (++n % WHOLE_STEP === 0) yield;
    }
    return scene;
  }

  /** The whole graph, or its live part: the biggest nodes and the heaviest edges between them. */
  private buildScene(live: boolean): Graph {
    const g = this.graph;
    if (!live) {
      // Every node's position is brought up to date (a live scene copied its own only).
      const complete = this.sceneNodes.length === g.order;
      if (complete) this.copyPositions();
      const scene = (complete && this.wholeScene) || runAll(this.wholeSteps());
      if (complete) this.wholeScene = scene;
      this.liveNodes = null;
      this.whole = true;
      return scene;
    }
    const scene = newScene();
    const order = g.nodes();
    const size = (i: number) => this.sceneNodes[i].size;
    const idx = order.map((_n, i) => i).sort((a, b) => size(b) - size(a) || a - b);
    const keepNodes = new Set(idx.slice(0, LIVE_NODES).map((i) => order[i]));
    let i = 0;
    const liveList: { from: { x: number; y: number }; to: SceneNode }[] = [];
    g.forEachNode((node, a) => {
      const attrs = this.sceneNodes[i++];
      if (!keepNodes.has(node)) return;
      scene.addNode(node, attrs);
      liveList.push({ from: a as unknown as { x: number; y: number }, to: attrs });
    });
    this.liveNodes = liveList;
    const w = (e: string) => Number(g.getEdgeAttribute(e, "weight")) || 0;
    let edges = g.filterEdges((_e, _a, s, t) => keepNodes.has(s) && keepNodes.has(t));
    if (edges.length > LIVE_EDGES) {
      const weights = new Map(edges.map((e) => [e, w(e)]));
      edges = edges.sort((a, b) => weights.get(b)! - weights.get(a)!).slice(0, LIVE_EDGES);
    }
    for (const edge of edges) this.addSceneEdge(scene, edge);
    this.whole = false;
    return scene;
  }

  /** An edge of the working graph into a scene, with its shared display attributes. */
  private addSceneEdge(scene: Graph, edge: string): void {
    scene.addDirectedEdgeWithKey(edge, this.graph.source(edge), this.graph.target(edge), this.edgeAttributes(edge));
  }

  private edgeAttributes(edge: string): SceneEdge {
    let attrs = this.sceneEdges.get(edge);
    if (!attrs) this.sceneEdges.set(edge, (attrs = this.edgeAttributesOf(edge)));
    return attrs;
  }

  private edgeAttributesOf(edge: string): SceneEdge {
    const a = this.graph.getEdgeAttributes(edge) as unknown as { curvature?: number; size?: number; symmetric?: boolean; relation?: string };
    return { relation: String(a.relation ?? ""), symmetric: a.symmetric === true, curvature: Number(a.curvature) || 0, size: a.size ?? 1.5 };
  }

  /** Copies sizes, names and edge attributes into the scene and redraws everything. */
  syncDisplay(): void {
    let i = 0;
    this.graph.forEachNode((node, a) => {
      const s = this.sceneNodes[i++];
      s.size = (a as unknown as { size?: number }).size ?? MIN_NODE;
      s.label = String(a.label ?? node);
      s.label_en = String(a.label_en ?? "");
      s.type = String(a.type ?? "");
    });
    for (const [edge, s] of this.sceneEdges) Object.assign(s, this.edgeAttributesOf(edge));
    // A live scene keeps the biggest nodes: sizes may have changed which ones.
    if (!this.whole || this.sceneQueued) this.invalidate(true);
    else this.sigma.refresh();
  }

  private reduceNode(node: string, data: Record<string, unknown>): Partial<NodeDisplayData> {
    const type = String(data.type ?? "");
    const label = this.lang === "en" && data.label_en ? String(data.label_en) : String(data.label ?? node);
    const res: Partial<NodeDisplayData> = {
      x: data.x as number,
      y: data.y as number,
      size: ((data.size as number) ?? MIN_NODE) * this.nodeScale,
      type: "circle",
      label,
      color: nodeColor(type),
      zIndex: 1,
    };
    if (this.visibility && !this.visibility.nodes.has(node)) return { ...res, hidden: true };
    if (this.focus) {
      if (!this.focus.has(node)) return { ...res, color: DIM_NODE_COLOR, label: null, zIndex: 0 };
      res.zIndex = 2;
      res.forceLabel = true;
    }
    if (node === this.selectedNode || node === this.hoveredNode) res.highlighted = true;
    return res;
  }

  private reduceEdge(edge: string, data: Record<string, unknown>): Partial<EdgeDisplayData> & { curvature?: number; labelColor?: string } {
    const relation = String(data.relation ?? "");
    const curvature = Number(data.curvature) || 0;
    const symmetric = data.symmetric === true;
    const type = this.plainEdges ? "line" : curvature ? (symmetric ? "curved" : "curvedArrow") : symmetric ? "line" : "arrow";
    const color = relationColor(relation);
    const res: Partial<EdgeDisplayData> & { curvature?: number; labelColor?: string } = {
      type,
      curvature,
      color,
      labelColor: color,
      size: (data.size as number) ?? 1.5,
      label: null,
      zIndex: 1,
    };
    if (this.visibility && !this.visibility.edges.has(edge)) return { ...res, hidden: true };
    const lit = edge === this.hoveredEdge || edge === this.selectedEdge;
    if (this.focus && !lit) {
      const focusNode = this.hoveredNode ?? this.selectedNode;
      if (focusNode && this.graph.source(edge) !== focusNode && this.graph.target(edge) !== focusNode) return { ...res, color: DIM_EDGE_COLOR, zIndex: 0 };
      if (!focusNode && this.selectedEdge) return { ...res, color: DIM_EDGE_COLOR, zIndex: 0 };
    }
    if (lit || this.focus || this.zoomedIn) res.label = relationName(relation);
    // Zoomed in, labels show even when an end node is off screen (sigma would skip them).
    if (this.zoomedIn) res.forceLabel = true;
    if (lit) {
      res.forceLabel = true;
      res.zIndex = 3;
      res.size = (res.size ?? 1.5) + 1.5;
    } else if (this.focus) res.zIndex = 2;
    return res;
  }

  /** The lit set: the hovered or selected node and its visible neighbours, or a selected edge's ends. */
  private updateFocus(): void {
    const center = this.hoveredNode ?? this.selectedNode;
    if (center && this.graph.hasNode(center)) {
      const set = new Set<string>([center]);
      this.graph.forEachEdge(center, (edge, _a, s, t) => {
        if (!this.visibility || this.visibility.edges.has(edge)) set.add(s === center ? t : s);
      });
      this.focus = set;
    } else if (this.selectedEdge && this.graph.hasEdge(this.selectedEdge)) {
      this.focus = new Set(this.graph.extremities(this.selectedEdge));
    } else this.focus = null;
    this.sigma.refresh({ skipIndexation: true });
  }

  setVisibility(v: Visibility | null): void {
    this.visibility = v;
    this.updateFocus();
  }

  select(sel: { node?: string | null; edge?: string | null }): void {
    this.selectedNode = sel.node && this.graph.hasNode(sel.node) ? sel.node : null;
    this.selectedEdge = !this.selectedNode && sel.edge && this.graph.hasEdge(sel.edge) ? sel.edge : null;
    this.updateFocus();
  }

  setLang(lang: "vi" | "en"): void {
    this.lang = lang;
    this.sigma.refresh({ skipIndexation: true });
  }

  resize(): void {
    this.sigma.resize();
    this.sigma.refresh({ skipIndexation: true });
  }

  /** Moves the camera so the node and its visible neighbours fill the view. */
  focusNode(node: string, animate = true): void {
    const points = [node];
    this.graph.forEachEdge(node, (edge, _a, s, t) => {
      if (!this.visibility || this.visibility.edges.has(edge)) points.push(s === node ? t : s);
    });
    this.frame(points, animate);
  }

  private frame(nodes: string[], animate = true): void {
    if (this.sceneQueued) this.flushScene();
    const ds = nodes.map((n) => this.sigma.getNodeDisplayData(n)).filter((d): d is NodeDisplayData => !!d);
    if (!ds.length) return;
    const xs = ds.map((d) => d.x);
    const ys = ds.map((d) => d.y);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const ratio = Math.min(1.1, Math.max(0.18, Math.max(x1 - x0, y1 - y0) * 1.6));
    const state = { x: (x0 + x1) / 2, y: (y0 + y1) / 2, ratio };
    const cam = this.sigma.getCamera();
    if (animate) void cam.animate(state, { duration: 450 });
    else cam.setState(state);
  }

  focusEdge(edge: string): void {
    this.frame(this.graph.extremities(edge));
  }

  camera(): CameraView {
    const s = this.sigma.getCamera().getState();
    return { x: s.x, y: s.y, ratio: s.ratio };
  }

  setCamera(c: CameraView): void {
    this.sigma.getCamera().setState({ x: c.x, y: c.y, ratio: c.ratio, angle: 0 });
  }

  zoom(dir: 1 | -1 | 0): void {
    const cam = this.sigma.getCamera();
    if (dir === 1) void cam.animatedZoom({ duration: 250 });
    else if (dir === -1) void cam.animatedUnzoom({ duration: 250 });
    else void cam.animatedReset({ duration: 350 });
  }

  /** Graph units per screen pixel at the default camera: converts node sizes for the anti-overlap pass. */
  unitsPerPixel(): number {
    // sigma's normalization follows the positions only once they are processed.
    this.syncPositions();
    const a = this.sigma.viewportToGraph({ x: 0, y: 0 }, { cameraState: { x: 0.5, y: 0.5, ratio: 1, angle: 0 } });
    const b = this.sigma.viewportToGraph({ x: 100, y: 0 }, { cameraState: { x: 0.5, y: 0.5, ratio: 1, angle: 0 } });
    return Math.hypot(b.x - a.x, b.y - a.y) / 100 || 1;
  }

  private killed = false;

  kill(): void {
    this.killed = true;
    this.graph.off("eachNodeAttributesUpdated", this.schedulePositions);
    this.graph.off("nodeAttributesUpdated", this.schedulePositions);
    this.cancelPositions();
    this.sigma.kill();
  }
}
