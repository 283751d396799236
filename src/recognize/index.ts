// Stage 3: mentions of actors and proposals in segmented sentences.
// Names come from the lexicon (data files beside this module); people unknown to it are found
// through their titles ("Thứ trưởng Ngoại giao Nga Sergei Ryabkov") or honorifics ("ông Ushakov");
// a bare title names its holder at the article's date ("Ngoại trưởng Nga" in 2022 → Lavrov).
import type { Article, Entity, Sentence } from "../types";
import { tokenize, slug, lowerText, type Token } from "../text/normalize";
import { toIso, type DateRef } from "../text/dates";
import { sortInPlace } from "../text/order";
import { mayStart, PhraseMatcher } from "./matcher";
import { officeHolder } from "./lexicon";
import type { Lexicon, LexiconActor, LexiconBody, LexiconProposalNoun, LexiconTitle } from "./lexicon-types";
import grammar from "./grammar.json";

export type ProposalKind = LexiconProposalNoun["kind"];

/** What the recognizer found in a sentence: a phrase span in tokens and the mention inside it. */
export interface Found {
  /** Phrase span (token indices, inclusive): a titled person's phrase starts at the title. */
  first: number;
  last: number;
  /** The mention's character offsets in the article (the name itself, without the title). */
  start: number;
  end: number;
  entity: Entity;
  /** `inner`: part of a larger phrase (the state in a title, an owner): an entity mention, not a relation argument. */
  role: "actor" | "inner";
  /** For people: what their titles name (objects of `represents`): "Ngoại trưởng Ba Lan Zbigniew Rau, Chủ tịch luân phiên OSCE". */
  represents?: Entity[];
  proposal?: ProposalFound;
}

/**
 * The phrase of tokens first…last; its text starts at token `from` (a name after its honorific,
 * "ông Lavrov", starts after it) and ends with `last`. Every Found is made here with all its
 * fields: one object shape for the many reads of founds in relate (one built with a spread had a
 * shape of its own, its last field out of the object).
 */
export function foundOf(tokens: Token[], first: number, last: number, entity: Entity, proposal?: ProposalFound, from = first): Found {
  return { first, last, start: tokens[from].start, end: tokens[last].end, entity, role: "actor", represents: undefined, proposal };
}

/** Phrases (and groups of them) in the order they start. */
export const byFirst = (a: { first: number }, b: { first: number }) => a.first - b.first;
/** The same; at one start, the longest first. */
const byFirstLongest = (a: Found, b: Found) => a.first - b.first || b.last - a.last;

export interface ProposalFound {
  kind: ProposalKind;
  strength: "strong" | "weak";
  /** The noun phrase without determiners, owner or relative clause: "dự thảo văn kiện". */
  head: string;
  /** Who made it, when the phrase says so: "của Nga", "do ông Lavrov gửi", "mà Nga đưa ra". */
  author?: Found;
  /** Marked as a particular document: a determiner, a demonstrative ("văn bản này") or an owner. A weak noun needs it. */
  marked: boolean;
  /** How the author was named: an owner ("của Nga") does not date the document; an act ("mà Nga đưa ra vào tuần trước") does. */
  authorVia?: "owner" | "act";
  /** "của mình", "của chúng tôi": the clause's subject made it. */
  authorIsSubject?: boolean;
  /** The document this one answers: "thư phản hồi đề xuất an ninh". */
  answers?: Found;
  /** A document this phrase names again: "một phản hồi dưới dạng bức thư tập thể". */
  sameAs?: Found;
}

export interface RecognizedSentence {
  sentence: Sentence;
  tokens: Token[];
  found: Found[];
}

type Raw =
  | { kind: "actor"; length: number; actor: LexiconActor; entity: Entity; metonym: boolean; ambiguous: boolean }
  | { kind: "body"; length: number; body: LexiconBody; state: LexiconActor }
  | { kind: "title"; length: number; title: LexiconTitle }
  | { kind: "noun"; length: number; noun: LexiconProposalNoun }
  | { kind: "anaphor"; length: number; type: "country" | "organization" };

