// Page furniture removal. The patterns are data (furniture.json); this file applies them line by line.
// Every line that is not furniture is kept as it stands (trimmed), so real sentences and photo captions
// survive untouched.

import furniture from "./furniture.json";

interface Rule {
  pattern: string;
  flags?: string;
  name?: string;
  /** The characters a line must end with for the pattern to match at all (see furniture.json). */
  lastChars?: string;
}

const compile = (r: Rule): RegExp => new RegExp(r.pattern, (r.flags ?? "").replace(/[gy]/g, ""));

/** An end-anchored rule with the quick test its lastChars allow. */
interface EndRule {
  re: RegExp;
  lastChars?: string;
}
const endRule = (r: Rule): EndRule => ({ re: compile(r), ...(r.lastChars ? { lastChars: r.lastChars } : {}) });
/** The rule's match in `line`, or null; a line that ends otherwise than lastChars allow is not run through it. */
function execEnd(rule: EndRule, line: string): RegExpExecArray | null {
  if (rule.lastChars !== undefined && (line.length === 0 || !rule.lastChars.includes(line[line.length - 1]))) return null;
  return rule.re.exec(line);
}

const DROP: RegExp[] = (furniture.drop as Rule[]).map(compile);
const TAIL: RegExp[] = (furniture.tailMarkers as Rule[]).map(compile);
const SOURCE_LINKS: RegExp[] = (furniture.sourceLinks as Rule[]).map(compile);
const OUTLETS: RegExp[] = (furniture.outlets as Rule[]).map(compile);
const STRIP: EndRule[] = (furniture.strip as Rule[]).map(endRule);
const IMAGE_ALT: EndRule = endRule(furniture.imageAlt as Rule);

/** The line without layout residue at its end ("… (Ảnh: AP) |" → "… (Ảnh: AP)"). */
function stripResidue(line: string): string {
  for (const rule of STRIP) {
    const m = execEnd(rule, line);
    if (m && m.index > 0) line = line.slice(0, m.index).trimEnd();
  }
  return line;
}

/** Lines longer than this are never furniture (and are not run through the patterns). */
const MAX_FURNITURE_LINE = 400;
/** Only lines this short are compacted (counters and buttons are short). */
const MAX_COMPACT_LINE = 120;
/** How many non-empty lines at the end may hold the outlet credit. */
const OUTLET_WINDOW = 4;
/** Outlet names longer than this many words are sentences, not credits. */
const MAX_OUTLET_WORDS = 5;

const BULLETS = /^[•·▪▫◦●○■□►▸▹‣⁃∙*+\-–—>]+\s*/u;

/**
 * The line with leading bullets removed and a label printed twice in a row kept once
 * ("• Khách Khách 894" → "Khách 894", "Tổng lượt truy cập: Tổng lượt truy cập: 87" → "Tổng lượt truy cập: 87").
 */
export function compactLine(line: string): string {
  const s = line.replace(BULLETS, "");
  if (s.length > MAX_COMPACT_LINE) return s;
  const words = s.split(/\s+/).filter(Boolean);
  for (let k = Math.floor(words.length / 2); k >= 1; k--) {
    for (let at = 0; at + 2 * k <= words.length; at++) {
      let same = true;
      for (let i = 0; i < k && same; i++) if (words[at + i] !== words[at + k + i]) same = false;
      if (same) return [...words.slice(0, at + k), ...words.slice(at + 2 * k)].join(" ");
    }
  }
  return words.join(" ");
}

function matchesAny(rules: RegExp[], line: string, compact: string): boolean {
  for (const re of rules) if (re.test(line) || (compact !== line && re.test(compact))) return true;
  return false;
}

/** True when a whole (trimmed) line is page furniture. */
export function isFurniture(line: string): boolean {
  const t = line.trim();
  if (t.length > MAX_FURNITURE_LINE) return false;
  return matchesAny(DROP, t, compactLine(t));
}

/** The URL a "Link: https://…" style line gives, if it is one. */
export function sourceLink(line: string): string | undefined {
  const t = line.trim();
  if (t.length > MAX_FURNITURE_LINE) return undefined;
  for (const re of SOURCE_LINKS) {
    const m = re.exec(t);
    if (m) return m[1];
  }
  return undefined;
}

