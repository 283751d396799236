// Longest-match look-up of multi-word names over a token sequence, by matching keys.
import { FirstWords, nameKey, type Token } from "../text/normalize";

let matchers = 0;

interface Entry<T> {
  keys: string[];
  value: T;
}

/** A phrase dictionary: add names, then find the longest one starting at a token. */
export class PhraseMatcher<T> {
  private byFirst = new Map<string, Entry<T>[]>();
  /** This dictionary's bit in Token.mask (shared with a few others: a shared bit only costs a look-up). */
  readonly bit = 1 << (matchers++ % 30);

  /** @param caseless match whatever the capitals (titles, nouns); names of actors keep them. */
  constructor(private readonly caseless: boolean) {}

  private keyOf(k: string): string {
    return this.caseless ? k.toLowerCase() : k;
  }

  add(name: string, value: T): void {
    const keys = nameKey(name).split(" ").filter(Boolean).map((k) => this.keyOf(k));
    if (keys.length === 0) return;
    const list = this.byFirst.get(keys[0]) ?? [];
    // Keep the list longest first, so the first hit is the longest.
    list.push({ keys, value });
    list.sort((a, b) => b.keys.length - a.keys.length);
    this.byFirst.set(keys[0], list);
    FirstWords.add(keys[0], this.caseless, this.bit);
  }

  /** The longest entry whose words start at tokens[i], with its length in tokens. */
  match(tokens: Token[], i: number, capitalizedStart = false): { value: T; length: number } | undefined {
    if (i < 0 || i >= tokens.length) return undefined;
    const t = tokens[i];
    // The token's mask says no phrase here starts with it: most calls end here, in a function small
    // enough for V8 to inline into every loop over the tokens.
    if (t.epoch === FirstWords.epoch && (t.mask & this.bit) === 0) return undefined;
    return this.lookUp(tokens, i, t, capitalizedStart);
  }

  private lookUp(tokens: Token[], i: number, t: Token, capitalizedStart: boolean): { value: T; length: number } | undefined {
    const caseless = this.caseless;
    let list = this.byFirst.get(caseless ? t.lkey : t.key);
    // A lower-case name ("phía Nga") may open a sentence with a capital.
    if (!list && capitalizedStart && !caseless) {
      const first = t.key.charAt(0).toLowerCase() + t.key.slice(1);
      if (first !== t.key) list = this.byFirst.get(first);
    }
    if (!list) return undefined;
    const n = tokens.length;
    outer: for (let e = 0; e < list.length; e++) {
      const keys = list[e].keys;
      const len = keys.length;
      if (i + len > n) continue;
      for (let k = 1; k < len; k++) {
        const u = tokens[i + k];
        if ((caseless ? u.lkey : u.key) !== keys[k]) continue outer;
      }
      return { value: list[e].value, length: len };
    }
    return undefined;
  }
}

/**
 * Whether a dictionary with one of `bits` (PhraseMatcher.bit) may have a phrase starting with `t`;
 * false only when none can. Lets a loop over every token skip several look-ups at once.
 */
export function mayStart(t: Token, bits: number): boolean {
  return t.epoch !== FirstWords.epoch || (t.mask & bits) !== 0;
}
