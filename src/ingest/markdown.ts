// Markdown → plain text, lightly: front matter read, markup marks removed, paragraphs unwrapped.

export interface MarkdownText {
  text: string;
  title?: string;
  /** Raw date value from front matter (parsed by the caller). */
  date?: string;
  source?: string;
}

const FRONT_KEYS_TITLE = new Set(["title", "headline", "tieu_de", "tiêu đề"]);
const FRONT_KEYS_DATE = new Set(["date", "published", "published_at", "publishedat", "pubdate", "publish_date", "created", "ngày", "ngay"]);
const FRONT_KEYS_SOURCE = new Set(["source", "url", "link", "canonical", "canonical_url", "original", "nguồn", "nguon", "outlet", "publisher"]);

function unquote(v: string): string {
  const t = v.trim();
  if (t.length >= 2 && ((t[0] === '"' && t.endsWith('"')) || (t[0] === "'" && t.endsWith("'")))) return t.slice(1, -1).trim();
  return t;
}

/** Front matter (YAML `---` or TOML `+++`) at the very start: simple `key: value` pairs. */
function frontMatter(lines: string[]): { fields: Map<string, string>; bodyStart: number } {
  const fields = new Map<string, string>();
  const fence = lines[0]?.trim();
  if (fence !== "---" && fence !== "+++") return { fields, bodyStart: 0 };
  for (let i = 1; i < lines.length; i++) {
    const l = lines[i].trim();
    if (l === fence || (fence === "---" && l === "...")) return { fields, bodyStart: i + 1 };
    const m = /^([\p{L}\p{N}_ -]+?)\s*[:=]\s*(.*)$/u.exec(l);
    if (m && m[2] !== "") fields.set(m[1].trim().toLowerCase(), unquote(m[2]));
  }
  return { fields: new Map(), bodyStart: 0 }; // no closing fence: not front matter
}

/** Inline markup → its text. */
export function stripInline(s: string): string {
  return (
    s
      // images: keep the alt text (a caption, often)
      .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
      // links: keep the text
      .replace(/\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)/g, "$1")
      .replace(/\[([^\]]+)\]\[[^\]]*\]/g, "$1")
      // autolinks
      .replace(/<(https?:\/\/[^>\s]+)>/g, "$1")
      // code
      .replace(/`([^`]+)`/g, "$1")
      // strong / emphasis / strike
      .replace(/(\*\*|__)(?=\S)([^]*?\S)\1/g, "$2")
      .replace(/(^|[^\p{L}\p{N}*])\*(?=\S)([^*]*?\S)\*(?![\p{L}\p{N}])/gu, "$1$2")
      .replace(/(^|[^\p{L}\p{N}_])_(?=\S)([^_]*?\S)_(?![\p{L}\p{N}])/gu, "$1$2")
      .replace(/~~(?=\S)([^]*?\S)~~/g, "$1")
      // backslash escapes
      .replace(/\\([\\`*_{}[\]()#+\-.!|>~])/g, "$1")
  );
}

const HEADING = /^ {0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$/;
const SETEXT = /^ {0,3}(=+|-+)\s*$/;
const FENCE = /^ {0,3}(```|~~~)/;
const LIST = /^\s*(?:[-*+]|\d{1,3}[.)])\s+/;
const QUOTE = /^\s*(?:>\s?)+/;
const REF_DEF = /^ {0,3}\[[^\]]+\]:\s*\S+/;
const RULE = /^ {0,3}(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$/;

export function markdownToText(src: string): MarkdownText {
  const lines = src.split("\n");
  const { fields, bodyStart } = frontMatter(lines);
  const out: string[] = [];
  /** The paragraph being gathered; soft-wrapped lines join with a space. */
  let para: string[] = [];
  let title: string | undefined;
  let inFence = false;

  const flush = () => {
    if (para.length) out.push(para.join(" "), "");
    para = [];
  };
  const block = (text: string) => {
    flush();
    out.push(text, "");
  };

  for (let i = bodyStart; i < lines.length; i++) {
    const raw = lines[i];
    if (FENCE.test(raw)) {
      flush();
      inFence = !inFence;
      continue;
    }
    if (inFence) {
      out.push(raw);
      continue;
    }
    if (raw.trim() === "") {
      flush();
      continue;
    }
    if (REF_DEF.test(raw)) continue;
    const h = HEADING.exec(raw);
    if (h) {
      const t = stripInline(h[2]).trim();
      if (title === undefined && t) title = t;
      block(t);
      continue;
    }
    // Setext heading: the underline makes the gathered paragraph a heading.
    if (para.length && SETEXT.test(raw)) {
      const t = stripInline(para.join(" ")).trim();
      para = [];
      if (title === undefined && t) title = t;
      block(t);
      continue;
    }
    if (RULE.test(raw)) {
      flush();
      continue;
    }
    let line = raw.replace(QUOTE, "");
    const isItem = LIST.test(line);
    if (isItem) {
      flush();
      line = line.replace(LIST, "");
    }
    const hardBreak = /(?: {2,}|\\)$/.test(line);
    line = stripInline(line.trim());
    para.push(line);
    if (hardBreak) {
      out.push(para.join(" "));
      para = [];
    }
  }
  flush();

  const result: MarkdownText = { text: out.join("\n") };
  const get = (keys: Set<string>) => {
    for (const [k, v] of fields) if (keys.has(k)) return v;
    return undefined;
  };
  const fmTitle = get(FRONT_KEYS_TITLE);
  if (fmTitle) result.title = fmTitle;
  else if (title) result.title = title;
  const fmDate = get(FRONT_KEYS_DATE);
  if (fmDate) result.date = fmDate;
  const fmSource = get(FRONT_KEYS_SOURCE);
  if (fmSource) result.source = fmSource;
  return result;
}