/** The lexicon turned into phrase matchers, once per build. */
export interface PreparedLexicon {
  lexicon: Lexicon;
  /** Each name's actor, with the one entity all its mentions share (entities are never changed once made). */
  actors: PhraseMatcher<{ actor: LexiconActor; entity: Entity; metonym: boolean; ambiguous: boolean }>;
  bodies: PhraseMatcher<LexiconBody>;
  titles: PhraseMatcher<LexiconTitle>;
  nouns: PhraseMatcher<LexiconProposalNoun>;
  anaphora: PhraseMatcher<"country" | "organization">;
  /** Phrases that contain a name or a noun but are neither: "châu Mỹ", "tiếng Anh", "thư viện". */
  excluded: PhraseMatcher<true>;
  words: {
    honorifics: Set<string>;
    determiners: Set<string>;
    nameParticles: Set<string>;
    modifiers: PhraseMatcher<true>;
    titleStops: PhraseMatcher<true>;
    relatives: Set<string>;
    relativeSkip: Set<string>;
    apposition: PhraseMatcher<true>;
    memberNouns: PhraseMatcher<true>;
    authorVerbs: PhraseMatcher<true>;
  };
  byId: Map<string, LexiconActor>;
}

/** Punctuation after which a word opens a sentence as if first: a quote or a bracket. */
const OPENERS = new Set(["“", '"', "'", "‘", "(", "["]);
const LOCATIVE = new Set(["tại", "ở", "đến", "tới", "từ", "thủ", "sang"]);
/** Titles that say only "the one of X" ("nhà lãnh đạo Pháp", "người đồng cấp Nga"): they name whoever X's titled person is. */
const GENERIC_OFFICES = new Set(["leader", "counterpart"]);
const VERBAL_NOUNS = new Set(grammar.verbalNouns.words);
const PRONOUN_OWNERS = new Set(["mình", "chúng tôi", "chúng ta", "họ", "ta", "nước mình"]);

function phraseSet(names: string[]): PhraseMatcher<true> {
  const m = new PhraseMatcher<true>(true);
  for (const n of names) m.add(n, true);
  return m;
}

/** Verbs that say who made a document, in "do X gửi" or "mà X đưa ra". */
export const AUTHOR_VERBS = [
  "gửi", "đưa ra", "công bố", "soạn thảo", "đề xuất", "trao", "chuyển", "đệ trình", "thông qua", "ký", "viết", "đề ra", "nêu ra", "đưa",
];

export function prepareLexicon(lexicon: Lexicon): PreparedLexicon {
  const actors = new PhraseMatcher<{ actor: LexiconActor; entity: Entity; metonym: boolean; ambiguous: boolean }>(false);
  for (const a of lexicon.actors) {
    const amb = new Set(a.ambiguous ?? []);
    const entity = actorEntity(a);
    for (const n of [a.label, ...a.names]) actors.add(n, { actor: a, entity, metonym: false, ambiguous: amb.has(n) });
    for (const n of a.metonyms ?? []) actors.add(n, { actor: a, entity, metonym: true, ambiguous: amb.has(n) });
  }
  const bodies = new PhraseMatcher<LexiconBody>(true);
  for (const b of lexicon.bodies) for (const n of b.names) bodies.add(n, b);
  const titles = new PhraseMatcher<LexiconTitle>(true);
  for (const t of lexicon.titles) for (const n of t.names) titles.add(n, t);
  const nouns = new PhraseMatcher<LexiconProposalNoun>(true);
  for (const p of lexicon.proposalNouns) for (const n of p.names) nouns.add(n, p);
  const excluded = new PhraseMatcher<true>(false);
  for (const a of lexicon.actors) for (const n of a.excludes ?? []) excluded.add(n, true);
  for (const n of grammar.notDocuments.words) {
    excluded.add(n, true);
    excluded.add(n.charAt(0).toUpperCase() + n.slice(1), true);
  }
  const anaphora = new PhraseMatcher<"country" | "organization">(false);
  for (const a of grammar.anaphora) for (const n of a.names) anaphora.add(n, a.type as "country" | "organization");
  return {
    lexicon,
    actors,
    bodies,
    titles,
    nouns,
    anaphora,
    excluded,
    words: {
      honorifics: new Set(grammar.honorifics),
      determiners: new Set(grammar.determiners),
      nameParticles: new Set(grammar.nameParticles),
      modifiers: phraseSet(grammar.proposalModifiers),
      titleStops: phraseSet(grammar.titleStops),
      relatives: new Set(grammar.proposalRelatives.words),
      relativeSkip: new Set(grammar.proposalRelatives.skip),
      apposition: phraseSet(grammar.apposition.words),
      memberNouns: phraseSet(grammar.memberNouns),
      authorVerbs: phraseSet(AUTHOR_VERBS),
    },
    byId: new Map(lexicon.actors.map((a) => [a.id, a])),
  };
}

