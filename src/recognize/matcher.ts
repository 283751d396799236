// Longest-match look-up of multi-word names over a token sequence, by matching keys.
import { nameKey, type Token } from "../text/normalize";

interface Entry<T> {
  keys: string[];
  value: T;
}

/** A phrase dictionary: add names, then find the longest one starting at a token. */
export class PhraseMatcher<T> {
  private byFirst = new Map<string, Entry<T>[]>();

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
  }

  /** The longest entry whose words start at tokens[i], with its length in tokens. */
  match(tokens: Token[], i: number, capitalizedStart = false): { value: T; length: number } | undefined {
    if (i < 0 || i >= tokens.length) return undefined;
    let first = this.keyOf(tokens[i].key);
    let list = this.byFirst.get(first);
    // A lower-case name ("phía Nga") may open a sentence with a capital.
    if (!list && capitalizedStart && !this.caseless) {
      first = tokens[i].key.charAt(0).toLowerCase() + tokens[i].key.slice(1);
      list = this.byFirst.get(first);
    }
    if (!list) return undefined;
    outer: for (const e of list) {
      if (i + e.keys.length > tokens.length) continue;
      for (let k = 1; k < e.keys.length; k++) if (this.keyOf(tokens[i + k].key) !== e.keys[k]) continue outer;
      return { value: e.value, length: e.keys.length };
    }
    return undefined;
  }
}
