// People met only by surname ("ông Ushakov") join the one person of the corpus whose full name ends with it.
// Names are noted as the articles come (in any order: the last in corpus order counts); the whole
// corpus decides at the end.
import { LatestByPlace } from "./places";

export class PeopleNames {
  private names = new LatestByPlace<string>();

  /** The person `key` is called `label` at place `seq` of the corpus. */
  note(key: string, label: string, seq: number): void {
    this.names.set(key, seq, label);
  }

  /** Surname-only keys → the key of the one full name they belong to. People of the graph being extended come first. */
  resolve(existing: Array<{ key: string; label: string }>): Map<string, string> {
    const people = new Map<string, string>(existing.map((p) => [p.key, p.label]));
    this.names.forEach((label, key) => people.set(key, label));
    const bySurname = new Map<string, string[]>();
    for (const [key, label] of people) {
      const words = label.trim().split(/\s+/);
      if (words.length < 2) continue;
      const s = words[words.length - 1].toLowerCase();
      const list = bySurname.get(s);
      if (list) list.push(key);
      else bySurname.set(s, [key]);
    }
    const out = new Map<string, string>();
    for (const [key, label] of people) {
      const words = label.trim().split(/\s+/);
      if (words.length !== 1) continue;
      const full = bySurname.get(words[0].toLowerCase());
      if (full && full.length === 1) out.set(key, full[0]);
    }
    return out;
  }
}
