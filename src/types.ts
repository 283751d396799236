// The domain types every stage speaks. Each stage folder takes and returns these plain objects.

/** An article after ingest: clean text (NFC, `\n` line ends, page furniture removed) and its metadata. */
export interface Article {
  /** File name without extension: the article's id everywhere (graph, evidence, scoring). */
  id: string;
  /** The path or name the article was read from. */
  file: string;
  title?: string;
  /** ISO date, full (2022-02-10) or partial (2021-12), when the article gives one. */
  date?: string;
  /** Source link or outlet, when the article gives one. */
  source?: string;
  /** All offsets in mentions and evidence index this string. */
  text: string;
}

/** One sentence: `article.text.slice(start, end) === text`. */
export interface Sentence {
  article: string;
  index: number;
  start: number;
  end: number;
  text: string;
}

export const NODE_TYPES = ["country", "organization", "person", "proposal", "event"] as const;
export type NodeType = (typeof NODE_TYPES)[number];

export const RELATION_TYPES = [
  "proposes",
  "addressed_to",
  "responds_to",
  "rejects",
  "demands",
  "invites",
  "supports",
  "consults",
  "meets",
  "agrees",
  "represents",
  "member_of",
] as const;
export type RelationType = (typeof RELATION_TYPES)[number];

/** Each relation's place in RELATION_TYPES: a small number where a relation is stored or sent compactly. */
export const RELATION_INDEX: ReadonlyMap<RelationType, number> = new Map(RELATION_TYPES.map((r, i) => [r, i]));

/** Relations that hold both ways: stored once, endpoints in key order. */
export const SYMMETRIC_RELATIONS: ReadonlySet<RelationType> = new Set(["consults", "meets", "agrees"]);

/** What a node stands for, as the recognizer resolved it. */
export interface Entity {
  /** Stable node key, e.g. `RUS`, `person:sergei-lavrov`, `proposal:RUS:draft:2021-12`. */
  key: string;
  type: NodeType;
  /** Vietnamese canonical name. */
  label: string;
  label_en: string;
  /** Documents only: what decides their node (who made them, which family, when). */
  proposal?: ProposalIdentity;
}

export interface ProposalIdentity {
  /** Key of the author as identity: a ministry's document counts as its state's. */
  author: string;
  /** The actor the article names as author. */
  authorEntity: Entity;
  /** draft (proposals, draft treaties) or letter (letters and replies). */
  family: string;
  /** The noun phrase the article used: "dự thảo văn kiện". */
  head: string;
  /** ISO date of the act, where the sentence that puts it forward gives one. */
  date?: string;
}

/** A span of article text that names an entity: `article.text.slice(start, end) === text`. */
export interface Mention {
  article: string;
  start: number;
  end: number;
  text: string;
  entity: Entity;
  /** Index of the sentence the mention sits in. */
  sentence: number;
}

/** One sentence that supports an edge. `sentence` is the sentence text as it stands in the article. */
export interface Evidence {
  article: string;
  sentence: string;
  start: number;
  end: number;
  /** ISO date of the act where the article dates it. */
  date?: string;
}

export interface Relation {
  source: Entity;
  relation: RelationType;
  target: Entity;
  evidence: Evidence;
}

/** What extraction found in one article: the input of the build stage. */
export interface ArticleExtraction {
  article: Article;
  /** The date relative expressions were read against (the article's, or inferred), ISO. */
  refDate?: string;
  sentences: Sentence[];
  mentions: Mention[];
  relations: Relation[];
}

// ---- The graph contract (graph.json, read by the explorer, the exports and the scorer) ----

export interface ArticleMeta {
  id: string;
  title?: string;
  date?: string;
  source?: string;
  /** The article text the offsets index, so a reader can check every quote. */
  text: string;
}

export interface GraphAttributes {
  articles: ArticleMeta[];
}

export interface MentionRef {
  article: string;
  start: number;
  end: number;
  text: string;
}

export interface NodeAttributes {
  label: string;
  label_en: string;
  type: NodeType;
  aliases: string[];
  mentions: MentionRef[];
}

export interface EdgeAttributes {
  relation: RelationType;
  /** Number of supporting sentences. */
  weight: number;
  evidence: Evidence[];
  /** True for consults, meets and agrees: the direction carries no meaning. */
  symmetric?: boolean;
}
