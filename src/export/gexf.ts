// graph.gexf (GEXF 1.3, for Gephi and Gephi Lite) written with graphology-gexf's writer.
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
import writeGexf from "graphology-gexf/common/writer.js";
import createGexfParser from "graphology-gexf/common/parser.js";
import type { KnowledgeGraph } from "../graph";
import { canonicalize } from "./canonical";
import { decodeSerialized, encodeValue, VIZ_NAMES, xmlSafeJson } from "./encode";
import { expectRoot, parseXml, xmlSafeDocument, type XmlOptions } from "./xml";

type Attrs = Record<string, unknown>;

export function toGexf(graph: KnowledgeGraph): string {
  const c = canonicalize(graph);
  // A plain copy in canonical order whose graph attribute is the articles as JSON, for <meta>.
  const out = new Graph({ type: "directed", multi: true, allowSelfLoops: false });
  out.import({
    attributes: { articles: xmlSafeJson(c.attributes.articles) },
    nodes: c.nodes.map((n) => ({ key: n.key, attributes: n.attributes as unknown as Attrs })),
    edges: c.edges.map((e) => ({ key: e.key, source: e.source, target: e.target, attributes: e.attributes as unknown as Attrs })),
  });
  const xml = writeGexf(out, {
    version: "1.3",
    formatNode: (_key: string, a: Attrs) => {
      const attributes: Attrs = {};
      const viz: Attrs = {};
      for (const [k, v] of Object.entries(a)) {
        if (k === "label") continue;
        if (VIZ_NAMES.has(k) && (typeof v === "number" || typeof v === "string")) viz[k] = v;
        else attributes[k] = encodeValue(v);
      }
      return { label: a.label as string, attributes, ...(Object.keys(viz).length ? { viz } : {}) };
    },
    formatEdge: (_key: string, a: Attrs) => {
      const attributes: Attrs = {};
      for (const [k, v] of Object.entries(a)) {
        if (k === "weight" || k === "label" || k === "kind") continue;
        attributes[k] = encodeValue(v);
      }
      return {
        label: typeof a.label === "string" ? a.label : (a.relation as string),
        kind: typeof a.kind === "string" ? a.kind : (a.relation as string),
        weight: a.weight as number,
        attributes,
      };
    },
  });
  const safe = xmlSafeDocument(xml);
  return safe.endsWith("\n") ? safe : `${safe}\n`;
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
