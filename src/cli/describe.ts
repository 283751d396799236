// Text reports on a graph for the terminal: counts (build summary, `kg stats`) and one node with its
// relations and quotes (`kg show`). Pure functions returning strings.
import type { KnowledgeGraph } from "../graph";
import { foldDiacritics } from "../text/normalize";
import { NODE_TYPES, RELATION_TYPES, type ArticleMeta, type EdgeAttributes, type Evidence } from "../types";
import { byCodeUnit } from "./files";

/** "country 12, organization 10" in contract order, unknown kinds after; zero counts left out. */
export function countsLine(counts: Map<string, number>, order: readonly string[]): string {
  const known = order.filter((k) => counts.get(k));
  const other = [...counts.keys()].filter((k) => !order.includes(k)).sort(byCodeUnit);
  return [...known, ...other].map((k) => `${k} ${counts.get(k)}`).join(", ");
}

export function countNodesByType(graph: KnowledgeGraph): Map<string, number> {
  const m = new Map<string, number>();
  graph.forEachNode((_k, a) => m.set(a.type, (m.get(a.type) ?? 0) + 1));
  return m;
}

export function countEdgesByRelation(graph: KnowledgeGraph): Map<string, number> {
  const m = new Map<string, number>();
  graph.forEachEdge((_k, a) => m.set(a.relation, (m.get(a.relation) ?? 0) + 1));
  return m;
}

export function nodesLine(graph: KnowledgeGraph): string {
  const c = countsLine(countNodesByType(graph), NODE_TYPES);
  return `${graph.order}${c ? ` (${c})` : ""}`;
}

export function edgesLine(graph: KnowledgeGraph): string {
  const c = countsLine(countEdgesByRelation(graph), RELATION_TYPES);
  return `${graph.size}${c ? ` (${c})` : ""}`;
}

function nodeName(graph: KnowledgeGraph, key: string): string {
  const a = graph.getNodeAttributes(key);
  const en = a.label_en && a.label_en !== a.label ? ` (${oneLine(a.label_en)})` : "";
  return `${oneLine(a.label)}${en}`;
}

function articles(graph: KnowledgeGraph): ArticleMeta[] {
  return graph.getAttribute("articles") ?? [];
}

