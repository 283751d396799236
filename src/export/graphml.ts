// graph.graphml, written in pieces with xml-writer (graphology-graphml only parses), element by
// element, so that no string holds the whole file; read back with graphology-graphml.
//
// Every attribute has a <key> declaration (id = attribute name; prefixed with its domain only if
// two domains share a name). Lists and objects are JSON strings, and their <key> says so in <desc>:
//   graph: articles (JSON);  node: label, label_en, type, aliases (JSON), mentions (JSON);
//   edge: relation, weight, evidence (JSON), symmetric (boolean).
import Graph from "graphology";
import createGraphmlParser from "graphology-graphml/common/parser.js";
import { compareKeys, type CanonicalGraph } from "./canonical";
import { decodeSerialized, encodeValue, xmlSafeJsonPieces, type Encode } from "./encode";
import { expectRoot, parseXml, XmlPieces, type XmlOptions } from "./xml";

type Domain = "graph" | "node" | "edge";
type Attrs = Record<string, unknown>;

interface KeyDecl {
  domain: Domain;
  name: string;
  type: "string" | "boolean" | "int" | "double";
  desc?: string;
}

const CONTRACT_KEYS: KeyDecl[] = [
  { domain: "graph", name: "articles", type: "string", desc: "JSON array of articles: {id, title?, date?, source?, text}" },
  { domain: "node", name: "label", type: "string", desc: "Vietnamese canonical name" },
  { domain: "node", name: "label_en", type: "string", desc: "English name" },
  { domain: "node", name: "type", type: "string", desc: "country | organization | person | proposal | event" },
  { domain: "node", name: "aliases", type: "string", desc: "JSON array of strings: every name the node goes by" },
  { domain: "node", name: "mentions", type: "string", desc: "JSON array of mentions: {article, start, end, text}" },
  { domain: "edge", name: "relation", type: "string", desc: "relation type, subject to object" },
  { domain: "edge", name: "weight", type: "int", desc: "number of supporting sentences" },
  { domain: "edge", name: "evidence", type: "string", desc: "JSON array of evidence: {article, sentence, start, end, date?}" },
  { domain: "edge", name: "symmetric", type: "boolean", desc: "true when the relation holds both ways" },
];

function scalarType(v: unknown): KeyDecl["type"] {
  if (typeof v === "boolean") return "boolean";
  if (typeof v === "number") return Number.isInteger(v) ? "int" : "double";
  return "string";
}

/** Widen a key's type to hold v: int → double → string. */
function widen(t: KeyDecl["type"], v: unknown): KeyDecl["type"] {
  const u = scalarType(v);
  if (t === u) return t;
  if ((t === "int" && u === "double") || (t === "double" && u === "int")) return "double";
  return "string";
}

/**
 * graph.graphml as pieces of text, element by element (canonical order of canonical.ts); their
 * concatenation is the whole document, ending with a line feed. xml-writer escapes text (& < >)
 * and attribute values (& < " and line breaks and tabs as character references).
 */
export function* graphmlPieces(c: CanonicalGraph): Generator<string> {
  for (const piece of graphmlSteps(c)) if (piece) yield piece;
}

/**
 * graph.graphml one step at a time, as gexfSteps: the head's pieces and `null` where it ends, then
 * one step for each node, each edge and the end, giving the piece it completed or "". `encode`
 * writes lists and objects as text.
 */
