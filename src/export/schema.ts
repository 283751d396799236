// The graph contract (src/types.ts) as zod schemas, and the check every graph file goes through
// before it becomes a KnowledgeGraph: whatever the format, a file is first turned into graphology's
// serialized form (`graph.export()`), then validated here, so every reader reports problems alike.
// zod/mini: the same checks as classic zod, tree-shakable (18 kB instead of 450 kB in the explorer).
import * as z from "zod/mini";
import { NODE_TYPES, RELATION_TYPES } from "../types";
import { UNSAFE_KEYS, UNSAFE_REASON } from "./xml";

const nonEmpty = () => z.string().check(z.minLength(1));
const offset = () => z.number().check(z.int(), z.nonnegative());

export const ArticleMetaSchema = z.looseObject({
  id: nonEmpty(),
  title: z.optional(z.string()),
  date: z.optional(z.string()),
  source: z.optional(z.string()),
  text: z.string(),
});

export const MentionRefSchema = z.looseObject({
  article: z.string(),
  start: offset(),
  end: offset(),
  text: z.string(),
});

export const EvidenceSchema = z.looseObject({
  article: z.string(),
  sentence: z.string(),
  start: offset(),
  end: offset(),
  date: z.optional(z.string()),
});

/** Extra attributes (x, y, color… added by another tool) are kept. */
export const NodeAttributesSchema = z.looseObject({
  label: nonEmpty(),
  label_en: z.string(),
  type: z.enum(NODE_TYPES),
  aliases: z.array(z.string()),
  mentions: z.array(MentionRefSchema),
});

export const EdgeAttributesSchema = z.looseObject({
  relation: z.enum(RELATION_TYPES),
  weight: z.number().check(z.nonnegative()),
  evidence: z.array(EvidenceSchema),
  symmetric: z.optional(z.boolean()),
});

export const GraphAttributesSchema = z.looseObject({
  /** Optional in files so that a graph re-saved by another tool (Gephi) still loads. */
  articles: z._default(z.array(ArticleMetaSchema), []),
});

export const SerializedNodeSchema = z.object({
  key: nonEmpty(),
  attributes: NodeAttributesSchema,
});

export const SerializedEdgeSchema = z.object({
  key: nonEmpty(),
  source: nonEmpty(),
  target: nonEmpty(),
  attributes: EdgeAttributesSchema,
  undirected: z.optional(z.boolean()),
});

/** graphology's serialized graph (what `graph.export()` returns and graph.json holds). */
export const SerializedGraphSchema = z.object({
  options: z.optional(
    z.looseObject({
      type: z.optional(z.string()),
      multi: z.optional(z.boolean()),
      allowSelfLoops: z.optional(z.boolean()),
    }),
  ),
  attributes: z._default(GraphAttributesSchema, { articles: [] }),
  nodes: z.array(SerializedNodeSchema),
  edges: z._default(z.array(SerializedEdgeSchema), []),
});

export type SerializedGraphData = z.infer<typeof SerializedGraphSchema>;

/** The value at `path` inside `data`, or undefined. */
function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = data;
  for (const p of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

function describeValue(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "string") return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === "object") return "an object";
  return String(v);
}

/** `evidence[0].sentence` from ["evidence", 0, "sentence"]. */
function fieldPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out;
}

/** Which element of the file a path points into: "node 'RUS'", "edge 'a|meets|b'", "the graph". */
function locate(data: unknown, path: readonly PropertyKey[]): { where: string; rest: readonly PropertyKey[] } {
  const [top, index] = path;
  if ((top === "nodes" || top === "edges") && typeof index === "number") {
    const key = valueAt(data, [top, index, "key"]);
    const what = top === "nodes" ? "node" : "edge";
    const where = typeof key === "string" && key ? `${what} '${key}'` : `${what} #${index + 1}`;
    const rest = path[2] === "attributes" ? path.slice(3) : path.slice(2);
    return { where, rest };
  }
  if (top === "attributes" && path[1] === "articles" && typeof path[2] === "number") {
    const id = valueAt(data, ["attributes", "articles", path[2], "id"]);
    return { where: typeof id === "string" && id ? `article '${id}'` : `article #${path[2] + 1}`, rest: path.slice(3) };
  }
  if (top === "attributes") return { where: "graph attribute", rest: path.slice(1) };
  return { where: "graph", rest: path };
}