export function actorEntity(a: LexiconActor): Entity {
  return { key: a.id, type: a.type, label: a.label, label_en: a.label_en };
}

function bodyEntity(b: LexiconBody, state: LexiconActor): Entity {
  const name = b.names[0];
  return {
    key: `${state.id}_${b.key}`,
    type: "organization",
    label: `${name.charAt(0).toUpperCase()}${name.slice(1)} ${state.label}`,
    label_en: `${b.label_en} of ${state.label_en}`,
  };
}

function personEntity(name: string): Entity {
  return { key: `person:${slug(name)}`, type: "person", label: name, label_en: name };
}

// In a class: esbuild turns a bare \p{…} escape into a RegExp built on every call.
const STARTS_UPPER = /^[\p{Lu}]/u;
const isCapitalized = (t: Token | undefined) => !!t && t.word && STARTS_UPPER.test(t.text);
const lower = lowerText;

/** Article-level memory: people named so far, for later short references ("ông Ushakov"). */
interface ArticleMemory {
  people: Map<string, Entity>;
  /** The first word of every name in `people`: most capitalized words start none. */
  firstWords: Set<string>;
  /** Who was last named with a title of a state or body: `office|of` and `*|of` → person. */
  titled: Map<string, Entity>;
  lastOfType: Map<string, Found>;
}

/** Recognize every sentence of one article. `ref` is the article's date, for bare titles. */
export function recognizeArticle(
  article: Article,
  sentences: Sentence[],
  lex: PreparedLexicon,
  ref: DateRef | undefined,
): RecognizedSentence[] {
  const memory: ArticleMemory = { people: new Map(), firstWords: new Set(), titled: new Map(), lastOfType: new Map() };
  const out = sentences.map((s) => recognizeSentence(article, s, lex, ref, memory));
  // People first named later in the article ("Yury Ushakov" after "ông Ushakov") are caught in a second pass.
  for (const r of out) addRememberedPeople(article, r, memory);
  return out;
}

/** A reading of `length` tokens is kept over `best` only when longer (rawAt, once per token: no closure). */
const beats = (length: number, best: Raw | undefined) => !best || length > best.length;

function rawAt(tokens: Token[], i: number, lex: PreparedLexicon, sentenceStart: boolean): Raw | undefined {
  // The longest reading wins; at equal length, the first of: body, actor, title, noun, anaphor.
  let best: Raw | undefined;
  const b = lex.bodies.match(tokens, i);
  if (b) {
    const s = lex.actors.match(tokens, i + b.length);
    if (s && s.value.actor.type === "country") best = { kind: "body", length: b.length + s.length, body: b.value, state: s.value.actor };
  }
  const a = lex.actors.match(tokens, i, sentenceStart);
  if (a && beats(a.length, best)) best = { kind: "actor", length: a.length, ...a.value };
  const t = lex.titles.match(tokens, i);
  if (t) {
    // A title never swallows a ministry: "Thứ trưởng Bộ Ngoại giao Nga" is a title before the ministry.
    let len = t.length;
    for (let k = i + 1; k < i + t.length; k++) {
      const inner = lex.bodies.match(tokens, k);
      if (inner && lex.actors.match(tokens, k + inner.length)) {
        len = k - i;
        break;
      }
    }
    if (beats(len, best)) best = { kind: "title", length: len, title: t.value };
  }
  const n = lex.nouns.match(tokens, i);
  if (n && beats(n.length, best)) best = { kind: "noun", length: n.length, noun: n.value };
  const an = lex.anaphora.match(tokens, i);
  if (an && beats(an.length, best)) best = { kind: "anaphor", length: an.length, type: an.value };
  return best;
}

