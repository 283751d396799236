// How an article's extraction travels from a worker thread back to the build: in one message, as
// numbers in typed arrays rather than objects (the structured clone makes every object again on
// the receiving thread, which is the build's own: it cost more there than the objects' numbers
// do; bench/NOTES.md). Mentions, relations and evidence become offsets and indices into the
// article's table of entities and its list of evidence, so what was shared stays shared (an Entity
// named in a mention and a relation, an Evidence shared by a sentence's relations). What the
// receiver can cut from the article's text is left out: the article id and the quoted text of
// mentions and evidence. Anything that does not have exactly the usual fields, or whose text is not
// the article's at its offsets, travels as it is. Unpack gives back objects equal to the
// extraction's, fields in the same order.
import type { Article, ArticleExtraction, Entity, Evidence, Mention, Relation } from "../types";
import { RELATION_INDEX, RELATION_TYPES } from "../types";

// The fields, in their order, of what recognize and relate make; unpack makes the same.
const MENTION_FIELDS = ["article", "start", "end", "text", "entity", "sentence"] as const;
const RELATION_FIELDS = ["source", "relation", "target", "evidence"] as const;
const EVIDENCE_FIELDS = ["article", "sentence", "start", "end"] as const;
const DATED_EVIDENCE_FIELDS = [...EVIDENCE_FIELDS, "date"] as const;

/** Numbers per item in the typed arrays. */
const M = 4; // start, end, entity (−1: the mention travels as it is), sentence
const R = 4; // source, relation (−1: as it is), target, evidence
const E = 2; // start (−1: as it is), end

export interface PackedExtraction {
  sentences: number;
  refDate?: string;
  /** The entities of the article's mentions and relations, each once. */
  entities: Entity[];
  mentions: Int32Array;
  relations: Int32Array;
  evidence: Int32Array;
  /** Evidence dates, by evidence index. */
  dates?: Array<string | undefined>;
  /** What travels as it is, by index. */
  looseMentions?: Array<Mention | undefined>;
  looseRelations?: Array<Relation | undefined>;
  looseEvidence?: Array<Evidence | undefined>;
}

/** Whether `o`'s own enumerable fields are exactly `fields`, in that order. */
function hasFields(o: object, fields: readonly string[]): boolean {
  let i = 0;
  for (const k in o) if (k !== fields[i++]) return false;
  return i === fields.length;
}

/** Whether `text` is `article`'s text from start to end. */
const cuts = (article: Article, start: unknown, end: unknown, text: unknown) =>
  typeof start === "number" && typeof end === "number" && Number.isInteger(start) && Number.isInteger(end) && start >= 0 && article.text.slice(start, end) === text;

export function packExtraction(x: ArticleExtraction): PackedExtraction {
  const { article } = x;
  const entityIndex = new Map<Entity, number>();
  const entities: Entity[] = [];
  const entityOf = (e: Entity) => {
    let i = entityIndex.get(e);
    if (i === undefined) {
      entityIndex.set(e, (i = entities.length));
      entities.push(e);
    }
    return i;
  };
  const out: PackedExtraction = { sentences: x.sentences.length, entities, mentions: new Int32Array(x.mentions.length * M), relations: new Int32Array(x.relations.length * R), evidence: new Int32Array(0) };

  const m = out.mentions;
  x.mentions.forEach((mention, i) => {
    if (hasFields(mention, MENTION_FIELDS) && mention.article === article.id && cuts(article, mention.start, mention.end, mention.text) && Number.isInteger(mention.sentence)) {
      m[M * i] = mention.start;
      m[M * i + 1] = mention.end;
      m[M * i + 2] = entityOf(mention.entity);
      m[M * i + 3] = mention.sentence;
    } else {
      m[M * i + 2] = -1;
      (out.looseMentions ??= [])[i] = mention;
    }
  });

  const evidenceIndex = new Map<Evidence, number>();
  const evidence: Evidence[] = [];
  const r = out.relations;
  x.relations.forEach((relation, i) => {
    const rel = RELATION_INDEX.get(relation.relation);
    if (rel === undefined || !hasFields(relation, RELATION_FIELDS)) {
      r[R * i + 1] = -1;
      (out.looseRelations ??= [])[i] = relation;
      return;
    }
    let ev = evidenceIndex.get(relation.evidence);
    if (ev === undefined) {
      evidenceIndex.set(relation.evidence, (ev = evidence.length));
      evidence.push(relation.evidence);
    }
    r[R * i] = entityOf(relation.source);
    r[R * i + 1] = rel;
    r[R * i + 2] = entityOf(relation.target);
    r[R * i + 3] = ev;
  });

  const e = (out.evidence = new Int32Array(evidence.length * E));
  evidence.forEach((ev, i) => {
    const fields = ev.date === undefined ? EVIDENCE_FIELDS : DATED_EVIDENCE_FIELDS;
    if (hasFields(ev, fields) && ev.article === article.id && cuts(article, ev.start, ev.end, ev.sentence)) {
      e[E * i] = ev.start;
      e[E * i + 1] = ev.end;
      if (ev.date !== undefined) (out.dates ??= [])[i] = ev.date;
    } else {
      e[E * i] = -1;
      (out.looseEvidence ??= [])[i] = ev;
    }
  });
  if (x.refDate !== undefined) out.refDate = x.refDate;
  return out;
}

/** The extraction again, for the build (sentences are counted, not sent: the build does not read them). */
export function unpackExtraction(article: Article, p: PackedExtraction): ArticleExtraction {
  const { id, text } = article;
  const { entities } = p;
  const m = p.mentions;
  const mentions = new Array<Mention>(m.length / M);
  for (let i = 0; i < mentions.length; i++) {
    const at = M * i;
    mentions[i] = m[at + 2] < 0 ? p.looseMentions![i]! : { article: id, start: m[at], end: m[at + 1], text: text.slice(m[at], m[at + 1]), entity: entities[m[at + 2]], sentence: m[at + 3] };
  }
  const e = p.evidence;
  const evidence = new Array<Evidence>(e.length / E);
  for (let i = 0; i < evidence.length; i++) {
    const start = e[E * i];
    const end = e[E * i + 1];
    const date = p.dates?.[i];
    if (start < 0) evidence[i] = p.looseEvidence![i]!;
    else evidence[i] = date === undefined ? { article: id, sentence: text.slice(start, end), start, end } : { article: id, sentence: text.slice(start, end), start, end, date };
  }
  const r = p.relations;
  const relations = new Array<Relation>(r.length / R);
  for (let i = 0; i < relations.length; i++) {
    const at = R * i;
    relations[i] = r[at + 1] < 0 ? p.looseRelations![i]! : { source: entities[r[at]], relation: RELATION_TYPES[r[at + 1]], target: entities[r[at + 2]], evidence: evidence[r[at + 3]] };
  }
  const x: ArticleExtraction = { article, sentences: [], mentions, relations };
  if (p.refDate !== undefined) x.refDate = p.refDate;
  return x;
}
