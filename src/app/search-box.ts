// The search box: results as you type, arrows and Enter to pick, Esc to close; picking selects the
// node and moves the camera to it.
import { clear, el, swatch } from "./dom";
import { nodeColor, typeName } from "./palette";
import type { NodeSearch, SearchHit } from "./search";

export class SearchBox {
  private hits: SearchHit[] = [];
  private active = -1;
  private index: NodeSearch | null = null;

  constructor(
    private input: HTMLInputElement,
    private list: HTMLElement,
    private pick: (node: string) => void,
  ) {
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-expanded", "false");
    list.setAttribute("role", "listbox");
    input.addEventListener("input", () => this.run());
    input.addEventListener("focus", () => {
      if (input.value.trim()) this.run();
    });
    input.addEventListener("keydown", (e) => this.key(e));
    input.addEventListener("blur", () => window.setTimeout(() => this.close(), 150));
  }

  /** null while a graph is being read: no results until its index is built. */
  setIndex(index: NodeSearch | null): void {
    this.index = index;
    if (this.input.value.trim() && document.activeElement === this.input) this.run();
  }

  private run(): void {
    const q = this.input.value;
    this.hits = this.index ? this.index.search(q, 10) : [];
    this.active = this.hits.length ? 0 : -1;
    this.render(q);
  }

  private render(q: string): void {
    clear(this.list);
    if (!q.trim()) return this.close();
    if (this.hits.length === 0) {
      this.list.append(el("li", { class: "no-hit", text: `Nothing found for “${q.trim()}”` }));
    }
    this.hits.forEach((h, i) => {
      const li = el(
        "li",
        {
          class: `hit${i === this.active ? " active" : ""}`,
          attrs: { role: "option", id: `hit-${i}`, "aria-selected": i === this.active ? "true" : "false", "data-node": h.node },
          on: {
            mousedown: (e) => {
              e.preventDefault();
              this.choose(i);
            },
          },
        },
        [
          swatch(nodeColor(h.type)),
          el("span", { class: "hit-main" }, [
            el("span", { class: "hit-label", text: h.label }),
            h.label_en && h.label_en !== h.label ? el("span", { class: "hit-en", text: h.label_en }) : null,
            h.via ? el("span", { class: "hit-via", text: `“${h.via}”` }) : null,
          ]),
          el("span", { class: "hit-type", text: typeName(h.type) }),
        ],
      );
      this.list.appendChild(li);
    });
    this.list.hidden = false;
    this.input.setAttribute("aria-expanded", "true");
    if (this.active >= 0) this.input.setAttribute("aria-activedescendant", `hit-${this.active}`);
    else this.input.removeAttribute("aria-activedescendant");
  }

  private key(e: KeyboardEvent): void {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (!this.hits.length) return;
      e.preventDefault();
      const d = e.key === "ArrowDown" ? 1 : -1;
      this.active = (this.active + d + this.hits.length) % this.hits.length;
      this.render(this.input.value);
      this.list.querySelector(".hit.active")?.scrollIntoView({ block: "nearest" });
    } else if (e.key === "Enter") {
      e.preventDefault();
      if (this.active >= 0) this.choose(this.active);
    } else if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      if (!this.list.hidden) this.close();
      else {
        this.input.value = "";
        this.input.blur();
      }
    }
  }

  private choose(i: number): void {
    const h = this.hits[i];
    if (!h) return;
    this.close();
    this.input.value = h.label;
    this.input.blur();
    this.pick(h.node);
  }

  close(): void {
    this.list.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
  }

  focus(): void {
    this.input.focus();
    this.input.select();
  }
}