function recognizeSentence(
  article: Article,
  sentence: Sentence,
  lex: PreparedLexicon,
  ref: DateRef | undefined,
  memory: ArticleMemory,
): RecognizedSentence {
  const tokens = tokenize(sentence.text, sentence.start);
  const raws: Array<{ at: number; raw: Raw }> = [];
  const covered = new Array<boolean>(tokens.length).fill(false);
  // Excluded phrases ("Vietnam+", "thỏa thuận Minsk") are stepped over whole; "+" sticks to its name.
  const excluded = new Array<boolean>(tokens.length).fill(false);
  const excludedBit = lex.excluded.bit;
  for (let i = 0; i < tokens.length; i++) {
    if (!mayStart(tokens[i], excludedBit)) continue;
    const x = lex.excluded.match(tokens, i, true);
    if (x) for (let k = i; k < i + x.length; k++) excluded[k] = true;
  }
  // Most tokens start no name, title or document: one test of the mask skips rawAt's five look-ups.
  const rawBits = lex.bodies.bit | lex.actors.bit | lex.titles.bit | lex.nouns.bit | lex.anaphora.bit;
  for (let i = 0; i < tokens.length; ) {
    if (excluded[i] || !mayStart(tokens[i], rawBits)) {
      i++;
      continue;
    }
    const sentenceStart = i === 0 || OPENERS.has(tokens[i - 1].text);
    const raw = rawAt(tokens, i, lex, sentenceStart);
    if (raw && keepRaw(raw, tokens, i, lex)) {
      raws.push({ at: i, raw });
      for (let k = i; k < i + raw.length; k++) covered[k] = true;
      i += raw.length;
    } else i++;
  }

  const found: Found[] = [];
  const foundAt = new Map<number, Found>();
  const push = (f: Found) => {
    found.push(f);
    foundAt.set(f.first, f);
    return f;
  };

  // Actors, state bodies and anaphors first: titles and documents are read around them.
  for (const { at, raw } of raws) {
    const last = at + raw.length - 1;
    if (raw.kind === "actor") {
      push(foundOf(tokens, at, last, raw.entity));
    } else if (raw.kind === "body") {
      push(foundOf(tokens, at, last, bodyEntity(raw.body, raw.state)));
    } else if (raw.kind === "anaphor") {
      const prev = memory.lastOfType.get(raw.type);
      if (prev) push(foundOf(tokens, at, last, prev.entity));
    }
  }
  markInnerMentions(found, tokens, lex);

  // Titles: a titled name, a bare title that names its holder, or a title in apposition.
  const titles = raws.filter((r) => r.raw.kind === "title");
  for (const { at, raw } of titles) {
    if (raw.kind !== "title") continue;
    readTitle(at, raw.length, raw.title, tokens, covered, found, foundAt, lex, ref, memory, push);
  }

  // Honorifics: "ông Yury Ushakov", "bà Zakharova".
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (!lex.words.honorifics.has(tokens[i].text) || covered[i + 1]) continue;
    const name = readName(tokens, i + 1, covered, lex, 1);
    if (!name) continue;
    const text = sentence.text.slice(tokens[name.first].start - sentence.start, tokens[name.last].end - sentence.start);
    const entity = rememberPerson(text, memory);
    for (let k = name.first; k <= name.last; k++) covered[k] = true;
    push(foundOf(tokens, i, name.last, entity, undefined, name.first));
  }

  // Documents.
  sortInPlace(found, byFirst);
  for (const { at, raw } of raws) {
    if (raw.kind !== "noun") continue;
    readProposal(at, raw.length, raw.noun, tokens, found, lex, push, sentence);
  }

  sortInPlace(found, byFirstLongest);
  for (const f of found) if (f.entity.type !== "proposal") memory.lastOfType.set(f.entity.type, f);
  void article;
  return { sentence, tokens, found };
}

