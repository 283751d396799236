// How list and object attributes travel through formats that only hold scalars (GEXF, GraphML):
// as JSON strings, decoded again when the file is read.

/** Attributes that are lists or objects in the graph contract, by element. */
export const JSON_ATTRIBUTES = {
  graph: ["articles"],
  node: ["aliases", "mentions"],
  edge: ["evidence"],
} as const;

/** Attribute names GEXF keeps in its viz namespace. */
export const VIZ_NAMES: ReadonlySet<string> = new Set(["color", "size", "x", "y", "z", "shape", "thickness"]);

/** How a writer of GEXF or GraphML turns an attribute's value into what it writes (encodeValue). */
export type Encode = (v: unknown) => unknown;

/** A scalar as it is; a list or an object as a JSON string. */
export function encodeValue(v: unknown): unknown {
  return v !== null && typeof v === "object" ? xmlSafeJson(v) : v;
}

/**
 * JSON text that survives XML unchanged: JSON.stringify already escapes control characters and
 * lone surrogates; U+FFFE and U+FFFF (forbidden in XML), and the C1 controls and line separators
 * that some XML parsers turn into line feeds (U+0085, U+2028, U+2029), are escaped too.
 */
export function xmlSafeJson(v: unknown): string {
  return JSON.stringify(v).replace(/[\u007f-\u009f\u2028\u2029\uFFFE\uFFFF]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/**
 * xmlSafeJson of a list, in pieces of one item each: the list of every article with its text is
 * too long to hold as one string beside its escaped copy (at 10k articles, 36 million characters).
 */
export function* xmlSafeJsonPieces(list: readonly unknown[]): Generator<string> {
  for (let i = 0; i < list.length; i++) yield `${i === 0 ? "[" : ","}${xmlSafeJson(list[i] ?? null)}`;
  yield list.length === 0 ? "[]" : "]";
}

/** Parse the named attributes in place when they are strings; throws `file: where: name is not valid JSON`. */
export function decodeJsonAttributes(
  attrs: Record<string, unknown>,
  names: readonly string[],
  where: string,
  fileName: string,
): void {
  for (const name of names) {
    const v = attrs[name];
    if (typeof v !== "string") continue;
    try {
      attrs[name] = JSON.parse(v);
    } catch {
      throw new Error(`${fileName}: ${where}: ${name} is not valid JSON (${JSON.stringify(v.length > 30 ? `${v.slice(0, 30)}…` : v)})`);
    }
  }
}

type Attrs = Record<string, unknown>;
type Serialized = ReturnType<import("graphology").default["export"]>;

/**
 * A graph read from GEXF or GraphML (graphology's export form) with its JSON-string attributes
 * decoded; `node` and `edge` tidy what a format's writers do their own way.
 */
export function decodeSerialized(data: Serialized, fileName: string, tidy: { node?: (a: Attrs) => void; edge?: (a: Attrs) => void } = {}): unknown {
  const attributes = { ...(data.attributes ?? {}) } as Attrs;
  decodeJsonAttributes(attributes, JSON_ATTRIBUTES.graph, "graph attribute", fileName);
  return {
    attributes,
    nodes: data.nodes.map((n) => {
      const a = { ...(n.attributes ?? {}) } as Attrs;
      decodeJsonAttributes(a, JSON_ATTRIBUTES.node, `node '${n.key}'`, fileName);
      tidy.node?.(a);
      return { key: n.key, attributes: a };
    }),
    edges: data.edges.map((e) => {
      const a = { ...(e.attributes ?? {}) } as Attrs;
      decodeJsonAttributes(a, JSON_ATTRIBUTES.edge, `edge '${e.key}'`, fileName);
      tidy.edge?.(a);
      return { key: e.key, source: e.source, target: e.target, attributes: a, ...(e.undirected ? { undirected: true } : {}) };
    }),
  };
}
