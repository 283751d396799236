// graph.gexf (GEXF 1.3, for Gephi and Gephi Lite), in pieces: graphology-gexf's document (the same
// elements, attribute model and order, byte for byte) made with the XML writer it uses (xml-writer),
// element by element, so that no string holds the whole file. graphology-gexf's own writer makes the
// document as one string: on a large graph most of its time went to collecting the garbage of that
// string, and a string cannot pass 2^29 − 24 characters (bench/NOTES.md).
//
// GEXF attributes are scalars, so lists and objects are written as JSON strings:
//   nodes: label (GEXF label), label_en, type, aliases (JSON array of strings),
//          mentions (JSON array of {article, start, end, text});
//   edges: weight (GEXF weight), kind and label (both the relation, so Gephi keeps parallel edges
//          of different relations apart and can show them), relation, evidence (JSON array of
//          {article, sentence, start, end, date?}), symmetric (boolean);
//   graph: <meta><articles> holds the JSON array of articles ({id, title?, date?, source?, text}).
// Other attributes are written as they are (lists and objects as JSON strings; x, y, size, color
// as GEXF viz). readGraphFile turns the JSON strings back, so a round trip gives the same graph.
import Graph from "graphology";
import type XMLWriter from "xml-writer";
import createGexfParser from "graphology-gexf/common/parser.js";
import type { CanonicalGraph } from "./canonical";
import { decodeSerialized, encodeValue, VIZ_NAMES, xmlSafeJsonPieces, type Encode } from "./encode";
import { expectRoot, parseXml, XmlPieces, type XmlOptions } from "./xml";

type Attrs = Record<string, unknown>;

/** A node or edge as GEXF holds it: label, the `<attvalues>`, `<viz:…>` for nodes; weight and kind for edges. */
interface GexfElement {
  key: string;
  label?: string;
  attributes: Attrs;
  viz?: Attrs;
  source?: string;
  target?: string;
  weight?: unknown;
  kind?: string;
}

/** A node attribute GEXF keeps in its viz namespace (a position, a size, a colour…). */
const isViz = (k: string, v: unknown) => VIZ_NAMES.has(k) && (typeof v === "number" || typeof v === "string");
/** Edge attributes that are GEXF's own attributes of <edge>, not <attvalue>s. */
const EDGE_OWN: ReadonlySet<string> = new Set(["weight", "label", "kind"]);
// Attributes that are not <attvalue>s, so not in the attribute model.
const nodeAttributeSkipped = (k: string, v: unknown) => k === "label" || isViz(k, v);
const edgeAttributeSkipped = (k: string) => EDGE_OWN.has(k);

function gexfNode(key: string, a: Attrs, encode: Encode): GexfElement {
  const attributes: Attrs = {};
  let viz: Attrs | undefined;
  for (const [k, v] of Object.entries(a)) {
    if (k === "label") continue;
    if (isViz(k, v)) (viz ??= {})[k] = v;
    else attributes[k] = encode(v);
  }
  return { key, label: a.label as string, attributes, ...(viz ? { viz } : {}) };
}

function gexfEdge(key: string, source: string, target: string, a: Attrs, encode: Encode): GexfElement {
  const attributes: Attrs = {};
  for (const [k, v] of Object.entries(a)) if (!EDGE_OWN.has(k)) attributes[k] = encode(v);
  // Gephi keeps parallel edges of different kinds apart, and shows the label.
  const label = typeof a.label === "string" ? a.label : (a.relation as string);
  const kind = typeof a.kind === "string" ? a.kind : (a.relation as string);
  return { key, source, target, label, kind, weight: a.weight, attributes };
}

// The GEXF attribute model as graphology-gexf infers it: each attribute's type, the widest met
// (string < double < long < integer < boolean in priority), empty values left out.
const TYPE_PRIORITY: Record<string, number> = { string: 5, double: 6, long: 7, integer: 8, boolean: 9 };

const isEmptyValue = (v: unknown) => v === undefined || v === null || v === "" || v !== v;