/** Capitals as places ("đến Berlin") and ambiguous names inside Vietnamese personal names are not actors. */
function keepRaw(raw: Raw, tokens: Token[], i: number, lex: PreparedLexicon): boolean {
  if (raw.kind !== "actor") return true;
  const prev = tokens[i - 1];
  if (raw.metonym && prev && LOCATIVE.has(lower(prev))) {
    // "gửi thư tới Moscow": the capital receives, so it stands for the state.
    let sentBefore = false;
    for (let k = 0; k < i && !sentBefore; k++) sentBefore = !!lex.words.authorVerbs.match([tokens[k]], 0);
    if (!sentBefore) return false;
  }
  if (raw.ambiguous && prev && isCapitalized(prev) && !lex.actors.match(tokens, i - 1) && !lex.titles.match(tokens, i - 1)) {
    // "Tuấn Anh", "Minh Đức": a given name, not Britain or Germany.
    if (i - 1 > 0) return false;
  }
  return true;
}

/**
 * Mentions that are part of a larger phrase are not relation arguments: the acronym in
 * "Liên minh châu Âu (EU)" repeats its name; "(Đức)" after a city says where; "thành viên NATO"
 * names members, not NATO.
 */
function markInnerMentions(found: Found[], tokens: Token[], lex: PreparedLexicon): void {
  sortInPlace(found, byFirst);
  for (let k = 0; k < found.length; k++) {
    const f = found[k];
    const open = tokens[f.first - 1];
    const close = tokens[f.last + 1];
    if (open?.text === "(" && close?.text === ")") {
      const before = f.first - 2;
      const prev = found.find((p) => p.last === before);
      if (prev && prev.entity.key === f.entity.key) {
        // The acronym joins the name's phrase.
        f.role = "inner";
        prev.last = f.last + 1;
      } else if (!prev || prev.entity.key !== f.entity.key) {
        f.role = "inner";
      }
    }
    for (let back = 1; back <= 3; back++) {
      const s = f.first - back;
      if (s < 0) break;
      const m = lex.words.memberNouns.match(tokens, s);
      if (m && s + m.length === f.first) f.role = "inner";
    }
  }
}

/** A personal name at tokens[i]: capitalized words (particles allowed inside), not already a lexicon phrase. */
function readName(
  tokens: Token[],
  i: number,
  covered: boolean[],
  lex: PreparedLexicon,
  minWords: number,
): { first: number; last: number } | undefined {
  let k = i;
  let words = 0;
  while (k < tokens.length && !covered[k]) {
    const t = tokens[k];
    if (isCapitalized(t)) words++;
    else if (!(t.word && lex.words.nameParticles.has(t.text) && isCapitalized(tokens[k + 1]))) {
      // "Jean-Yves": a hyphen inside a name.
      if (!(t.text === "-" && words > 0 && isCapitalized(tokens[k + 1]) && tokens[k + 1].start === t.end && tokens[k - 1].end === t.start)) break;
    }
    k++;
    if (words >= 4) break;
  }
  if (words < minWords || k === i) return undefined;
  return { first: i, last: k - 1 };
}

function rememberPerson(name: string, memory: ArticleMemory): Entity {
  const words = name.split(/\s+/);
  const surname = words[words.length - 1];
  const known = memory.people.get(name) ?? (words.length === 1 ? memory.people.get(surname) : undefined);
  if (known) return known;
  const e = personEntity(name);
  memory.people.set(name, e);
  memory.firstWords.add(words[0]);
  if (words.length > 1 && !memory.people.has(surname)) {
    memory.people.set(surname, e);
    memory.firstWords.add(surname);
  }
  return e;
}

