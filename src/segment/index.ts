// Sentence segmentation with exact offsets: `article.text.slice(s.start, s.end) === s.text`.
// A hand-written scanner: one pass over char codes, strings are made only for the sentences and at the
// few candidate boundaries that need a look at the word before a period.

import type { Article, Sentence } from "../types";

const NL = 10;
const DOT = 46;
const BANG = 33;
const QUESTION = 63;
const ELLIPSIS = 0x2026;
const SLASH = 47;

/** White space exactly as String.prototype.trim sees it. */
function isSpace(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Characters that stay with the sentence after its final punctuation. */
function isCloser(c: number): boolean {
  return (
    c === 0x22 || // "
    c === 0x27 || // '
    c === 0x29 || // )
    c === 0x5d || // ]
    c === 0x201d || // ”
    c === 0x2019 || // ’
    c === 0xbb || // »
    c === 0x203a // ›
  );
}

/** Characters that may open a sentence besides an upper-case letter or a digit. */
function isOpener(c: number): boolean {
  return (
    c === 0x22 || // "
    c === 0x27 || // '
    c === 0x28 || // (
    c === 0x5b || // [
    c === 0x201c || // “
    c === 0x2018 || // ‘
    c === 0xab || // «
    c === 0x2039 || // ‹
    c === 0x2d || // -
    c === 0x2013 || // –
    c === 0x2014 || // —
    c === 0x2022 // •
  );
}

const isDigit = (c: number) => c >= 48 && c <= 57;

function isUpper(c: number): boolean {
  if (c < 128) return c >= 65 && c <= 90;
  if (c >= 0xd800 && c <= 0xdfff) return false;
  const ch = String.fromCharCode(c);
  return ch !== ch.toLowerCase();
}

function isLower(c: number): boolean {
  if (c < 128) return c >= 97 && c <= 122;
  if (c >= 0xd800 && c <= 0xdfff) return false;
  const ch = String.fromCharCode(c);
  return ch !== ch.toUpperCase() && ch === ch.toLowerCase();
}

const isTerminal = (c: number) => c === DOT || c === BANG || c === QUESTION || c === ELLIPSIS;

/** Words that end in a period without ending the sentence (case as written). */
const ABBREVIATIONS = new Set([
  // Vietnamese
  "TP", "Tp", "tp", "TT", "TX", "Th", "ThS", "Ths", "TS", "Ts", "PGS", "GS", "BS", "Bs", "KS", "CN", "NXB", "Tr", "tr",
  "St", "Q", "P", "H", "X", "Đ",
  // English and international
  "Mr", "Mrs", "Ms", "Mme", "Mlle", "Dr", "Prof", "Sr", "Jr", "St", "Mt", "Ft", "Gen", "Col", "Lt", "Maj", "Capt",
  "Sgt", "Adm", "Gov", "Sen", "Rep", "Pres", "Rev", "Hon", "No", "Nos", "Vol", "vol", "pp", "p", "vs", "cf", "approx",
  "Co", "Corp", "Inc", "Ltd", "Bros", "Jan", "Feb", "Aug", "Sept", "Oct", "Nov", "Dec", "Ave", "Blvd",
]);

const ROMAN = /^[IVXLC]+$/;

/**
 * True when the period at `dot` closes an abbreviation, an initial or a list number rather than a
 * sentence. `lineStart` is where the current line begins.
 */
function isAbbreviation(text: string, dot: number, lineStart: number): boolean {
  // The word before the period: back to white space or an opening bracket or quote.
  let a = dot;
  while (a > lineStart) {
    const c = text.charCodeAt(a - 1);
    if (isSpace(c) || c === 0x28 || c === 0x5b || c === 0x201c || c === 0x22 || c === 0x2018 || c === 0xab) break;
    a--;
  }
  if (a === dot) return false;
  const word = text.slice(a, dot);
  // An initial: "V. Putin", "A. Blinken".
  if (word.length === 1 && isUpper(word.charCodeAt(0))) return true;
  if (ABBREVIATIONS.has(word)) return true;
  // Dotted capitals: "U.S.", "U.K.", "T.Ư."
  if (word.length <= 8 && word.includes(".")) {
    let letters = true;
    for (let k = 0; k < word.length; k++) {
      const c = word.charCodeAt(k);
      if (c === DOT) continue;
      if (!isUpper(c)) letters = false;
    }
    if (letters) return true;
  }
  // A list number at the start of a line: "1. ", "II. ".
  let onlySpaceBefore = true;
  for (let k = lineStart; k < a && onlySpaceBefore; k++) if (!isSpace(text.charCodeAt(k))) onlySpaceBefore = false;
  if (onlySpaceBefore && word.length <= 4) {
    let digits = true;
    for (let k = 0; k < word.length; k++) if (!isDigit(word.charCodeAt(k))) digits = false;
    if (digits || ROMAN.test(word)) return true;
  }
  return false;
}

/**
 * Whether the line break at `nl` continues the sentence: a single line break inside a hard-wrapped
 * paragraph (the line before has no final punctuation, the next line starts in lower case).
 */
function continuesAfterBreak(text: string, sentenceStart: number, nl: number): boolean {
  const n = text.length;
  let k = nl + 1;
  while (k < n && text.charCodeAt(k) !== NL && isSpace(text.charCodeAt(k))) k++;
  if (k >= n || !isLower(text.charCodeAt(k))) return false;
  let b = nl - 1;
  while (b >= sentenceStart && isSpace(text.charCodeAt(b))) b--;
  if (b < sentenceStart) return false;
  while (b > sentenceStart && isCloser(text.charCodeAt(b))) b--;
  return !isTerminal(text.charCodeAt(b));
}

/** Longest sentence: a longer run of text without a sentence boundary is cut (see cutPoint). */
export const MAX_SENTENCE = 2000;

/**
 * Where to cut an over-long run starting at `from`: after the last white space in its second half
 * of MAX_SENTENCE characters, else at MAX_SENTENCE (never inside a surrogate pair).
 */
function cutPoint(text: string, from: number): number {
  const limit = from + MAX_SENTENCE;
  for (let k = limit; k > from + MAX_SENTENCE / 2; k--) if (isSpace(text.charCodeAt(k - 1))) return k;
  const c = text.charCodeAt(limit - 1);
  return c >= 0xd800 && c <= 0xdbff ? limit - 1 : limit;
}

/** Split an article's text into sentences with exact offsets. */
export function segment(article: Article): Sentence[] {
  const text = article.text;
  const id = article.id;
  const n = text.length;
  const out: Sentence[] = [];

  const emit = (from: number, to: number) => {
    while (from < to && isSpace(text.charCodeAt(from))) from++;
    while (to > from && isSpace(text.charCodeAt(to - 1))) to--;
    // An over-long run (a page without punctuation) is cut into pieces of at most MAX_SENTENCE,
    // at white space where there is some, so that the later stages stay linear in its length.
    while (to - from > MAX_SENTENCE) {
      const cut = cutPoint(text, from);
      emit(from, cut);
      from = cut;
      while (from < to && isSpace(text.charCodeAt(from))) from++;
    }
    if (to > from) out.push({ article: id, index: out.length, start: from, end: to, text: text.slice(from, to) });
  };

  let start = 0;
  let lineStart = 0;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === NL) {
      if (!continuesAfterBreak(text, start, i)) {
        emit(start, i);
        start = i + 1;
      }
      lineStart = i + 1;
      i++;
      continue;
    }
    if (!isTerminal(c)) {
      i++;
      continue;
    }
    // The run of final punctuation: "." "?!" "..." "./." and the closing quotes after it.
    let j = i + 1;
    while (j < n) {
      const d = text.charCodeAt(j);
      if (isTerminal(d)) j++;
      else if (d === SLASH && j + 1 < n && text.charCodeAt(j + 1) === DOT && text.charCodeAt(j - 1) === DOT) j += 2;
      else break;
    }
    const single = c === DOT && j === i + 1;
    while (j < n && isCloser(text.charCodeAt(j))) j++;
    // A boundary needs white space (not a line break: that is handled above) then a sentence opener.
    let k = j;
    while (k < n && text.charCodeAt(k) !== NL && isSpace(text.charCodeAt(k))) k++;
    if (k === j || k >= n || text.charCodeAt(k) === NL) {
      i = k > j ? k : j;
      continue;
    }
    const next = text.charCodeAt(k);
    if ((isUpper(next) || isDigit(next) || isOpener(next)) && !(single && isAbbreviation(text, i, lineStart))) {
      emit(start, j);
      start = k;
    }
    i = k;
  }
  emit(start, n);
  return out;
}
