// The explorer: loads graph/graph.json (or the graph named in the URL), wires the view, the
// panels, search, filters, export, drop and the URL state together.
import { MAX_GRAPH_BYTES_BROWSER, readGraphFile } from "../export/index";
import { createGraph, type KnowledgeGraph } from "../graph";
import { byId, clear, el } from "./dom";
import { planDrop } from "./drop";
import { installDrop } from "./drop";
import { exportGraph, exportPng, GRAPH_FORMATS } from "./exporter";
import { FilterPanel, type DisplayOptions } from "./filters";
import { Layout, seedPositions, type LayoutStatus } from "./layout";
import { cloneFilters, GraphModel, subgraph, type Filters, type Visibility } from "./model";
import { renderEdge, renderNode, renderOverview, type PanelActions } from "./panel";
import { renderReader } from "./reader";
import { NodeSearch } from "./search";
import { SearchBox } from "./search-box";
import { defaultViewState, readLocation, writeLocation, type ViewState } from "./url-state";
import { GraphView, prepareDisplay } from "./view";
import { config as zodConfig } from "zod/mini";

// zod compiles its validators with new Function() when it may; the page's CSP forbids eval, so say
// so up front instead of letting zod find out by trying (which the browser reports as a violation).
zodConfig({ jitless: true });

const DEFAULT_GRAPH = "graph/graph.json";
/** ForceAtlas2 iterations of the first layout: a fixed count, so every load starts the same. */
const SETTLE_ITERATIONS = 300;

interface Selection {
  node?: string;
  edge?: string;
}

class App {
  private graph: KnowledgeGraph = createGraph();
  private model = new GraphModel(this.graph);
  private view: GraphView | null = null;
  private layout: Layout | null = null;
  private filterPanel: FilterPanel | null = null;
  private filters: Filters;
  private visibility: Visibility = { nodes: new Set(), edges: new Set() };
  private selection: Selection = {};
  private reading: ViewState["read"] | undefined;
  private display: DisplayOptions;
  private sourceName = DEFAULT_GRAPH;
  private graphUrl: string | undefined;
  private ready = false;
  private search: SearchBox;
  private resizeObserver: ResizeObserver;

  private container = byId("graph");
  private details = byId("details");
  private filtersRoot = byId("filters-body");
  private message = byId("message");
  private empty = byId("empty-state");
  private layoutBtn = byId<HTMLButtonElement>("layout-toggle");
  private layoutStatus = byId("layout-status");

  constructor() {
    const initial = readLocation();
    this.filters = initial.filters;
    this.display = { sizeBy: initial.sizeBy, lang: initial.lang };
    this.graphUrl = initial.graph;
    this.search = new SearchBox(byId<HTMLInputElement>("search"), byId("search-results"), (node) => this.selectNode(node, { focus: true }));
    this.resizeObserver = new ResizeObserver(() => this.view?.resize());
    this.resizeObserver.observe(this.container);
    this.bindChrome();
    void this.boot(initial);
  }

  // ---- loading ----

  private async boot(initial: ViewState): Promise<void> {
    const url = initial.graph ?? DEFAULT_GRAPH;
    document.body.dataset.state = "loading";
    let graph: KnowledgeGraph;
    try {
      const res = await fetch(url, { cache: "no-cache" });
      if (res.status === 404) {
        this.install(createGraph(), url, initial);
        this.showEmpty(`No graph at ${url} yet. Build one with “npm run graph”, or drop a graph file (.json, .gexf, .graphml) or news articles (.txt, .html) here.`);
        return;
      }
      if (!res.ok) throw new Error(`${url}: the server answered ${res.status} ${res.statusText}`);
      const name = url.split("/").pop() || "graph.json";
      graph = readGraphFile(name, await res.text(), { DOMParser: window.DOMParser, maxBytes: MAX_GRAPH_BYTES_BROWSER });
    } catch (err) {
      this.install(createGraph(), url, initial);
      this.showEmpty(`Could not load ${url}.`);
      this.showMessage(errorText(err), "error");
      return;
    }
    this.install(graph, url, initial);
  }

