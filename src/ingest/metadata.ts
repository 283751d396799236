// Metadata read from article text: a date header line, a byline with a date, a headline as title.
// Dates come out as ISO strings, full (2022-02-10) or partial (2021-12).

import { joinLines } from "./clean";

const pad = (n: number) => String(n).padStart(2, "0");

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isoDate(year: number, month: number, day?: number): string | undefined {
  if (!(year >= 1900 && year <= 2100 && month >= 1 && month <= 12)) return undefined;
  if (day === undefined) return `${year}-${pad(month)}`;
  if (!(day >= 1 && day <= daysIn(year, month))) return undefined;
  return `${year}-${pad(month)}-${pad(day)}`;
}

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};
const MONTH_NAME = "(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";
const monthOf = (name: string) => MONTHS[name.slice(0, name.toLowerCase().startsWith("sept") ? 4 : 3).toLowerCase()];

interface DateMatch {
  iso: string;
  index: number;
  length: number;
}

type Reader = { re: RegExp; read: (m: RegExpExecArray) => string | undefined };

const TIME_TAIL = "(?:[T ]\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})?)?";

/** Full dates: year, month and day. */
const FULL: Reader[] = [
  { re: new RegExp(`(?<!\\d)(\\d{4})-(\\d{1,2})-(\\d{1,2})${TIME_TAIL}(?!\\d)`, "g"), read: (m) => isoDate(+m[1], +m[2], +m[3]) },
  { re: /(?<![\d/.-])(\d{4})\/(\d{1,2})\/(\d{1,2})(?![\d/])/g, read: (m) => isoDate(+m[1], +m[2], +m[3]) },
  { re: /(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?![\d/.-]\d)(?!\d)/g, read: (m) => isoDate(+m[4], +m[3], +m[1]) },
  { re: /ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s*,?\s*năm\s+(\d{4})/giu, read: (m) => isoDate(+m[3], +m[2], +m[1]) },
  { re: new RegExp(`\\b${MONTH_NAME}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})(?!\\d)`, "gi"), read: (m) => isoDate(+m[3], monthOf(m[1]), +m[2]) },
  { re: new RegExp(`(?<!\\d)(\\d{1,2})\\s+${MONTH_NAME}\\.?,?\\s+(\\d{4})(?!\\d)`, "gi"), read: (m) => isoDate(+m[3], monthOf(m[2]), +m[1]) },
];

/** Partial dates (year and month), trusted only in header lines and metadata fields. */
const PARTIAL: Reader[] = [
  { re: /(?<![\d-])(\d{4})-(\d{1,2})(?![\d-])/g, read: (m) => isoDate(+m[1], +m[2]) },
  { re: /(?<![\d/.-])(\d{1,2})[/.-](\d{4})(?![\d/.-]?\d)/g, read: (m) => isoDate(+m[2], +m[1]) },
  { re: /tháng\s+(\d{1,2})\s*,?\s*năm\s+(\d{4})/giu, read: (m) => isoDate(+m[2], +m[1]) },
  { re: new RegExp(`\\b${MONTH_NAME}\\.?,?\\s+(\\d{4})(?!\\d)`, "gi"), read: (m) => isoDate(+m[2], monthOf(m[1])) },
];

function firstMatch(readers: Reader[], s: string): DateMatch | undefined {
  let best: DateMatch | undefined;
  for (const { re, read } of readers) {
    re.lastIndex = 0;
    for (let m = re.exec(s); m; m = re.exec(s)) {
      const iso = read(m);
      if (iso) {
        if (!best || m.index < best.index) best = { iso, index: m.index, length: m[0].length };
        break;
      }
    }
  }
  return best;
}

/** The first full date written in `s`. */
export function findDate(s: string, opts: { partial?: boolean } = {}): DateMatch | undefined {
  const full = firstMatch(FULL, s);
  if (full || !opts.partial) return full;
  return firstMatch(PARTIAL, s);
}

