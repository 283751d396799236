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
  const uses: Array<{ e: Entity; base: string; articleMonth?: string }> = [];
  const actorLabels = new Map<string, Entity>();

  for (const key of existingKeys) {
    const m = /^(proposal:[^:]+:[^:]+):(\d{4}-\d{2})$/.exec(key);
    if (m) (monthsOf.get(m[1]) ?? monthsOf.set(m[1], new Set()).get(m[1])!).add(m[2]);
  }
  for (const x of extractions) {
    const articleMonth = month(x.refDate ?? x.article.date);
    const seen = (e: Entity) => {
      if (e.type !== "proposal") {
        actorLabels.set(e.key, e);
        return;
      }
      if (!e.proposal) return;
      const base = e.key;
      const set = monthsOf.get(base) ?? monthsOf.set(base, new Set()).get(base)!;
      const m = month(e.proposal.date);
      if (m) set.add(m);
      uses.push({ e, base, articleMonth });
      actorLabels.set(e.proposal.authorEntity.key, e.proposal.authorEntity);
    };
    for (const m of x.mentions) seen(m.entity);
    for (const r of x.relations) {
      seen(r.source);
      seen(r.target);
    }
  }

  const heads = new Map<string, Map<string, number>>();
  const parts = new Map<string, { author: string; family: string; month?: string }>();
  for (const { e, base, articleMonth } of uses) {
    const months = [...(monthsOf.get(base) ?? [])].sort();
    let m = month(e.proposal!.date);
    if (!m && months.length > 0) {
      const before = articleMonth ? months.filter((x) => x <= articleMonth) : [];
      m = before.length > 0 ? before[before.length - 1] : months[0];
    }
    const key = m ? `${base}:${m}` : base;
    keys.set(e, key);
    parts.set(key, { author: e.proposal!.author, family: e.proposal!.family, month: m });
    const h = heads.get(key) ?? heads.set(key, new Map()).get(key)!;
    // Words that point back in the text ("bức thư tương tự", "văn bản này") make no label.
    const head = e.proposal!.head.replace(/\s+/g, " ").toLowerCase().replace(/(\s+(tương tự|này|đó|ấy|trên))+$/u, "");
    h.set(head, (h.get(head) ?? 0) + 1);
  }

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