  /** Puts a graph on screen: replaces view, layout, filters and search; restores `state` if given. */
  private install(graph: KnowledgeGraph, sourceName: string, state: ViewState | null, keepPositions = false): void {
    this.ready = false;
    document.body.dataset.state = "layout";
    this.layout?.kill();
    this.view?.kill();
    this.view = null;
    this.filterPanel?.stop();
    this.hideEmpty();
    this.graph = graph;
    this.sourceName = sourceName;
    byId("source-name").textContent = sourceName.split("/").pop() ?? sourceName;
    byId("source-name").title = sourceName;
    this.model = new GraphModel(graph);
    if (state) {
      this.filters = cloneFilters(state.filters);
      this.display = { sizeBy: state.sizeBy, lang: state.lang };
    }
    seedPositions(graph, keepPositions);
    prepareDisplay(graph, this.display.sizeBy);
    this.visibility = this.model.visibility(this.filters);
    this.layout = new Layout(graph, (s) => this.layoutChanged(s));
    this.filterPanel = new FilterPanel(this.filtersRoot, this.model, this.filters, this.display, {
      filtersChanged: (f) => this.setFilters(f),
      displayChanged: (d) => this.setDisplay(d),
    });
    this.filterPanel.update(this.visibility);
    this.search.setIndex(new NodeSearch(graph));
    this.selection = {};
    this.reading = undefined;
    this.renderPanel();
    if (graph.order === 0) {
      this.createView();
      this.finishLoad(state);
      return;
    }
    // The first layout runs before the renderer exists: no frame is drawn per iteration, so it
    // takes a moment even where WebGL is slow (software rendering).
    this.layout.settle(keepPositions ? 120 : SETTLE_ITERATIONS, () => {
      if (this.graph !== graph) return;
      const view = this.createView();
      this.layout?.spread(view.unitsPerPixel());
      this.finishLoad(state);
    });
  }

  private createView(): GraphView {
    this.view?.kill();
    this.view = new GraphView(this.container, this.graph, this.visibility, {
      clickNode: (n) => this.selectNode(n),
      clickEdge: (e) => this.selectEdge(e),
      clickStage: () => this.clearSelection(),
      cameraChanged: () => this.syncUrl(),
    });
    this.view.lang = this.display.lang;
    this.view.select(this.selection);
    return this.view;
  }

  private finishLoad(state: ViewState | null): void {
    if (!this.view) return;
    if (state?.node && this.graph.hasNode(state.node)) this.selectNode(state.node, { focus: !state.camera, keepReader: true });
    else if (state?.edge && this.graph.hasEdge(state.edge)) this.selectEdge(state.edge, { focus: !state.camera, keepReader: true });
    if (state?.read) this.openReader(state.read.article, state.read.start, state.read.end);
    if (state?.camera) this.view.setCamera(state.camera);
    this.ready = true;
    document.body.dataset.state = "ready";
    this.syncUrl();
  }

