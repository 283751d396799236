// Cutting a text into plain runs and marked spans (mentions), for quotes and the reader.

export interface Span<T> {
  start: number;
  end: number;
  data: T;
}

export interface Piece<T> {
  start: number;
  end: number;
  text: string;
  span?: Span<T>;
}

/**
 * Pieces of `text.slice(from, to)` in order: marked spans and the plain text between them.
 * Spans outside the window are dropped, spans crossing its edges are clipped, and a span that
 * overlaps one already kept (earlier, or as early and longer) is dropped.
 */
export function cut<T>(text: string, spans: Span<T>[], from = 0, to = text.length): Piece<T>[] {
  const sorted = spans
    .filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.end > s.start && s.end > from && s.start < to)
    .map((s) => ({ ...s, start: Math.max(s.start, from), end: Math.min(s.end, to) }))
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Piece<T>[] = [];
  let pos = from;
  for (const s of sorted) {
    if (s.start < pos) continue;
    if (s.start > pos) out.push({ start: pos, end: s.start, text: text.slice(pos, s.start) });
    out.push({ start: s.start, end: s.end, text: text.slice(s.start, s.end), span: s });
    pos = s.end;
  }
  if (pos < to) out.push({ start: pos, end: to, text: text.slice(pos, to) });
  return out;
}

/** Where `needle` occurs in `hay` ignoring case, as whole words; used when a quote has no mention offsets. */
export function findWord(hay: string, needle: string): [number, number][] {
  const out: [number, number][] = [];
  if (!needle.trim()) return out;
  const h = hay.toLocaleLowerCase("vi");
  const n = needle.toLocaleLowerCase("vi");
  if (h.length !== hay.length || n.length !== needle.length) return out;
  const isWord = (c: string | undefined) => !!c && /[\p{L}\p{N}]/u.test(c);
  for (let i = h.indexOf(n); i >= 0; i = h.indexOf(n, i + 1)) {
    if (!isWord(hay[i - 1]) && !isWord(hay[i + n.length])) out.push([i, i + n.length]);
  }
  return out;
}
