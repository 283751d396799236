// A streaming scan of graph.json bytes for what the first frame needs: node keys, names and types,
// edge keys, ends, relation, weight and symmetry. It runs while the file arrives, so the nodes can
// be drawn long before the whole file is parsed and checked. It checks nothing: the full parse and
// validation (readGraphFile) still decide; anything unexpected makes the scan give up (`failed`).
// Long strings (article texts, quotes) are skipped with Uint8Array.indexOf, not byte by byte.

export interface NodeSkeleton {
  keys: string[];
  labels: string[];
  labelsEn: string[];
  types: string[];
}

export interface EdgeSkeleton {
  keys: string[];
  /** Indexes into the node keys. */
  source: Int32Array;
  target: Int32Array;
  /** relation[i] indexes `relations`. */
  relations: string[];
  relation: Uint8Array;
  weight: Float64Array;
  symmetric: Uint8Array;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const COLON = 0x3a;
const COMMA = 0x2c;

// Contexts of the containers the scan looks into.
const ROOT = 0;
const NODES = 1;
const NODE = 2;
const NODE_ATTRS = 3;
const EDGES = 4;
const EDGE = 5;
const EDGE_ATTRS = 6;

// Parser states between tokens.
const S_START = 0; // before the root value
const S_VALUE = 1; // a value is due (after ':' or ',' in an array)
const S_FIRST_VALUE = 2; // after '[': a value or ']'
const S_FIRST_KEY = 3; // after '{': a key or '}'
const S_KEY = 4; // after ',' in an object
const S_COLON = 5;
const S_AFTER_VALUE = 6; // ',' or the closing bracket
const S_DONE = 7; // after the root value

const utf8 = new TextDecoder();

// The object keys the scan acts on, compared as bytes (most keys are read only to be skipped).
const KEYS = ["key", "source", "target", "undirected", "attributes", "nodes", "edges", "label", "label_en", "type", "relation", "weight", "symmetric"] as const;
type KeyName = (typeof KEYS)[number] | null;
const KEY_BYTES = KEYS.map((k) => new TextEncoder().encode(k));

function keyName(buf: Uint8Array, start: number, end: number): KeyName {
  const n = end - start;
  for (let k = 0; k < KEYS.length; k++) {
    const kb = KEY_BYTES[k];
    if (kb.length !== n || kb[0] !== buf[start]) continue;
    let i = 1;
    while (i < n && kb[i] === buf[start + i]) i++;
    if (i === n) return KEYS[k];
  }
  return null;
}

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
}

/** Decodes the bytes of a JSON string's content (without the quotes). */
function decodeString(buf: Uint8Array, start: number, end: number): string {
  let plain = true;
  let escaped = false;
  for (let i = start; i < end; i++) {
    const b = buf[i];
    if (b === BACKSLASH) escaped = true;
    else if (b >= 0x80) plain = false;
  }
  if (plain && !escaped && end - start < 256) return String.fromCharCode.apply(null, buf.subarray(start, end) as unknown as number[]);
  const s = utf8.decode(buf.subarray(start, end));
  return escaped ? (JSON.parse(`"${s}"`) as string) : s;
}

export class SkeletonScanner {
  /** Why the scan gave up, or null. */
  failed: string | null = null;
  nodes: NodeSkeleton | null = null;
  edges: EdgeSkeleton | null = null;

  private buf: Uint8Array = new Uint8Array(0);
  private pos = 0;
  private state = S_START;
  // The stack of containers looked into: context, whether an object, and its current key.
  private ctx: number[] = [];
  private isObj: boolean[] = [];
  private key: KeyName[] = [];
  // Inside a skipped value: bracket depth, and string state across chunks.
  private skipDepth = 0;
  private skipInString = false;
  private skipEscape = false;
  // Bytes of a token cut by the end of a chunk.
  private carry: Uint8Array | null = null;

  private nodeIndex = new Map<string, number>();
  private nk: string[] = [];
  private nl: string[] = [];
  private nle: string[] = [];
  private nt: string[] = [];
  private ek: string[] = [];
  private es: number[] = [];
  private et: number[] = [];
  private er: number[] = [];
  private ew: number[] = [];
  private esym: number[] = [];
  private relIndex = new Map<string, number>();
  private relations: string[] = [];
  // The record being read.
  private rKey: string | undefined;
  private rLabel = "";
  private rLabelEn = "";
  private rType = "";
  private rSource: string | undefined;
  private rTarget: string | undefined;
  private rRelation = "";
  private rWeight = 1;
  private rSymmetric = false;
  private rUndirected = false;