/** One line (without the file name) saying what is wrong with the first problem zod found. */
export function describeIssue(data: unknown, issue: z.core.$ZodIssue): string {
  const { where, rest } = locate(data, issue.path);
  const field = fieldPath(rest);
  const value = valueAt(data, issue.path);
  if (field === "" && where === "graph") {
    return issue.path.length === 0
      ? "not a graph (expected an object with nodes and edges)"
      : `${String(issue.path[0])}: ${issue.message}`;
  }
  if (value === undefined && issue.code === "invalid_type") {
    return field ? `${where} has no ${field}` : `${where} is missing`;
  }
  if (field === "label" && value === "") return `${where} has no label`;
  if (issue.code === "invalid_value" && "values" in issue) {
    return `${where}: ${field} ${describeValue(value)} is not one of ${issue.values.join(", ")}`;
  }
  if (issue.code === "invalid_type") {
    const expected = issue.expected === "int" ? "integer" : issue.expected;
    return `${where}: ${field || "value"} should be ${article(expected)}${expected}, not ${describeValue(value)}`;
  }
  if (issue.code === "too_small") {
    return `${where}: ${field || "value"} ${typeof value === "string" ? "is empty" : `should be at least ${String(issue.minimum)}, not ${describeValue(value)}`}`;
  }
  return `${where}: ${field ? `${field}: ` : ""}${issue.message} (${issue.code})`;
}

function article(expected: string): string {
  return /^[aeiou]/.test(expected) ? "an " : "a ";
}

/** Deepest nesting of lists and objects a graph file may have (graph.json needs 6). */
export const MAX_DEPTH = 64;

/**
 * The first problem of structure anywhere in `data`: an object key that could reach a prototype
 * (`__proto__`, `constructor`, `prototype`), or nesting deeper than MAX_DEPTH (which would overflow
 * the stack of any recursive reader), with the path of the object where it is. Iterative, and
 * linear however deep the file.
 */
export function findUnsafeKey(data: unknown): { key: string; path: PropertyKey[] } | { tooDeep: true; path: PropertyKey[] } | undefined {
  // Each visited object with its parent's index and its key there: the path is rebuilt only when needed.
  const seen: Array<{ parent: number; key: PropertyKey; depth: number }> = [{ parent: -1, key: "", depth: 0 }];
  const stack: number[] = [0];
  const values: unknown[] = [data];
  const pathTo = (i: number): PropertyKey[] => {
    const path: PropertyKey[] = [];
    for (let k = i; k > 0; k = seen[k].parent) path.push(seen[k].key);
    return path.reverse();
  };
  const visit = (parent: number, key: PropertyKey, x: unknown) => {
    if (x === null || typeof x !== "object") return;
    seen.push({ parent, key, depth: seen[parent].depth + 1 });
    values.push(x);
    stack.push(seen.length - 1);
  };
  while (stack.length) {
    const at = stack.pop()!;
    const v = values[at];
    values[at] = undefined;
    if (v === null || typeof v !== "object") continue;
    if (seen[at].depth > MAX_DEPTH) return { tooDeep: true, path: pathTo(seen[at].parent) };
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) visit(at, i, v[i]);
      continue;
    }
    const keys = Object.keys(v);
    for (const k of keys) if (UNSAFE_KEYS.has(k)) return { key: k, path: pathTo(at) };
    for (let i = keys.length - 1; i >= 0; i--) visit(at, keys[i], (v as Record<string, unknown>)[keys[i]]);
  }
  return undefined;
}

/** Validate serialized graph data; throws `file: what is wrong` (one line) on the first problem. */
export function validateGraphData(data: unknown, fileName: string): SerializedGraphData {
  const unsafe = findUnsafeKey(data);
  if (unsafe) {
    const { where, rest } = locate(data, unsafe.path.slice(0, 8));
    const field = fieldPath(rest);
    if ("tooDeep" in unsafe) throw new Error(`${fileName}: ${where}${field ? ` ${field}` : ""} is nested more than ${MAX_DEPTH} levels deep, which is refused`);
    throw new Error(`${fileName}: ${where}${field ? ` ${field}` : ""} has the key "${unsafe.key}", which is refused (${UNSAFE_REASON})`);
  }
  const result = SerializedGraphSchema.safeParse(data);
  if (result.success) return result.data;
  const issues = result.error.issues;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? "s" : ""})` : "";
  throw new Error(`${fileName}: ${describeIssue(data, issues[0])}${more}`);
}
