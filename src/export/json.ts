// graph.json: graphology's serialized graph (`graph.export()`), in canonical order (canonical.ts),
// indented by two spaces so that a change to the graph is a readable diff. Ends with a newline.
//
// Written in pieces (jsonPieces), a batch of nodes or edges at a time: the text of a large graph is longer
// than a JavaScript string may be (about 512 million characters), and the pieces never hold it whole.
import type { CanonicalGraph } from "./canonical";

/** `value` inside `depth` single-key objects: JSON.stringify then indents it as deep as it will stand. */
function wrap(value: unknown, depth: number): unknown {
  let wrapped = value;
  for (let d = 0; d < depth; d++) wrapped = { "": wrapped };
  return wrapped;
}

/** Lengths of the text JSON.stringify(wrap(…, depth), null, 2) puts before and after the value. */
const wrapperLengths: Array<[number, number]> = [];
function wrappers(depth: number): [number, number] {
  if (wrapperLengths[depth] === undefined) {
    const text = JSON.stringify(wrap(0, depth), null, 2);
    const at = text.indexOf("0");
    wrapperLengths[depth] = [at, text.length - at - 1];
  }
  return wrapperLengths[depth];
}

/**
 * JSON.stringify(value, null, 2) as it reads nested `depth` levels deep, indented by
 * JSON.stringify itself (a second pass over the text to indent it cost as much as the stringify).
 */
function nested(value: unknown, depth: number): string {
  const text = JSON.stringify(wrap(value, depth), null, 2);
  const [before, after] = wrappers(depth);
  return text.slice(before, text.length - after);
}

/**
 * Elements stringified at once: enough to keep per-call costs low, few enough that a batch's text
 * stays short. At 256 (texts of up to a megabyte), graph.json of 10k articles took 2.1 s instead
 * of 1.8 s, probably in collecting them (bench/NOTES.md, eleventh round).
 */
const BATCH = 32;

function* arrayPieces(items: readonly unknown[], depth: number): Generator<string> {
  if (items.length === 0) {
    yield "[]";
    return;
  }
  const pad = "  ".repeat(depth);
  for (let i = 0; i < items.length; i += BATCH) {
    // "[\n  a,\n  b\n]" of a batch, without its brackets, nested `depth` levels deep.
    const text = nested(items.slice(i, i + BATCH), depth);
    yield `${i === 0 ? "[" : ","}${text.slice(1, text.length - pad.length - 2)}`;
  }
  yield `\n${pad}]`;
}

/**
 * graph.json as pieces of text whose concatenation is JSON.stringify(c, null, 2) and a line feed
 * (the canonical form of canonical.ts), made a batch of elements at a time.
 */
export function* jsonPieces(c: CanonicalGraph): Generator<string> {
  yield `{\n  "options": ${nested(c.options, 1)},\n  "nodes": `;
  yield* arrayPieces(c.nodes, 1);
  yield `,\n  "edges": `;
  yield* arrayPieces(c.edges, 1);
  yield `,\n  "attributes": {\n    "articles": `;
  yield* arrayPieces(c.attributes.articles, 2);
  yield "\n  }\n}\n";
}

/** Line and column of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line, column: offset - last };
}

/**
 * Where JSON.parse gave up: V8 gives a position for some errors only ("Unexpected token '}', …
 * is not valid JSON" has none), so a small scanner finds the offset of the first error.
 */
export function jsonErrorOffset(s: string): number {
  let i = 0;
  const ws = () => {
    while (i < s.length && (s[i] === " " || s[i] === "\t" || s[i] === "\n" || s[i] === "\r")) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const string = () => {
    i++; // opening quote
    while (i < s.length && s[i] !== '"') {
      const c = s.charCodeAt(i);
      if (c < 0x20) fail();
      if (s[i] === "\\") {
        i++;
        const e = s[i];
        if (e === "u") {
          for (let k = 1; k <= 4; k++) {
            if (!/[0-9a-fA-F]/.test(s[i + k] ?? "")) {
              i += k;
              fail();
            }
          }
          i += 5;
          continue;
        }
        if (!e || !'"\\/bfnrt'.includes(e)) fail();
        i++;
        continue;
      }
      i++;
    }
    if (i >= s.length) fail();
    i++;
  };
  const value = (): void => {
    ws();
    const c = s[i];
    if (c === "{" || c === "[") {
      const close = c === "{" ? "}" : "]";
      i++;
      ws();
      if (s[i] === close) {
        i++;
        return;
      }
      for (;;) {
        if (c === "{") {
          ws();
          if (s[i] !== '"') fail();
          string();
          ws();
          if (s[i] !== ":") fail();
          i++;
        }
        value();
        ws();
        if (s[i] === ",") {
          i++;
          continue;
        }
        if (s[i] === close) {
          i++;
          return;
        }
        fail();
      }
    }
    if (c === '"') return string();
    for (const lit of ["true", "false", "null"]) {
      if (c !== lit[0]) continue;
      for (const ch of lit) {
        if (s[i] !== ch) fail();
        i++;
      }
      return;
    }
    const digits = (atLeastOne: boolean) => {
      const from = i;
      while (i < s.length && s[i] >= "0" && s[i] <= "9") i++;
      if (atLeastOne && i === from) fail();
    };
    if (s[i] === "-") i++;
    if (s[i] === "0") i++;
    else digits(true);
    if (s[i] === ".") {
      i++;
      digits(true);
    }
    if (s[i] === "e" || s[i] === "E") {
      i++;
      if (s[i] === "+" || s[i] === "-") i++;
      digits(true);
    }
  };
  try {
    value();
    ws();
    return i < s.length ? i : -1;
  } catch (at) {
    return typeof at === "number" ? at : -1;
  }
}

/** JSON.parse with a one-line error naming the file and the line. */
export function parseJsonText(text: string, fileName: string): unknown {
  const src = text.replace(/^\uFEFF/, "");
  try {
    return JSON.parse(src);
  } catch (e) {
    if (src.trim() === "") throw new Error(`${fileName}: empty file, not valid JSON`);
    const msg = e instanceof Error ? e.message : String(e);
    const offset = jsonErrorOffset(src);
    let where = "";
    if (offset >= 0) {
      const { line, column } = lineColumn(src, offset);
      where = offset >= src.length ? " at the end" : ` at line ${line}, column ${column}`;
    }
    // V8 quotes a slice of the input in some messages; keep only the reason.
    const reason = msg
      .replace(/, "[\s\S]*" is not valid JSON$/, "")
      .replace(/ in JSON at position \d+.*$/s, "")
      .replace(/\s+/g, " ")
      .trim();
    throw new Error(`${fileName}: not valid JSON${where} (${reason})`);
  }
}
