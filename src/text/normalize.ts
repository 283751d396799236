// Keys for matching Vietnamese names. Two spellings of one name get one key when they differ only
// in where the tone mark sits (thỏa/thoả, hòa/hoà) or in i/y after a consonant (Sĩ/Sỹ, lí/lý);
// every other mark and the capitals are kept, because they carry meaning (Anh/ảnh, Mỹ/mỹ, Nga/ngà).

/** The five Vietnamese tone marks as combining characters, in NFD. */
const TONES: Record<string, string> = {
  "\u0300": "2", // huyền
  "\u0301": "1", // sắc
  "\u0309": "3", // hỏi
  "\u0303": "4", // ngã
  "\u0323": "5", // nặng
};

/** Format and invisible characters that can hide inside a name. */
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;

/** Syllables made of consonants and a lone i/y: the i/y spelling varies (sĩ/sỹ, kĩ/kỹ, Mĩ/Mỹ). */
const LONE_IY = /^([bcdđghklmnpqrstvx]+)[iy]$/i;

/** The matching key of one word: tone removed and appended as a digit, i/y unified. */
export function syllableKey(word: string): string {
  let tone = "";
  let base = "";
  for (const ch of word.replace(INVISIBLE, "").normalize("NFD")) {
    const t = TONES[ch];
    if (t) tone = t;
    else base += ch;
  }
  base = base.normalize("NFC");
  const m = LONE_IY.exec(base);
  if (m) base = m[1] + (base.endsWith("Y") || base.endsWith("I") ? "I" : "i");
  return tone ? `${base}${tone}` : base;
}

// In a class ([\p{M}]), not bare (\p{M}): esbuild (tsx) rewrites a bare property escape into a
// `new RegExp(...)` built on every call.
const MARKS = /[\p{M}]/gu;