  constructor(
    private onNodes?: (n: NodeSkeleton) => void,
    private onEdges?: (e: EdgeSkeleton) => void,
  ) {}

  /** Nodes read so far. */
  get nodeCount(): number {
    return this.nk.length;
  }

  /** Keys and types of the nodes read since the `from`-th (the list may be unfinished). */
  nodesSince(from: number): { keys: string[]; types: string[] } {
    return { keys: this.nk.slice(from), types: this.nt.slice(from) };
  }

  get done(): boolean {
    return this.state === S_DONE;
  }

  push(chunk: Uint8Array): void {
    if (this.failed) return;
    if (this.carry) {
      const joined = new Uint8Array(this.carry.length + chunk.length);
      joined.set(this.carry);
      joined.set(chunk, this.carry.length);
      chunk = joined;
      this.carry = null;
    }
    this.buf = chunk;
    this.pos = 0;
    try {
      this.run();
    } catch (e) {
      this.fail(e instanceof Error ? e.message : String(e));
    }
  }

  /** The end of the input: anything unfinished means the scan failed. */
  end(): void {
    if (this.failed) return;
    if (this.state !== S_DONE || this.carry || this.skipDepth) this.fail("unexpected end of input");
  }

  private fail(why: string): void {
    this.failed ??= why;
    this.carry = null;
  }

  private run(): void {
    const buf = this.buf;
    const len = buf.length;
    while (this.pos < len && !this.failed) {
      if (this.skipDepth > 0) {
        this.skip();
        continue;
      }
      const b = buf[this.pos];
      if (isSpace(b)) {
        this.pos++;
        continue;
      }
      switch (this.state) {
        case S_START:
          // A byte-order mark (EF BB BF), possibly cut across chunks.
          if (b === 0xef || b === 0xbb || b === 0xbf) {
            this.pos++;
            break;
          }
          if (b !== LBRACE) return this.fail("not a JSON object");
          this.pos++;
          this.push1(ROOT, true);
          this.state = S_FIRST_KEY;
          break;
        case S_FIRST_KEY:
        case S_KEY:
          if (b === RBRACE && this.state === S_FIRST_KEY) {
            this.pos++;
            this.close();
            break;
          }
          if (b !== QUOTE) return this.fail("a key is expected");
          {
            const end = this.stringEnd(this.pos + 1);
            if (end < 0) return this.cut();
            this.key[this.key.length - 1] = keyName(buf, this.pos + 1, end);
            this.pos = end + 1;
            this.state = S_COLON;
          }
          break;
        case S_COLON:
          if (b !== COLON) return this.fail("':' is expected");
          this.pos++;
          this.state = S_VALUE;
          break;
        case S_FIRST_VALUE:
          if (b === RBRACKET) {
            this.pos++;
            this.close();
            break;
          }
          this.value(b);
          break;
        case S_VALUE:
          this.value(b);
          break;
        case S_AFTER_VALUE: {
          const top = this.ctx.length - 1;
          if (b === COMMA) {
            this.pos++;
            this.state = this.isObj[top] ? S_KEY : S_VALUE;
          } else if (b === (this.isObj[top] ? RBRACE : RBRACKET)) {
            this.pos++;
            this.close();
          } else return this.fail("',' or a closing bracket is expected");
          break;
        }
        case S_DONE:
          return this.fail("text after the end of the JSON value");
      }
    }
  }

  /** Keeps the rest of the chunk from the current token on, for the next chunk. */
  private cut(): void {
    this.carry = this.buf.slice(this.pos);
    this.pos = this.buf.length;
  }

  /** The index of the quote closing a string whose content starts at `from`, or -1. */
  private stringEnd(from: number): number {
    const buf = this.buf;
    let i = from;
    for (;;) {
      const q = buf.indexOf(QUOTE, i);
      if (q < 0) return -1;
      let n = 0;
      for (let j = q - 1; j >= from && buf[j] === BACKSLASH; j--) n++;
      if ((n & 1) === 0) return q;
      i = q + 1;
    }
  }

