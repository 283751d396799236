// Which node each document mention belongs to. Relate keys a document by author and family
// (`proposal:RUS:draft`); here the same author's documents are told apart by the month they were
// put forward, and a mention that gives no date joins the latest one its article can speak of.
import type { ArticleExtraction, Entity } from "../types";

export interface ProposalNames {
  /** Final node key of every document entity met in the extractions. */
  keys: Map<Entity, string>;
  /** Label and English label of every final document node. */
  labels: Map<string, { label: string; label_en: string }>;
}

const FAMILY_EN: Record<string, string> = { draft: "proposal", letter: "letter" };

const month = (iso: string | undefined) => (iso && iso.length >= 7 ? iso.slice(0, 7) : undefined);

export function resolveProposals(extractions: ArticleExtraction[], existingKeys: string[]): ProposalNames {
  const keys = new Map<Entity, string>();
  const monthsOf = new Map<string, Set<string>>();
  const actorLabels = new Map<string, Entity>();

  for (const key of existingKeys) {
    const m = /^(proposal:[^:]+:[^:]+):(\d{4}-\d{2})$/.exec(key);
    if (m) (monthsOf.get(m[1]) ?? monthsOf.set(m[1], new Set()).get(m[1])!).add(m[2]);
  }
  // Every use of a document entity, in order: mentions, then relation ends, article by article.
  const eachUse = (f: (e: Entity, articleMonth: string | undefined) => void) => {
    for (const x of extractions) {
      const articleMonth = month(x.refDate ?? x.article.date);
      for (const m of x.mentions) f(m.entity, articleMonth);
      for (const r of x.relations) {
        f(r.source, articleMonth);
        f(r.target, articleMonth);
      }
    }
  };
  // First the months each author's documents were put forward in, and the names of the authors.
  eachUse((e) => {
    if (e.type !== "proposal") {
      actorLabels.set(e.key, e);
      return;
    }
    if (!e.proposal) return;
    const base = e.key;
    const set = monthsOf.get(base) ?? monthsOf.set(base, new Set()).get(base)!;
    const m = month(e.proposal.date);
    if (m) set.add(m);
    actorLabels.set(e.proposal.authorEntity.key, e.proposal.authorEntity);
  });

  // Then each use's node: its own month, else the latest month not after its article's, else the first.
  const heads = new Map<string, Map<string, number>>();
  const parts = new Map<string, { author: string; family: string; month?: string }>();
  const sortedMonths = new Map<string, string[]>();
  for (const [base, set] of monthsOf) sortedMonths.set(base, [...set].sort());
  const headOf = new Map<string, string>();
  eachUse((e, articleMonth) => {
    if (e.type !== "proposal" || !e.proposal) return;
    const base = e.key;
    const months = sortedMonths.get(base) ?? [];
    let m = month(e.proposal.date);
    if (!m && months.length > 0) {
      let before: string | undefined;
      if (articleMonth) for (const x of months) if (x <= articleMonth) before = x;
      m = before ?? months[0];
    }
    const key = m ? `${base}:${m}` : base;
    keys.set(e, key);
    if (!parts.has(key)) parts.set(key, { author: e.proposal.author, family: e.proposal.family, month: m });
    const h = heads.get(key) ?? heads.set(key, new Map()).get(key)!;
    // Words that point back in the text ("bức thư tương tự", "văn bản này") make no label.
    const raw = e.proposal.head;
    let head = headOf.get(raw);
    if (head === undefined) {
      head = raw.replace(/\s+/g, " ").toLowerCase().replace(/(\s+(tương tự|này|đó|ấy|trên))+$/u, "");
      headOf.set(raw, head);
    }
    h.set(head, (h.get(head) ?? 0) + 1);
  });

  const labels = new Map<string, { label: string; label_en: string }>();
  for (const [key, h] of heads) {
    // Author keys may hold colons themselves (person:sergei-lavrov), so the parts are kept, not parsed.
    const { author, family, month: m } = parts.get(key)!;
    const head = [...h.entries()].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length || (a[0] < b[0] ? -1 : 1))[0][0];
    const who = actorLabels.get(author);
    const whoVi = who?.label ?? author;
    const whoEn = who?.label_en ?? author;
    labels.set(key, {
      label: `${head.charAt(0).toUpperCase()}${head.slice(1)} của ${whoVi}`,
      label_en: `${whoEn} ${FAMILY_EN[family] ?? family}${m ? ` (${m})` : ""}`,
    });
  }
  return { keys, labels };
}
