// The sigma view: display attributes (size, curvature), the reducers that colour, dim, hide and
// label, hover and click events, and camera moves.
import Sigma from "sigma";
import { EdgeArrowProgram, EdgeRectangleProgram, NodeCircleProgram } from "sigma/rendering";
import type { EdgeDisplayData, NodeDisplayData } from "sigma/types";
import { EdgeCurvedArrowProgram, default as EdgeCurveProgram, indexParallelEdgesIndex } from "@sigma/edge-curve";
import type Graph from "graphology";
import type { KnowledgeGraph } from "../graph";
import type { Visibility } from "./model";
import { DIM_EDGE_COLOR, DIM_NODE_COLOR, nodeColor, relationColor, relationName } from "./palette";
import type { CameraView } from "./url-state";
import { curvatureFor, MIN_NODE, nodeSizes, type SizeBy } from "./display";

export type { SizeBy } from "./display";

/** Below this camera ratio (zoomed in) every visible edge shows its relation name. */
export const EDGE_LABEL_ZOOM = 0.5;

export interface ViewCallbacks {
  clickNode(node: string): void;
  clickEdge(edge: string): void;
  clickStage(): void;
  cameraChanged(): void;
}

/** Writes size, parallel-edge index and curvature into the working graph (not into exports). */
export function prepareDisplay(graph: KnowledgeGraph, by: SizeBy): void {
  const sizes = nodeSizes(graph, by);
  graph.updateEachNodeAttributes((n, a) => ({ ...a, size: sizes.get(n) ?? MIN_NODE }));
  indexParallelEdgesIndex(graph, { edgeIndexAttribute: "parallelIndex", edgeMinIndexAttribute: "parallelMinIndex", edgeMaxIndexAttribute: "parallelMaxIndex" });
  graph.updateEachEdgeAttributes((_e, a) => {
    const r = a as typeof a & { parallelIndex?: number | null; parallelMaxIndex?: number | null };
    const curvature = typeof r.parallelIndex === "number" && typeof r.parallelMaxIndex === "number" ? curvatureFor(r.parallelIndex, r.parallelMaxIndex) : 0;
    const w = Math.max(1, Number(a.weight) || 1);
    return { ...a, curvature, size: Math.min(5, 1.6 + Math.log2(w) * 1.1) };
  });
}

export class GraphView {
  readonly sigma: Sigma;
  private hoveredNode: string | null = null;
  private hoveredEdge: string | null = null;
  private selectedNode: string | null = null;
  private selectedEdge: string | null = null;
  private focus: Set<string> | null = null;
  private zoomedIn = false;
  lang: "vi" | "en" = "vi";

