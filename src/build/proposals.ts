// Which node each document mention belongs to. Relate keys a document by author and family
// (`proposal:RUS:draft`); here the same author's documents are told apart by the month they were
// put forward, and a mention that gives no date joins the latest one its article can speak of.
// Uses are noted as the articles come; the months of the whole corpus decide the nodes at the end.
import type { Entity } from "../types";
import { LatestByPlace } from "./places";

/** A use of a document entity, before the corpus's months are known: what decides its node. */
interface DocumentUse {
  base: string;
  /** The month the use itself gives, if any. */
  own?: string;
  /** Without one, the month of its article, if known. */
  articleMonth?: string;
  /** The first use, in corpus order, and its author and family. */
  seq: number;
  author: string;
  family: string;
  /** Heads the uses were named by ("dự thảo hiệp ước"), with their counts. */
  heads: Map<string, number>;
}

export interface ProposalNames {
  /** Final node key of every provisional document key (see ProposalUses.note). */
  keys: Map<string, string>;
  /** Label and English label of every final document node. */
  labels: Map<string, { label: string; label_en: string }>;
}

const FAMILY_EN: Record<string, string> = { draft: "proposal", letter: "letter" };

export const monthOf = (iso: string | undefined) => (iso && iso.length >= 7 ? iso.slice(0, 7) : undefined);

/** The latest of `months` (sorted) not after `month`, or undefined. */
function latestNotAfter(months: string[], month: string): string | undefined {
  let lo = 0;
  let hi = months.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (months[mid] <= month) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? months[lo - 1] : undefined;
}

export class ProposalUses {
  private monthsOf = new Map<string, Set<string>>();
  /** Every actor's names as last met (by corpus order): a document's label names its author. */
  private actorLabels = new LatestByPlace<Entity>();
  private uses = new Map<string, DocumentUse>();
  private headOf = new Map<string, string>();
  /** Provisional keys by base, then by own month or by article month: one string per key, made once. */
  private keysOf = new Map<string, { own: Map<string, string>; article: Map<string, string> }>();

  /**
   * The provisional key of a use: its base and its own month, or, without one, its article's month.
   * The same string every time, so that the maps keyed by it (here and in the build) find it without
   * hashing and comparing a new string. "\0" keeps provisional keys apart from every real one.
   */
  private provisionalKey(base: string, own: string | undefined, articleMonth: string | undefined): string {
    let keys = this.keysOf.get(base);
    if (keys === undefined) this.keysOf.set(base, (keys = { own: new Map(), article: new Map() }));
    const byMonth = own ? keys.own : keys.article;
    const month = own ?? articleMonth ?? "";
    let key = byMonth.get(month);
    if (key === undefined) byMonth.set(month, (key = own ? `\0${base}\0${own}\0` : `\0${base}\0\0${month}`));
    return key;
  }

  /**
   * Note one use of an entity at place `seq` of the corpus (article by article: mentions, then
   * relation ends); in any order of articles. For a document, its provisional key: the same key,
   * the same node.
   */
  note(e: Entity, articleMonth: string | undefined, seq: number): string | undefined {
    if (e.type !== "proposal") {
      this.actorLabels.set(e.key, seq, e);
      return undefined;
    }
    const p = e.proposal;
    if (!p) return undefined;
    const base = e.key;
    let months = this.monthsOf.get(base);
    if (months === undefined) {
      months = new Set();
      this.monthsOf.set(base, months);
    }
    const own = monthOf(p.date);
    if (own) months.add(own);
    this.actorLabels.set(p.authorEntity.key, seq, p.authorEntity);
    const key = this.provisionalKey(base, own, articleMonth);
    let use = this.uses.get(key);
    if (use === undefined) {
      use = { base, seq, author: p.author, family: p.family, heads: new Map() };
      if (own) use.own = own;
      else if (articleMonth) use.articleMonth = articleMonth;
      this.uses.set(key, use);
    } else if (seq < use.seq) {
      use.seq = seq;
      use.author = p.author;
      use.family = p.family;
    }
    // Words that point back in the text ("bức thư tương tự", "văn bản này") make no label.
    let head = this.headOf.get(p.head);
    if (head === undefined) {
      head = p.head.replace(/\s+/g, " ").toLowerCase().replace(/(\s+(tương tự|này|đó|ấy|trên))+$/u, "");
      this.headOf.set(p.head, head);
    }
    use.heads.set(head, (use.heads.get(head) ?? 0) + 1);
    return key;
  }

  /** Each use's node: its own month, else the latest month not after its article's, else the first. */
  resolve(existingKeys: string[]): ProposalNames {
    // The months of the graph being extended count too.
    const existing = new Map<string, string[]>();
    for (const key of existingKeys) {
      const m = /^(proposal:[^:]+:[^:]+):(\d{4}-\d{2})$/.exec(key);
      if (m) existing.set(m[1], [...(existing.get(m[1]) ?? []), m[2]]);
    }
    const sortedMonths = new Map<string, string[]>();
    for (const base of new Set([...this.monthsOf.keys(), ...existing.keys()])) {
      sortedMonths.set(base, [...new Set([...(this.monthsOf.get(base) ?? []), ...(existing.get(base) ?? [])])].sort());
    }

    const keys = new Map<string, string>();
    const heads = new Map<string, Map<string, number>>();
    const parts = new Map<string, { seq: number; author: string; family: string; month?: string }>();
    for (const [provisional, use] of this.uses) {
      const months = sortedMonths.get(use.base) ?? [];
      let m = use.own;
      if (!m && months.length > 0) m = (use.articleMonth && latestNotAfter(months, use.articleMonth)) || months[0];
      const key = m ? `${use.base}:${m}` : use.base;
      keys.set(provisional, key);
      const part = parts.get(key);
      if (part === undefined || use.seq < part.seq) parts.set(key, { seq: use.seq, author: use.author, family: use.family, month: m });
      let h = heads.get(key);
      if (h === undefined) heads.set(key, (h = new Map()));
      for (const [head, n] of use.heads) h.set(head, (h.get(head) ?? 0) + n);
    }

    const labels = new Map<string, { label: string; label_en: string }>();
    for (const [key, h] of heads) {
      // Author keys may hold colons themselves (person:sergei-lavrov), so the parts are kept, not parsed.
      const { author, family, month: m } = parts.get(key)!;
      const head = [...h.entries()].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length || (a[0] < b[0] ? -1 : 1))[0][0];
      const who = this.actorLabels.get(author);
      const whoVi = who?.label ?? author;
      const whoEn = who?.label_en ?? author;
      labels.set(key, {
        label: `${head.charAt(0).toUpperCase()}${head.slice(1)} của ${whoVi}`,
        label_en: `${whoEn} ${FAMILY_EN[family] ?? family}${m ? ` (${m})` : ""}`,
      });
    }
    return { keys, labels };
  }
}
