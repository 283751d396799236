// XML parsing for the GEXF and GraphML readers with an injected DOMParser: window.DOMParser in the
// browser, @xmldom/xmldom's in Node. Errors become one line naming the file and the line. And what
// the GEXF and GraphML writers share: an XML writer whose text comes out in pieces, made safe.

import XMLWriter from "xml-writer";

/** Any DOMParser: the browser's, or @xmldom/xmldom's (which takes `{ onError }`). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type DOMParserLike = new (options?: any) => { parseFromString(source: string, mimeType: any): any };

export interface XmlOptions {
  DOMParser: DOMParserLike;
}

/** A parsed document, and the Document class it is an instance of (graphology's parsers check it). */
export interface ParsedXml {
  doc: Document;
  DocumentClass: new () => Document;
}

function lineOf(context: unknown): number | undefined {
  const loc = (context as { locator?: { lineNumber?: number } } | undefined)?.locator;
  return loc && typeof loc.lineNumber === "number" && loc.lineNumber > 0 ? loc.lineNumber : undefined;
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, " ").trim();
}

export function parseXml(text: string, fileName: string, opts: XmlOptions | undefined): ParsedXml {
  if (!opts?.DOMParser) {
    throw new Error(`${fileName}: cannot read XML here (pass { DOMParser } to readGraphFile)`);
  }
  if (text.trim() === "") throw new Error(`${fileName}: empty file, not valid XML`);
  // No document type, so no entity can expand (billion laughs) or reach outside the file (XXE).
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) {
    throw new Error(`${fileName}: XML with a <!DOCTYPE> or <!ENTITY> declaration is refused (graph files need no DTD; entities could expand or read other files)`);
  }
  const errors: { message: string; line?: number }[] = [];
  const onError = (level: string, message: string, context: unknown) => {
    if (level !== "warning") errors.push({ message: oneLine(String(message)), line: lineOf(context) });
  };
  let doc: Document;
  try {
    doc = new opts.DOMParser({ onError }).parseFromString(text.replace(/^\uFEFF/, ""), "application/xml") as Document;
  } catch (e) {
    const line = lineOf(e);
    const message = oneLine(e instanceof Error ? e.message : String(e)).replace(/^\[xmldom \w+\]\s*/, "");
    throw new Error(`${fileName}: not valid XML${line ? ` at line ${line}` : ""} (${message})`);
  }
  if (errors.length) {
    const { message, line } = errors[0];
    throw new Error(`${fileName}: not valid XML${line ? ` at line ${line}` : ""} (${message})`);
  }
  // Browsers do not throw: they return a document holding a <parsererror> element.
  const perr = doc.getElementsByTagName("parsererror")[0];
  if (perr) {
    const detail = oneLine(perr.textContent ?? "");
    const line = /line(?: number)? (\d+)/i.exec(detail)?.[1];
    throw new Error(`${fileName}: not valid XML${line ? ` at line ${line}` : ""}`);
  }
  if (!doc.documentElement) throw new Error(`${fileName}: not valid XML (no root element)`);
  rejectUnsafeNames(doc, fileName);
  return { doc, DocumentClass: doc.constructor as new () => Document };
}

/**
 * Names refused as object keys, attribute names and node or edge keys in graph files: the
 * properties every JavaScript object inherits (`__proto__` and `constructor` reach its prototype),
 * and `prototype`. Libraries that keep keys in plain objects break on them, or worse.
 */
export const UNSAFE_KEYS: ReadonlySet<string> = new Set([
  "__proto__",
  "constructor",
  "prototype",
  "__defineGetter__",
  "__defineSetter__",
  "__lookupGetter__",
  "__lookupSetter__",
  "hasOwnProperty",
  "isPrototypeOf",
  "propertyIsEnumerable",
  "toLocaleString",
  "toString",
  "valueOf",
]);

export const UNSAFE_REASON = "a built-in property name of JavaScript objects";

/** Where GEXF and GraphML name keys: nodes, edges, attribute declarations and values. */
const NAMING: ReadonlyArray<[string, string[]]> = [
  ["node", ["id"]],
  ["edge", ["id", "source", "target"]],
  ["attribute", ["id", "title"]],
  ["attvalue", ["for"]],
  ["key", ["id", "attr.name"]],
  ["data", ["key"]],
];

/** Refuse a file that uses an unsafe key as a node, edge or attribute name (before any library stores it). */
function rejectUnsafeNames(doc: Document, fileName: string): void {
  for (const [tag, names] of NAMING) {
    const els = doc.getElementsByTagName(tag);
    for (let i = 0; i < els.length; i++) {
      for (const name of names) {
        const v = els[i].getAttribute(name);
        if (v !== null && UNSAFE_KEYS.has(v)) {
          throw new Error(`${fileName}: <${tag} ${name}="${v}"> is refused ("${v}" is ${UNSAFE_REASON})`);
        }
      }
    }
  }
}

/** Throws unless the root element is `<name>`. */
export function expectRoot(doc: Document, name: string, fileName: string, format: string): void {
  const root = doc.documentElement;
  const local = (root.localName || root.tagName || "").toLowerCase();
  if (local !== name) throw new Error(`${fileName}: not a ${format} file (root element is <${root.tagName}>, expected <${name}>)`);
  if (!doc.getElementsByTagName("graph")[0]) throw new Error(`${fileName}: ${format} file has no <graph> element`);
}

/** Every character xmlSafeDocument may change (any surrogate, paired or not). */
const MAY_NEED_SAFETY = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ud800-\udfff\ufffe\uffff]/;

/**
 * A written XML document made safe to read back exactly: line-break-like characters (CR, NEL,
 * U+2028, U+2029) and the C1 controls become character references, which no parser normalizes;
 * characters XML 1.0 cannot hold at all (C0 controls other than tab and line feed, U+FFFE, U+FFFF,
 * lone surrogates) become U+FFFD. Markup never holds these characters, so only data changes.
 */
export function xmlSafeDocument(xml: string): string {
  // One pass of a plain character class first: most documents hold none of these characters, and the
  // full pattern (with its look-arounds for lone surrogates) is several times slower to run.
  if (!MAY_NEED_SAFETY.test(xml)) return xml;
  return xml.replace(
    /[\r\u007f-\u009f\u2028\u2029]|[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    (c) => {
      const code = c.charCodeAt(0);
      return code === 13 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029 ? `&#x${code.toString(16)};` : "\ufffd";
    },
  );
}

/**
 * An indenting XML writer (xml-writer, two spaces) whose text is given out in pieces of about
 * `pieceSize` characters: write with `w`, and where an element ends, `take` the piece when `full`.
 * Markup is ASCII, so a piece cut there splits no surrogate pair, and xmlSafeDocument gives for
 * each piece what it would give for the whole document.
 */
export class XmlPieces {
  // xml-writer gathers its text in `output` (one string, added to): taken and emptied per piece.
  readonly w = new XMLWriter("  ");

  // Small pieces: until it is taken, a piece is a rope of small strings (xml-writer appends with
  // +=) that every scavenge copies, and a long one lives through two and is promoted. At 16k
  // characters graph.gexf of 10k articles took 4.8 s instead of 6.6 s (bench/NOTES.md, eleventh round).
  constructor(private readonly pieceSize = 1 << 14) {}

  get full(): boolean {
    return this.w.output.length >= this.pieceSize;
  }

  /** The text written since the last piece, made safe (xmlSafeDocument). */
  take(): string {
    const text = xmlSafeDocument(this.w.output);
    this.w.output = "";
    return text;
  }
}
