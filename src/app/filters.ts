// The left panel: node-type and relation checkboxes (with legend colours and counts), the
// timeline, minimum weight, hide isolated nodes, display options and the counts of what is shown.
import { clear, el, swatch } from "./dom";
import { cloneFilters, type Counts, type Filters, type GraphModel, type Visibility } from "./model";
import { nodeColor, orderedRelations, orderedTypes, relationColor, relationName, typeName, NODE_TYPE_STYLE, RELATION_STYLE } from "./palette";
import { Timeline } from "./timeline";
import type { SizeBy } from "./view";

export interface DisplayOptions {
  sizeBy: SizeBy;
  lang: "vi" | "en";
}

export interface FilterCallbacks {
  filtersChanged(f: Filters): void;
  displayChanged(d: DisplayOptions): void;
}

export class FilterPanel {
  private filters: Filters;
  private typeCounts = new Map<string, HTMLElement>();
  private relCounts = new Map<string, HTMLElement>();
  private typeBoxes = new Map<string, HTMLInputElement>();
  private relBoxes = new Map<string, HTMLInputElement>();
  private shown: HTMLElement;
  private timeline: Timeline;
  private minWeight!: HTMLInputElement;
  private minWeightValue!: HTMLElement;
  private isolated!: HTMLInputElement;
  private undated!: HTMLInputElement;

  constructor(
    private root: HTMLElement,
    private model: GraphModel,
    filters: Filters,
    private display: DisplayOptions,
    private cb: FilterCallbacks,
  ) {
    this.filters = cloneFilters(filters);
    clear(root);
    this.shown = el("div", { class: "shown", attrs: { id: "shown-counts", "aria-live": "polite" } });
    this.timeline = new Timeline(model, (r) => {
      this.filters.dateFrom = r.from;
      this.filters.dateTo = r.to;
      this.changed();
    });
    this.timeline.set({ from: filters.dateFrom, to: filters.dateTo });
    const types = model.types.keys();
    const relations = model.relations.keys();

    root.append(
      this.shown,
      this.section("Node types", "types", this.checkList(orderedTypes(types), "type")),
      this.section("Timeline", "timeline", [this.timeline.root, this.undatedRow()]),
      this.section("Relations", "relations", [...this.checkList(orderedRelations(relations), "relation"), this.arrowNote()]),
      this.section("Evidence", "weight", [this.weightRow(), this.isolatedRow()]),
      this.section("Display", "display", this.displayRows()),
      el("button", { class: "btn small reset", text: "Reset filters", attrs: { type: "button", id: "reset-filters" }, on: { click: () => this.reset() } }),
    );
  }

  private section(title: string, id: string, body: (Node | null)[]): HTMLElement {
    return el("section", { class: "filter-section", attrs: { "aria-labelledby": `fs-${id}` } }, [el("h3", { class: "section-h", text: title, attrs: { id: `fs-${id}` } }), ...body]);
  }

  private checkList(keys: string[], kind: "type" | "relation"): HTMLElement[] {
    const hidden = kind === "type" ? this.filters.hiddenTypes : this.filters.hiddenRelations;
    const rows = keys.map((k) => {
      const box = el("input", { attrs: { type: "checkbox", name: kind, value: k } });
      box.checked = !hidden.has(k);
      box.addEventListener("change", () => {
        if (box.checked) hidden.delete(k);
        else hidden.add(k);
        this.changed();
      });
      const count = el("span", { class: "count" });
      (kind === "type" ? this.typeBoxes : this.relBoxes).set(k, box);
      (kind === "type" ? this.typeCounts : this.relCounts).set(k, count);
      const vi = kind === "type" ? (NODE_TYPE_STYLE as Record<string, { vi: string }>)[k]?.vi : (RELATION_STYLE as Record<string, { vi: string }>)[k]?.vi;
      return el("label", { class: "check-row", title: vi ? `${vi}` : undefined }, [
        box,
        kind === "type" ? swatch(nodeColor(k)) : swatch(relationColor(k), "line"),
        el("span", { class: "check-name", text: kind === "type" ? typeName(k) : relationName(k) }),
        count,
      ]);
    });
    const toggleAll = (on: boolean) => {
      for (const k of keys) (on ? hidden.delete(k) : hidden.add(k));
      for (const [k, b] of kind === "type" ? this.typeBoxes : this.relBoxes) b.checked = !hidden.has(k);
      this.changed();
    };
    const tools = el("div", { class: "list-tools" }, [
      el("button", { class: "link-btn", text: "all", attrs: { type: "button" }, on: { click: () => toggleAll(true) } }),
      el("button", { class: "link-btn", text: "none", attrs: { type: "button" }, on: { click: () => toggleAll(false) } }),
    ]);
    return [el("div", { class: "check-list", attrs: { id: `${kind}-filters` } }, rows), tools];
  }