/** A date field's value (meta content, front matter, header) → ISO date, full or partial. */
export function parseDate(value: string | undefined | null): string | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (!v) return undefined;
  return findDate(v, { partial: true })?.iso;
}

// ---- Header lines ("date 2021-12", "Date: 10/02/2022", "Ngày đăng: …") ----

const HEADER_LABEL =
  /^(?:date|dateline|published(?: (?:on|at))?|publish(?:ed)? date|pubdate|posted(?: on)?|updated|ngày đăng|ngày xuất bản|xuất bản(?: lúc| ngày)?|đăng ngày|đăng lúc|đăng|cập nhật(?: lúc| ngày)?|thời gian(?: đăng)?)\s*[:=]?\s*/iu;

/** What is left after a date at the start of `rest`: time, time zone and separators are eaten too. */
const AFTER_DATE = /^(?:\s*[,|–—-]?\s*(?:lúc\s+)?\d{1,2}[:hg]\d{2}(?::\d{2})?\s*(?:AM|PM|SA|CH)?)?(?:\s*\(?\s*(?:GMT|UTC)\s*[+-]?\s*\d{0,2}(?::?\d{2})?\s*\)?)?\s*[,|–—-]?\s*/iu;
const WEEKDAY_PREFIX = /^(?:(?:Thứ\s+(?:hai|ba|tư|năm|sáu|bảy|bẩy|[2-7])|Chủ\s+nhật|CN|T[2-7]|Mon(?:day)?|Tue(?:s(?:day)?)?|Wed(?:nesday)?|Thu(?:rs(?:day)?)?|Fri(?:day)?|Sat(?:urday)?|Sun(?:day)?)\s*,?\s*)?/iu;

interface HeaderDate {
  iso: string;
  /** The line without the header. */
  rest: string;
}

/** A "date …" header at the start of a line: the date and what follows it on the line. */
export function headerDate(line: string): HeaderDate | undefined {
  const s = line.trim();
  const label = HEADER_LABEL.exec(s);
  if (!label) return undefined;
  let rest = s.slice(label[0].length);
  rest = rest.slice(WEEKDAY_PREFIX.exec(rest)![0].length);
  let d = firstMatch(FULL, rest);
  if (d?.index !== 0) d = firstMatch(PARTIAL, rest);
  if (!d || d.index !== 0) return undefined;
  rest = rest.slice(d.length);
  rest = rest.slice(AFTER_DATE.exec(rest)![0].length);
  return { iso: d.iso, rest: rest.trim() };
}

// ---- Bylines ("Bảo Hà 07:01 | 10/02/2022", "Thứ năm, 10/2/2022, 07:01 (GMT+7)") ----

const TIMES = /\d{1,2}[:hg]\d{2}(?::\d{2})?\s*(?:AM|PM|SA|CH)?/giu;
const ZONES = /(?:GMT|UTC)\s*[+-]?\s*\d{0,2}(?::?\d{2})?/giu;
const WORDS = /[\p{L}\p{N}]+/gu;
/** Words a byline holds besides the author: weekdays, labels. */
const BYLINE_WORDS = new Set(
  (
    "thứ hai ba tư năm sáu bảy bẩy chủ nhật cn t2 t3 t4 t5 t6 t7 cập đăng lúc ngày giờ sáng chiều tối " +
    "gmt utc am pm sa ch published updated posted on at by monday tuesday wednesday thursday friday saturday sunday " +
    "mon tue wed thu fri sat sun"
  ).split(" "),
);
/** At most this many other words (an author name, an outlet) in a byline. */
const MAX_BYLINE_WORDS = 6;
const MAX_BYLINE_LENGTH = 120;