/** Diacritic-free, lower-case form for search and fuzzy look-ups (đ → d). Not for extraction. */
export function foldDiacritics(s: string): string {
  return s
    .normalize("NFD")
    .replace(MARKS, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .replace(INVISIBLE, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** A token of article text with its offsets. */
export interface Token {
  start: number;
  end: number;
  /** The text as it stands in the article. */
  text: string;
  /** syllableKey for words, the character itself for punctuation. */
  key: string;
  /** `key` in lower case: what caseless phrase matching compares. */
  lkey: string;
  /** `text` in lower case: what comparisons with closed-class words read. */
  ltext: string;
  word: boolean;
  /**
   * Which phrase dictionaries may have a phrase starting with this token (one bit per dictionary,
   * see FirstWords), valid while `epoch` is FirstWords.epoch: lets a dictionary skip its look-up.
   */
  mask: number;
  epoch: number;
}

/**
 * The first words of the phrase dictionaries (recognize/matcher.ts), for Token.mask: each
 * dictionary has a bit; a token whose key (or lower-case key, or key without its capital) starts
 * no phrase of a dictionary lacks that bit. Any change bumps the epoch, which turns older masks off.
 */
export const FirstWords = {
  epoch: 1,
  bySensitiveKey: new Map<string, number>(),
  byCaselessKey: new Map<string, number>(),
  add(key: string, caseless: boolean, bit: number): void {
    const m = caseless ? this.byCaselessKey : this.bySensitiveKey;
    const old = m.get(key) ?? 0;
    if ((old & bit) === bit) return;
    m.set(key, old | bit);
    this.epoch++;
  },
  maskOf(key: string, lkey: string): number {
    const decap = key.charAt(0).toLowerCase() + key.slice(1);
    return (this.bySensitiveKey.get(key) ?? 0) | (this.bySensitiveKey.get(decap) ?? 0) | (this.byCaselessKey.get(lkey) ?? 0);
  },
};

// Words are runs of letters, marks and digits (invisible characters allowed inside);
// every other non-space character is a token of its own. This is what the expression
//   /[\p{L}\p{M}\p{N}\u00ad\u200b-\u200d\u2060\ufeff]+|[^\s\p{L}\p{M}\p{N}\u00ad\u200b-\u200d\u2060\ufeff]/gu
// finds, read by a scanner over a table of character classes (built once, on first use).
const IN_WORD = 1; // \p{L} \p{M} \p{N} or an invisible character
const LETTER_OR_DIGIT = 2; // \p{L} \p{N}
const SPACE = 4; // \s (and not IN_WORD)
const INVISIBLE_CHAR = 8;

let classes: Uint8Array | undefined;

function classOfCodePoint(ch: string): number {
  let c = 0;
  if (/[\p{L}\p{N}]/u.test(ch)) c |= IN_WORD | LETTER_OR_DIGIT;
  else if (/[\p{M}]/u.test(ch)) c |= IN_WORD;
  if (/^[\u00ad\u200b-\u200d\u2060\ufeff]$/.test(ch)) c |= IN_WORD | INVISIBLE_CHAR;
  if (!(c & IN_WORD) && /\s/u.test(ch)) c |= SPACE;
  return c;
}

function classTable(): Uint8Array {
  if (classes) return classes;
  const t = new Uint8Array(0x10000);
  // Most of the plane is neither word nor space: one test over the whole plane finds the rest.
  const interesting = /[\p{L}\p{M}\p{N}\s\u00ad\u200b-\u200d\u2060\ufeff]/u;
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue; // surrogates: read as code points in tokenize
    const ch = String.fromCharCode(c);
    if (interesting.test(ch)) t[c] = classOfCodePoint(ch);
  }
  classes = t;
  return t;
}

/** What tokenize knows about a token's text, computed once per distinct text. */
type TokenInfo = Omit<Token, "start" | "end">;

// Distinct token texts, by a hash computed while scanning: a token seen before costs no new string.
// An open-addressing table of typed arrays: a Map keyed by number was the tokenizer's largest cost.
/** Distinct token texts remembered; past this the cache starts again (memory stays bounded). */
const INFO_CACHE_LIMIT = 200_000;
const SLOTS = 1 << 19; // a power of two, well over twice the limit: probes stay short
const slotInfo = new Int32Array(SLOTS).fill(-1);
const slotHash = new Int32Array(SLOTS);
let infos: TokenInfo[] = [];

function infoOf(text: string, from: number, to: number, hash: number, word: boolean): TokenInfo {
  const len = to - from;
  let slot = hash & (SLOTS - 1);
  for (let at = slotInfo[slot]; at >= 0; slot = (slot + 1) & (SLOTS - 1), at = slotInfo[slot]) {
    if (slotHash[slot] !== hash) continue;
    const x = infos[at];
    const t = x.text;
    if (t.length !== len) continue;
    let k = 0;
    while (k < len && t.charCodeAt(k) === text.charCodeAt(from + k)) k++;
    if (k === len) return x;
  }
  const t = text.slice(from, to);
  const key = word ? syllableKey(t) : t;
  const info: TokenInfo = { text: t, key, lkey: key.toLowerCase(), ltext: t.toLowerCase(), word, mask: 0, epoch: 0 };
  if (infos.length >= INFO_CACHE_LIMIT) {
    slotInfo.fill(-1);
    infos = [];
    slot = hash & (SLOTS - 1);
  }
  slotInfo[slot] = infos.length;
  slotHash[slot] = hash;
  infos.push(info);
  return info;
}

/** The class of the code point at `i` (two code units for a surrogate pair, flagged 16). */
function codePointClass(text: string, i: number, table: Uint8Array): number {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdfff) return table[c];
  if (c <= 0xdbff && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return classOfCodePoint(text.slice(i, i + 2)) | 16;
  }
  return 0;
}

function token(offset: number, from: number, to: number, info: TokenInfo): Token {
  const epoch = FirstWords.epoch;
  if (info.epoch !== epoch) {
    info.mask = FirstWords.maskOf(info.key, info.lkey);
    info.epoch = epoch;
  }
  return { start: offset + from, end: offset + to, text: info.text, key: info.key, lkey: info.lkey, ltext: info.ltext, word: info.word, mask: info.mask, epoch };
}

export function tokenize(text: string, offset = 0): Token[] {
  const table = classTable();
  const out: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    let c = codePointClass(text, i, table);
    let len = c & 16 ? 2 : 1;
    if (c & SPACE) {
      i += len;
      continue;
    }
    if (!(c & IN_WORD)) {
      const h = len === 1 ? text.charCodeAt(i) : (text.charCodeAt(i) << 10) ^ text.charCodeAt(i + 1);
      out.push(token(offset, i, i + len, infoOf(text, i, i + len, h, false)));
      i += len;
      continue;
    }
    // A run of word characters.
    const from = i;
    let word = false;
    let visible = false;
    let h = 0x811c9dc5;
    for (;;) {
      if (c & LETTER_OR_DIGIT) word = true;
      if (!(c & INVISIBLE_CHAR)) visible = true;
      h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
      if (len === 2) h = Math.imul(h ^ text.charCodeAt(i + 1), 0x01000193);
      i += len;
      if (i >= n) break;
      c = codePointClass(text, i, table);
      if (!(c & IN_WORD)) break;
      len = c & 16 ? 2 : 1;
    }
    // A token of invisible characters only is no token at all.
    if (!visible) continue;
    out.push(token(offset, from, i, infoOf(text, from, i, h | 0, word)));
  }
  return out;
}

/** The key of a whole name: its tokens' keys joined by spaces. */
export function nameKey(name: string): string {
  return tokenize(name.normalize("NFC"))
    .map((t) => t.key)
    .join(" ");
}

/** A URL-safe slug for node keys: diacritics folded, words joined by dashes. */
export function slug(s: string): string {
  return foldDiacritics(s)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** A token's text in lower case, for comparing with closed-class words ("của", "với", "mà"). */
export function lowerText(t: Token | undefined): string {
  return t ? (t.ltext ?? t.text.toLowerCase()) : "";
}