function scalarType(v: unknown): string | undefined {
  if (isEmptyValue(v)) return undefined;
  if (typeof v === "boolean") return "boolean";
  if (typeof v === "number") {
    if (v === (v | 0)) return v <= 0x7fffffff && v >= -0x7fffffff ? "integer" : "long";
    return "double";
  }
  return "string";
}

/** Attribute name → GEXF type, in the order the names are first met. Lists and objects are JSON strings (encodeValue). */
function inferModel(elements: Iterable<Attrs>, skip: (name: string, v: unknown) => boolean): Map<string, string> {
  const model = new Map<string, string>();
  for (const a of elements) {
    for (const k in a) {
      const v = a[k];
      if (skip(k, v)) continue;
      const type = v !== null && typeof v === "object" ? "string" : scalarType(v);
      if (type === undefined) continue;
      const had = model.get(k);
      if (had === undefined || (type !== had && TYPE_PRIORITY[type] < TYPE_PRIORITY[had])) model.set(k, type);
    }
  }
  return model;
}

function writeModel(w: XMLWriter, model: Map<string, string>, modelClass: string): void {
  if (model.size === 0) return;
  w.startElement("attributes");
  w.writeAttribute("class", modelClass);
  for (const [name, type] of model) {
    w.startElement("attribute");
    w.writeAttribute("id", name);
    w.writeAttribute("title", name);
    w.writeAttribute("type", type);
    w.endElement();
  }
  w.endElement();
}

function writeElement(w: XMLWriter, tag: "node" | "edge", model: Map<string, string>, e: GexfElement): void {
  w.startElement(tag);
  w.writeAttribute("id", e.key);
  if (tag === "edge") {
    // Every edge is directed, the graph's default edge type: no `type` attribute.
    w.writeAttribute("source", e.source!);
    w.writeAttribute("target", e.target!);
    if ((typeof e.weight === "number" && !Number.isNaN(e.weight)) || typeof e.weight === "string") w.writeAttribute("weight", e.weight);
    if (e.kind) w.writeAttribute("kind", e.kind);
  }
  if (e.label) w.writeAttribute("label", e.label);
  if (model.size > 0) {
    w.startElement("attvalues");
    for (const name of model.keys()) {
      if (!(name in e.attributes)) continue;
      const v = e.attributes[name];
      if (isEmptyValue(v)) continue;
      w.startElement("attvalue");
      w.writeAttribute("for", name);
      w.writeAttribute("value", `${v as string}`);
      w.endElement();
    }
    w.endElement();
  }
  const viz = e.viz;
  if (viz) {
    if (viz.color) {
      w.startElementNS("viz", "color");
      const color = String(viz.color);
      if (color.startsWith("#")) w.writeAttribute("hex", color);
      else for (const [k, v] of Object.entries(cssColorToRgba(color))) w.writeAttribute(k, v);
      w.endElement();
    }
    if (viz.size !== undefined) {
      w.startElementNS("viz", "size");
      w.writeAttribute("value", viz.size as number);
      w.endElement();
    }
    if (viz.x !== undefined || viz.y !== undefined || viz.z !== undefined) {
      w.startElementNS("viz", "position");
      for (const k of ["x", "y", "z"] as const) if (viz[k] !== undefined) w.writeAttribute(k, viz[k] as number);
      w.endElement();
    }
    if (viz.shape) {
      w.startElementNS("viz", "shape");
      w.writeAttribute("value", viz.shape as string);
      w.endElement();
    }
    if (viz.thickness !== undefined) {
      w.startElementNS("viz", "thickness");
      w.writeAttribute("value", viz.thickness as number);
      w.endElement();
    }
  }
  w.endElement();
}

