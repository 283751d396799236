// Bytes → text. Handles UTF-8 (with or without BOM), UTF-16 LE/BE with a BOM, legacy Windows-1258
// Vietnamese, and refuses binary data. The result is NFC with `\n` line ends.
// No Node-only APIs: this runs in the browser too (TextDecoder is standard; the Windows-1258 table is
// built in because iconv-lite needs Buffer).

export type DecodeResult =
  | { ok: true; text: string; encoding: string; warnings: string[] }
  | { ok: false; reason: string };

/** Bytes 0x80–0xFF of Windows-1258 (same table as iconv-lite 'windows1258'; undefined bytes → U+FFFD). */
const CP1258_HIGH =
  "\u20ac\ufffd\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\ufffd\u2039\u0152\ufffd\ufffd\ufffd" +
  "\ufffd\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\ufffd\u203a\u0153\ufffd\ufffd\u0178" +
  "\u00a0\u00a1\u00a2\u00a3\u00a4\u00a5\u00a6\u00a7\u00a8\u00a9\u00aa\u00ab\u00ac\u00ad\u00ae\u00af" +
  "\u00b0\u00b1\u00b2\u00b3\u00b4\u00b5\u00b6\u00b7\u00b8\u00b9\u00ba\u00bb\u00bc\u00bd\u00be\u00bf" +
  "\u00c0\u00c1\u00c2\u0102\u00c4\u00c5\u00c6\u00c7\u00c8\u00c9\u00ca\u00cb\u0300\u00cd\u00ce\u00cf" +
  "\u0110\u00d1\u0309\u00d3\u00d4\u01a0\u00d6\u00d7\u00d8\u00d9\u00da\u00db\u00dc\u01af\u0303\u00df" +
  "\u00e0\u00e1\u00e2\u0103\u00e4\u00e5\u00e6\u00e7\u00e8\u00e9\u00ea\u00eb\u0301\u00ed\u00ee\u00ef" +
  "\u0111\u00f1\u0323\u00f3\u00f4\u01a1\u00f6\u00f7\u00f8\u00f9\u00fa\u00fb\u00fc\u01b0\u20ab\u00ff";

/** Decode Windows-1258 bytes (not yet normalized: tone marks are combining characters). */
export function decodeWindows1258(bytes: Uint8Array): string {
  const parts: string[] = [];
  const CHUNK = 8192;
  for (let off = 0; off < bytes.length; off += CHUNK) {
    const end = Math.min(bytes.length, off + CHUNK);
    const codes = new Array<number>(end - off);
    for (let i = off; i < end; i++) {
      const b = bytes[i];
      codes[i - off] = b < 0x80 ? b : CP1258_HIGH.charCodeAt(b - 0x80);
    }
    parts.push(String.fromCharCode(...codes));
  }
  return parts.join("");
}

/** Known binary formats by their first bytes. */
const MAGIC: number[][] = [
  [0x25, 0x50, 0x44, 0x46, 0x2d], // %PDF-
  [0x50, 0x4b, 0x03, 0x04], // zip, docx, epub
  [0x89, 0x50, 0x4e, 0x47], // png
  [0x47, 0x49, 0x46, 0x38], // gif
  [0xff, 0xd8, 0xff], // jpeg
  [0x1f, 0x8b], // gzip
  [0x42, 0x5a, 0x68], // bzip2
  [0x7f, 0x45, 0x4c, 0x46], // ELF
  [0xd0, 0xcf, 0x11, 0xe0], // old MS Office
  [0x52, 0x61, 0x72, 0x21], // rar
  [0x37, 0x7a, 0xbc, 0xaf], // 7z
];

function startsWith(bytes: Uint8Array, sig: number[]): boolean {
  if (bytes.length < sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (bytes[i] !== sig[i]) return false;
  return true;
}

/** How much of the file the binary checks look at. */
const SAMPLE = 65536;

/** Control bytes that never occur in text (everything below 0x20 except \t \n \v \f \r and ESC). */
function isBadControl(b: number): boolean {
  return b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0b && b !== 0x0c && b !== 0x0d && b !== 0x1b;
}

interface Utf8Stats {
  /** Non-ASCII bytes that belong to well-formed UTF-8 sequences. */
  valid: number;
  /** Non-ASCII bytes that do not. */
  invalid: number;
}

function utf8Stats(bytes: Uint8Array): Utf8Stats {
  let valid = 0;
  let invalid = 0;
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need = 0;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      else if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      else if (b === 0xf4) hi = 0x8f;
    } else {
      invalid++;
      i++;
      continue;
    }
    let ok = i + need < n;
    if (ok) {
      const b1 = bytes[i + 1];
      if (b1 < lo || b1 > hi) ok = false;
      for (let k = 2; ok && k <= need; k++) {
        const bk = bytes[i + k];
        if (bk < 0x80 || bk > 0xbf) ok = false;
      }
    }
    if (ok) {
      valid += need + 1;
      i += need + 1;
    } else {
      invalid++;
      i++;
    }
  }
  return { valid, invalid };
}

/** Canonical label of a declared charset, or undefined when we cannot use it. */
function canonicalCharset(label: string | undefined): string | undefined {
  if (!label) return undefined;
  const l = label.trim().toLowerCase().replace(/^x-/, "");
  if (l === "utf8" || l === "utf-8" || l === "unicode-1-1-utf-8") return "utf-8";
  if (l === "windows-1258" || l === "windows1258" || l === "cp1258") return "windows-1258";
  try {
    return new TextDecoder(l).encoding;
  } catch {
    return undefined;
  }
}