type Push = (f: Found) => Found;

function readTitle(
  at: number,
  length: number,
  title: LexiconTitle,
  tokens: Token[],
  covered: boolean[],
  found: Found[],
  foundAt: Map<number, Found>,
  lex: PreparedLexicon,
  ref: DateRef | undefined,
  memory: ArticleMemory,
  push: Push,
): void {
  let k = at + length;
  let of: Found | undefined;
  let person: Found | undefined;
  let nestedTitle = false;
  let steps = 0;
  const firstComplement = k;
  while (k < tokens.length && steps++ < 16) {
    const t = tokens[k];
    if (t.text === "(") {
      const close = tokens.findIndex((x, j) => j > k && x.text === ")");
      if (close < 0) break;
      const inside = found.find((f) => f.first > k && f.last < close && f.entity.type !== "person");
      if (inside && !of) of = inside;
      k = close + 1;
      continue;
    }
    const f = foundAt.get(k);
    if (f) {
      if (f.entity.type === "person") {
        person = f;
        break;
      }
      if (!of) of = f;
      k = f.last + 1;
      continue;
    }
    if (lex.titles.match(tokens, k)) {
      nestedTitle = true;
      // The nested title names the state or body: "Cố vấn … của Tổng thống Nga".
      const inner = found.find((x) => x.first > k && x.entity.type !== "person" && x.entity.type !== "proposal");
      if (!of && inner && inner.first - k < 6) of = inner;
      break;
    }
    if (!t.word || lex.words.titleStops.match(tokens, k)) break;
    if (isCapitalized(t) && !covered[k]) {
      const name = readName(tokens, k, covered, lex, 2);
      // A capitalized word of the title itself ("phụ trách An ninh và Chính sách đối ngoại").
      if (!name) {
        k++;
        continue;
      }
      {
        const text = tokens
          .slice(name.first, name.last + 1)
          .map((x, j, arr) => (j > 0 && arr[j - 1].end === x.start ? x.text : (j > 0 ? " " : "") + x.text))
          .join("");
        for (let j = name.first; j <= name.last; j++) covered[j] = true;
        person = push(foundOf(tokens, name.first, name.last, rememberPerson(text, memory)));
      }
      break;
    }
    k++;
  }

  const represents = (p: Found) => {
    const target = of ? of.entity : officeOf(p.entity.key, title.office, lex, ref);
    if (target && target.key !== p.entity.key) addRepresents(p, target);
  };

  if (person) {
    // The title joins the name's phrase; the state it names is part of that phrase.
    if (of) of.role = "inner";
    person.first = Math.min(person.first, at);
    represents(person);
    if (of) {
      memory.titled.set(`${title.office}|${of.entity.key}`, person.entity);
      memory.titled.set(`*|${of.entity.key}`, person.entity);
    }
    return;
  }
  // Apposition: "ông Yury Ushakov, Cố vấn chính sách đối ngoại của Tổng thống Nga".
  if (tokens[at - 1]?.text === ",") {
    const before = found.find((f) => f.last === at - 2 && f.entity.type === "person");
    if (before) {
      if (of) {
        const targets = of.entity.type === "person" ? (of.represents ?? []) : [of.entity];
        for (const t of targets) addRepresents(before, t);
      }
      return;
    }
  }
  // A bare title with its state names the holder: "Ngoại trưởng Nga" in January 2022 is Lavrov;
  // a title no one holds alone names whoever the article titled so: "Nhà lãnh đạo Pháp" after "Tổng thống Pháp Emmanuel Macron".
  if (!nestedTitle && of && of.first === firstComplement) {
    const holder = title.unique && ref ? officeHolder(lex.lexicon, title.office, of.entity.key, toIso(ref)) : undefined;
    const generic = GENERIC_OFFICES.has(title.office) ? "*" : title.office;
    const entity = holder ? actorEntity(holder) : memory.titled.get(`${generic}|${of.entity.key}`);
    if (entity) {
      of.role = "inner";
      push(foundOf(tokens, at, of.last, entity));
    }
  }
}

