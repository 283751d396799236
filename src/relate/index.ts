// Stage 4: typed relations with evidence, read clause by clause from recognized sentences.
// A cue (cues.json) gives the relation; its subject is the first actor group of its clause (or of
// the clause it is coordinated with), its object what follows within the cue's window. Negation,
// intentions ("sẵn sàng đối thoại") and nominal uses ("các cam kết") hold the relation back.
import type { Article, ArticleExtraction, Entity, Evidence, Mention, Relation, RelationType } from "../types";
import { SYMMETRIC_RELATIONS } from "../types";
import { lowerText, type Token } from "../text/normalize";
import { sentenceDate, type DateRef } from "../text/dates";
import { sortInPlace } from "../text/order";
import { PhraseMatcher } from "../recognize/matcher";
import { byFirst, foundOf, type Found, type RecognizedSentence } from "../recognize";
import cueData from "./cues.json";
import grammar from "./grammar.json";

interface Cue {
  relation: RelationType;
  object?: "actor" | "proposal" | "any";
  window?: number;
  symmetric?: boolean;
  inherit: boolean;
}

const phrases = (names: string[]) => {
  const m = new PhraseMatcher<true>(true);
  for (const n of names) m.add(n, true);
  return m;
};

const CUES = new PhraseMatcher<Cue>(true);
for (const r of cueData.relations) for (const c of r.cues) CUES.add(c, r as Cue);
const W = {
  hard: phrases(grammar.hardBoundaries),
  soft: phrases(grammar.softBoundaries),
  speech: phrases(grammar.speechVerbs),
  negators: phrases(grammar.negators),
  adverbs: phrases(grammar.adverbs),
  intentions: phrases(grammar.intentions),
  preventers: phrases(grammar.preventers),
  nominal: phrases(grammar.nominalizers),
  fillers: phrases(grammar.fillers),
  links: phrases(grammar.groupLinks.filter((l) => l !== "với")),
  between: phrases(grammar.between),
  intro: phrases(grammar.introPrepositions),
  recipient: phrases(grammar.recipientPrepositions),
  answer: phrases(grammar.answerPrepositions),
  memberList: phrases(grammar.membership.listWords),
  memberIs: phrases(grammar.membership.isWords),
  memberNouns: phrases(["thành viên", "nước thành viên", "quốc gia thành viên"]),
  groupAnaphora: new PhraseMatcher<"any" | "person">(true),
  send: phrases(["gửi", "chuyển", "trao", "gửi đi", "chuyển giao"]),
  receive: phrases(grammar.receiveVerbs),
  purpose: phrases(grammar.purposeBoundaries.words),
  objectStops: phrases(grammar.objectStops.words),
  notCues: phrases(grammar.notCues.words),
  denials: phrases(grammar.denials.words),
  bridges: phrases(grammar.bridges.words),
  attribution: phrases(grammar.attribution.words),
};
for (const g of grammar.groupAnaphora) for (const n of g.names) W.groupAnaphora.add(n, g.type as "any" | "person");

// In a class: esbuild turns a bare \p{…} escape into a RegExp built on every call.
const STARTS_UPPER = /^[\p{Lu}]/u;
const HONORIFICS = new Set(["ông", "bà", "ngài"]);
const INDEFINITE = new Set(["một", "hai", "ba", "2", "3"]);
const COUNTS: Record<string, number> = { hai: 2, ba: 3, "bốn": 4, "năm": 5 };
/** The last element that passes, without copying the list (it grows with the article). */
function findLast<T>(list: T[], pass: (x: T) => boolean): T | undefined {
  for (let i = list.length - 1; i >= 0; i--) if (pass(list[i])) return list[i];
  return undefined;
}

const isActor = (e: Entity) => e.type === "country" || e.type === "organization" || e.type === "person";

/** A coordinated group of mentions: "EU, NATO, Mỹ và OSCE"; units are hyphen pairs ("Nga-Mỹ"). */
interface Group {
  first: number;
  last: number;
  units: Found[][];
  /** "giữa Nga với Mỹ và NATO": the first unit meets each of the others, not they each other. */
  star?: boolean;
}

/** Every mention of a group (units.flat() is slow in V8, and this runs for every act). */
function members(g: Group): Found[] {
  if (g.units.length === 1) return g.units[0];
  const out: Found[] = [];
  for (const u of g.units) for (const f of u) out.push(f);
  return out;
}

/** What the article has said so far, for references back ("các bên này", "văn bản này"). */
interface ArticleContext {
  article: Article;
  ref: DateRef | undefined;
  groups: Array<{ sentence: number; members: Entity[] }>;
  /** People named lately, most recent last, for "hai ngoại trưởng". */
  people: Entity[];
  proposals: Array<{ entity: Entity; family: string; author: Entity }>;
}

/** Relations of one article, from its recognized sentences. Resolves documents to their nodes. */
export function relateArticle(article: Article, recognized: RecognizedSentence[], ref: DateRef | undefined): Omit<ArticleExtraction, "sentences"> {
  const ctx: ArticleContext = { article, ref, groups: [], proposals: [], people: [] };
  const relations: Relation[] = [];
  const mentions: Mention[] = [];
  for (const r of recognized) {
    const found = relateSentence(r, ctx, relations);
    for (const f of found)
      mentions.push({ article: article.id, start: f.start, end: f.end, text: article.text.slice(f.start, f.end), entity: f.entity, sentence: r.sentence.index });
  }
  inferReplyAddressees(relations);
  return { article, mentions, relations };
}