  constructor(
    container: HTMLElement,
    readonly graph: KnowledgeGraph,
    private visibility: Visibility,
    private cb: ViewCallbacks,
  ) {
    this.sigma = new Sigma(graph as unknown as Graph, container, {
      renderEdgeLabels: true,
      enableEdgeEvents: true,
      zIndex: true,
      defaultNodeType: "circle",
      defaultEdgeType: "arrow",
      nodeProgramClasses: { circle: NodeCircleProgram },
      edgeProgramClasses: {
        arrow: EdgeArrowProgram,
        line: EdgeRectangleProgram,
        curvedArrow: EdgeCurvedArrowProgram,
        curved: EdgeCurveProgram,
      },
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
      // Small graphs show every label the grid has room for; large ones only the bigger nodes'.
      labelRenderedSizeThreshold: graph.order <= 80 ? 0 : 6,
      stagePadding: 36,
      minCameraRatio: 0.04,
      maxCameraRatio: 4,
      hideEdgesOnMove: false,
      allowInvalidContainer: true,
      nodeReducer: (node, data) => this.reduceNode(node, data as Record<string, unknown>),
      edgeReducer: (edge, data) => this.reduceEdge(edge, data as Record<string, unknown>),
    });
    this.zoomedIn = this.sigma.getCamera().getState().ratio < EDGE_LABEL_ZOOM;
    // Keep room on the right for the labels of the rightmost nodes, as positions change.
    this.fitBBox();
    graph.on("eachNodeAttributesUpdated", this.scheduleBBox);
    graph.on("nodeAttributesUpdated", this.scheduleBBox);

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

  private bboxFrame = 0;
  private scheduleBBox = (): void => {
    if (this.bboxFrame) return;
    this.bboxFrame = requestAnimationFrame(() => {
      this.bboxFrame = 0;
      this.fitBBox();
    });
  };

  /** The graph's extent, widened on the right by a share of its width: labels are drawn right of nodes. */
  private fitBBox(): void {
    let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
    this.graph.forEachNode((_n, a) => {
      const p = a as unknown as { x: number; y: number };
      if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) return;
      x0 = Math.min(x0, p.x);
      x1 = Math.max(x1, p.x);
      y0 = Math.min(y0, p.y);
      y1 = Math.max(y1, p.y);
    });
    if (!Number.isFinite(x0)) {
      this.sigma.setCustomBBox(null);
      return;
    }
    const w = Math.max(x1 - x0, 1e-6);
    const h = Math.max(y1 - y0, 1e-6);
    this.sigma.setCustomBBox({ x: [x0, x1 + w * 0.16], y: [y0 - h * 0.02, y1 + h * 0.02] });
  }

  private reduceNode(node: string, data: Record<string, unknown>): Partial<NodeDisplayData> {
    const type = String(data.type ?? "");
    const label = this.lang === "en" && data.label_en ? String(data.label_en) : String(data.label ?? node);
    const res: Partial<NodeDisplayData> = {
      x: data.x as number,
      y: data.y as number,
      size: (data.size as number) ?? MIN_NODE,
      type: "circle",
      label,
      color: nodeColor(type),
      zIndex: 1,
    };
    if (!this.visibility.nodes.has(node)) return { ...res, hidden: true };
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
    const type = curvature ? (symmetric ? "curved" : "curvedArrow") : symmetric ? "line" : "arrow";
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
    if (!this.visibility.edges.has(edge)) return { ...res, hidden: true };
    const [s, t] = this.graph.extremities(edge);
    const lit = edge === this.hoveredEdge || edge === this.selectedEdge;
    if (this.focus && !lit) {
      const focusNode = this.hoveredNode ?? this.selectedNode;
      if (focusNode && s !== focusNode && t !== focusNode) return { ...res, color: DIM_EDGE_COLOR, zIndex: 0 };
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
        if (this.visibility.edges.has(edge)) set.add(s === center ? t : s);
      });
      this.focus = set;
    } else if (this.selectedEdge && this.graph.hasEdge(this.selectedEdge)) {
      this.focus = new Set(this.graph.extremities(this.selectedEdge));
    } else this.focus = null;
    this.sigma.refresh({ skipIndexation: true });
  }

  setVisibility(v: Visibility): void {
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
      if (this.visibility.edges.has(edge)) points.push(s === node ? t : s);
    });
    this.frame(points, animate);
  }

  private frame(nodes: string[], animate = true): void {
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
    const a = this.sigma.viewportToGraph({ x: 0, y: 0 }, { cameraState: { x: 0.5, y: 0.5, ratio: 1, angle: 0 } });
    const b = this.sigma.viewportToGraph({ x: 100, y: 0 }, { cameraState: { x: 0.5, y: 0.5, ratio: 1, angle: 0 } });
    return Math.hypot(b.x - a.x, b.y - a.y) / 100 || 1;
  }

  kill(): void {
    this.graph.off("eachNodeAttributesUpdated", this.scheduleBBox);
    this.graph.off("nodeAttributesUpdated", this.scheduleBBox);
    if (this.bboxFrame) cancelAnimationFrame(this.bboxFrame);
    this.sigma.kill();
  }
}