  /** Moves through a skipped container, possibly across chunks. */
  private skip(): void {
    const buf = this.buf;
    const len = buf.length;
    let pos = this.pos;
    let depth = this.skipDepth;
    if (this.skipEscape) {
      this.skipEscape = false;
      pos++;
    }
    while (pos < len) {
      if (this.skipInString) {
        const from = pos;
        let q = buf.indexOf(QUOTE, pos);
        for (;;) {
          if (q < 0) break;
          let n = 0;
          for (let j = q - 1; j >= from && buf[j] === BACKSLASH; j--) n++;
          if ((n & 1) === 0) break;
          q = buf.indexOf(QUOTE, q + 1);
        }
        if (q < 0) {
          let n = 0;
          for (let j = len - 1; j >= from && buf[j] === BACKSLASH; j--) n++;
          this.skipEscape = (n & 1) === 1;
          pos = len;
          break;
        }
        this.skipInString = false;
        pos = q + 1;
        continue;
      }
      const b = buf[pos++];
      if (b === QUOTE) this.skipInString = true;
      else if (b === LBRACE || b === LBRACKET) depth++;
      else if (b === RBRACE || b === RBRACKET) {
        depth--;
        if (depth === 0) {
          this.skipDepth = 0;
          this.pos = pos;
          this.state = S_AFTER_VALUE;
          return;
        }
      }
    }
    this.skipDepth = depth;
    this.pos = pos;
  }

  private push1(ctx: number, obj: boolean): void {
    this.ctx.push(ctx);
    this.isObj.push(obj);
    this.key.push(null);
  }

  /** What a container value becomes, from where it is: a context looked into, or -1 (skipped). */
  private childContext(): number {
    const top = this.ctx.length - 1;
    const ctx = this.ctx[top];
    const key = this.key[top];
    if (ctx === ROOT) return key === "nodes" ? NODES : key === "edges" ? EDGES : -1;
    if (ctx === NODES) return NODE;
    if (ctx === EDGES) return EDGE;
    if (ctx === NODE && key === "attributes") return NODE_ATTRS;
    if (ctx === EDGE && key === "attributes") return EDGE_ATTRS;
    return -1;
  }

  private value(b: number): void {
    const buf = this.buf;
    if (b === LBRACE || b === LBRACKET) {
      const child = this.childContext();
      const obj = b === LBRACE;
      const wantObj = child === NODE || child === EDGE || child === NODE_ATTRS || child === EDGE_ATTRS;
      if (child < 0) {
        this.pos++;
        this.skipDepth = 1;
        this.skipInString = false;
        return;
      }
      if (obj !== wantObj) return this.fail("unexpected shape");
      if (child === NODES && this.nodes) return this.fail("nodes listed twice");
      if (child === EDGES && (this.edges || !this.nodes)) return this.fail(this.edges ? "edges listed twice" : "edges before nodes");
      if (child === NODE) this.startNode();
      if (child === EDGE) this.startEdge();
      this.pos++;
      this.push1(child, obj);
      this.state = obj ? S_FIRST_KEY : S_FIRST_VALUE;
      return;
    }
    // A scalar: its end.
    let end: number;
    let text: string | number | boolean | null;
    if (b === QUOTE) {
      const q = this.stringEnd(this.pos + 1);
      if (q < 0) return this.cut();
      end = q + 1;
      text = this.wanted() ? decodeString(buf, this.pos + 1, q) : null;
    } else {
      let i = this.pos;
      while (i < buf.length) {
        const c = buf[i];
        if (c === COMMA || c === RBRACE || c === RBRACKET || isSpace(c)) break;
        i++;
      }
      if (i >= buf.length) return this.cut();
      end = i;
      const raw = String.fromCharCode.apply(null, buf.subarray(this.pos, i) as unknown as number[]);
      text = raw === "true" ? true : raw === "false" ? false : raw === "null" ? null : Number(raw);
    }
    this.pos = end;
    this.state = S_AFTER_VALUE;
    this.scalar(text);
  }

  /** Whether the string value about to be read is one the skeleton keeps. */
  private wanted(): boolean {
    const top = this.ctx.length - 1;
    const ctx = this.ctx[top];
    return ctx === NODE || ctx === NODE_ATTRS || ctx === EDGE || ctx === EDGE_ATTRS;
  }