/** A cue found in a sentence: where it starts, how many tokens, what it says. */
interface CueHit {
  i: number;
  len: number;
  cue: Cue;
}

/**
 * What the phases of one sentence share. relateSentence was one long function with a dozen
 * closures: V8 spent more time compiling it (over half a second per compile, several times per
 * run, in every worker) than running it; small phases compile apart and cheaply.
 */
interface SentenceScope {
  tokens: Token[];
  index: number;
  ctx: ArticleContext;
  evidence: Evidence;
  /** The relations of this sentence, in the order they were found. */
  local: Relation[];
  emit: (source: Entity, relation: RelationType, target: Entity) => void;
  found: Found[];
  covered: boolean[];
  args: Found[];
  groups: Group[];
  segments: Segment[];
  proposalFounds: Found[];
  cueHits: CueHit[];
  /** Documents acted on by a "proposes" cue, with the group that acts. */
  proposeActs: Map<Found, Group>;
  sentDocs: Set<Found>;
  earlyRecipients: Map<Found, Entity[]>;
  resolved: Set<Found>;
  /** One document phrase, several documents: one per sender of a group. */
  ownDocs: Map<Found, Entity[]>;
}

function relateSentence(r: RecognizedSentence, ctx: ArticleContext, out: Relation[]): Found[] {
  const { tokens, sentence } = r;
  // Only the groups of the last sentences are ever read back: keep the memory short on long articles.
  if (ctx.groups.length && ctx.groups[0].sentence < sentence.index - 2) ctx.groups = ctx.groups.filter((g) => g.sentence >= sentence.index - 2);
  // Every relation joins mentions of this sentence or a group named back: without either, none.
  if (r.found.length === 0 && !tokens.some((_, i) => W.groupAnaphora.match(tokens, i))) return [];
  const s = openScope(r, ctx);
  addGroupReferences(s);
  sortInPlace(s.groups, byFirst);
  findCueHits(s);
  // Documents before the acts on them: author from the phrase, the act, or the article so far.
  findDocumentActs(s);
  resolveDocuments(s);
  relateDocuments(s);
  relateReceipts(s);
  // Titles: the person represents what the title names.
  for (const f of s.found) if (f.entity.type === "person") for (const t of f.represents ?? []) s.emit(f.entity, "represents", t);
  relateCues(s);
  relateMembership(tokens, s.found, s.groups, s.emit);
  remember(s);
  out.push(...s.local);
  const extra = [...s.ownDocs].flatMap(([f, ds]) => ds.filter((d) => d.key !== f.entity.key).map((entity) => innerAs(f, entity)));
  return [...s.found.filter((f) => isResolved(s, f) && f.entity.key !== "proposal:?"), ...extra];
}

/** f's phrase as a mention of `entity` inside it; its fields in foundOf's order (one object shape). */
function innerAs(f: Found, entity: Entity): Found {
  return { first: f.first, last: f.last, start: f.start, end: f.end, entity, role: "inner", represents: f.represents, proposal: f.proposal };
}

function openScope(r: RecognizedSentence, ctx: ArticleContext): SentenceScope {
  const { tokens, sentence, found } = r;
  const evidence: Evidence = { article: ctx.article.id, sentence: sentence.text, start: sentence.start, end: sentence.end };
  const date = sentenceDate(sentence.text, ctx.ref);
  if (date) evidence.date = date;
  const local: Relation[] = [];
  const emit = (source: Entity, relation: RelationType, target: Entity) => {
    if (source.key === target.key) return;
    local.push({ source, relation, target, evidence });
  };
  const covered = new Array<boolean>(tokens.length).fill(false);
  for (const f of found) for (let k = f.first; k <= f.last; k++) covered[k] = true;
  const args = found.filter((f) => f.role === "actor");
  const at = new Map<number, Found>();
  for (const f of args) if (!at.has(f.first)) at.set(f.first, f);
  const groups = findGroups(tokens, args, at);
  const segments = segmentClauses(tokens, groups, covered);
  return {
    tokens,
    index: sentence.index,
    ctx,
    evidence,
    local,
    emit,
    found,
    covered,
    args,
    groups,
    segments,
    proposalFounds: found.filter((f) => f.proposal),
    cueHits: [],
    proposeActs: new Map(),
    sentDocs: new Set(),
    earlyRecipients: new Map(),
    resolved: new Set(),
    ownDocs: new Map(),
  };
}

/** Group references back: "các bên", "hai nhà lãnh đạo" become a group of this sentence. */
function addGroupReferences(s: SentenceScope): void {
  const { tokens, covered, groups, ctx, index } = s;
  for (let i = 0; i < tokens.length; i++) {
    if (covered[i]) continue;
    const m = W.groupAnaphora.match(tokens, i);
    if (!m) continue;
    // Only a group of the last sentences: further back, "các bên" has moved on.
    const here = groups
      .filter((g) => g.last < i)
      .map((g) => ({ sentence: index, members: [...new Map(members(g).map((f) => [f.entity.key, f.entity])).values()].filter(isActor) }));
    // "hai bên", "ba nhà lãnh đạo": a count, when given, must fit.
    const count = COUNTS[lowerText(tokens[i])];
    const prior = [...ctx.groups, ...here]
      .filter((g) => g.members.length >= 2 && (count === undefined || g.members.length === count))
      .reverse()
      .find((g) => g.sentence >= index - 2 && (m.value === "any" || g.members.every((e) => e.type === "person")))?.members;
    const two = !prior && m.value === "person" && /^hai\b/u.test(lowerText(tokens[i])) ? ctx.people.slice(-2) : undefined;
    if (prior || (two && two.length === 2)) {
      const units = (prior ?? two!).map((e) => [foundOf(tokens, i, i + m.length - 1, e)]);
      groups.push({ first: i, last: i + m.length - 1, units });
      for (let k = i; k < i + m.length; k++) covered[k] = true;
    }
  }
}