  private arrowNote(): HTMLElement {
    return el("p", { class: "muted small note", text: "Arrows point from subject to object; consults, meets and agrees hold both ways and have none." });
  }

  private undatedRow(): HTMLElement {
    this.undated = el("input", { attrs: { type: "checkbox", id: "include-undated" } });
    this.undated.checked = this.filters.includeUndated;
    this.undated.addEventListener("change", () => {
      this.filters.includeUndated = this.undated.checked;
      this.changed();
    });
    return el("label", { class: "check-row plain" }, [this.undated, el("span", { class: "check-name", text: "Keep undated relations" })]);
  }

  private weightRow(): HTMLElement {
    const max = Math.max(1, this.model.maxWeight);
    this.minWeight = el("input", { class: "range", attrs: { type: "range", min: 1, max, step: 1, value: Math.min(max, this.filters.minWeight), id: "min-weight", "aria-label": "Minimum weight" } });
    this.minWeightValue = el("span", { class: "range-value", text: String(this.filters.minWeight) });
    this.minWeight.disabled = max <= 1;
    this.minWeight.addEventListener("input", () => {
      this.filters.minWeight = Number(this.minWeight.value);
      this.minWeightValue.textContent = this.minWeight.value;
      this.changed();
    });
    return el("label", { class: "range-row wide" }, [el("span", { class: "range-name", text: "Min. sentences" }), this.minWeight, this.minWeightValue]);
  }

  private isolatedRow(): HTMLElement {
    this.isolated = el("input", { attrs: { type: "checkbox", id: "hide-isolated" } });
    this.isolated.checked = this.filters.hideIsolated;
    this.isolated.addEventListener("change", () => {
      this.filters.hideIsolated = this.isolated.checked;
      this.changed();
    });
    return el("label", { class: "check-row plain" }, [this.isolated, el("span", { class: "check-name", text: "Hide isolated nodes" })]);
  }

  private displayRows(): HTMLElement[] {
    const size = el("select", { attrs: { id: "size-by", "aria-label": "Node size" } }, [
      el("option", { text: "Weighted degree", attrs: { value: "degree" } }),
      el("option", { text: "PageRank", attrs: { value: "pagerank" } }),
    ]);
    size.value = this.display.sizeBy;
    size.addEventListener("change", () => {
      this.display = { ...this.display, sizeBy: size.value === "pagerank" ? "pagerank" : "degree" };
      this.cb.displayChanged(this.display);
    });
    const lang = el("select", { attrs: { id: "label-lang", "aria-label": "Label language" } }, [
      el("option", { text: "Tiếng Việt", attrs: { value: "vi" } }),
      el("option", { text: "English", attrs: { value: "en" } }),
    ]);
    lang.value = this.display.lang;
    lang.addEventListener("change", () => {
      this.display = { ...this.display, lang: lang.value === "en" ? "en" : "vi" };
      this.cb.displayChanged(this.display);
    });
    return [
      el("label", { class: "select-row" }, [el("span", { class: "range-name", text: "Size by" }), size]),
      el("label", { class: "select-row" }, [el("span", { class: "range-name", text: "Labels" }), lang]),
    ];
  }

  private changed(): void {
    this.cb.filtersChanged(cloneFilters(this.filters));
  }

  private reset(): void {
    this.timeline.stop();
    this.filters.hiddenTypes.clear();
    this.filters.hiddenRelations.clear();
    this.filters.dateFrom = this.filters.dateTo = undefined;
    this.filters.includeUndated = true;
    this.filters.minWeight = 1;
    this.filters.hideIsolated = false;
    for (const b of [...this.typeBoxes.values(), ...this.relBoxes.values()]) b.checked = true;
    this.timeline.set({});
    this.undated.checked = true;
    this.minWeight.value = "1";
    this.minWeightValue.textContent = "1";
    this.isolated.checked = false;
    this.changed();
  }

  /** Shows the counts of what the filters let through (`counts`: when already computed). */
  update(v: Visibility, counts?: Counts): void {
    const { types, relations } = counts ?? this.model.counts(v);
    for (const [k, span] of this.typeCounts) {
      const [shown, total] = types.get(k) ?? [0, 0];
      span.textContent = shown === total ? String(total) : `${shown}/${total}`;
    }
    for (const [k, span] of this.relCounts) {
      const [shown, total] = relations.get(k) ?? [0, 0];
      span.textContent = shown === total ? String(total) : `${shown}/${total}`;
    }
    clear(this.shown);
    this.shown.dataset.nodes = String(v.nodes.size);
    this.shown.dataset.edges = String(v.edges.size);
    this.shown.append(
      el("span", {}, [el("strong", { text: String(v.nodes.size) }), ` of ${this.model.graph.order} nodes`]),
      el("span", {}, [el("strong", { text: String(v.edges.size) }), ` of ${this.model.graph.size} relations`]),
    );
  }

  stop(): void {
    this.timeline.stop();
  }
}