function addRepresents(p: Found, target: Entity): void {
  p.represents ??= [];
  if (!p.represents.some((e) => e.key === target.key)) p.represents.push(target);
}

function officeOf(personKey: string, office: string, lex: PreparedLexicon, ref: DateRef | undefined): Entity | undefined {
  const p = lex.byId.get(personKey);
  const offices = (p?.offices ?? []).filter((o) => o.office === office);
  if (offices.length === 0) return undefined;
  const date = ref ? toIso(ref) : undefined;
  const current = offices.find((o) => !date || (o.from <= date && (!o.to || o.to >= date.slice(0, o.to.length)))) ?? offices[0];
  const of = lex.byId.get(current.of);
  return of ? actorEntity(of) : undefined;
}

function readProposal(
  at: number,
  length: number,
  noun: LexiconProposalNoun,
  tokens: Token[],
  found: Found[],
  lex: PreparedLexicon,
  push: Push,
  sentence: Sentence,
): void {
  let first = at;
  while (first > 0 && (lex.words.determiners.has(lower(tokens[first - 1])) || /^\d+$/.test(tokens[first - 1].text))) first--;
  let last = at + length - 1;
  const strength = noun.strength;
  let kind = noun.kind;
  // Compounds of document nouns are one document: "dự thảo đề xuất an ninh", "thư phản hồi".
  for (;;) {
    const m = lex.words.modifiers.match(tokens, last + 1);
    if (m) {
      last += m.length;
      continue;
    }
    const n = lex.nouns.match(tokens, last + 1);
    if (n && kind !== "reply" && n.value.kind === "draft" && noun.kind === "draft") {
      last += n.length;
      continue;
    }
    if (n && kind === "letter" && n.value.kind === "reply") {
      kind = "reply";
      last += n.length;
      continue;
    }
    break;
  }
  const headEnd = last;
  const p: ProposalFound = {
    kind,
    strength,
    marked: first < at || /\b(này|đó|ấy|trên)$/u.test(sentence.text.slice(tokens[at].start - sentence.start, tokens[headEnd].end - sentence.start)),
    head: sentence.text.slice(tokens[at].start - sentence.start, tokens[headEnd].end - sentence.start),
  };
  // Used as a verb right after its actor ("Mỹ phản hồi đề xuất của Nga"): the actor made the document.
  const verbal = VERBAL_NOUNS.has(sentence.text.slice(tokens[at].start - sentence.start, tokens[at + length - 1].end - sentence.start).toLowerCase());
  const before = first === at && verbal ? found.find((f) => f.last === at - 1 && f.role === "actor" && f.entity.type !== "proposal") : undefined;
  if (before) {
    p.author = before;
    p.authorVia = "act";
  }
  // Owner: "của Nga", "của Washington", "của mình".
  else if (lower(tokens[last + 1]) === "của") {
    const owner = found.find((f) => f.first === last + 2 && f.entity.type !== "proposal");
    if (owner) {
      p.author = owner;
      p.authorVia = "owner";
      p.marked = true;
      owner.role = "inner";
      last = owner.last;
      // "phản hồi của Mỹ và NATO": co-owners are part of the phrase too, not arguments of the clause.
      for (;;) {
        const link = lower(tokens[last + 1]);
        const next = found.find((f) => f.first === last + 2 && f.entity.type !== "proposal");
        if (!next || (link !== "và" && link !== ",")) break;
        next.role = "inner";
        last = next.last;
      }
    } else {
      const two = `${lower(tokens[last + 2])} ${lower(tokens[last + 3])}`;
      if (PRONOUN_OWNERS.has(lower(tokens[last + 2])) || PRONOUN_OWNERS.has(two)) p.authorIsSubject = true;
    }
  } else {
    // Relative clause: "mà Nga đưa ra", "do ông Lavrov gửi", "đã được NATO gửi",
    // also after the document's topic: "các đề xuất về đảm bảo an ninh mà Moskva đưa ra".
    let k = last + 1;
    if (lower(tokens[k]) === "về") {
      let j = k + 1;
      while (j < tokens.length && j - k <= 8 && tokens[j].word && !isCapitalized(tokens[j]) && !lex.words.relatives.has(lower(tokens[j]))) j++;
      if (j < tokens.length && (lower(tokens[j]) === "mà" || lower(tokens[j]) === "do")) k = j;
    }
    while (k < tokens.length && lex.words.relativeSkip.has(lower(tokens[k]))) k++;
    const relStart = k;
    if (k < tokens.length && lex.words.relatives.has(lower(tokens[k]))) {
      k++;
      if (lex.words.honorifics.has(tokens[k]?.text ?? "")) k++;
      const agent = found.find((f) => f.first === k && f.entity.type !== "proposal");
      if (agent) {
        let v = agent.last + 1;
        while (v < tokens.length && lex.words.relativeSkip.has(lower(tokens[v]))) v++;
        const verb = lex.words.authorVerbs.match(tokens, v);
        if (verb) {
          p.author = agent;
          p.authorVia = "act";
          agent.role = "inner";
          // "đã được NATO gửi cho phía Nga": the phrase stays the noun; the rest is read by relate.
          if (lower(tokens[relStart]) === "mà" || lower(tokens[relStart]) === "do") last = v + verb.length - 1;
        }
      }
    }
  }
  // A reply followed by the document it answers: "thư phản hồi đề xuất an ninh của Nga".
  const f = push(foundOf(tokens, first, last, placeholderProposal(p.head), p));
  const prevProposal = found.find((x) => x.proposal && x !== f && x.last === first - 1 && x.proposal.kind === "reply");
  if (prevProposal?.proposal) prevProposal.proposal.answers = f;
  // "một phản hồi dưới dạng 'bức thư tập thể'": one document named twice.
  for (const x of found) {
    if (!x.proposal || x === f) continue;
    let k = x.last + 1;
    const ap = lex.words.apposition.match(tokens, k);
    if (!ap) continue;
    k += ap.length;
    while (k < tokens.length && !tokens[k].word) k++;
    if (k === first || k === at) p.sameAs = x;
  }
  void strength;
}