  private scalar(v: string | number | boolean | null): void {
    const top = this.ctx.length - 1;
    const ctx = this.ctx[top];
    const key = this.key[top];
    if (ctx === NODE) {
      if (key === "key") this.rKey = typeof v === "string" ? v : undefined;
    } else if (ctx === NODE_ATTRS) {
      if (key === "label") this.rLabel = typeof v === "string" ? v : "";
      else if (key === "label_en") this.rLabelEn = typeof v === "string" ? v : "";
      else if (key === "type") this.rType = typeof v === "string" ? v : "";
    } else if (ctx === EDGE) {
      if (key === "key") this.rKey = typeof v === "string" ? v : undefined;
      else if (key === "source") this.rSource = typeof v === "string" ? v : undefined;
      else if (key === "target") this.rTarget = typeof v === "string" ? v : undefined;
      else if (key === "undirected") this.rUndirected = v === true;
    } else if (ctx === EDGE_ATTRS) {
      if (key === "relation") this.rRelation = typeof v === "string" ? v : "";
      else if (key === "weight") this.rWeight = typeof v === "number" && Number.isFinite(v) ? v : 1;
      else if (key === "symmetric") this.rSymmetric = v === true;
    } else if (ctx === NODES || ctx === EDGES) this.fail("a node or edge is not an object");
  }

  private startNode(): void {
    this.rKey = undefined;
    this.rLabel = this.rLabelEn = this.rType = "";
  }

  private startEdge(): void {
    this.rKey = this.rSource = this.rTarget = undefined;
    this.rRelation = "";
    this.rWeight = 1;
    this.rSymmetric = this.rUndirected = false;
  }

  private close(): void {
    const ctx = this.ctx.pop()!;
    this.isObj.pop();
    this.key.pop();
    this.state = this.ctx.length ? S_AFTER_VALUE : S_DONE;
    if (ctx === NODE) {
      if (this.rKey === undefined || this.nodeIndex.has(this.rKey)) return this.fail("a node without a key, or twice");
      this.nodeIndex.set(this.rKey, this.nk.length);
      this.nk.push(this.rKey);
      this.nl.push(this.rLabel);
      this.nle.push(this.rLabelEn);
      this.nt.push(this.rType);
    } else if (ctx === EDGE) {
      const s = this.rSource === undefined ? undefined : this.nodeIndex.get(this.rSource);
      const t = this.rTarget === undefined ? undefined : this.nodeIndex.get(this.rTarget);
      if (this.rKey === undefined || s === undefined || t === undefined || this.rUndirected) return this.fail("an edge the skeleton cannot place");
      let r = this.relIndex.get(this.rRelation);
      if (r === undefined) {
        if (this.relations.length >= 255) return this.fail("too many relation names");
        r = this.relations.length;
        this.relations.push(this.rRelation);
        this.relIndex.set(this.rRelation, r);
      }
      this.ek.push(this.rKey);
      this.es.push(s);
      this.et.push(t);
      this.er.push(r);
      this.ew.push(this.rWeight);
      this.esym.push(this.rSymmetric ? 1 : 0);
    } else if (ctx === NODES) {
      this.nodes = { keys: this.nk, labels: this.nl, labelsEn: this.nle, types: this.nt };
      this.onNodes?.(this.nodes);
    } else if (ctx === EDGES) {
      this.edges = {
        keys: this.ek,
        source: Int32Array.from(this.es),
        target: Int32Array.from(this.et),
        relations: this.relations,
        relation: Uint8Array.from(this.er),
        weight: Float64Array.from(this.ew),
        symmetric: Uint8Array.from(this.esym),
      };
      this.onEdges?.(this.edges);
    } else if (ctx === ROOT) {
      // A file without one of the lists: the lists are empty (validation will say if that is wrong).
      if (!this.nodes) {
        this.nodes = { keys: [], labels: [], labelsEn: [], types: [] };
        this.onNodes?.(this.nodes);
      }
      if (!this.edges) {
        this.edges = { keys: [], source: new Int32Array(0), target: new Int32Array(0), relations: [], relation: new Uint8Array(0), weight: new Float64Array(0), symmetric: new Uint8Array(0) };
        this.onEdges?.(this.edges);
      }
    }
  }
}
