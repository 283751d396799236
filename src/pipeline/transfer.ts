// How an article's extraction travels from a worker thread back to the build: in one message (so
// that objects shared within it, an Entity named in a mention and a relation, an Evidence shared by
// the relations of a sentence, stay shared), without what the receiver can cut from the article's
// text itself: the article id and the quoted text of mentions and evidence. The receiver has the
// article, so unpack gives back objects equal to the extraction's, fields in the same order.
import type { Article, ArticleExtraction, Evidence, Mention, Relation } from "../types";

/** A mention without `article` and `text` (article.text.slice(start, end)). */
type PackedMention = Omit<Mention, "article" | "text">;
/** An evidence without `article` and `sentence` (article.text.slice(start, end)). */
type PackedEvidence = Omit<Evidence, "article" | "sentence">;

export interface PackedExtraction {
  sentences: number;
  refDate?: string;
  mentions: PackedMention[];
  relations: Array<Omit<Relation, "evidence"> & { evidence: PackedEvidence | Evidence }>;
}

/** True when `o` starts with exactly these keys and their values can be cut from `text` at o.start–o.end. */
function cuttable(o: object, first: string, second: string, article: Article, quoted: string): boolean {
  const keys = Object.keys(o);
  const v = o as Record<string, unknown>;
  return keys[0] === first && keys[1] === second && v.article === article.id && typeof v.start === "number" && typeof v.end === "number" && article.text.slice(v.start, v.end) === v[quoted];
}

export function packExtraction(x: ArticleExtraction): PackedExtraction {
  const { article } = x;
  const mentions = x.mentions.map((m): PackedMention => {
    const { article: id, text, ...rest } = m;
    // Anything not cut exactly travels as it is.
    if (id !== article.id || article.text.slice(m.start, m.end) !== text) return m as PackedMention;
    return rest;
  });
  const packed = new Map<Evidence, PackedEvidence | Evidence>();
  const relations = x.relations.map((r) => {
    let ev = packed.get(r.evidence);
    if (ev === undefined) {
      if (cuttable(r.evidence, "article", "sentence", article, "sentence")) {
        const { article: _id, sentence: _s, ...rest } = r.evidence;
        ev = rest;
      } else ev = r.evidence;
      packed.set(r.evidence, ev);
    }
    return { ...r, evidence: ev };
  });
  const out: PackedExtraction = { sentences: x.sentences.length, mentions, relations };
  if (x.refDate !== undefined) out.refDate = x.refDate;
  return out;
}

/**
 * The extraction again, for the build (sentences are counted, not sent: the build does not read them).
 * Takes `p` over: its relations become the extraction's.
 */
export function unpackExtraction(article: Article, p: PackedExtraction): ArticleExtraction {
  const mentions = p.mentions.map((m): Mention => {
    if ("article" in m) return m as Mention;
    const { start, end, ...rest } = m;
    return { article: article.id, start, end, text: article.text.slice(start, end), ...rest } as Mention;
  });
  const evidence = new Map<object, Evidence>();
  // The relations are this message's own copies: completed in place (the evidence key keeps its place).
  const relations = p.relations as Relation[];
  for (const r of p.relations) {
    let ev = evidence.get(r.evidence);
    if (ev === undefined) {
      ev = "article" in r.evidence ? (r.evidence as Evidence) : ({ article: article.id, sentence: article.text.slice(r.evidence.start, r.evidence.end), ...r.evidence } as Evidence);
      evidence.set(r.evidence, ev);
    }
    r.evidence = ev;
  }
  const x: ArticleExtraction = { article, sentences: [], mentions, relations };
  if (p.refDate !== undefined) x.refDate = p.refDate;
  return x;
}
