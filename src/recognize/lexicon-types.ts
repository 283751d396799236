// The shape of the lexicon files beside this module (actors.json, titles.json, bodies.json,
// proposals.json). They are data: extending the tool to new actors means editing them or passing
// `--lexicon FILE`, not changing code.

/** A country, organization or person the tool knows by name. */
export interface LexiconActor {
  /** Stable node key: ISO alpha-3 for states (RUS), an acronym for organizations (NATO), `person:<slug>` for people. */
  id: string;
  type: "country" | "organization" | "person";
  /** Vietnamese canonical name (the node label). */
  label: string;
  label_en: string;
  /** Every surface form that names it: Vietnamese, English, transliterations, acronyms. Case matters. */
  names: string[];
  /**
   * Countries only: capitals and seats of power that stand for the state in news prose
   * (Moskva, Mátxcơva, Washington, Điện Kremlin, Nhà Trắng).
   */
  metonyms?: string[];
  /** Names that are also common words or parts of Vietnamese personal names ("Anh"): matched with more care. */
  ambiguous?: string[];
  /** People only: the offices they held, so that a bare title ("Ngoại trưởng Nga") resolves to its holder at a date. */
  offices?: LexiconOffice[];
  /** Organizations only: ids of member states, for `member_of` when an article says so. */
  members?: string[];
  /**
   * Longer phrases that contain one of the names or metonyms but do not refer to this actor
   * ("châu Mỹ", "tiếng Anh", "thỏa thuận Minsk", "Washington Post"): a name is not matched inside
   * them. Added because short names (Mỹ, Anh, Ý) and capitals that name treaties collide often.
   */
  excludes?: string[];
}

export interface LexiconOffice {
  /** An office kind from titles.json, e.g. `foreign_minister`. */
  office: string;
  /**
   * Id of the state or organization the office belongs to. May also be a state body's node key
   * `<STATE>_<body key>` (RUS_MFA, USA_LOWER), for offices of a ministry or chamber.
   */
  of: string;
  /**
   * ISO dates (YYYY-MM-DD, or YYYY-MM / YYYY where the exact day is not known); `to` absent while in
   * office. A full `to` is the first day out of office (the successor's `from`); a partial `to`
   * covers its whole month or year.
   */
  from: string;
  to?: string;
  /**
   * Envoys only: the state or organization where the holder is posted ("Đại sứ Nga tại Mỹ",
   * "Đại diện thường trực của Nga tại OSCE"). Added because `of` alone cannot tell two
   * ambassadors of one state apart.
   */
  at?: string;
}

/** A title that can stand before (or after) a person's name. */
export interface LexiconTitle {
  /** Surface forms, e.g. "Ngoại trưởng", "Bộ trưởng Ngoại giao". */
  names: string[];
  /** Office kind, matched against LexiconOffice.office. */
  office: string;
  /** True when a bare title with a state ("Ngoại trưởng Nga") names one person (its holder at the date). */
  unique: boolean;
  /**
   * Key of the state body (bodies.json) the title itself names: "Thứ trưởng Bộ Ngoại giao" → MFA,
   * so "Thứ trưởng Bộ Ngoại giao Nga" represents RUS_MFA while "Thứ trưởng Ngoại giao Nga"
   * represents RUS. Added for that convention of the spec.
   */
  body?: string;
}

/** A state body named by its kind and its state: "Bộ Ngoại giao" + "Nga" → Bộ Ngoại giao Nga. */
export interface LexiconBody {
  /** Key suffix: the node key is `<state id>_<key>`, e.g. RUS_MFA. */
  key: string;
  names: string[];
  label_en: string;
}

/** A noun for a document one party puts to another. */
export interface LexiconProposalNoun {
  names: string[];
  /** draft: a proposal or draft treaty; reply: an answer to an earlier proposal; letter: a letter or note. */
  kind: "draft" | "reply" | "letter";
  /**
   * strong: names a document by itself ("dự thảo", "bức thư").
   * weak: only refers back to a document already in the text ("văn bản", "phản ứng").
   */
  strength: "strong" | "weak";
}

export interface Lexicon {
  actors: LexiconActor[];
  titles: LexiconTitle[];
  bodies: LexiconBody[];
  proposalNouns: LexiconProposalNoun[];
}