function findCueHits(s: SentenceScope): void {
  const { tokens, covered, cueHits } = s;
  for (let i = 0; i < tokens.length; i++) {
    if (covered[i]) continue;
    const not = W.notCues.match(tokens, i);
    if (not) {
      i += not.length - 1;
      continue;
    }
    const m = CUES.match(tokens, i);
    if (m && !covered.slice(i, i + m.length).some(Boolean)) {
      cueHits.push({ i, len: m.length, cue: m.value });
      i += m.length - 1;
    }
  }
}

const groupAt = (s: SentenceScope, i: number) => s.groups.find((g) => g.first === i);
const isResolved = (s: SentenceScope, f: Found) => !f.proposal || s.resolved.has(f);
const docsOf = (s: SentenceScope, f: Found) => s.ownDocs.get(f) ?? [f.entity];

function subjectOf(s: SentenceScope, i: number, inherit: boolean): Group | undefined {
  const { tokens, groups, segments, covered } = s;
  const g = findSubject(i, tokens, groups, segments, inherit);
  // "Putin kêu gọi NATO bắt đầu đàm phán nhằm cung cấp cho Nga…": what is asked for has not happened.
  const from = g ? segmentOf(g.last, segments) : -1;
  const to = segmentOf(i, segments);
  // A purpose clause, or a bare comma, continues what was asked for; "…, nhưng kêu gọi Nga" is a new act.
  const continues = (sg: Segment) => sg.leftText === "," || W.purpose.match(tokens, sg.from - 1) || W.purpose.match(tokens, sg.from - 2);
  if (g && from !== to && segments.slice(from + 1, to + 1).some(continues))
    for (let j = g.last + 1; j < i; j++) if (!covered[j] && W.intentions.match(tokens, j)) return undefined;
  return g;
}

const objectAfter = (s: SentenceScope, end: number, window: number, accept: (e: Entity) => boolean) => findObject(end, window, s.tokens, s.groups, s.args, accept);
const isProposal = (e: Entity) => e.type === "proposal";

/** The documents a "proposes" cue acts on: who acts, which are sent, to whom before the document. */
function findDocumentActs(s: SentenceScope): void {
  const { tokens, groups, segments } = s;
  for (const h of s.cueHits) {
    if (h.cue.relation !== "proposes" || blocked(h.i, tokens, segments, false)) continue;
    const send = W.send.match(tokens, h.i);
    let obj = objectAfter(s, h.i + h.len, h.cue.window ?? 4, isProposal);
    // "trao cho Đại sứ Mỹ văn bản phản hồi": the recipient stands between verb and document.
    const prep = W.recipient.match(tokens, h.i + h.len);
    const before = prep ? groups.find((g) => g.first === skipFillers(tokens, h.i + h.len + prep.length, groups)) : undefined;
    if (!obj && send && before) {
      obj = objectAfter(s, before.last + 1, 2, isProposal);
      if (obj) for (const p of members(obj)) if (p.proposal) s.earlyRecipients.set(p, members(before).map((f) => f.entity).filter(isActor));
    }
    if (!obj) continue;
    for (const p of members(obj)) if (p.proposal && send) s.sentDocs.add(p);
    const subj = subjectOf(s, h.i, h.cue.inherit);
    if (!subj) continue;
    for (const p of members(obj)) if (p.proposal) s.proposeActs.set(p, subj);
  }
}

/** Each document phrase to its node: its author's document, one met before, or none. */
function resolveDocuments(s: SentenceScope): void {
  const { tokens, ctx, evidence, resolved, emit } = s;
  for (const f of s.proposalFounds) {
    const p = f.proposal!;
    let author: Entity | undefined = p.author?.entity;
    if (author?.type === "proposal") author = undefined;
    if (!author && p.authorIsSubject) author = firstActor(subjectOf(s, f.first, true));
    if (!author && p.sameAs?.entity.key !== "proposal:?" && p.sameAs?.entity.proposal) author = p.sameAs.entity.proposal.authorEntity;
    const act = s.proposeActs.get(f);
    if (!author && act) author = firstActor(act);
    const family = p.kind === "draft" ? "draft" : "letter";
    // "văn bản của Washington" after "thư phản hồi" of the US: a weak noun names the owner's document already met.
    const owned = p.strength === "weak" && author ? findLast(ctx.proposals, (x) => x.author.key === author!.key) : undefined;
    if (owned) {
      f.entity = owned.entity;
      resolved.add(f);
      if (p.author && isActor(p.author.entity)) emit(p.author.entity, "proposes", f.entity);
      continue;
    }
    // A weak noun ("thư", "văn bản") names a document only when marked or acted on ("gửi thư"), and
    // "các văn kiện của OSCE" is no document put to anyone unless the article spoke of one.
    if (p.strength === "weak" && !p.marked && !act && !p.author && !W.send.match(tokens, f.last + 1)) continue;
    if (p.strength === "weak" && p.authorVia === "owner" && !act) continue;
    if (!author) {
      // "một bức thư chung" is a new document; a definite one is the one the article spoke of last
      // (of the same family for strong nouns).
      if (INDEFINITE.has(lowerText(tokens[f.first]))) continue;
      const prior = findLast(ctx.proposals, (x) => p.strength === "weak" || x.family === family);
      if (!prior) continue;
      f.entity = prior.entity;
    } else {
      // Only the act of the clause dates a document: in "Ngày 26/1, NATO đáp lại các đề xuất mà Moskva
      // đưa ra", the date is NATO's, not Moscow's.
      const dated = !!act;
      f.entity = proposalEntity(author, family, p.head, dated ? evidence.date : undefined);
      // "Washington và NATO lần lượt chuyển văn bản phản hồi": each state or body of the group sends its own.
      const senders = !p.author && act ? [...new Map(members(act).map((m) => [m.entity.key, m.entity])).values()] : [];
      if (senders.length >= 2 && senders.every((e) => e.type === "country" || e.type === "organization"))
        s.ownDocs.set(f, senders.map((e) => proposalEntity(e, family, p.head, dated ? evidence.date : undefined)));
    }
    resolved.add(f);
    ctx.proposals.push({ entity: f.entity, family, author: f.entity.proposal!.authorEntity });
    // The phrase's own author: "của Nga", "do ông Lavrov gửi" (a document "of" an actor was put forward by it).
    if (p.author && isActor(p.author.entity)) emit(p.author.entity, "proposes", f.entity);
  }
  for (const f of s.proposalFounds) {
    const p = f.proposal!;
    if (p.sameAs && !resolved.has(f) && resolved.has(p.sameAs)) {
      f.entity = p.sameAs.entity;
      resolved.add(f);
    }
  }
}

