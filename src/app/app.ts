// The explorer: loads graph/graph.json (or the graph named in the URL), wires the view, the
// panels, search, filters, export, drop and the URL state together.
//
// Loading a graph, in stages, so that the graph is drawn first and nothing holds the page long:
//   show          the nodes are known: seed positions, the view, the first frame;
//   layout        the edges are known: sizes and curvature, then ForceAtlas2 in its worker, drawn
//                 as it goes (data-state="layout");
//   data          the file is checked and complete: model, filters, search index, built in slices;
//   finish        both done: noverlap (small graphs), selection and camera from the URL, then
//                 data-state="ready" (settled and interactive).
// A graph.json from the network is read in a worker (load-worker.ts) that sends the nodes and edges
// while the file arrives; other graphs arrive whole and go through the same stages at once.
import { takePrefetch, DEFAULT_GRAPH } from "./prefetch";
import { MAX_GRAPH_BYTES_BROWSER, readGraphFile } from "../export/index";
import { createGraph, type KnowledgeGraph } from "../graph";
import { byId, clear, el } from "./dom";
import { planDrop } from "./drop";
import { installDrop } from "./drop";
import { exportGraph, exportPng, GRAPH_FORMATS } from "./exporter";
import { FilterPanel, type DisplayOptions } from "./filters";
import { Layout, seedPositions, settleIterations, SYNC_SPREAD_MAX, type LayoutStatus } from "./layout";
import { GraphLoad } from "./loader";
import { displaySteps, MIN_NODE } from "./display";
import { drain, nextFrame, nextTask, runAll } from "./tasks";
import { cloneFilters, GraphModel, subgraph, type Filters, type Visibility } from "./model";
import { renderEdge, renderNode, renderOverview, type PanelActions } from "./panel";
import { renderReader } from "./reader";
import { NodeSearch } from "./search";
import { SearchBox } from "./search-box";
import { defaultViewState, readLocation, writeLocation, type ViewState } from "./url-state";
import { NodePreview } from "./preview";
import { GraphView, LARGE_NODE_SCALE, PLAIN_NODES } from "./view";
import { config as zodConfig } from "zod/mini";