/** `kg stats`: counts by type and relation, top nodes by degree, the articles. */
export function statsReport(graph: KnowledgeGraph, fileName: string, top = 10): string {
  const arts = articles(graph);
  const lines = [
    `${fileName}: ${plural(graph.order, "node")}, ${plural(graph.size, "edge")}, ${plural(arts.length, "article")}`,
    `Nodes: ${nodesLine(graph)}`,
    `Edges: ${edgesLine(graph)}`,
  ];
  const degrees = graph
    .mapNodes((key) => ({ key, degree: graph.degree(key) }))
    .sort((a, b) => b.degree - a.degree || byCodeUnit(a.key, b.key))
    .slice(0, top);
  if (degrees.length) {
    lines.push(`Top ${degrees.length} nodes by degree:`);
    const w = String(degrees[0].degree).length;
    for (const { key, degree } of degrees) {
      lines.push(`  ${String(degree).padStart(w)}  ${nodeName(graph, key)} — ${graph.getNodeAttribute(key, "type")} [${oneLine(key)}]`);
    }
  }
  if (arts.length) {
    const mentioned = new Map<string, number>();
    graph.forEachNode((_k, a) => {
      for (const id of new Set((a.mentions ?? []).map((m) => m.article))) mentioned.set(id, (mentioned.get(id) ?? 0) + 1);
    });
    const quoted = new Map<string, number>();
    graph.forEachEdge((_k, a) => {
      for (const id of new Set((a.evidence ?? []).map((e) => e.article))) quoted.set(id, (quoted.get(id) ?? 0) + 1);
    });
    lines.push("Articles:");
    const w = Math.max(...arts.map((a) => a.id.length));
    for (const a of arts) {
      const facts = `${plural(mentioned.get(a.id) ?? 0, "node")}, ${plural(quoted.get(a.id) ?? 0, "edge")}`;
      lines.push(`  ${oneLine(a.id).padEnd(w)}  ${oneLine(a.date ?? "").padEnd(10)}  ${facts}${a.title ? `  ${oneLine(a.title)}` : ""}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

/** Text fit for one terminal line: whitespace collapsed, control characters (escape sequences) shown as �. */
export function oneLine(s: string): string {
  return s
    .replace(/\s+/g, " ")
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, "\ufffd")
    .trim();
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** Every name a node goes by: key, label, English label, aliases, the texts of its mentions. */
export function namesOf(graph: KnowledgeGraph, key: string): string[] {
  const a = graph.getNodeAttributes(key);
  return [key, a.label, a.label_en, ...(a.aliases ?? []), ...(a.mentions ?? []).map((m) => m.text)].filter(
    (s): s is string => typeof s === "string" && s.trim() !== "",
  );
}

/**
 * Nodes whose names match `query` without diacritics or case ("moskva" → Nga, "lavrov" → Sergei
 * Lavrov). The best level that finds anything wins: a whole name, then whole words of a name, then
 * part of a name.
 */
export function findNodes(graph: KnowledgeGraph, query: string): string[] {
  const q = foldDiacritics(query);
  if (!q) return [];
  const exact: string[] = [];
  const words: string[] = [];
  const part: string[] = [];
  const wordRe = new RegExp(`(^|[^\\p{L}\\p{N}])${q.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}($|[^\\p{L}\\p{N}])`, "u");
  graph.forEachNode((key) => {
    const folded = namesOf(graph, key).map(foldDiacritics);
    if (folded.includes(q)) exact.push(key);
    else if (folded.some((n) => wordRe.test(n))) words.push(key);
    else if (folded.some((n) => n.includes(q))) part.push(key);
  });
  const best = exact.length ? exact : words.length ? words : part;
  return best.sort(byCodeUnit);
}

function quote(s: string): string {
  return `“${oneLine(s)}”`;
}

/** `kg show`: one node, its names, and its relations grouped by relation, with dates and quotes. */
export function showNode(graph: KnowledgeGraph, key: string): string {
  const a = graph.getNodeAttributes(key);
  const arts = new Map(articles(graph).map((x) => [x.id, x]));
  const lines: string[] = [];
  lines.push(`${nodeName(graph, key)} — ${a.type} [${oneLine(key)}]`);
  const names = [...new Set([a.label, a.label_en, ...(a.aliases ?? [])].filter((s) => s))];
  lines.push(`Names: ${names.map(oneLine).join(", ")}`);
  const mentionArticles = new Set((a.mentions ?? []).map((m) => m.article));
  lines.push(`Mentions: ${(a.mentions ?? []).length} in ${plural(mentionArticles.size, "article")}`);

  interface Row {
    edge: string;
    other: string;
    arrow: string;
    attrs: EdgeAttributes;
  }
  const byRelation = new Map<string, Row[]>();
  graph.forEachEdge(key, (edge, attrs, source, target) => {
    const out = source === key;
    const other = out ? target : source;
    const arrow = attrs.symmetric ? "—" : out ? "→" : "←";
    const rows = byRelation.get(attrs.relation) ?? [];
    rows.push({ edge, other, arrow, attrs });
    byRelation.set(attrs.relation, rows);
  });
  if (!byRelation.size) {
    lines.push("", "No relations.");
    return `${lines.join("\n")}\n`;
  }
  const relations = [
    ...RELATION_TYPES.filter((r) => byRelation.has(r)),
    ...[...byRelation.keys()].filter((r) => !(RELATION_TYPES as readonly string[]).includes(r)).sort(byCodeUnit),
  ];
  const dateOf = (e: Evidence) => e.date ?? arts.get(e.article)?.date;
  for (const relation of relations) {
    const rows = byRelation.get(relation)!.sort(
      (x, y) => byCodeUnit(x.arrow, y.arrow) || byCodeUnit(graph.getNodeAttribute(x.other, "label"), graph.getNodeAttribute(y.other, "label")) || byCodeUnit(x.edge, y.edge),
    );
    lines.push("", `${relation} (${rows.length})`);
    for (const r of rows) {
      const evidence = r.attrs.evidence ?? [];
      const dates = [...new Set(evidence.map(dateOf).filter((d): d is string => !!d))].sort(byCodeUnit);
      const when = dates.length ? `  ${dates.length > 1 ? `${dates[0]} … ${dates[dates.length - 1]}` : dates[0]}` : "";
      const otherType = graph.getNodeAttribute(r.other, "type");
      lines.push(`  ${r.arrow} ${nodeName(graph, r.other)} — ${otherType} [${oneLine(r.other)}]${when}`);
      for (const e of evidence) {
        const d = dateOf(e);
        lines.push(`      [${oneLine(e.article)}${d ? `, ${oneLine(d)}` : ""}] ${quote(e.sentence)}`);
      }
    }
  }
  return `${lines.join("\n")}\n`;
}

/** Several matches: one line each. */
export function listNodes(graph: KnowledgeGraph, keys: string[]): string {
  return `${keys.map((k) => `  ${nodeName(graph, k)} — ${graph.getNodeAttribute(k, "type")} [${oneLine(k)}]`).join("\n")}\n`;
}
