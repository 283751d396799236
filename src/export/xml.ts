// XML parsing for the GEXF and GraphML readers with an injected DOMParser: window.DOMParser in the
// browser, @xmldom/xmldom's in Node. Errors become one line naming the file and the line.

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
  return { doc, DocumentClass: doc.constructor as new () => Document };
}

/** Throws unless the root element is `<name>`. */
export function expectRoot(doc: Document, name: string, fileName: string, format: string): void {
  const root = doc.documentElement;
  const local = (root.localName || root.tagName || "").toLowerCase();
  if (local !== name) throw new Error(`${fileName}: not a ${format} file (root element is <${root.tagName}>, expected <${name}>)`);
  if (!doc.getElementsByTagName("graph")[0]) throw new Error(`${fileName}: ${format} file has no <graph> element`);
}