  private async openFiles(files: File[]): Promise<void> {
    const plan = planDrop(files);
    if (plan.kind === "error") return this.showMessage(plan.message, "error");
    if (plan.kind === "graph") {
      let graph: KnowledgeGraph;
      try {
        graph = readGraphFile(plan.file.name, await plan.file.text(), { DOMParser: window.DOMParser, maxBytes: MAX_GRAPH_BYTES_BROWSER });
      } catch (err) {
        const why = errorText(err);
        return this.showMessage(`${why.includes(plan.file.name) ? why : `${plan.file.name}: ${why}`} The graph on screen is unchanged.`, "error");
      }
      this.graphUrl = undefined;
      this.install(graph, plan.file.name, defaultViewState());
      this.showMessage(`Opened ${plan.file.name}: ${graph.order} nodes, ${graph.size} relations.`, "info");
      return;
    }
    this.showMessage(`Reading ${plan.files.length} ${plan.files.length === 1 ? "article" : "articles"}…`, "info", 0);
    try {
      const { extendGraph } = await import("../pipeline/index");
      const inputs = await Promise.all(plan.files.map(async (f) => ({ path: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
      const before = { nodes: this.graph.order, edges: this.graph.size };
      const parser = new DOMParser();
      const { graph, report } = extendGraph(subgraph(this.graph, null), inputs, { parseHtml: (h: string) => parser.parseFromString(h, "text/html") });
      const added = report.articles.length;
      if (!added) {
        const why = report.skipped.map((s) => `${s.file}: ${s.reason}`).join("; ");
        return this.showMessage(`No article could be read${why ? ` (${why})` : ""}. The graph on screen is unchanged.`, "error");
      }
      // Existing nodes keep their places; new ones start next to their neighbours.
      this.graph.forEachNode((n, a) => {
        const pos = a as unknown as { x: number; y: number };
        if (graph.hasNode(n)) graph.mergeNodeAttributes(n, { x: pos.x, y: pos.y } as never);
      });
      this.graphUrl = undefined;
      const state: ViewState = { ...defaultViewState(), filters: cloneFilters(this.filters), sizeBy: this.display.sizeBy, lang: this.display.lang };
      this.install(graph, `${this.sourceName} + ${added} ${added === 1 ? "article" : "articles"}`, state, true);
      const notes = [...report.skipped.map((s) => `skipped ${s.file}: ${s.reason}`), ...report.warnings].slice(0, 3);
      this.showMessage(
        `Added ${added} ${added === 1 ? "article" : "articles"}: +${graph.order - before.nodes} nodes, +${graph.size - before.edges} relations.${notes.length ? ` ${notes.join("; ")}` : ""}`,
        "info",
      );
    } catch (err) {
      this.showMessage(`Could not read the articles: ${errorText(err)} The graph on screen is unchanged.`, "error");
    }
  }

  // ---- selection and panel ----

  private actions: PanelActions = {
    selectNode: (n) => this.selectNode(n, { focus: true }),
    selectEdge: (e) => this.selectEdge(e, { focus: true }),
    openReader: (a, s, e) => this.openReader(a, s, e),
    close: () => this.clearSelection(),
  };

  selectNode(node: string, opts: { focus?: boolean; keepReader?: boolean } = {}): void {
    if (!this.graph.hasNode(node)) return;
    this.selection = { node };
    if (!opts.keepReader) this.reading = undefined;
    this.view?.select(this.selection);
    if (opts.focus) this.view?.focusNode(node);
    this.renderPanel();
    this.syncUrl();
  }

  selectEdge(edge: string, opts: { focus?: boolean; keepReader?: boolean } = {}): void {
    if (!this.graph.hasEdge(edge)) return;
    this.selection = { edge };
    if (!opts.keepReader) this.reading = undefined;
    this.view?.select(this.selection);
    if (opts.focus) this.view?.focusEdge(edge);
    this.renderPanel();
    this.syncUrl();
  }

  clearSelection(): void {
    if (!this.selection.node && !this.selection.edge && !this.reading) return;
    this.selection = {};
    this.reading = undefined;
    this.view?.select({});
    this.renderPanel();
    this.syncUrl();
  }

  private openReader(article: string, start?: number, end?: number): void {
    this.reading = { article, start, end };
    this.renderPanel();
    this.syncUrl();
  }

  private renderPanel(): void {
    const root = this.details;
    root.scrollTop = 0;
    if (this.reading) {
      renderReader(root, this.model, this.reading.article, this.reading, {
        back: () => {
          this.reading = undefined;
          this.renderPanel();
          this.syncUrl();
        },
        selectNode: (n) => this.selectNode(n, { focus: true }),
      });
    } else if (this.selection.node) renderNode(root, this.model, this.selection.node, this.visibility, this.actions);
    else if (this.selection.edge) renderEdge(root, this.model, this.selection.edge, this.visibility, this.actions);
    else renderOverview(root, this.model, this.visibility, this.actions, this.sourceName);
  }

  // ---- filters and display ----

  private setFilters(f: Filters): void {
    this.filters = f;
    this.visibility = this.model.visibility(f);
    this.view?.setVisibility(this.visibility);
    this.filterPanel?.update(this.visibility);
    if (!this.reading) this.renderPanelKeepingScroll();
    this.syncUrl();
  }

  private renderPanelKeepingScroll(): void {
    const top = this.details.scrollTop;
    this.renderPanel();
    this.details.scrollTop = top;
  }

  private setDisplay(d: DisplayOptions): void {
    const sizeChanged = d.sizeBy !== this.display.sizeBy;
    this.display = d;
    if (sizeChanged) prepareDisplay(this.graph, d.sizeBy);
    this.view?.setLang(d.lang);
    this.syncUrl();
  }

  private layoutChanged(s: LayoutStatus): void {
    const running = s !== "idle";
    this.layoutBtn.textContent = s === "running" ? "■ Stop layout" : "▶ Run layout";
    this.layoutBtn.classList.toggle("active", s === "running");
    this.layoutBtn.disabled = s === "settling";
    this.layoutStatus.textContent = s === "settling" ? "Laying out…" : s === "running" ? "Layout running" : "";
    document.body.classList.toggle("layout-running", running);
  }

  private syncUrl(): void {
    if (!this.ready) return;
    writeLocation(() => ({
      graph: this.graphUrl,
      node: this.selection.node,
      edge: this.selection.edge,
      filters: this.filters,
      camera: this.view?.camera(),
      sizeBy: this.display.sizeBy,
      lang: this.display.lang,
      read: this.reading,
    }));
  }

  // ---- messages ----

  private messageTimer: number | undefined;

  showMessage(text: string, kind: "error" | "info", ms = kind === "error" ? 0 : 6000): void {
    window.clearTimeout(this.messageTimer);
    clear(this.message);
    this.message.className = `message ${kind}`;
    this.message.setAttribute("role", kind === "error" ? "alert" : "status");
    this.message.append(
      el("span", { class: "message-text", text }),
      el("button", { class: "icon-btn", text: "×", attrs: { type: "button", "aria-label": "Dismiss" }, on: { click: () => (this.message.hidden = true) } }),
    );
    this.message.hidden = false;
    if (ms > 0) this.messageTimer = window.setTimeout(() => (this.message.hidden = true), ms);
  }

  private showEmpty(text: string): void {
    clear(this.empty);
    this.empty.append(el("p", { text }));
    this.empty.hidden = false;
  }

  private hideEmpty(): void {
    this.empty.hidden = true;
  }

  // ---- chrome: menus, buttons, keyboard ----

  private bindChrome(): void {
    const fileInput = byId<HTMLInputElement>("file-input");
    fileInput.addEventListener("change", () => {
      const files = [...(fileInput.files ?? [])];
      fileInput.value = "";
      closeMenus();
      void this.openFiles(files);
    });
    byId("open-default").addEventListener("click", () => {
      closeMenus();
      this.graphUrl = undefined;
      void this.boot({ ...defaultViewState() });
    });
    installDrop(byId("drop-overlay"), (files) => void this.openFiles(files));

    const menu = byId("export-items");
    const scope = () => ((document.querySelector("input[name=export-scope]:checked") as HTMLInputElement | null)?.value === "shown" ? "shown" : "all");
    const src = {
      graph: () => this.graph,
      visibility: () => this.visibility,
      sigma: () => this.view?.sigma ?? null,
      baseName: () => (this.sourceName.split("/").pop() ?? "graph").replace(/\.(json|gexf|graphml)$/i, "").replace(/[^\w.-]+/g, "-") || "graph",
    };
    for (const f of GRAPH_FORMATS) {
      menu.appendChild(
        el("button", {
          class: "menu-item",
          text: f.label,
          attrs: { type: "button", "data-format": f.format },
          on: {
            click: () => {
              try {
                const name = exportGraph(src, f.format, scope());
                this.showMessage(`Exported ${name}.`, "info", 3000);
              } catch (err) {
                this.showMessage(`Export failed: ${errorText(err)}`, "error");
              }
              closeMenus();
            },
          },
        }),
      );
    }
    menu.appendChild(
      el("button", {
        class: "menu-item",
        text: "PNG image of the view",
        attrs: { type: "button", "data-format": "png" },
        on: {
          click: () => {
            closeMenus();
            exportPng(src).then(
              (name) => this.showMessage(`Exported ${name}.`, "info", 3000),
              (err) => this.showMessage(`Export failed: ${errorText(err)}`, "error"),
            );
          },
        },
      }),
    );

    this.layoutBtn.addEventListener("click", () => {
      if (!this.layout) return;
      if (this.layout.running) this.layout.stop();
      else this.layout.start();
    });
    byId("layout-spread").addEventListener("click", () => {
      if (this.layout && this.view) this.layout.spread(this.view.unitsPerPixel());
    });
    byId("zoom-in").addEventListener("click", () => this.view?.zoom(1));
    byId("zoom-out").addEventListener("click", () => this.view?.zoom(-1));
    byId("zoom-fit").addEventListener("click", () => this.view?.zoom(0));
    byId("toggle-filters").addEventListener("click", () => {
      const collapsed = document.body.classList.toggle("filters-collapsed");
      byId("toggle-filters").setAttribute("aria-expanded", String(!collapsed));
    });

    document.addEventListener("keydown", (e) => {
      const t = e.target as HTMLElement | null;
      const typing = !!t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT" || t.isContentEditable);
      if (e.key === "/" && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        this.search.focus();
      } else if (e.key === "Escape" && !typing) {
        if (closeMenus()) return;
        this.clearSelection();
      }
    });
    document.addEventListener("click", (e) => {
      for (const d of document.querySelectorAll<HTMLDetailsElement>("details.menu[open]")) if (!d.contains(e.target as Node)) d.open = false;
    });
  }
}

function closeMenus(): boolean {
  let closed = false;
  for (const d of document.querySelectorAll<HTMLDetailsElement>("details.menu[open]")) {
    d.open = false;
    closed = true;
  }
  return closed;
}

function errorText(err: unknown): string {
  const s = err instanceof Error ? err.message : String(err);
  const line = s.split("\n")[0].trim();
  return /[.!?]$/.test(line) ? line : `${line}.`;
}

new App();