/** Who proposed each document, whom it is sent to, and which document a reply answers. */
function relateDocuments(s: SentenceScope): void {
  const { tokens, groups, segments, covered, ownDocs, proposalFounds, emit } = s;
  for (const [p, subj] of s.proposeActs)
    if (isResolved(s, p))
      for (const a of members(subj))
        if (isActor(a.entity)) for (const d of docsOf(s, p)) if (!ownDocs.has(p) || d.proposal?.authorEntity.key === a.entity.key) emit(a.entity, "proposes", d);

  for (const f of proposalFounds) {
    if (!isResolved(s, f)) continue;
    const p = f.proposal!;
    const recipients = [...recipientsOf(f, tokens, groups, covered, s.sentDocs.has(f)), ...(s.earlyRecipients.get(f) ?? [])];
    for (const rec of recipients) for (const d of docsOf(s, f)) emit(d, "addressed_to", rec);
    const isReply = p.kind === "reply" || p.sameAs?.proposal?.kind === "reply";
    if (!isReply) continue;
    // "thư phản hồi đề xuất an ninh của Nga", "… đối với các bức thư do ông Lavrov gửi",
    // "văn bản phản hồi tới Moskva về các đề xuất …"
    const seg = segmentOf(f.last, segments);
    const after = skipTo(tokens, f.last + 1, W.answer);
    const target =
      p.answers ??
      p.sameAs?.proposal?.answers ??
      proposalFounds.find((x) => x.first === after && x !== f) ??
      proposalFounds.find((x) => x !== f && x.first > f.last && segmentOf(x.first, segments) === seg && matchEndingAt(W.answer, tokens, x.first - 1));
    if (!target) continue;
    // A reply sent to X answers X's document, when the article does not say whose it was.
    if (!isResolved(s, target) && recipients.length > 0 && target.proposal) {
      const family = target.proposal.kind === "draft" ? "draft" : "letter";
      target.entity = proposalEntity(recipients[0], family, target.proposal.head, undefined);
      s.resolved.add(target);
      s.ctx.proposals.push({ entity: target.entity, family, author: recipients[0] });
    }
    if (isResolved(s, target)) for (const d of docsOf(s, f)) emit(d, "responds_to", target.entity);
  }
}

/** "Nga đã nhận được phản hồi của Mỹ": a document received is addressed to its receiver. */
function relateReceipts(s: SentenceScope): void {
  const { tokens, covered, segments } = s;
  for (let i = 0; i < tokens.length; i++) {
    const rv = covered[i] ? undefined : W.receive.match(tokens, i);
    if (!rv || blocked(i, tokens, segments, false)) continue;
    const obj = objectAfter(s, i + rv.length, 3, isProposal);
    const subj = subjectOf(s, i, true);
    if (obj && subj)
      for (const p of members(obj)) if (isResolved(s, p)) for (const a of members(subj)) if (isActor(a.entity)) s.emit(p.entity, "addressed_to", a.entity);
    i += rv.length - 1;
  }
}

/** The relations of the cues other than "proposes" (done with the documents). */
function relateCues(s: SentenceScope): void {
  const { tokens, segments, proposalFounds, emit } = s;
  for (const h of s.cueHits) {
    const { cue } = h;
    if (cue.relation === "proposes") continue;
    const sym = cue.symmetric ?? SYMMETRIC_RELATIONS.has(cue.relation);
    if (blocked(h.i, tokens, segments, sym)) continue;
    if (sym && isSetting(h.i, tokens, segments)) continue;
    if (sym) {
      relateSymmetric(h, s);
      continue;
    }
    // Verbal relations only: "các cam kết" is a noun.
    if (isNominal(h.i, tokens)) continue;
    const accept = (e: Entity) =>
      cue.object === "proposal" ? e.type === "proposal" : cue.object === "actor" ? isActor(e) : true;
    const obj = objectAfter(s, h.i + h.len, cue.window ?? 3, accept);
    if (!obj) continue;
    if (cue.relation === "responds_to") {
      // "một bức thư chung …, đáp lại các bức thư mà Ngoại trưởng Nga gửi": a document answers a document.
      const doc = [...proposalFounds].reverse().find((p) => p.last < h.i && isResolved(s, p) && segmentOf(h.i, segments) - segmentOf(p.last, segments) <= 1);
      if (doc) for (const o of members(obj)) if (o.proposal && isResolved(s, o) && o !== doc) emit(doc.entity, "responds_to", o.entity);
      continue;
    }
    const subj = subjectOf(s, h.i, cue.inherit);
    if (!subj) continue;
    for (const a of members(subj).map((x) => actorOf(x.entity)).filter(Boolean) as Entity[]) {
      for (const o of members(obj)) if (isResolved(s, o)) emit(a, cue.relation, o.entity);
    }
  }
}

