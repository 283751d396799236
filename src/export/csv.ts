// nodes.csv and edges.csv: one row per node and per edge, for spreadsheets and for Neo4j.
//
// The headers follow Neo4j's import format, so the two files load as they are with
// `neo4j-admin database import full --nodes=nodes.csv --relationships=edges.csv --multiline-fields=true`
// (or apoc.import.csv): `id:ID` is the node key, `:LABEL` the node's Neo4j labels
// (`Actor;Country`, `Actor;Organization`, `Actor;Person`, `Proposal`, `Event`: `;` is Neo4j's
// array delimiter), `:START_ID`/`:END_ID` the edge's source and target keys, `:TYPE` the relation
// in Neo4j's upper case (PROPOSES); typed columns say so (`mentions:int`, `weight:int`,
// `symmetric:boolean`). Lists inside a cell (aliases, articles, dates) are joined by " | ".
// RFC 4180 quoting (papaparse): cells holding commas, quotes or line breaks are quoted, quotes
// doubled. Lines end with \n, and so does the file.
import Papa from "papaparse";
import { compareKeys, type CanonicalGraph } from "./canonical";

export const LIST_SEPARATOR = " | ";

export const NODE_COLUMNS = ["id:ID", ":LABEL", "label", "label_en", "type", "aliases", "mentions:int", "articles"] as const;
export const EDGE_COLUMNS = [
  ":START_ID",
  ":END_ID",
  ":TYPE",
  "key",
  "relation",
  "weight:int",
  "symmetric:boolean",
  "dates",
  "first_date",
  "last_date",
  "articles",
  "first_article",
  "first_quote",
] as const;

const NEO4J_LABELS: Record<string, string> = {
  country: "Actor;Country",
  organization: "Actor;Organization",
  person: "Actor;Person",
  proposal: "Proposal",
  event: "Event",
};

function unique(values: Iterable<string | undefined>, sort = true): string[] {
  const out = [...new Set([...values].filter((v): v is string => typeof v === "string" && v !== ""))];
  return sort ? out.sort(compareKeys) : out;
}

/** Rows unparsed at once: big enough to keep per-call costs low, small enough to stay short. */
const BATCH = 2048;

/**
 * The CSV text as pieces, the header first, then rows a batch at a time (papaparse quotes each cell
 * on its own, so the pieces join into what one call over every row gives). Ends with a line feed.
 */
function* csvPieces<T>(columns: readonly string[], items: readonly T[], row: (item: T) => (string | number | boolean)[]): Generator<string> {
  yield `${Papa.unparse([[...columns]], { newline: "\n", quotes: false })}\n`;
  for (let i = 0; i < items.length; i += BATCH) {
    const data = items.slice(i, i + BATCH).map(row);
    yield `${Papa.unparse(data, { newline: "\n", quotes: false })}\n`;
  }
}

export function* nodesCsvPieces(c: CanonicalGraph): Generator<string> {
  yield* csvPieces(NODE_COLUMNS, c.nodes, ({ key, attributes: a }) => [
    key,
    NEO4J_LABELS[a.type] ?? a.type.charAt(0).toUpperCase() + a.type.slice(1),
    a.label,
    a.label_en ?? "",
    a.type,
    (a.aliases ?? []).join(LIST_SEPARATOR),
    (a.mentions ?? []).length,
    unique((a.mentions ?? []).map((m) => m.article)).join(LIST_SEPARATOR),
  ]);
}

/** An edge's dates: its evidence's act dates, else the dates of the articles the evidence comes from. */
function edgeDates(evidence: { article: string; date?: string }[], articleDates: Map<string, string>): string[] {
  const own = unique(evidence.map((e) => e.date));
  return own.length ? own : unique(evidence.map((e) => articleDates.get(e.article)));
}

export function* edgesCsvPieces(c: CanonicalGraph): Generator<string> {
  const articleDates = new Map<string, string>();
  for (const a of c.attributes.articles) if (a.date) articleDates.set(a.id, a.date);
  const integerWeights = c.edges.every((e) => Number.isInteger(e.attributes.weight));
  const columns = integerWeights ? EDGE_COLUMNS : EDGE_COLUMNS.map((h) => (h === "weight:int" ? "weight:float" : h));
  yield* csvPieces(columns, c.edges, ({ key, source, target, attributes: a }) => {
    const evidence = a.evidence ?? [];
    const dates = edgeDates(evidence, articleDates);
    const first = evidence[0];
    return [
      source,
      target,
      a.relation.toUpperCase(),
      key,
      a.relation,
      a.weight,
      a.symmetric === true,
      dates.join(LIST_SEPARATOR),
      dates[0] ?? "",
      dates[dates.length - 1] ?? "",
      unique(evidence.map((e) => e.article)).join(LIST_SEPARATOR),
      first?.article ?? "",
      first?.sentence ?? "",
    ];
  });
}
