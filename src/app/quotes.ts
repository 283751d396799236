// A quote (one evidence sentence) with the mentions of the parties highlighted, and the line
// that cites its article. Used by the details panel; the reader uses markedText for whole articles.
import type { Evidence } from "../types";
import { el, formatDate, type Child } from "./dom";
import type { GraphModel } from "./model";
import { nodeColor } from "./palette";
import { cut, findWord, type Span } from "./spans";

export interface MentionMark {
  node: string;
  type: string;
}

/** One mark element for a mention: coloured by the node's type; a button when it can be followed. */
export function mentionMark(text: string, m: MentionMark, label: string, onClick?: (node: string) => void): HTMLElement {
  const attrs = { "data-node": m.node, "data-type": m.type };
  const node = onClick
    ? el("button", { class: "mention", text, title: `${label} — show in the graph`, attrs: { ...attrs, type: "button" }, on: { click: (e) => { e.stopPropagation(); onClick(m.node); } } })
    : el("mark", { class: "mention", text, attrs });
  node.style.setProperty("--c", nodeColor(m.type));
  return node;
}

/** Pieces of text.slice(from, to) with the given mention spans made into marks. */
export function markedText(
  model: GraphModel,
  text: string,
  spans: Span<MentionMark>[],
  from: number,
  to: number,
  onClick?: (node: string) => void,
): Child[] {
  return cut(text, spans, from, to).map((p) => {
    if (!p.span) return p.text;
    const a = model.graph.hasNode(p.span.data.node) ? model.graph.getNodeAttributes(p.span.data.node) : null;
    return mentionMark(p.text, p.span.data, String(a?.label ?? p.span.data.node), onClick);
  });
}

export function articleCitation(model: GraphModel, articleId: string, date?: string): HTMLElement {
  const a = model.articles.get(articleId);
  const when = formatDate(date ?? a?.date);
  return el("span", { class: "cite" }, [
    el("span", { class: "cite-title", text: a?.title?.trim() || articleId }),
    when ? el("span", { class: "cite-date", text: when }) : null,
  ]);
}

/** Whether the evidence's sentence is exactly the article text at its offsets. */
export function evidenceChecks(model: GraphModel, ev: Evidence): boolean {
  const text = model.articles.get(ev.article)?.text;
  return typeof text === "string" && Number.isInteger(ev.start) && Number.isInteger(ev.end) && text.slice(ev.start, ev.end) === ev.sentence;
}

/**
 * The quote block: the sentence with the given nodes' mentions highlighted, then its citation.
 * Clicking it calls `open` (the reader). Falls back to matching names when offsets do not check.
 */
export function quoteBlock(model: GraphModel, ev: Evidence, nodes: string[], open: (ev: Evidence) => void): HTMLElement {
  const checks = evidenceChecks(model, ev);
  const wanted = new Set(nodes);
  let body: Child[];
  if (checks) {
    const text = model.articles.get(ev.article)!.text;
    const spans: Span<MentionMark>[] = model
      .mentionsIn(ev.article)
      .filter((m) => wanted.has(m.node) && m.mention.start >= ev.start && m.mention.end <= ev.end)
      .map((m) => ({ start: m.mention.start, end: m.mention.end, data: { node: m.node, type: String(model.graph.getNodeAttribute(m.node, "type")) } }));
    // No recorded mention inside the sentence (a title, a pronoun): fall back to the names.
    if (spans.length === 0) spans.push(...nameSpans(model, text.slice(ev.start, ev.end), nodes, ev.start));
    body = markedText(model, text, spans, ev.start, ev.end);
  } else {
    const sentence = String(ev.sentence ?? "");
    body = markedText(model, sentence, nameSpans(model, sentence, nodes, 0), 0, sentence.length);
  }
  return el("li", { class: "quote-item" }, [
    el(
      "button",
      { class: "quote", attrs: { type: "button", "data-article": ev.article, "data-start": ev.start, "data-end": ev.end }, title: "Read the whole article", on: { click: () => open(ev) } },
      [el("span", { class: "quote-text" }, body), articleCitation(model, ev.article, ev.date)],
    ),
    checks ? null : el("div", { class: "quote-warning", text: "This sentence is not at the stated place in the article." }),
  ]);
}

function nameSpans(model: GraphModel, sentence: string, nodes: string[], offset: number): Span<MentionMark>[] {
  const out: Span<MentionMark>[] = [];
  for (const node of nodes) {
    if (!model.graph.hasNode(node)) continue;
    const a = model.graph.getNodeAttributes(node);
    const names = [a.label, ...(Array.isArray(a.aliases) ? a.aliases : [])].filter((x): x is string => typeof x === "string");
    for (const name of names) {
      for (const [s, e] of findWord(sentence, name)) out.push({ start: s + offset, end: e + offset, data: { node, type: String(a.type) } });
    }
  }
  return out;
}