/** "rgb(1, 2, 3)" / "rgba(1, 2, 3, 0.5)" → { r, g, b, a? }; anything else → {} (as graphology-gexf reads colors). */
function cssColorToRgba(value: string): Record<string, number> {
  const m = /^\s*rgba?\s*\(\s*([0-9]*)\s*,\s*([0-9]*)\s*,\s*([0-9]*)\s*(?:,\s*([.0-9]*))?\)\s*$/i.exec(value);
  if (!m) return {};
  return { r: +m[1], g: +m[2], b: +m[3], ...(m[4] ? { a: +m[4] } : {}) };
}

/**
 * graph.gexf as pieces of text, element by element (canonical order of canonical.ts); their
 * concatenation is the whole document, ending with a line feed.
 */
export function* gexfPieces(c: CanonicalGraph): Generator<string> {
  for (const piece of gexfSteps(c)) if (piece) yield piece;
}

/**
 * graph.gexf one step at a time, as graphmlSteps: the head's pieces and `null` where it ends, then
 * one step for each node, each edge and the end, giving the piece it completed or "". `encode`
 * writes lists and objects as text.
 */
export function* gexfSteps(c: CanonicalGraph, encode: Encode = encodeValue): Generator<string | null> {
  const out = new XmlPieces();
  const { w } = out;

  w.startDocument("1.0", "UTF-8");
  w.startElement("gexf");
  w.writeAttribute("version", "1.3");
  w.writeAttribute("xmlns", "http://gexf.net/1.3");
  w.writeAttribute("xmlns:viz", "http://gexf.net/1.3/viz");
  w.writeAttribute("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
  w.writeAttribute("xsi:schemaLocation", "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd");
  w.startElement("meta");
  // The articles, as JSON text.
  w.startElement("articles");
  for (const text of xmlSafeJsonPieces(c.attributes.articles)) {
    w.text(text);
    if (out.full) yield out.take();
  }
  w.endElement();
  w.endElement();
  w.startElement("graph");
  w.writeAttribute("defaultedgetype", "directed");
  const nodeModel = inferModel(
    c.nodes.map((n) => n.attributes as unknown as Attrs),
    nodeAttributeSkipped,
  );
  writeModel(w, nodeModel, "node");
  const edgeModel = inferModel(
    c.edges.map((e) => e.attributes as unknown as Attrs),
    edgeAttributeSkipped,
  );
  writeModel(w, edgeModel, "edge");
  yield out.take();
  yield null;

  w.startElement("nodes");
  for (const n of c.nodes) {
    writeElement(w, "node", nodeModel, gexfNode(n.key, n.attributes as unknown as Attrs, encode));
    yield out.full ? out.take() : "";
  }
  w.endElement();
  w.startElement("edges");
  for (const e of c.edges) {
    writeElement(w, "edge", edgeModel, gexfEdge(e.key, e.source, e.target, e.attributes as unknown as Attrs, encode));
    yield out.full ? out.take() : "";
  }
  w.endElement();
  w.flush();
  yield `${out.take()}\n`;
}

/** GEXF text → graphology's serialized form, JSON-string attributes decoded (not yet validated). */
export function gexfToData(text: string, fileName: string, opts: XmlOptions | undefined): unknown {
  const { doc, DocumentClass } = parseXml(text, fileName, opts);
  expectRoot(doc, "gexf", fileName, "GEXF");
  const parse = createGexfParser(opts!.DOMParser, DocumentClass);
  let g: Graph;
  try {
    g = parse(Graph, doc, { allowUndeclaredAttributes: true });
  } catch (e) {
    const msg = (e instanceof Error ? e.message : String(e)).replace(/^graphology-gexf\/parser:\s*/, "");
    throw new Error(`${fileName}: ${msg.replace(/\s+/g, " ").split(". Set the parser")[0]}`);
  }
  return decodeSerialized(g.export(), fileName, {
    // GEXF writers leave empty values out.
    node: (a) => {
      if (a.label_en === undefined && a.label !== undefined) a.label_en = "";
    },
    edge: (a) => {
      if (a.label === a.relation) delete a.label;
      if (a.kind === a.relation) delete a.kind;
    },
  });
}