/** The outlet a short credit line names ("Theo VTV" → "VTV", "(Vietnam+)" → "Vietnam+"). */
export function outletOf(line: string): string | undefined {
  const t = line.trim();
  if (t.length > 80) return undefined;
  for (const re of OUTLETS) {
    const m = re.exec(t);
    if (!m) continue;
    const name = m[1].trim().replace(/[.\s]+$/u, "");
    if (!name || name.includes(",")) continue;
    if (name.split(/\s+/).length > MAX_OUTLET_WORDS) continue;
    return name;
  }
  return undefined;
}

const CLOSERS = "\"'”’»)]";

/** A line that reads as a sentence: ends with final punctuation and has a few words. */
export function isSentenceLike(line: string): boolean {
  let end = line.length;
  while (end > 0 && CLOSERS.includes(line[end - 1])) end--;
  const last = line[end - 1];
  if (last !== "." && last !== "!" && last !== "?" && last !== "…") return false;
  return line.split(/\s+/).length >= 5;
}

export interface CleanResult {
  /** The text without furniture: lines trimmed, at most one blank line in a row, no blank edges. */
  text: string;
  /** Address from a "Link: …" line or a bare URL line. */
  link?: string;
  /** Outlet from a credit line near the end ("Theo VTV"). */
  outlet?: string;
  /** The lines removed, for reports and tests. */
  dropped: string[];
}

/** Join lines, keeping at most one blank line in a row and none at the edges. */
export function joinLines(lines: string[]): string {
  const out: string[] = [];
  let blank = false;
  for (const l of lines) {
    if (l === "") {
      blank = out.length > 0;
      continue;
    }
    if (blank) out.push("");
    blank = false;
    out.push(l);
  }
  return out.join("\n");
}

export function cleanText(text: string): CleanResult {
  const lines = text.split("\n").map((l) => stripResidue(l.trim()));
  const keep = lines.map((l) => l !== "");
  const dropped: string[] = [];
  let link: string | undefined;

  const drop = (i: number) => {
    if (keep[i]) dropped.push(lines[i]);
    keep[i] = false;
  };

  // Total content, to tell the end of the page from the middle of the article.
  let total = 0;
  for (const l of lines) total += l.length;

  let before = 0;
  let tailFrom = -1;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (!keep[i]) continue;
    const compact = compactLine(l);
    if (tailFrom < 0 && l.length <= MAX_FURNITURE_LINE && before >= total * 0.5 && matchesAny(TAIL, l, compact)) {
      tailFrom = i;
    }
    before += l.length;
    const url = sourceLink(l);
    if (url !== undefined) {
      link ??= url;
      drop(i);
      continue;
    }
    if (l.length <= MAX_FURNITURE_LINE && matchesAny(DROP, l, compact)) drop(i);
  }

  // The page's trailing blocks: after a tail marker, headline-like lines are lists of other articles.
  if (tailFrom >= 0) {
    drop(tailFrom);
    for (let i = tailFrom + 1; i < lines.length; i++) if (keep[i] && !isSentenceLike(lines[i])) drop(i);
  }

  // Image alt text that repeats an earlier line with "ảnh 1" after it.
  const seen = new Set<string>();
  for (let i = 0; i < lines.length; i++) {
    if (!keep[i]) continue;
    const l = lines[i];
    const m = execEnd(IMAGE_ALT, l);
    if (m && seen.has(l.slice(0, m.index).trim())) {
      drop(i);
      continue;
    }
    seen.add(l);
  }

  // Outlet credit among the last few lines.
  let outlet: string | undefined;
  let seenLines = 0;
  for (let i = lines.length - 1; i >= 0 && seenLines < OUTLET_WINDOW; i--) {
    if (!keep[i]) continue;
    seenLines++;
    const o = outletOf(lines[i]);
    if (o) {
      outlet = o;
      break;
    }
  }

  const text2 = joinLines(lines.map((l, i) => (keep[i] ? l : "")).filter((l, i) => keep[i] || lines[i] === ""));
  const result: CleanResult = { text: text2, dropped };
  if (link !== undefined) result.link = link;
  if (outlet !== undefined) result.outlet = outlet;
  return result;
}