/** Groups of several actors for a later "các bên", and the people named, most recent last. */
function remember(s: SentenceScope): void {
  const { ctx, index } = s;
  for (const g of s.groups) {
    const all = members(g);
    // Most groups are one mention: too few for a group, whatever its members are.
    if (all.length < 2) continue;
    const ents = all.map((x) => x.entity).filter(isActor);
    const uniq = [...new Map(ents.map((e) => [e.key, e])).values()];
    // A part of a group already remembered for this sentence (the guests of a meeting) adds nothing.
    const within = ctx.groups.some((x) => x.sentence === index && uniq.every((e) => x.members.some((m) => m.key === e.key)));
    if (uniq.length >= 2 && !within) ctx.groups.push({ sentence: index, members: uniq });
  }
  for (const f of s.found)
    if (f.entity.type === "person") {
      ctx.people = ctx.people.filter((p) => p.key !== f.entity.key);
      ctx.people.push(f.entity);
    }
}

/** The node of a document: its author and family; the build stage splits it by date. */
function proposalEntity(author: Entity, family: string, head: string, date: string | undefined): Entity {
  // A ministry's document is its state's: "Bộ Ngoại giao Nga đưa ra dự thảo" and "đề xuất của Nga" are one.
  const identity = /^[A-Z]{3}_[A-Z0-9]+$/.test(author.key) ? author.key.split("_")[0] : author.key;
  return {
    key: `proposal:${identity}:${family}`,
    type: "proposal",
    label: head,
    label_en: "",
    proposal: { author: identity, authorEntity: author, family, head, date },
  };
}

function actorOf(e: Entity): Entity | undefined {
  if (isActor(e)) return e;
  if (e.type === "proposal") return e.proposal?.authorEntity;
  return undefined;
}

function firstActor(g: Group | undefined): Entity | undefined {
  if (!g) return undefined;
  for (const f of members(g)) {
    const a = actorOf(f.entity);
    if (a) return a;
  }
  return undefined;
}

/** Maximal coordinated groups of argument mentions. */
function findGroups(tokens: Token[], args: Found[], at: Map<number, Found>): Group[] {
  const groups: Group[] = [];
  const sorted = sortInPlace(args.slice(), byFirst);
  const used = new Set<Found>();
  const isDoc = (f: Found) => f.entity.type === "proposal";
  for (const f of sorted) {
    if (used.has(f)) continue;
    const g: Group = { first: f.first, last: f.last, units: [[f]] };
    used.add(f);
    // Where each unit after the first was joined, to undo a list of bare commas.
    const joins: Array<{ comma: boolean; last: number; used: Found }> = [];
    for (;;) {
      let k = g.last + 1;
      const hyphen = tokens[k] && (tokens[k].text === "-" || tokens[k].text === "–") && tokens[k].start === tokens[k - 1].end;
      const link = W.links.match(tokens, k);
      if (!link) break;
      k += link.length;
      // "ông Blinken và ông Lavrov": an honorific may stand before the next name.
      if (HONORIFICS.has(lowerText(tokens[k])) && at.has(k + 1)) k++;
      // "và các đối tác" etc.: a link must be followed by an argument at once; documents and actors make no list.
      const next = at.get(k);
      if (!next || used.has(next) || isDoc(next) !== isDoc(f)) break;
      joins.push({ comma: tokens[g.last + 1].text === ",", last: g.last, used: next });
      if (hyphen) g.units[g.units.length - 1].push(next);
      else g.units.push([next]);
      used.add(next);
      g.last = next.last;
    }
    // "A, B và C" is a list; "… với ông Putin, Điện Kremlin nói" is two clauses. Bare commas make a
    // list only where a clause begins ("Mỹ, NATO trao phản hồi" in a headline).
    const opensClause = f.first === 0 || !tokens[f.first - 1].word;
    while (joins.length > 0 && joins[joins.length - 1].comma && !opensClause && !joins.some((j) => !j.comma)) {
      const j = joins.pop()!;
      used.delete(j.used);
      g.units.pop();
      g.last = j.last;
    }
    groups.push(g);
  }
  return groups;
}

interface Segment {
  from: number;
  to: number;
  /** What bounds it on the left. */
  left: "start" | "hard" | "soft" | "speech";
  /** The boundary's own text: a comma lists, a conjunction ("để", "đồng thời") continues the clause. */
  leftText: string;
}

