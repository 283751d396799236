// Vietnamese date expressions resolved against a reference date (the article's), to ISO strings.
// "ngày 23/12", "17/12", "23/12/2021", "tháng 1/2022", "giữa tháng 12/2021", "tuần trước",
// "tháng trước", "năm ngoái". A day and month without a year take the reference year, or the year
// before when that would put the act after the reference date (a January article about "17/12").
import { sortInPlace } from "./order";

/** A resolved date: ISO `YYYY-MM-DD`, `YYYY-MM` or `YYYY`. */
export type IsoDate = string;

export interface DateRef {
  year: number;
  month?: number;
  day?: number;
}

export function parseIso(iso: string | undefined): DateRef | undefined {
  if (!iso) return undefined;
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(iso);
  if (!m) return undefined;
  return { year: +m[1], month: m[2] ? +m[2] : undefined, day: m[3] ? +m[3] : undefined };
}

export function toIso(d: DateRef): IsoDate {
  const p = (n: number) => String(n).padStart(2, "0");
  if (d.month === undefined) return String(d.year);
  if (d.day === undefined) return `${d.year}-${p(d.month)}`;
  return `${d.year}-${p(d.month)}-${p(d.day)}`;
}

function validDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function shiftDays(ref: DateRef, days: number): DateRef {
  const t = new Date(Date.UTC(ref.year, (ref.month ?? 1) - 1, ref.day ?? 1));
  t.setUTCDate(t.getUTCDate() + days);
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

function shiftMonths(ref: DateRef, months: number): DateRef {
  const idx = ref.year * 12 + (ref.month ?? 1) - 1 + months;
  return { year: Math.floor(idx / 12), month: (idx % 12) + 1 };
}

/** The year for a day/month given without one: the latest that is not after the reference. */
function inferYear(month: number, day: number | undefined, ref: DateRef | undefined): number | undefined {
  if (!ref) return undefined;
  if (ref.month === undefined) return ref.year;
  if (month > ref.month + 1) return ref.year - 1;
  if (month === ref.month + 1 && day !== undefined && ref.day !== undefined) return ref.year - 1;
  return ref.year;
}

export interface DateMatch {
  start: number;
  end: number;
  iso: IsoDate;
}

// Order matters: full forms before partial ones. Offsets are relative to the searched text.
const FULL = /(?<![\d/])(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?![\d/])/g;
const ISO = /(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d-])/g;
const MONTH_YEAR = /tháng\s+(\d{1,2})\s*[/.-]\s*(\d{4})(?![\d/])/giu;
const MONTH_ONLY = /tháng\s+(\d{1,2})(?![\d/])/giu;
// Day/month needs a lead word or the shape of a date, so "1/2 số phiếu" is not taken for February.
const DAY_MONTH = /(?:(ngày|hôm|tối|sáng|chiều|trưa|đêm|đến|từ)\s+)?(?<![\d/.,])(\d{1,2})\/(\d{1,2})(?![\d/])/giu;
/** Relative expressions (pattern sources) and the date each gives. */
const RELATIVE: Array<[string, (ref: DateRef) => DateRef | undefined]> = [
  [String.raw`tuần\s+trước`, (r) => (r.day !== undefined ? shiftDays(r, -7) : undefined)],
  [String.raw`tuần\s+tới|tuần\s+sau`, (r) => (r.day !== undefined ? shiftDays(r, 7) : undefined)],
  [String.raw`hôm\s+qua`, (r) => (r.day !== undefined ? shiftDays(r, -1) : undefined)],
  [String.raw`tháng\s+trước`, (r) => (r.month !== undefined ? shiftMonths(r, -1) : undefined)],
  [String.raw`tháng\s+tới|tháng\s+sau`, (r) => (r.month !== undefined ? shiftMonths(r, 1) : undefined)],
  [String.raw`năm\s+ngoái|năm\s+trước`, (r) => ({ year: r.year - 1 })],
];
// All of them in one pass ("năm" and "hôm" are common words: most sentences reach here): group k+1
// is RELATIVE[k]. No two can overlap (none ends with a word another starts with), so one pass finds
// what a pass per expression found.
const ANY_RELATIVE = new RegExp(RELATIVE.map(([source]) => `(${source})`).join("|"), "giu");

/** Cheap tests that say which expressions can occur at all: most sentences hold no date. */
const HAS_DIGIT = /\d/;
const HAS_MONTH_WORD = /tháng/iu;
const HAS_RELATIVE_WORD = /tuần|hôm|tháng|năm/iu;

/** The dates found so far and the spans they take: a later, weaker reading cannot overlap them. */
class Found {
  readonly list: DateMatch[] = [];
  private taken: number[] = [];

  add(s: number, e: number, d: DateRef | undefined): void {
    if (!d) return;
    const t = this.taken;
    for (let k = 0; k < t.length; k += 2) if (!(e <= t[k] || s >= t[k + 1])) return;
    t.push(s, e);
    this.list.push({ start: s, end: e, iso: toIso(d) });
  }
}

/** Every date expression in `text`, left to right, resolved against `ref` where it needs one. */
export function findDates(text: string, ref: DateRef | undefined): DateMatch[] {
  const found = new Found();
  if (HAS_DIGIT.test(text)) {
    const months = HAS_MONTH_WORD.test(text);
    const slash = text.includes("/");
    if (text.includes("-"))
      for (const m of text.matchAll(ISO)) {
        const [y, mo, d] = [+m[1], +m[2], +m[3]];
        if (validDay(y, mo, d)) found.add(m.index!, m.index! + m[0].length, { year: y, month: mo, day: d });
      }
    for (const m of text.matchAll(FULL)) {
      const [d, mo, y] = [+m[1], +m[2], +m[3]];
      if (validDay(y, mo, d)) found.add(m.index!, m.index! + m[0].length, { year: y, month: mo, day: d });
    }
    if (months)
      for (const m of text.matchAll(MONTH_YEAR)) {
        const [mo, y] = [+m[1], +m[2]];
        if (mo >= 1 && mo <= 12) found.add(m.index!, m.index! + m[0].length, { year: y, month: mo });
      }
    if (slash)
      for (const m of text.matchAll(DAY_MONTH)) {
        // Without a lead word only a two-digit day reads as a date: "1/2 số phiếu" is a fraction.
        if (!m[1] && m[2].length < 2) continue;
        const [d, mo] = [+m[2], +m[3]];
        const y = inferYear(mo, d, ref);
        if (y !== undefined && validDay(y, mo, d)) found.add(m.index!, m.index! + m[0].length, { year: y, month: mo, day: d });
      }
    if (months)
      for (const m of text.matchAll(MONTH_ONLY)) {
        const mo = +m[1];
        const y = inferYear(mo, undefined, ref);
        if (y !== undefined && mo >= 1 && mo <= 12) found.add(m.index!, m.index! + m[0].length, { year: y, month: mo });
      }
  }
  if (ref && HAS_RELATIVE_WORD.test(text))
    for (const m of text.matchAll(ANY_RELATIVE)) {
      let k = 0;
      while (m[k + 1] === undefined) k++;
      found.add(m.index!, m.index! + m[0].length, RELATIVE[k][1](ref));
    }
  return sortInPlace(found.list, (a, b) => a.start - b.start);
}

/** The date an act in this sentence is dated to, if the sentence gives one. */
export function sentenceDate(text: string, ref: DateRef | undefined): IsoDate | undefined {
  return findDates(text, ref)[0]?.iso;
}