/** The date of a byline-like line: a short line built around a full date. */
export function bylineDate(line: string): string | undefined {
  const t = line.trim();
  if (t.length > MAX_BYLINE_LENGTH) return undefined;
  const d = findDate(t);
  if (!d) return undefined;
  const rest = (t.slice(0, d.index) + " " + t.slice(d.index + d.length)).replace(TIMES, " ").replace(ZONES, " ");
  let words = 0;
  for (const w of rest.match(WORDS) ?? []) {
    if (BYLINE_WORDS.has(w.toLowerCase()) || /^\d+$/.test(w)) continue;
    // Other words are names (author, place, outlet): capitalized. A lower-case word makes it prose.
    if (w[0] === w[0].toLowerCase()) return undefined;
    words++;
  }
  if (words > MAX_BYLINE_WORDS) return undefined;
  if (/[.!?]["”’')]*$/u.test(t) && words > 2) return undefined;
  return d.iso;
}

// ---- Titles ----

const MAX_TITLE_LENGTH = 250;
const MAX_TITLE_WORDS = 40;
/** Vietnamese words are syllables: a section label ("Thế giới") is shorter than a headline. */
const MIN_TITLE_WORDS = 3;

/** A headline: short, several words, no final period, not starting in lower case. */
export function isHeadline(line: string): boolean {
  const t = line.trim();
  if (t.length < 4 || t.length > MAX_TITLE_LENGTH) return false;
  const words = t.split(/\s+/);
  if (words.length < MIN_TITLE_WORDS || words.length > MAX_TITLE_WORDS) return false;
  if (/[.,;:]["”’')\]]*$/u.test(t)) return false;
  if (/^https?:\/\//i.test(t)) return false;
  const first = /\p{L}/u.exec(t);
  if (!first) return false;
  return first[0] !== first[0].toLowerCase() || first[0] === first[0].toUpperCase();
}

/** A short label without punctuation, such as a section name above a headline. */
function isSectionLabel(line: string): boolean {
  const t = line.trim();
  return t.split(/\s+/).length < MIN_TITLE_WORDS && t.length <= 30 && /^[\p{L}\p{N} &-]+$/u.test(t);
}

// ---- Putting it together ----

/** How many non-empty lines at the top may hold a header or a byline. */
const TOP_LINES = 6;
/** How many non-empty lines at the end may hold a byline. */
const BOTTOM_LINES = 3;

export interface TextMetadata {
  /** The text without the header and byline lines. */
  text: string;
  title?: string;
  date?: string;
}

/**
 * Reads a date header (removed from its line), a byline date (line removed) and, when `title` is asked
 * for, a headline in the first line (kept in the text).
 */
export function extractTextMetadata(text: string, opts: { title?: boolean } = {}): TextMetadata {
  const lines = text.split("\n");
  let date: string | undefined;

  const nonEmpty: number[] = [];
  for (let i = 0; i < lines.length; i++) if (lines[i].trim() !== "") nonEmpty.push(i);
  const top = nonEmpty.slice(0, TOP_LINES);

  // A header line: "date 2021-12 …", "Ngày đăng: 10/02/2022".
  for (const i of top.slice(0, 3)) {
    const h = headerDate(lines[i]);
    if (h) {
      date = h.iso;
      lines[i] = h.rest;
      break;
    }
  }

  // A byline near the top, else near the end.
  if (date === undefined) {
    const bottom = nonEmpty.slice(Math.max(TOP_LINES, nonEmpty.length - BOTTOM_LINES));
    for (const i of [...top, ...bottom]) {
      const d = bylineDate(lines[i]);
      if (d) {
        date = d;
        lines[i] = "";
        break;
      }
    }
  }

  let title: string | undefined;
  if (opts.title) {
    const [first, second] = lines.filter((l) => l.trim() !== "");
    if (first !== undefined && isHeadline(first)) title = first.trim();
    // A section label above the headline ("Thế giới", "Thời sự"): the headline is the next line.
    else if (first !== undefined && second !== undefined && isSectionLabel(first) && isHeadline(second)) title = second.trim();
  }

  const out: TextMetadata = { text: joinLines(lines.map((l) => l.trim())) };
  if (title !== undefined) out.title = title;
  if (date !== undefined) out.date = date;
  return out;
}