export function* graphmlSteps(c: CanonicalGraph, encode: Encode = encodeValue): Generator<string | null> {
  const format = (v: unknown) => {
    const e = encode(v);
    return typeof e === "string" ? e : String(e);
  };
  const decls = new Map<string, KeyDecl>(CONTRACT_KEYS.map((k) => [`${k.domain}:${k.name}`, { ...k }]));
  const see = (domain: Domain, attrs: Attrs) => {
    for (const [name, v] of Object.entries(attrs)) {
      if (v === undefined) continue;
      const id = `${domain}:${name}`;
      const d = decls.get(id);
      if (!d) decls.set(id, { domain, name, type: v !== null && typeof v === "object" ? "string" : scalarType(v), ...(v !== null && typeof v === "object" ? { desc: "JSON" } : {}) });
      else if (v !== null && typeof v !== "object") d.type = widen(d.type, v);
    }
  };
  see("graph", c.attributes as unknown as Attrs);
  for (const n of c.nodes) see("node", n.attributes as unknown as Attrs);
  for (const e of c.edges) see("edge", e.attributes as unknown as Attrs);
  // Contract keys first, in contract order; extra ones after them, sorted.
  const extra = [...decls.values()].slice(CONTRACT_KEYS.length).sort((a, b) => compareKeys(`${a.domain}:${a.name}`, `${b.domain}:${b.name}`));
  const all = [...[...decls.values()].slice(0, CONTRACT_KEYS.length), ...extra];
  const domainsOf = new Map<string, number>();
  for (const d of all) domainsOf.set(d.name, (domainsOf.get(d.name) ?? 0) + 1);
  const keyId = (d: KeyDecl) => ((domainsOf.get(d.name) ?? 0) > 1 ? `${d.domain}_${d.name}` : d.name);
  const idOf = new Map(all.map((d) => [`${d.domain}:${d.name}`, keyId(d)]));

  const out = new XmlPieces();
  const { w } = out;
  /** The `<data>` of an attribute, opened; its value is written next. */
  const openData = (domain: Domain, name: string) => {
    w.startElement("data");
    w.writeAttribute("key", idOf.get(`${domain}:${name}`)!);
  };
  const data = (domain: Domain, attrs: Attrs) => {
    for (const [name, v] of Object.entries(attrs)) {
      if (v === undefined || v === null) continue;
      openData(domain, name);
      w.text(format(v));
      w.endElement();
    }
  };

  w.startDocument("1.0", "UTF-8");
  w.startElement("graphml");
  w.writeAttribute("xmlns", "http://graphml.graphdrawing.org/xmlns");
  w.writeAttribute("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
  w.writeAttribute("xsi:schemaLocation", "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd");
  for (const d of all) {
    w.startElement("key");
    w.writeAttribute("id", keyId(d));
    w.writeAttribute("for", d.domain);
    w.writeAttribute("attr.name", d.name);
    w.writeAttribute("attr.type", d.type);
    if (d.desc) w.writeElement("desc", d.desc);
    w.endElement();
  }
  w.startElement("graph");
  w.writeAttribute("edgedefault", "directed");
  // The graph's attributes: lists (the articles) in pieces, an item at a time.
  for (const [name, v] of Object.entries(c.attributes as unknown as Attrs)) {
    if (v === undefined || v === null) continue;
    openData("graph", name);
    for (const text of Array.isArray(v) ? xmlSafeJsonPieces(v) : [format(v)]) {
      w.text(text);
      if (out.full) yield out.take();
    }
    w.endElement();
  }
  yield out.take();
  yield null;
  for (const n of c.nodes) {
    w.startElement("node");
    w.writeAttribute("id", n.key);
    data("node", n.attributes as unknown as Attrs);
    w.endElement();
    yield out.full ? out.take() : "";
  }
  for (const e of c.edges) {
    w.startElement("edge");
    w.writeAttribute("id", e.key);
    w.writeAttribute("source", e.source);
    w.writeAttribute("target", e.target);
    data("edge", e.attributes as unknown as Attrs);
    w.endElement();
    yield out.full ? out.take() : "";
  }
  w.flush();
  yield `${out.take()}\n`;
}

/** GraphML text → graphology's serialized form, JSON-string attributes decoded (not yet validated). */
export function graphmlToData(text: string, fileName: string, opts: XmlOptions | undefined): unknown {
  const { doc, DocumentClass } = parseXml(text, fileName, opts);
  expectRoot(doc, "graphml", fileName, "GraphML");
  const parse = createGraphmlParser(opts!.DOMParser, DocumentClass);
  let g: Graph;
  try {
    g = parse(Graph, doc);
  } catch (e) {
    const msg = (e instanceof Error ? e.message : String(e)).replace(/^graphology-graphml\/parser:\s*/, "");
    throw new Error(`${fileName}: ${msg.replace(/\s+/g, " ").split(". Set the parser")[0]}`);
  }
  return decodeSerialized(g.export(), fileName);
}
