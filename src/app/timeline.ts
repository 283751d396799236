// The date range over the edges' dates: two sliders (from, to), a small histogram of relations per
// date, and a play button that replays the diplomacy date by date.
import { append, clear, el, formatDate } from "./dom";
import type { GraphModel } from "./model";

export interface TimelineRange {
  from?: string;
  to?: string;
}

const STEP_MS = 900;

export class Timeline {
  readonly root: HTMLElement;
  private fromInput: HTMLInputElement;
  private toInput: HTMLInputElement;
  private label: HTMLElement;
  private playBtn: HTMLButtonElement;
  private bars: HTMLElement[] = [];
  private timer: number | undefined;
  private dates: string[];

  constructor(
    model: GraphModel,
    private onChange: (r: TimelineRange) => void,
  ) {
    this.dates = model.dates;
    const n = this.dates.length;
    const counts = model.dateCounts;
    const max = Math.max(1, ...counts);
    this.fromInput = el("input", { class: "range", attrs: { type: "range", min: 0, max: Math.max(0, n - 1), step: 1, value: 0, "aria-label": "From date", id: "date-from" } });
    this.toInput = el("input", { class: "range", attrs: { type: "range", min: 0, max: Math.max(0, n - 1), step: 1, value: Math.max(0, n - 1), "aria-label": "To date", id: "date-to" } });
    this.label = el("div", { class: "timeline-label", attrs: { "aria-live": "polite" } });
    this.playBtn = el("button", { class: "btn small play", text: "▶ Play", title: "Replay the relations date by date", attrs: { type: "button", id: "timeline-play" }, on: { click: () => this.togglePlay() } });
    const hist = el("div", { class: "histogram", attrs: { "aria-hidden": "true" } });
    counts.forEach((c, i) => {
      const bar = el("span", { class: "bar", title: `${formatDate(this.dates[i])}: ${c} ${c === 1 ? "relation" : "relations"}` });
      bar.style.height = `${Math.max(12, (100 * c) / max)}%`;
      this.bars.push(bar);
      hist.appendChild(bar);
    });
    this.fromInput.addEventListener("input", () => {
      if (+this.fromInput.value > +this.toInput.value) this.toInput.value = this.fromInput.value;
      this.stop();
      this.emit();
    });
    this.toInput.addEventListener("input", () => {
      if (+this.toInput.value < +this.fromInput.value) this.fromInput.value = this.toInput.value;
      this.stop();
      this.emit();
    });
    this.root = el("div", { class: "timeline" });
    if (n === 0) {
      this.root.append(el("p", { class: "muted small", text: "No relation in this graph carries a date." }));
      return;
    }
    this.root.append(
      el("div", { class: "timeline-top" }, [this.label, this.playBtn]),
      hist,
      el("label", { class: "range-row" }, [el("span", { class: "range-name", text: "From" }), this.fromInput]),
      el("label", { class: "range-row" }, [el("span", { class: "range-name", text: "To" }), this.toInput]),
    );
    this.paint();
  }

  /** Sets the sliders from a range (as read from the URL) without emitting. */
  set(r: TimelineRange): void {
    const n = this.dates.length;
    if (!n) return;
    const idx = (d: string | undefined, fallback: number, pickLast: boolean) => {
      if (!d) return fallback;
      const exact = this.dates.indexOf(d);
      if (exact >= 0) return exact;
      // Nearest date inside the bound.
      if (pickLast) {
        let last = 0;
        this.dates.forEach((x, i) => (x <= d ? (last = i) : null));
        return last;
      }
      const first = this.dates.findIndex((x) => x >= d);
      return first < 0 ? n - 1 : first;
    };
    this.fromInput.value = String(idx(r.from, 0, false));
    this.toInput.value = String(Math.max(+this.fromInput.value, idx(r.to, n - 1, true)));
    this.paint();
  }

  range(): TimelineRange {
    const n = this.dates.length;
    if (!n) return {};
    const f = +this.fromInput.value;
    const t = +this.toInput.value;
    return { from: f > 0 ? this.dates[f] : undefined, to: t < n - 1 ? this.dates[t] : undefined };
  }

  private paint(): void {
    const f = +this.fromInput.value;
    const t = +this.toInput.value;
    const n = this.dates.length;
    clear(this.label);
    if (!n) return;
    const all = f === 0 && t === n - 1;
    append(this.label, [
      el("strong", { text: f === t ? formatDate(this.dates[f]) : `${formatDate(this.dates[f])} – ${formatDate(this.dates[t])}` }),
      all ? el("span", { class: "muted", text: " (all dates)" }) : null,
    ]);
    this.bars.forEach((b, i) => b.classList.toggle("in", i >= f && i <= t));
  }

  private emit(): void {
    this.paint();
    this.onChange(this.range());
  }

  get playing(): boolean {
    return this.timer !== undefined;
  }

  togglePlay(): void {
    if (this.playing) return this.stop();
    const n = this.dates.length;
    if (n < 2) return;
    this.fromInput.value = "0";
    this.toInput.value = "0";
    this.emit();
    this.playBtn.textContent = "■ Stop";
    this.playBtn.classList.add("active");
    this.timer = window.setInterval(() => {
      const next = +this.toInput.value + 1;
      if (next > n - 1) return this.stop();
      this.toInput.value = String(next);
      this.emit();
    }, STEP_MS);
  }

  stop(): void {
    if (this.timer !== undefined) window.clearInterval(this.timer);
    this.timer = undefined;
    this.playBtn.textContent = "▶ Play";
    this.playBtn.classList.remove("active");
  }
}