/** Clauses: split at boundaries that are not inside an actor group. */
function segmentClauses(tokens: Token[], groups: Group[], covered: boolean[]): Segment[] {
  const inGroup = new Array<boolean>(tokens.length).fill(false);
  for (const g of groups) for (let k = g.first; k <= g.last; k++) inGroup[k] = true;
  const segs: Segment[] = [];
  let from = 0;
  let left: Segment["left"] = "start";
  let leftText = "";
  for (let i = 0; i < tokens.length; i++) {
    if (inGroup[i] || (covered[i] && tokens[i].word)) continue;
    let kind: Segment["left"] | undefined;
    let len = 1;
    const hard = W.hard.match(tokens, i);
    const speech = W.speech.match(tokens, i);
    const soft = W.soft.match(tokens, i);
    if (hard) [kind, len] = ["hard", hard.length];
    else if (speech) [kind, len] = ["speech", speech.length];
    else if (soft) [kind, len] = ["soft", soft.length];
    if (!kind) continue;
    if (i > from) segs.push({ from, to: i - 1, left, leftText });
    from = i + len;
    left = kind;
    leftText = tokens[i].text.toLowerCase();
    i += len - 1;
  }
  if (from < tokens.length) segs.push({ from, to: tokens.length - 1, left, leftText });
  return segs;
}

const segmentOf = (i: number, segs: Segment[]) => segs.findIndex((s) => i >= s.from && i <= s.to);

/**
 * The subject of a cue: the first actor group of its clause before it; failing that, of the clause
 * before, across commas, conjunctions and speech verbs but not across "rằng", ":" or quotes.
 * A clause opened by "Trong cuộc điện đàm …," takes the subject of the clause after it.
 */
function findSubject(i: number, tokens: Token[], groups: Group[], segs: Segment[], inherit: boolean): Group | undefined {
  let s = segmentOf(i, segs);
  if (s < 0) return undefined;
  const seg = segs[s];
  // "Theo Bộ Ngoại giao Mỹ, …": a source, not a subject.
  groups = groups.filter((g) => !matchEndingAt(W.attribution, tokens, g.first - 1));
  // An actor right before the verb is its subject ("A cáo buộc B phớt lờ …" → B); otherwise the clause's first.
  let j = i - 1;
  while (j >= seg.from && (W.adverbs.match(tokens, j) || W.negators.match(tokens, j))) j--;
  // Not a recipient: "Dự thảo gửi Washington đề nghị …" is the draft's demand, not Washington's.
  const near = groups.find((g) => g.last === j && g.first >= seg.from && !matchEndingAt(W.send, tokens, g.first - 1) && !matchEndingAt(W.recipient, tokens, g.first - 1));
  if (near) return near;
  const own = groups.find((g) => g.first >= seg.from && g.last < i);
  if (own) return own;
  // Passive agent: "bị Nga bỏ qua", "được NATO gửi".
  if (W.intro.match(tokens, seg.from) && /cuộc$/.test(lowerText(tokens[i - 1]))) {
    const next = segs[s + 1];
    if (next) {
      const g = groups.find((x) => x.first >= next.from && x.first <= next.to);
      if (g) return g;
    }
  }
  if (!inherit) return undefined;
  while (segs[s].left !== "hard" && segs[s].left !== "start" && s > 0) {
    // "X cho biết các đồng minh NATO không chấp nhận …": the complement has a subject of its own.
    if (segs[s].left === "speech" && s === segmentOf(i, segs) && !shortComplement(segs[s].from, i, tokens, groups)) return undefined;
    s--;
    const prev = segs[s];
    // Only a group in subject position: "… sẵn sàng đối thoại trong khuôn khổ OSCE, nhưng kêu gọi Nga" is not OSCE's call.
    const g = groups.find((x) => x.first >= prev.from && x.last <= prev.to);
    if (g && atClauseStart(g, prev, tokens)) return g;
  }
  return undefined;
}

/** Past fillers ("quan chức các nước"), stopping where a group begins ("nước Anh" is a name). */
function skipFillers(tokens: Token[], j: number, groups: Group[]): number {
  for (;;) {
    if (groups.some((g) => g.first === j)) return j;
    const f = W.fillers.match(tokens, j);
    if (!f) return j;
    j += f.length;
  }
}

/** A group opens its clause when only fillers, adverbs or honorifics stand before it. */
function atClauseStart(g: Group, seg: Segment, tokens: Token[]): boolean {
  let k = seg.from;
  while (k < g.first) {
    const m = W.fillers.match(tokens, k) ?? W.adverbs.match(tokens, k);
    if (!m) return false;
    k += m.length;
  }
  return true;
}

/** A speech verb's complement with no subject of its own: a few lower-case words, no names. */
function shortComplement(from: number, to: number, tokens: Token[], groups: Group[]): boolean {
  if (to - from > 4) return false;
  for (let k = from; k < to; k++) if (STARTS_UPPER.test(tokens[k].text) || groups.some((g) => g.first === k)) return false;
  return true;
}