/** A document's node is decided once its author is known (relate); until then it has this placeholder. */
function placeholderProposal(head: string): Entity {
  return { key: "proposal:?", type: "proposal", label: head, label_en: "" };
}

/** Second pass: full names and surnames of people met in the article, wherever they stand. */
function addRememberedPeople(article: Article, r: RecognizedSentence, memory: ArticleMemory): void {
  if (memory.people.size === 0) return;
  const covered = new Array<boolean>(r.tokens.length).fill(false);
  for (const f of r.found) for (let k = f.first; k <= f.last; k++) covered[k] = true;
  let added = false;
  const { tokens } = r;
  const names: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (covered[i] || !memory.firstWords.has(tokens[i].text) || !isCapitalized(tokens[i])) continue;
    // The names that may start here (words not yet covered, four at most), then the longest remembered one.
    names.length = 0;
    for (let k = i; k < i + 4 && k < tokens.length && !covered[k] && tokens[k].word; k++) {
      names.push(k === i ? tokens[k].text : `${names[names.length - 1]} ${tokens[k].text}`);
    }
    for (let len = names.length; len >= 1; len--) {
      const e = memory.people.get(names[len - 1]);
      if (!e) continue;
      const last = i + len - 1;
      r.found.push(foundOf(tokens, i, last, e));
      for (let k = i; k <= last; k++) covered[k] = true;
      added = true;
      break;
    }
  }
  if (added) sortInPlace(r.found, byFirstLongest);
  void article;
}
