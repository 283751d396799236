// People met only by surname ("ông Ushakov") join the one person of the corpus whose full name ends with it.
import type { ArticleExtraction } from "../types";

export function resolvePeople(extractions: ArticleExtraction[], existing: Array<{ key: string; label: string }>): Map<string, string> {
  const people = new Map<string, string>(existing.map((p) => [p.key, p.label]));
  for (const x of extractions) for (const m of x.mentions) if (m.entity.type === "person") people.set(m.entity.key, m.entity.label);
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