/** The object: the first group after the cue, with at most `window` other tokens between (fillers are free). */
function findObject(
  end: number,
  window: number,
  tokens: Token[],
  groups: Group[],
  args: Found[],
  accept: (e: Entity) => boolean,
): Group | undefined {
  let k = end;
  let spent = 0;
  while (k < tokens.length) {
    const g = groups.find((x) => x.first === k);
    if (g) {
      const units = g.units.map((u) => u.filter((f) => accept(f.entity))).filter((u) => u.length > 0);
      if (units.length > 0) return { ...g, units };
      return undefined;
    }
    const lone = args.find((f) => f.first === k && f.entity.type === "proposal");
    if (lone && accept(lone.entity)) return { first: lone.first, last: lone.last, units: [[lone]] };
    const t = tokens[k];
    if (W.hard.match(tokens, k) || W.soft.match(tokens, k) || W.objectStops.match(tokens, k) || t.text === "." || t.text === "?") return undefined;
    const filler = W.fillers.match(tokens, k);
    if (filler) {
      k += filler.length;
      continue;
    }
    if (!t.word && /^['"‘’“”«»]$/.test(t.text)) {
      k++;
      continue;
    }
    if (++spent > window) return undefined;
    k++;
  }
  return undefined;
}

/** A negation just before the cue, an intention anywhere before it in the clause, or a preventer. */
function blocked(i: number, tokens: Token[], segs: Segment[], symmetric: boolean): boolean {
  const s = segmentOf(i, segs);
  const from = s >= 0 ? segs[s].from : 0;
  let k = i - 1;
  let steps = 0;
  while (k >= from && steps < 5) {
    const neg = matchEndingAt(W.negators, tokens, k);
    if (neg) return true;
    k--;
    steps++;
  }
  for (let j = from; j < i; j++) {
    if (W.preventers.match(tokens, j)) return true;
    if (symmetric && W.intentions.match(tokens, j)) return true;
  }
  // "phủ nhận thông tin cho rằng A và B đã đạt được thỏa thuận": what is denied did not happen.
  for (let j = Math.max(0, i - 14); j < i; j++) if (W.denials.match(tokens, j)) return true;
  // A bare passive ("sẽ bị phớt lờ") has no agent to relate.
  const prev = lowerText(tokens[i - 1]);
  if (prev === "bị" || prev === "được") return true;
  return false;
}

function matchEndingAt(m: PhraseMatcher<true>, tokens: Token[], end: number): boolean {
  for (let len = 1; len <= 3; len++) {
    const s = end - len + 1;
    if (s < 0) break;
    const hit = m.match(tokens, s);
    if (hit && hit.length === len) return true;
  }
  return false;
}

/** "… trong các cuộc thảo luận với Nga": talks named as a setting mid-clause are not an act of the clause's subject. */
function isSetting(i: number, tokens: Token[], segs: Segment[]): boolean {
  let k = i - 1;
  if (lowerText(tokens[k]) !== "cuộc") return false;
  k--;
  if (lowerText(tokens[k]) === "các" || lowerText(tokens[k]) === "những") k--;
  const s = segmentOf(i, segs);
  return k >= 0 && !!W.intro.match(tokens, k) && s >= 0 && k > segs[s].from;
}

function isNominal(i: number, tokens: Token[]): boolean {
  return matchEndingAt(W.nominal, tokens, i - 1);
}

/** The index after an optional preposition from `preps` (skipping quotes), if one stands at k. */
function skipTo(tokens: Token[], k: number, preps: PhraseMatcher<true>): number | undefined {
  while (k < tokens.length && !tokens[k].word && /^['"‘’“”«»]$/.test(tokens[k].text)) k++;
  const p = preps.match(tokens, k);
  if (!p) return undefined;
  return k + p.length;
}

/** "bản đề xuất gửi Mỹ và NATO", "bức thư gửi cho Ngoại trưởng Nga", "được NATO gửi cho phía Nga", "gửi … tới Mỹ". */
function recipientsOf(f: Found, tokens: Token[], groups: Group[], covered: boolean[], sentBefore: boolean): Entity[] {
  let k = f.last + 1;
  let sent = sentBefore || matchEndingAt(W.send, tokens, f.last);
  let spent = 0;
  while (k < tokens.length && spent < 8) {
    const t = tokens[k];
    if (!t.word && t.text !== "'" && t.text !== "\u2019" && t.text !== "\"") break;
    const g = groups.find((x) => x.first === k);
    if (g) {
      if (!sent) return [];
      return members(g).map((x) => x.entity).filter(isActor);
    }
    if (covered[k] && t.word) {
      // An agent inside "được NATO gửi" was read by recognize; step over it.
      k++;
      continue;
    }
    const send = W.send.match(tokens, k);
    if (send) {
      sent = true;
      k += send.length;
      const prep = W.recipient.match(tokens, k);
      if (prep) k += prep.length;
      continue;
    }
    const prep = W.recipient.match(tokens, k);
    if (prep && sent) {
      k += prep.length;
      continue;
    }
    k++;
    spent++;
  }
  return [];
}

function relateSymmetric(h: CueHit, s: SentenceScope): void {
  const { tokens, groups, segments: segs, emit, ctx, index: sentenceIndex } = s;
  const rel = h.cue.relation;
  const pairs = (a: Entity[], b: Entity[]) => {
    for (const x of a) for (const y of b) if (isActor(x) && isActor(y)) emit(x, rel, y);
    // The parties of a talk are a group later sentences can name ("Ba nhà lãnh đạo nhất trí").
    const all = [...new Map([...a, ...b].filter(isActor).map((e) => [e.key, e])).values()];
    if (all.length >= 2) ctx.groups.push({ sentence: sentenceIndex, members: all });
  };
  const all = (ents: Entity[]) => {
    for (let x = 0; x < ents.length; x++) for (let y = x + 1; y < ents.length; y++) pairs([ents[x]], [ents[y]]);
  };
  const entities = (g: Group) => [...new Map(members(g).map((f) => actorOf(f.entity)).filter((e): e is Entity => !!e).map((e) => [e.key, e])).values()];
  // A document is a party only as the subject ("phản ứng của EU … với sự tham vấn của Mỹ" is EU's act).
  const parties = (g: Group) => members(g).map((f) => f.entity).filter(isActor);

  // Look right for "giữa A và B" or "với B" within a few words.
  let k = h.i + h.len;
  let spent = 0;
  while (k < tokens.length && spent <= 4) {
    const btw = W.between.match(tokens, k);
    if (btw) {
      let j = k + btw.length;
      j = skipFillers(tokens, j, groups);
      const g = groupBetween(j, tokens, groups);
      if (!g) return;
      if (g.star) pairs(parties({ ...g, units: [g.units[0]] }), parties({ ...g, units: g.units.slice(1) }));
      else if (g.units.some((u) => u.length > 1)) for (const u of g.units) all(parties({ ...g, units: [u] }));
      else all(parties(g));
      return;
    }
    const bridge = W.bridges.match(tokens, k);
    if (bridge || (lowerText(tokens[k]) === "của" && /^sự$/i.test(tokens[h.i - 1]?.text ?? ""))) {
      let j = k + (bridge?.length ?? 1);
      j = skipFillers(tokens, j, groups);
      const g = groupAt(s, j);
      const subj = subjectOf(s, h.i, h.cue.inherit);
      if (g && subj) pairs(entities(subj), parties(g));
      return;
    }
    const g = spent === 0 ? groupAt(s, k) : undefined;
    if (g) {
      // "Mỹ gặp Nga", "… để gặp Ngoại trưởng Nga": subject and object; "…, đàm phán Nga và NATO": the parties follow the noun.
      const seg = segs[segmentOf(h.i, segs)];
      const listed = lowerText(tokens[h.i - 1]) === "cuộc" || (seg && seg.from === h.i && /^[,:;]?$/.test(seg.leftText));
      const subj = listed ? undefined : subjectOf(s, h.i, h.cue.inherit);
      if (subj) pairs(entities(subj), parties(g));
      else all(parties(g));
      return;
    }
    if (W.hard.match(tokens, k) || W.soft.match(tokens, k) || !tokens[k].word) break;
    if (!W.fillers.match(tokens, k)) spent++;
    k++;
  }
  // No parties after the cue: the subject group acts together ("A và B nhất trí").
  const subj = subjectOf(s, h.i, h.cue.inherit);
  if (subj) all(entities(subj));
}

/** The group after "giữa", reading "với" as a link too and noting the star shape it makes. */
function groupBetween(j: number, tokens: Token[], groups: Group[]): Group | undefined {
  const g = groups.find((x) => x.first === j);
  if (!g) return undefined;
  const next = tokens[g.last + 1];
  if (lowerText(next) === "với") {
    const rest = groups.find((x) => x.first === g.last + 2);
    if (rest) return { first: g.first, last: rest.last, units: [...g.units, ...rest.units], star: true };
  }
  return g;
}

/** "các nước thành viên NATO như Ba Lan", "Ba Lan, thành viên của NATO", "Ba Lan là thành viên NATO". */
function relateMembership(tokens: Token[], found: Found[], groups: Group[], emit: SentenceScope["emit"]): void {
  for (let i = 0; i < tokens.length; i++) {
    const m = W.memberNouns.match(tokens, i);
    if (!m) continue;
    let k = i + m.length;
    if (lowerText(tokens[k]) === "của") k++;
    const org = found.find((f) => f.first === k && f.entity.type === "organization");
    if (!org) continue;
    // "thành viên của EU và NATO": every organization of the list.
    const orgs = [org];
    let end = org.last;
    for (;;) {
      const link = W.links.match(tokens, end + 1);
      const next = link ? found.find((f) => f.first === end + 1 + link.length && f.entity.type === "organization") : undefined;
      if (!next) break;
      orgs.push(next);
      end = next.last;
    }
    // Members listed after: "như Ba Lan, Litva", ", trong đó có Mỹ, Anh và Ba Lan".
    let l = end + 1;
    if (tokens[l]?.text === ",") l++;
    const list = W.memberList.match(tokens, l);
    if (list || l > end + 1) {
      const g = groups.find((x) => x.first === l + (list?.length ?? 0));
      if (g) emitMembers(g, orgs, emit);
    }
    // Member named before: "Ba Lan, (một) nước thành viên NATO" / "Ba Lan là thành viên của NATO".
    let b = i - 1;
    if (lowerText(tokens[b]) === "một") b--;
    if (lowerText(tokens[b]) === "các") continue;
    let before = tokens[b]?.text === "," ? b - 1 : W.memberIs.match(tokens, b) ? b - 1 : undefined;
    if (before === undefined) continue;
    // "Nga và Belarus đều là thành viên …"
    while (before > 0 && W.adverbs.match(tokens, before)) before--;
    const g = groups.find((x) => x.last === before);
    if (g) emitMembers(g, orgs, emit);
  }
}

/** Each country of the group is a member of each organization. */
function emitMembers(g: Group, orgs: Found[], emit: SentenceScope["emit"]): void {
  for (const c of members(g)) if (c.entity.type === "country") for (const o of orgs) emit(c.entity, "member_of", o.entity);
}

/** A reply answers a document of X: unless the article names its addressee, it is addressed to X. */
function inferReplyAddressees(relations: Relation[]): void {
  const addressed = new Set(relations.filter((r) => r.relation === "addressed_to").map((r) => r.source.key));
  for (const r of [...relations]) {
    if (r.relation !== "responds_to" || addressed.has(r.source.key)) continue;
    const author = r.target.proposal?.authorEntity;
    if (author && author.key !== r.source.proposal?.authorEntity.key)
      relations.push({ source: r.source, relation: "addressed_to", target: author, evidence: r.evidence });
  }
}