// zod compiles its validators with new Function() when it may; the page's CSP forbids eval, so say
// so up front instead of letting zod find out by trying (which the browser reports as a violation).
zodConfig({ jitless: true });


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
  /** Counts the current graph's stages: work of an older one stops when it sees a newer number. */
  private gen = 0;
  /** The model and filters are built for the current graph; and its search index. */
  private dataReady = false;
  private searchReady = false;
  /** Lets the search index be built (it waits for the first layout, or for the search box). */
  private searchWanted: (() => void) | null = null;
  /** The first layout of the current graph is done. */
  private settled = false;
  /** What to restore (selection, reader, camera) once the graph is ready. */
  private pendingState: ViewState | null = null;
  private loading: GraphLoad | null = null;
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
    byId("search").addEventListener("focus", () => this.searchWanted?.());
    this.resizeObserver = new ResizeObserver(() => this.view?.resize());
    this.resizeObserver.observe(this.container);
    this.bindChrome();
    void this.boot(initial);
  }

  // ---- loading ----

  private async boot(initial: ViewState): Promise<void> {
    const url = initial.graph ?? DEFAULT_GRAPH;
    const gen = this.newGen();
    document.body.dataset.state = "loading";
    const name = url.split("/").pop() || "graph.json";
    try {
      const early = takePrefetch(url);
      if (early?.loader || /\.json$/i.test(name)) {
        const source = early?.loader ? { ...early.loader, name, url } : { name, url: new URL(url, document.baseURI).href, skeleton: true, maxBytes: MAX_GRAPH_BYTES_BROWSER };
        let nodesIn = false;
        const load = new GraphLoad(source, {
          // Many nodes are coming: a view there is set for them (a new one is made after the preview),
          // and their dots are drawn as they arrive.
          large: () => {
            if (gen !== this.gen) return;
            this.view?.expect(true);
            // (A file read in one piece is scanned whole before this message: then no preview is due.)
            if (!nodesIn) this.startPreview();
          },
          someNodes: (keys, types) => {
            if (gen === this.gen && !nodesIn) this.preview?.add(keys, types);
          },
          preview: async (nodes) => {
            if (gen !== this.gen) return;
            nodesIn = true;
            performance.mark("kg:nodes");
            if (nodes.keys.length <= PLAIN_NODES) return;
            // A large graph: the rest of its dots, then the view (made in a task of its own), then the graph.
            const preview = this.startPreview();
            preview.add(nodes.keys.slice(preview.count), nodes.types.slice(preview.count));
            preview.flush();
            // The frame showing the dots, then the next: that one is committed (see GraphView.show).
            await nextFrame();
            await nextFrame();
            performance.mark("kg:first-frame");
            if (this.view) return;
            await nextTask();
            if (gen === this.gen) this.ensureView(true);
            await nextTask();
          },
          nodes: (g) => {
            if (gen !== this.gen) return;
            this.show(g, url, initial, false);
          },
          edges: (g) => {
            if (gen !== this.gen || this.graph !== g) return;
            performance.mark("kg:edges");
            void this.startLayout(false);
          },
        });
        this.loading = load;
        const res = await load.response;
        if (gen !== this.gen) return;
        if (res.status === 404) {
          load.cancel();
          return this.noGraph(url, initial);
        }
        if (!res.ok) throw new Error(`${url}: the server answered ${res.status} ${res.statusText}`);
        const { graph, early: same, edgeDates } = await load.done;
        if (gen !== this.gen) return;
        this.loading = null;
        performance.mark("kg:parsed");
        if (same && this.graph === graph) void this.buildData(edgeDates);
        else this.install(graph, url, initial, false, edgeDates);
        return;
      }
      const res = await (early?.response ?? fetch(url, { cache: "no-cache" }));
      if (gen !== this.gen) return;
      if (res.status === 404) return this.noGraph(url, initial);
      if (!res.ok) throw new Error(`${url}: the server answered ${res.status} ${res.statusText}`);
      const text = await res.text();
      if (gen !== this.gen) return;
      const graph = readGraphFile(name, text, { DOMParser: window.DOMParser, maxBytes: MAX_GRAPH_BYTES_BROWSER });
      performance.mark("kg:parsed");
      this.install(graph, url, initial);
    } catch (err) {
      if (gen !== this.gen) return;
      this.install(createGraph(), url, initial);
      this.showEmpty(`Could not load ${url}.`);
      this.showMessage(errorText(err), "error");
    }
  }

  private noGraph(url: string, initial: ViewState): void {
    this.install(createGraph(), url, initial);
    this.showEmpty(`No graph at ${url} yet. Build one with “npm run graph”, or drop a graph file (.json, .gexf, .graphml) or news articles (.txt, .html) here.`);
  }

  /** A new stage counter: stops whatever an earlier graph still had under way. */
  private newGen(): number {
    this.loading?.cancel();
    this.loading = null;
    this.removePreview();
    return ++this.gen;
  }

  /** Puts a whole graph on screen: replaces view, layout, filters and search; restores `state` if given. */
  private install(graph: KnowledgeGraph, sourceName: string, state: ViewState | null, keepPositions = false, edgeDates?: Map<string, string[]>): void {
    this.newGen();
    this.show(graph, sourceName, state, keepPositions);
    void this.startLayout(keepPositions);
    void this.buildData(edgeDates);
  }

  /** Stage 1: the nodes on screen (the edges may not be known yet). */
  private show(graph: KnowledgeGraph, sourceName: string, state: ViewState | null, keepPositions: boolean): void {
    this.ready = false;
    this.dataReady = false;
    this.searchReady = false;
    this.settled = false;
    // A stage of the previous graph left waiting stops there (its generation is over).
    this.searchWanted?.();
    document.body.dataset.state = "layout";
    this.layout?.kill();
    this.layout = null;
    this.filterPanel?.stop();
    this.filterPanel = null;
    clear(this.filtersRoot);
    this.filtersRoot.append(el("p", { class: "muted small", text: "Reading the graph…" }));
    this.search.setIndex(null);
    this.hideEmpty();
    this.graph = graph;
    this.sourceName = sourceName;
    byId("source-name").textContent = sourceName.split("/").pop() ?? sourceName;
    byId("source-name").title = sourceName;
    if (state) {
      this.filters = cloneFilters(state.filters);
      this.display = { sizeBy: state.sizeBy, lang: state.lang };
    }
    this.pendingState = state;
    this.layoutChanged("settling");
    seedPositions(graph, keepPositions);
    graph.forEachNode((_n, a) => {
      const d = a as unknown as { size?: number };
      if (!Number.isFinite(d.size)) d.size = MIN_NODE;
    });
    this.selection = {};
    this.reading = undefined;
    this.renderPanel();
    // After a preview, the first frame is already out (it marked kg:first-frame).
    this.ensureView(graph.order > PLAIN_NODES).show(graph, null, !this.preview);
    this.removePreview();
  }

  /** The dots of a large graph's first frame (preview.ts), until the view has drawn. */
  private preview: NodePreview | null = null;

  private startPreview(): NodePreview {
    if (!this.preview) {
      this.hideEmpty();
      this.preview = new NodePreview(this.container, MIN_NODE * LARGE_NODE_SCALE);
    }
    return this.preview;
  }

  private removePreview(): void {
    this.preview?.remove();
    this.preview = null;
  }

  /** Stage 2: sizes and curvature from the edges, then the first layout, drawn as it goes. */
  private async startLayout(keepPositions: boolean): Promise<void> {
    const gen = this.gen;
    const graph = this.graph;
    if (!(await drain(displaySteps(graph, this.display.sizeBy), () => gen !== this.gen)) || gen !== this.gen) return;
    // Moving first, so that a large graph's scene never takes all its edges before the layout.
    this.view?.setMoving(true);
    this.view?.edgesChanged();
    this.view?.syncDisplay();
    // The new scene is drawn in this task, the layout starts in the next.
    await nextTask();
    if (gen !== this.gen) return;
    this.layout = new Layout(graph, (s) => this.layoutChanged(s));
    this.layout.settle(keepPositions ? 120 : settleIterations(graph.order), () => {
      if (gen !== this.gen) return;
      performance.mark("kg:layout-end");
      void this.settle(gen);
    });
    // ForceAtlas2 runs in its worker from here (the task that started it ends now).
    performance.mark("kg:layout-start");
  }

  /** The first layout is done: the whole scene built in slices, drawn in a task of its own, then its frame; then finish. */
  private async settle(gen: number): Promise<void> {
    await this.view?.prepareWhole();
    await nextTask();
    if (gen !== this.gen) return;
    this.view?.flushScene();
    await new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    if (gen !== this.gen) return;
    this.settled = true;
    this.searchWanted?.();
    this.finish();
  }

  /** Stage 3: the model, filters and search index of the complete graph, a few milliseconds at a time. */
  private async buildData(edgeDates?: Map<string, string[]>): Promise<void> {
    const gen = this.gen;
    const graph = this.graph;
    const cancelled = () => gen !== this.gen;
    const model = await GraphModel.create(graph, cancelled, edgeDates);
    if (!model || cancelled()) return;
    const visibility = await drain(model.visibilitySteps(this.filters), cancelled);
    if (!visibility || cancelled()) return;
    const counts = await drain(model.countSteps(visibility), cancelled);
    if (!counts || cancelled()) return;
    // The panels are built each in a task of its own: a burst of DOM each, while the layout runs.
    await nextTask();
    if (cancelled()) return;
    this.model = model;
    this.visibility = visibility;
    clear(this.filtersRoot);
    const panel = new FilterPanel(this.filtersRoot, model, this.filters, this.display, {
      filtersChanged: (f) => this.setFilters(f),
      displayChanged: (d) => this.setDisplay(d),
    });
    this.filterPanel = panel;
    await nextTask();
    if (cancelled()) return;
    panel.update(this.visibility, this.visibility === visibility ? counts : undefined);
    await nextTask();
    if (cancelled()) return;
    // Everything shown: the view needs no redraw.
    if (visibility.nodes.size !== graph.order || visibility.edges.size !== graph.size) this.view?.setVisibility(visibility);
    this.dataReady = true;
    this.renderPanel();
    // The search index (a burst of allocations, so of garbage collection) waits for the first layout
    // to end, unless someone wants to search before.
    if (!this.settled) await new Promise<void>((resolve) => (this.searchWanted = resolve));
    this.searchWanted = null;
    if (cancelled()) return;
    const search = await NodeSearch.create(graph, cancelled);
    if (!search || cancelled()) return;
    this.search.setIndex(search);
    this.searchReady = true;
    performance.mark("kg:data");
    this.finish();
  }

  /** Stage 4, once laid out and complete: spread a small graph, restore the URL's view, ready. */
  private finish(): void {
    if (!this.settled || !this.searchReady || this.ready || !this.view) return;
    // noverlap on the main thread only for small graphs: the same final positions on every load.
    if (this.layout && this.graph.order <= SYNC_SPREAD_MAX) {
      this.layout.spread(this.view.unitsPerPixel());
      // Drawn now, so that "ready" shows the final positions.
      this.view.syncPositions();
    }
    this.finishLoad(this.pendingState);
    this.pendingState = null;
  }

  /** The one view of the page (sigma and its WebGL contexts are made once, with the programs for a large graph or a small one). */
  private ensureView(large = false): GraphView {
    if (!this.view) {
      this.view = new GraphView(
        this.container,
        {
          clickNode: (n) => this.selectNode(n),
          clickEdge: (e) => this.selectEdge(e),
          clickStage: () => this.clearSelection(),
          cameraChanged: () => this.syncUrl(),
        },
        large,
      );
    }
    this.view.lang = this.display.lang;
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
    performance.mark("kg:ready");
    this.syncUrl();
  }

  private async openFiles(files: File[]): Promise<void> {
    const plan = planDrop(files);
    if (plan.kind === "error") return this.showMessage(plan.message, "error");
    if (plan.kind === "graph") {
      let graph: KnowledgeGraph;
      let edgeDates: Map<string, string[]> | undefined;
      try {
        // JSON is parsed and checked in the worker; GEXF and GraphML need the page's DOMParser.
        const loaded = /\.json$/i.test(plan.file.name) ? await new GraphLoad({ name: plan.file.name, file: plan.file, skeleton: false, maxBytes: MAX_GRAPH_BYTES_BROWSER }).done : null;
        edgeDates = loaded?.edgeDates;
        graph = loaded
          ? loaded.graph
          : readGraphFile(plan.file.name, await plan.file.text(), { DOMParser: window.DOMParser, maxBytes: MAX_GRAPH_BYTES_BROWSER });
      } catch (err) {
        const why = errorText(err);
        return this.showMessage(`${why.includes(plan.file.name) ? why : `${plan.file.name}: ${why}`} The graph on screen is unchanged.`, "error");
      }
      this.graphUrl = undefined;
      this.install(graph, plan.file.name, defaultViewState(), false, edgeDates);
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
    if (!this.dataReady || !this.graph.hasNode(node)) return;
    this.selection = { node };
    if (!opts.keepReader) this.reading = undefined;
    this.view?.select(this.selection);
    if (opts.focus) this.view?.focusNode(node);
    this.renderPanel();
    this.syncUrl();
  }

  selectEdge(edge: string, opts: { focus?: boolean; keepReader?: boolean } = {}): void {
    if (!this.dataReady || !this.graph.hasEdge(edge)) return;
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
    if (!this.dataReady) {
      clear(root);
      root.dataset.view = "loading";
      root.append(el("p", { class: "muted", text: `Reading ${this.sourceName.split("/").pop() ?? "the graph"}…` }));
    } else if (this.reading) {
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
    if (sizeChanged) {
      runAll(displaySteps(this.graph, d.sizeBy));
      this.view?.syncDisplay();
    }
    this.view?.setLang(d.lang);
    this.syncUrl();
  }

  private layoutChanged(s: LayoutStatus): void {
    const running = s !== "idle";
    this.layoutBtn.textContent = s === "running" ? "■ Stop layout" : "▶ Run layout";
    this.layoutBtn.classList.toggle("active", s === "running");
    this.layoutBtn.disabled = s === "settling" || s === "spreading";
    this.layoutStatus.textContent = s === "settling" ? "Laying out…" : s === "running" ? "Layout running" : s === "spreading" ? "Spreading…" : "";
    document.body.classList.toggle("layout-running", running);
    // While nodes move, a large graph draws only part of itself (see LIVE_NODES in view.ts).
    if (s === "running") performance.mark("kg:run-start");
    this.view?.setMoving(running);
    if (s === "idle") performance.mark("kg:layout-idle");
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
      if (this.ready && this.layout && this.view) this.layout.spread(this.view.unitsPerPixel());
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
