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

/** Each distinct object's place in a list, in the order first met: one index per shared object. */
function indexer<T>(): { list: T[]; indexOf: (x: T) => number } {
  const at = new Map<T, number>();
  const list: T[] = [];
  return {
    list,
    indexOf: (x) => {
      let i = at.get(x);
      if (i === undefined) at.set(x, (i = list.push(x) - 1));
      return i;
    },
  };
}

export function packExtraction(x: ArticleExtraction): PackedExtraction {
  const { article } = x;
  const entities = indexer<Entity>();
  const evidence = indexer<Evidence>();
  const loose: Pick<PackedExtraction, "looseMentions" | "looseRelations" | "looseEvidence" | "dates"> = {};

  const m = new Int32Array(x.mentions.length * M);
  x.mentions.forEach((mention, i) => {
    if (hasFields(mention, MENTION_FIELDS) && mention.article === article.id && cuts(article, mention.start, mention.end, mention.text) && Number.isInteger(mention.sentence)) {
      m[M * i] = mention.start;
      m[M * i + 1] = mention.end;
      m[M * i + 2] = entities.indexOf(mention.entity);
      m[M * i + 3] = mention.sentence;
    } else {
      m[M * i + 2] = -1;
      (loose.looseMentions ??= [])[i] = mention;
    }
  });

  const r = new Int32Array(x.relations.length * R);
  x.relations.forEach((relation, i) => {
    const rel = RELATION_INDEX.get(relation.relation);
    if (rel === undefined || !hasFields(relation, RELATION_FIELDS)) {
      r[R * i + 1] = -1;
      (loose.looseRelations ??= [])[i] = relation;
      return;
    }
    r[R * i] = entities.indexOf(relation.source);
    r[R * i + 1] = rel;
    r[R * i + 2] = entities.indexOf(relation.target);
    r[R * i + 3] = evidence.indexOf(relation.evidence);
  });

  const e = new Int32Array(evidence.list.length * E);
  evidence.list.forEach((ev, i) => {
    const fields = ev.date === undefined ? EVIDENCE_FIELDS : DATED_EVIDENCE_FIELDS;
    if (hasFields(ev, fields) && ev.article === article.id && cuts(article, ev.start, ev.end, ev.sentence)) {
      e[E * i] = ev.start;
      e[E * i + 1] = ev.end;
      if (ev.date !== undefined) (loose.dates ??= [])[i] = ev.date;
    } else {
      e[E * i] = -1;
      (loose.looseEvidence ??= [])[i] = ev;
    }
  });
  const out: PackedExtraction = { sentences: x.sentences.length, entities: entities.list, mentions: m, relations: r, evidence: e, ...loose };
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
