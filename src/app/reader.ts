// The article reader: the whole text, every recognized mention highlighted by its node's type and
// clickable, and the quoted sentence marked and scrolled into view.
import { append, clear, el, formatDate, swatch } from "./dom";
import type { GraphModel } from "./model";
import { nodeColor, orderedTypes, typeName } from "./palette";
import { markedText, type MentionMark } from "./quotes";
import { cut, type Span } from "./spans";

export interface ReaderActions {
  back(): void;
  selectNode(node: string): void;
}

function sourceLine(source: string | undefined): HTMLElement | null {
  if (!source) return null;
  let url: URL | null = null;
  try {
    url = new URL(source);
  } catch {
    url = null;
  }
  if (url && (url.protocol === "https:" || url.protocol === "http:")) {
    return el("a", { class: "reader-source", text: url.hostname + url.pathname.replace(/\/$/, ""), attrs: { href: url.href, target: "_blank", rel: "noopener noreferrer" } });
  }
  return el("span", { class: "reader-source", text: source });
}

export function renderReader(root: HTMLElement, model: GraphModel, articleId: string, quote: { start?: number; end?: number }, actions: ReaderActions): void {
  clear(root);
  root.dataset.view = "reader";
  const article = model.articles.get(articleId);
  const head = el("div", { class: "panel-head" }, [
    el("button", { class: "back", text: "← Back", attrs: { type: "button" }, on: { click: () => actions.back() } }),
    el("span", { class: "muted small", text: "Article" }),
  ]);
  if (!article || typeof article.text !== "string") {
    root.append(head, el("p", { class: "muted", text: `The article “${articleId}” is not in this graph.` }));
    return;
  }
  const text = article.text;
  const mentions = model.mentionsIn(articleId).filter((m) => model.graph.hasNode(m.node));
  const spans: Span<MentionMark>[] = mentions.map((m) => ({
    start: m.mention.start,
    end: m.mention.end,
    data: { node: m.node, type: String(model.graph.getNodeAttribute(m.node, "type")) },
  }));
  const types = orderedTypes(spans.map((s) => s.data.type));
  const body = el("div", { class: "reader-text", attrs: { lang: "vi" } });
  const hasQuote = Number.isInteger(quote.start) && Number.isInteger(quote.end) && (quote.end as number) > (quote.start as number) && (quote.end as number) <= text.length;
  let quoted: HTMLElement | null = null;
  const outer: Span<null>[] = hasQuote ? [{ start: quote.start as number, end: quote.end as number, data: null }] : [];
  for (const piece of cut(text, outer)) {
    const inner = markedText(model, text, spans, piece.start, piece.end, actions.selectNode);
    if (piece.span) {
      quoted = el("mark", { class: "quoted", attrs: { "data-start": piece.start, "data-end": piece.end } }, inner);
      body.appendChild(quoted);
    } else append(body, inner);
  }
  append(root, [
    head,
    el("h2", { class: "reader-title", text: article.title?.trim() || article.id, attrs: { lang: "vi" } }),
    el("div", { class: "reader-meta" }, [article.date ? el("span", { text: formatDate(article.date) }) : null, sourceLine(article.source)]),
    types.length
      ? el("div", { class: "reader-legend" }, [
          el("span", { class: "muted small", text: `${spans.length} mentions:` }),
          ...types.map((t) => el("span", { class: "legend-item small" }, [swatch(nodeColor(t)), typeName(t)])),
        ])
      : null,
    body,
  ]);
  if (quoted) {
    const q = quoted;
    requestAnimationFrame(() => q.scrollIntoView({ block: "center", behavior: "auto" }));
  } else root.scrollTop = 0;
}
