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

/** Diacritic-free, lower-case form for search and fuzzy look-ups (đ → d). Not for extraction. */
export function foldDiacritics(s: string): string {
  return s
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
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
  word: boolean;
}

// Words are runs of letters, marks and digits (invisible characters allowed inside);
// every other non-space character is a token of its own.
const TOKEN = /[\p{L}\p{M}\p{N}\u00ad\u200b-\u200d\u2060\ufeff]+|[^\s\p{L}\p{M}\p{N}\u00ad\u200b-\u200d\u2060\ufeff]/gu;

export function tokenize(text: string, offset = 0): Token[] {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    const t = m[0];
    // A token of invisible characters only is no token at all.
    if (t.replace(INVISIBLE, "") === "") continue;
    const word = /[\p{L}\p{N}]/u.test(t);
    out.push({ start: offset + m.index, end: offset + m.index + t.length, text: t, key: word ? syllableKey(t) : t, word });
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
  return t ? t.text.toLowerCase() : "";
}
