// Types for the environment-neutral entry points of graphology-gexf and graphology-graphml: the
// parser factories the readers use, which take an injected DOMParser (their `browser` entries read
// the global DOMParser at import time, their `node` entries pull in xmldom); graphology-gexf's
// writer, the reference the tests hold graph.gexf to; and xml-writer, which the writers use.

declare module "graphology-gexf/common/writer.js" {
  import type Graph from "graphology-types";
  import type { GexfWriterOptions } from "graphology-gexf/common/types";
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  export default function write(graph: Graph<any, any, any>, options?: GexfWriterOptions<any, any, any, any>): string;
}

declare module "graphology-gexf/common/parser.js" {
  import type Graph from "graphology-types";
  import type { GraphConstructor } from "graphology-types";
  import type { GexfParserOptions } from "graphology-gexf/common/types";
  export default function createParserFunction(
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    DOMParser: any,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    Document: any,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
  ): (Graph: GraphConstructor<any, any, any>, source: string | Document, options?: GexfParserOptions) => Graph;
}

declare module "graphology-graphml/common/parser.js" {
  import type Graph from "graphology-types";
  import type { GraphConstructor } from "graphology-types";
  import type { GraphmlParserOptions } from "graphology-graphml/common/types";
  export default function createParserFunction(
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    DOMParser: any,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    Document: any,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
  ): (Graph: GraphConstructor<any, any, any>, source: string | Document, options?: GraphmlParserOptions) => Graph;
}

declare module "xml-writer" {
  /** xml-writer 1.7: an indenting XML writer; with `write`, the text goes to it as it is made. */
  export default class XMLWriter {
    constructor(indent?: string | boolean, write?: (text: string, encoding: string) => void);
    /** The text written so far, when no `write` is given. */
    output: string;
    startDocument(version?: string, encoding?: string, standalone?: boolean): this;
    startElement(name: string): this;
    startElementNS(prefix: string, name: string, uri?: string): this;
    writeAttribute(name: string, content: string | number): this;
    writeElement(name: string, content: string): this;
    text(content: string): this;
    endElement(): this;
    flush(): void;
  }
}