function decodeAs(encoding: string, bytes: Uint8Array): string {
  if (encoding === "windows-1258") return decodeWindows1258(bytes);
  return new TextDecoder(encoding).decode(bytes);
}

/** Guess UTF-16 without a BOM from where the NUL bytes sit (ASCII-heavy UTF-16 text). */
function guessUtf16(sample: Uint8Array): "utf-16le" | "utf-16be" | undefined {
  if (sample.length < 4) return undefined;
  let even = 0;
  let odd = 0;
  const n = sample.length - (sample.length % 2);
  for (let i = 0; i < n; i++) {
    if (sample[i] === 0) {
      if (i % 2 === 0) even++;
      else odd++;
    }
  }
  const pairs = n / 2;
  if (odd > pairs * 0.3 && even < odd * 0.05) return "utf-16le";
  if (even > pairs * 0.3 && odd < even * 0.05) return "utf-16be";
  return undefined;
}

/**
 * Bytes → normalized text. `declared` is a charset the container names (an HTML meta charset); it is
 * used only when the bytes are not valid UTF-8.
 */
export function decodeBytes(bytes: Uint8Array, opts: { declared?: string } = {}): DecodeResult {
  if (bytes.length === 0) return { ok: false, reason: "empty file" };
  for (const sig of MAGIC) if (startsWith(bytes, sig)) return { ok: false, reason: "binary data, not text" };

  const warnings: string[] = [];
  let raw: string;
  let encoding: string;

  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    encoding = "utf-8";
    raw = decodeUtf8(bytes.subarray(3), warnings);
  } else if (startsWith(bytes, [0xff, 0xfe])) {
    encoding = "utf-16le";
    raw = new TextDecoder("utf-16le").decode(bytes.subarray(2));
  } else if (startsWith(bytes, [0xfe, 0xff])) {
    encoding = "utf-16be";
    raw = new TextDecoder("utf-16be").decode(bytes.subarray(2));
  } else {
    const sample = bytes.length > SAMPLE ? bytes.subarray(0, SAMPLE) : bytes;
    let nul = 0;
    let ctrl = 0;
    for (let i = 0; i < sample.length; i++) {
      const b = sample[i];
      if (b === 0) nul++;
      else if (isBadControl(b)) ctrl++;
    }
    if (nul > 0) {
      const utf16 = guessUtf16(sample);
      if (!utf16) return { ok: false, reason: "binary data, not text" };
      encoding = utf16;
      raw = new TextDecoder(utf16).decode(bytes);
      warnings.push(`no byte order mark; decoded as ${utf16.toUpperCase()} (guessed)`);
    } else if (ctrl > sample.length * 0.02 + 1) {
      return { ok: false, reason: "binary data, not text" };
    } else {
      const strict = tryStrictUtf8(bytes);
      if (strict !== undefined) {
        encoding = "utf-8";
        raw = strict;
      } else {
        const declared = canonicalCharset(opts.declared);
        if (declared && declared !== "utf-8") {
          encoding = declared;
          raw = decodeAs(declared, bytes);
        } else {
          const { valid, invalid } = utf8Stats(bytes);
          if (valid >= invalid) {
            encoding = "utf-8";
            raw = new TextDecoder("utf-8").decode(bytes);
            warnings.push("invalid UTF-8 byte sequences replaced");
          } else {
            encoding = "windows-1258";
            raw = decodeWindows1258(bytes);
            warnings.push("not valid UTF-8; decoded as Windows-1258 (Vietnamese legacy encoding, guessed)");
          }
        }
      }
    }
  }

  // Decoded text that is mostly control characters is binary whatever its byte order mark says.
  if (encoding.startsWith("utf-16")) {
    let bad = 0;
    const lim = Math.min(raw.length, SAMPLE);
    for (let i = 0; i < lim; i++) if (isBadControl(raw.charCodeAt(i)) || raw.charCodeAt(i) === 0) bad++;
    if (bad > lim * 0.02 + 1) return { ok: false, reason: "binary data, not text" };
  }

  const text = normalizeText(raw, warnings);
  return { ok: true, text, encoding, warnings };
}

function tryStrictUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function decodeUtf8(bytes: Uint8Array, warnings: string[]): string {
  const strict = tryStrictUtf8(bytes);
  if (strict !== undefined) return strict;
  warnings.push("invalid UTF-8 byte sequences replaced");
  return new TextDecoder("utf-8").decode(bytes);
}

const CONTROLS = /[\u0000-\u0008\u000e-\u001f\u007f]/g;
const LINE_BREAKS = /\r\n?|[\u2028\u2029\u000b\u000c]/g;

/**
 * Text → the form every later stage sees: no BOM, NFC, `\n` line ends, stray control characters
 * removed. Non-breaking and zero-width spaces are left as they are.
 */
export function normalizeText(s: string, warnings?: string[]): string {
  if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
  s = s.replace(LINE_BREAKS, "\n");
  let removed = 0;
  s = s.replace(CONTROLS, () => {
    removed++;
    return "";
  });
  if (removed > 0 && warnings) warnings.push(`${removed} control character${removed > 1 ? "s" : ""} removed`);
  return s.normalize("NFC");
}
