// The lexicon: actors, titles, state bodies and document nouns, read from the JSON files beside
// this module, checked, and merged with a user's extra lexicon (`--lexicon FILE`). The files are
// imported statically, so this works alike under Vite in a browser and under tsx/vitest in Node.
import { z } from "zod";
import actorsFile from "./actors.json";
import titlesFile from "./titles.json";
import bodiesFile from "./bodies.json";
import proposalsFile from "./proposals.json";
import { nameKey, slug } from "../text/normalize";
import type { Lexicon, LexiconActor, LexiconBody, LexiconOffice, LexiconProposalNoun, LexiconTitle } from "./lexicon-types";

/** A lexicon file or entry that does not hold together. The message is one line naming the file, the entry and the fault. */
export class LexiconError extends Error {
  override name = "LexiconError";
}

// ---------------------------------------------------------------- schemas

const text = z
  .string()
  .min(1, "is empty")
  .refine((s) => s === s.normalize("NFC"), "is not in Unicode NFC form (Vietnamese marks must be precomposed)")
  .refine((s) => s.trim() === s && !/\s{2}/.test(s) && !/[\n\r\t]/.test(s), "has leading, trailing, doubled or non-space whitespace");

const name = text.refine((s) => nameKey(s) !== "", "has no letters or digits");

const ISO = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

function validIso(s: string): boolean {
  const m = ISO.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), m[2] ? Number(m[2]) : 1, m[3] ? Number(m[3]) : 1];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

const isoDate = z.string().refine(validIso, "is not an ISO date (YYYY-MM-DD, or YYYY-MM / YYYY when the day is not known)");

const officeKind = z.string().regex(/^[a-z][a-z0-9_]*$/, "must be a snake_case office kind such as foreign_minister");

export const officeSchema = z.strictObject({
  office: officeKind,
  of: text,
  from: isoDate,
  to: isoDate.optional(),
  at: text.optional(),
});

const ACTOR_TYPES = ["country", "organization", "person"] as const;

const ID_FORMS: Record<(typeof ACTOR_TYPES)[number], [RegExp, string]> = {
  country: [/^[A-Z]{3}$/, "a country id must be an ISO alpha-3 code such as RUS"],
  organization: [/^[A-Za-z0-9][A-Za-z0-9_+-]*$/, "an organization id must be letters, digits, _ + - (NATO, EU_COMMISSION, RUS_MFA)"],
  person: [/^person:[a-z0-9]+(?:-[a-z0-9]+)*$/, "a person id must be person:<slug of label>"],
};

/** Ids that are built-in property names of JavaScript objects ("constructor", "__proto__"…): as node keys they break graphology's plain-object indexes. */
const RESERVED_IDS: ReadonlySet<string> = new Set([...Object.getOwnPropertyNames(Object.prototype), "prototype"]);

const actorFields = {
  id: z
    .string()
    .min(1, "is empty")
    .refine((s) => !RESERVED_IDS.has(s), "is a built-in property name of JavaScript objects, not allowed as an id"),
  type: z.enum(ACTOR_TYPES),
  label: name,
  label_en: text,
  names: z.array(name).min(1, "needs at least one name"),
  metonyms: z.array(name).optional(),
  ambiguous: z.array(name).optional(),
  excludes: z.array(name).optional(),
  offices: z.array(officeSchema).optional(),
  members: z.array(text).optional(),
};

/** One actor as actors.json holds it. */
export const actorSchema = z.strictObject(actorFields);

/** An actor in an extra lexicon: an existing id needs only what it adds; a new one needs type, label, label_en and names. */
export const extraActorSchema = z.strictObject({
  ...actorFields,
  type: actorFields.type.optional(),
  label: actorFields.label.optional(),
  label_en: actorFields.label_en.optional(),
  names: z.array(name).optional(),
});

export const titleSchema = z.strictObject({
  names: z.array(name).min(1, "needs at least one name"),
  office: officeKind,
  unique: z.boolean(),
  body: z.string().optional(),
});

export const bodySchema = z.strictObject({
  key: z.string().regex(/^[A-Z][A-Z0-9_]*$/, "must be upper-case letters, digits and _ (MFA, SECURITY_COUNCIL)"),
  names: z.array(name).min(1, "needs at least one name"),
  label_en: text,
});

export const proposalNounSchema = z.strictObject({
  names: z.array(name).min(1, "needs at least one name"),
  kind: z.enum(["draft", "reply", "letter"]),
  strength: z.enum(["strong", "weak"]),
});

/** The top level of a `--lexicon FILE`. */
export const extraLexiconSchema = z.strictObject({
  actors: z.array(z.unknown()).optional(),
  titles: z.array(z.unknown()).optional(),
  bodies: z.array(z.unknown()).optional(),
  proposalNouns: z.array(z.unknown()).optional(),
});

type ExtraActor = z.infer<typeof extraActorSchema>;

// ---------------------------------------------------------------- parsing with one-line errors

function pathText(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out;
}

function entryName(entry: unknown, index: number): string {
  const e = (entry && typeof entry === "object" ? entry : {}) as Record<string, unknown>;
  const id = e.id ?? e.key ?? (Array.isArray(e.names) ? e.names[0] : undefined);
  return `entry ${index}${typeof id === "string" ? ` (${JSON.stringify(id)})` : ""}`;
}

function fail(where: string, what: string): never {
  throw new LexiconError(`lexicon: ${where}: ${what}`.replace(/\s*\n\s*/g, " "));
}

function zodProblem(err: z.ZodError, allowed?: readonly string[]): string {
  const issue = err.issues[0];
  const at = pathText(issue.path);
  if (issue.code === "unrecognized_keys" && allowed && issue.path.length === 0)
    return `${issue.message} (expected only ${allowed.join(", ")})`;
  const more = err.issues.length > 1 ? ` (and ${err.issues.length - 1} more problem${err.issues.length > 2 ? "s" : ""})` : "";
  return `${at ? `${at}: ` : ""}${issue.message}${more}`;
}

function parseList<T>(data: unknown, schema: z.ZodObject & z.ZodType<T>, file: string): T[] {
  if (!Array.isArray(data)) fail(file, `must be a JSON array, found ${data === null ? "null" : typeof data}`);
  return data.map((entry, i) => {
    const r = schema.safeParse(entry);
    if (!r.success) fail(`${file} ${entryName(entry, i)}`, zodProblem(r.error, Object.keys(schema.shape)));
    return r.data as T;
  });
}

// ---------------------------------------------------------------- cleaning and merging

/** Drop undefined optional fields zod leaves behind, so entries look like the files. */
function tidyActor(a: ExtraActor): LexiconActor {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(a)) if (v !== undefined) out[k] = v;
  return out as unknown as LexiconActor;
}

function tidyOffice(o: LexiconOffice): LexiconOffice {
  const out: LexiconOffice = { office: o.office, of: o.of, from: o.from };
  if (o.to !== undefined) out.to = o.to;
  if (o.at !== undefined) out.at = o.at;
  return out;
}

const union = (a: string[] | undefined, b: string[] | undefined): string[] | undefined => {
  if (!b?.length) return a;
  return [...new Set([...(a ?? []), ...b])];
};

function mergeActor(base: LexiconActor, add: ExtraActor, where: string): void {
  if (add.type && add.type !== base.type) fail(where, `type "${add.type}" differs from the existing ${base.type} "${base.id}"`);
  if (add.label) base.label = add.label;
  if (add.label_en) base.label_en = add.label_en;
  base.names = union(base.names, add.names) ?? base.names;
  for (const k of ["metonyms", "ambiguous", "excludes", "members"] as const) {
    const merged = union(base[k], add[k]);
    if (merged) base[k] = merged;
  }
  if (add.offices?.length) {
    const seen = new Set((base.offices ?? []).map((o) => JSON.stringify(tidyOffice(o))));
    base.offices = [...(base.offices ?? [])];
    for (const o of add.offices) {
      const t = tidyOffice(o);
      if (!seen.has(JSON.stringify(t))) base.offices.push(t);
    }
  }
}

/** Entries whose names collide with a later entry lose those names; later (extra) entries win. */
function overrideByName<T extends { names: string[] }>(base: T[], extra: T[]): T[] {
  const key = (n: string) => nameKey(n).toLowerCase();
  const taken = new Set(extra.flatMap((e) => e.names.map(key)));
  const kept = base
    .map((e) => ({ ...e, names: e.names.filter((n) => !taken.has(key(n))) }))
    .filter((e) => e.names.length > 0);
  return [...kept, ...extra];
}

// ---------------------------------------------------------------- consistency checks

/** Does `inner` occur, as whole words, inside `outer` (both as name keys)? */
function containsWords(outer: string, inner: string): boolean {
  return ` ${outer} `.includes(` ${inner} `);
}

/** Everything that does not hold together in a lexicon, one line each (empty when all is well). */
export function lexiconProblems(lex: Lexicon): string[] {
  const problems: string[] = [];
  const byId = new Map<string, LexiconActor>();
  for (const a of lex.actors) byId.set(a.id, a);
  const bodyKeys = new Set(lex.bodies.map((b) => b.key));
  const officeKinds = new Set(lex.titles.map((t) => t.office));
  // An office may belong to a state body's node: <STATE>_<body key>.
  const knownOwner = (id: string) => {
    if (byId.has(id)) return true;
    const m = /^([A-Z]{3})_([A-Z][A-Z0-9_]*)$/.exec(id);
    return !!m && byId.get(m[1])?.type === "country" && bodyKeys.has(m[2]);
  };

  const names = new Map<string, { id: string; name: string; ambiguous: boolean }[]>();
  for (const a of lex.actors) {
    const at = `actor "${a.id}"`;
    const [idForm, idHelp] = ID_FORMS[a.type];
    if (!idForm.test(a.id)) problems.push(`${at} id: ${idHelp}`);
    if (a.type === "person" && a.id !== `person:${slug(a.label)}`)
      problems.push(`${at} id: must be person:${slug(a.label)} (person:<slug of label>)`);
    if (a.type !== "country" && a.metonyms?.length) problems.push(`${at} metonyms: only countries have metonyms`);
    if (a.type !== "person" && a.offices?.length) problems.push(`${at} offices: only people hold offices`);
    if (a.type !== "organization" && a.members?.length) problems.push(`${at} members: only organizations have members`);

    for (const [k, o] of (a.offices ?? []).entries()) {
      if (!officeKinds.has(o.office))
        problems.push(`${at} offices[${k}].office: "${o.office}" is no office kind of titles.json`);
      if (!knownOwner(o.of)) problems.push(`${at} offices[${k}].of: unknown id "${o.of}"`);
      if (o.at !== undefined && !knownOwner(o.at)) problems.push(`${at} offices[${k}].at: unknown id "${o.at}"`);
      if (o.to !== undefined && dayRange(o.to)[1] <= dayRange(o.from)[0])
        problems.push(`${at} offices[${k}]: "to" ${o.to} is not after "from" ${o.from}`);
    }
    for (const m of a.members ?? []) if (!byId.has(m)) problems.push(`${at} members: unknown id "${m}"`);

    const own = [a.label, ...a.names, ...(a.metonyms ?? [])];
    const ownKeys = own.map(nameKey);
    const amb = new Set(a.ambiguous ?? []);
    for (const n of amb) if (!own.includes(n)) problems.push(`${at} ambiguous: "${n}" is none of its names or metonyms`);
    for (const x of a.excludes ?? []) {
      const k = nameKey(x);
      if (!ownKeys.some((o) => containsWords(k, o)))
        problems.push(`${at} excludes: "${x}" contains none of its names or metonyms`);
    }
    for (const n of new Set(own)) {
      const key = nameKey(n);
      const list = names.get(key) ?? [];
      if (!list.some((e) => e.id === a.id)) list.push({ id: a.id, name: n, ambiguous: amb.has(n) });
      names.set(key, list);
    }
  }
  for (const list of names.values()) {
    if (list.length < 2 || list.every((e) => e.ambiguous)) continue;
    const who = list.map((e) => `${e.id}${e.ambiguous ? " (ambiguous)" : ""}`).join(", ");
    problems.push(`actors: name "${list[0].name}" is given to ${who}; mark it "ambiguous" in each of them or keep it in one`);
  }

  const distinct = (file: string, entries: { names: string[] }[], what: (e: unknown, i: number) => string) => {
    const seen = new Map<string, string>();
    for (const [i, e] of entries.entries())
      for (const n of e.names) {
        const k = nameKey(n).toLowerCase();
        const prev = seen.get(k);
        const here = what(e, i);
        if (prev !== undefined && prev !== here) problems.push(`${file}: "${n}" is in both ${prev} and ${here}; keep each name in one entry`);
        else seen.set(k, here);
      }
  };
  const firstName = (e: unknown) => `"${(e as { names: string[] }).names[0]}"`;
  distinct("titles", lex.titles, (e) => `title ${firstName(e)}`);
  distinct("bodies", lex.bodies, (e) => `body "${(e as LexiconBody).key}"`);
  distinct("proposalNouns", lex.proposalNouns, (e) => `noun ${firstName(e)}`);
  for (const t of lex.titles)
    if (t.body !== undefined && !bodyKeys.has(t.body)) problems.push(`title ${firstName(t)} body: unknown body key "${t.body}"`);
  const keys = new Set<string>();
  for (const b of lex.bodies) {
    if (keys.has(b.key)) problems.push(`body "${b.key}": key used twice`);
    keys.add(b.key);
  }

  return problems;
}

/** Throws when the lexicon does not hold together; `where` says which files were checked. */
function check(lex: Lexicon, where: string): void {
  const problems = lexiconProblems(lex);
  if (problems.length) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? "s" : ""})` : "";
    fail(where, problems[0] + more);
  }
}

// ---------------------------------------------------------------- loading

/** The four files, each entry checked against its schema (no cross-checks). */
export function parseLexiconFiles(): Lexicon {
  const actors = parseList(actorsFile, actorSchema, "actors.json").map(tidyActor);
  const seen = new Set<string>();
  for (const [i, a] of actors.entries()) {
    if (seen.has(a.id)) fail(`actors.json ${entryName(a, i)}`, `id "${a.id}" is used twice`);
    seen.add(a.id);
  }
  const tidy = <T extends object>(x: T): T => Object.fromEntries(Object.entries(x).filter(([, v]) => v !== undefined)) as T;
  return {
    actors,
    titles: parseList(titlesFile, titleSchema, "titles.json").map(tidy) as LexiconTitle[],
    bodies: parseList(bodiesFile, bodySchema, "bodies.json") as LexiconBody[],
    proposalNouns: parseList(proposalsFile, proposalNounSchema, "proposals.json") as LexiconProposalNoun[],
  };
}

let base: Lexicon | undefined;

/**
 * The lexicon from the files beside this module, merged with `extra` (the parsed contents of a
 * user's `--lexicon FILE`: `{actors?, titles?, bodies?, proposalNouns?}`). An extra actor whose id
 * exists adds its names, metonyms, offices… to it; titles and document nouns of the extra file win
 * over built-in entries with the same name. Throws a LexiconError with a one-line message naming
 * the file, the entry and what is wrong.
 */
export function loadLexicon(extra?: unknown, source = "extra lexicon"): Lexicon {
  if (!base) {
    const parsed = parseLexiconFiles();
    check(parsed, "actors.json/titles.json/bodies.json/proposals.json");
    base = parsed;
  }
  const lex = structuredClone(base);
  if (extra === undefined || extra === null) return lex;

  const top = extraLexiconSchema.safeParse(extra);
  if (!top.success) fail(source, zodProblem(top.error, Object.keys(extraLexiconSchema.shape)));
  const x = top.data;

  const byId = new Map(lex.actors.map((a) => [a.id, a]));
  for (const [i, raw] of (x.actors ?? []).entries()) {
    const where = `${source} actors ${entryName(raw, i)}`;
    const r = extraActorSchema.safeParse(raw);
    if (!r.success) fail(where, zodProblem(r.error, Object.keys(extraActorSchema.shape)));
    const add = r.data;
    const existing = byId.get(add.id);
    if (existing) {
      mergeActor(existing, add, where);
    } else {
      const missing = (["type", "label", "label_en", "names"] as const).filter((k) => add[k] === undefined);
      if (missing.length)
        fail(where, `"${add.id}" is a new actor (no actor has this id), so it needs type, label, label_en and names; missing: ${missing.join(", ")}`);
      const full = actorSchema.safeParse(add);
      if (!full.success) fail(where, zodProblem(full.error));
      const a = tidyActor(full.data);
      lex.actors.push(a);
      byId.set(a.id, a);
    }
  }
  const titles = parseList(x.titles ?? [], titleSchema, `${source} titles`) as LexiconTitle[];
  lex.titles = overrideByName(lex.titles, titles);
  const nouns = parseList(x.proposalNouns ?? [], proposalNounSchema, `${source} proposalNouns`) as LexiconProposalNoun[];
  lex.proposalNouns = overrideByName(lex.proposalNouns, nouns);
  const bodies = parseList(x.bodies ?? [], bodySchema, `${source} bodies`) as LexiconBody[];
  for (const b of bodies) {
    const same = lex.bodies.find((e) => e.key === b.key);
    if (same) {
      same.names = union(same.names, b.names) ?? same.names;
      same.label_en = b.label_en;
    }
  }
  lex.bodies = overrideByName(
    lex.bodies,
    bodies.filter((b) => !lex.bodies.some((e) => e.key === b.key)),
  );
  check(lex, `${source} (merged with the built-in lexicon)`);
  return lex;
}

// ---------------------------------------------------------------- look-ups

export interface NameHit {
  actor: LexiconActor;
  /** The name as the lexicon spells it. */
  name: string;
  metonym: boolean;
  ambiguous: boolean;
}

const indexes = new WeakMap<Lexicon, Map<string, NameHit[]>>();

/** Every name and metonym of every actor, by nameKey (capitals kept, tone placement and i/y unified). */
export function nameIndex(lex: Lexicon): Map<string, NameHit[]> {
  let idx = indexes.get(lex);
  if (idx) return idx;
  idx = new Map();
  for (const a of lex.actors) {
    const amb = new Set(a.ambiguous ?? []);
    const add = (n: string, metonym: boolean) => {
      const k = nameKey(n);
      const list = idx!.get(k) ?? [];
      if (!list.some((h) => h.actor === a)) list.push({ actor: a, name: n, metonym, ambiguous: amb.has(n) });
      idx!.set(k, list);
    };
    for (const n of [a.label, ...a.names]) add(n, false);
    for (const n of a.metonyms ?? []) add(n, true);
  }
  indexes.set(lex, idx);
  return idx;
}

/** The actors a surface form names ("Mátxcơva" → Russia); several when the name is ambiguous. */
export function lookupName(lex: Lexicon, surface: string): NameHit[] {
  return nameIndex(lex).get(nameKey(surface)) ?? [];
}

const DAY = 86_400_000;

/** A full or partial ISO date as a day range [first, after last), in days since 1970. */
function dayRange(iso: string): [number, number] {
  const m = ISO.exec(iso);
  if (!m) throw new LexiconError(`lexicon: "${iso}" is not an ISO date`);
  const y = Number(m[1]);
  if (!m[2]) return [Date.UTC(y, 0, 1) / DAY, Date.UTC(y + 1, 0, 1) / DAY];
  const mo = Number(m[2]) - 1;
  if (!m[3]) return [Date.UTC(y, mo, 1) / DAY, Date.UTC(y, mo + 1, 1) / DAY];
  const d = Date.UTC(y, mo, Number(m[3])) / DAY;
  return [d, d + 1];
}

/** An office's days: from its `from` to the day before a full `to`, or through the period of a partial `to`. */
function officeRange(o: LexiconOffice): [number, number] {
  const start = dayRange(o.from)[0];
  if (o.to === undefined) return [start, Infinity];
  return [start, ISO.exec(o.to)?.[3] ? dayRange(o.to)[0] : dayRange(o.to)[1]];
}

/**
 * Everyone who held `office` of `of` (optionally posted `at`) during `isoDate` (a day, a month or
 * a year), the longest-serving in that period first, then the most recently appointed.
 */
export function officeHolders(lex: Lexicon, office: string, of: string, isoDate: string, at?: string): LexiconActor[] {
  const [qs, qe] = dayRange(isoDate);
  const found: { actor: LexiconActor; overlap: number; from: number }[] = [];
  for (const a of lex.actors) {
    let best: { overlap: number; from: number } | undefined;
    for (const o of a.offices ?? []) {
      if (o.office !== office || o.of !== of || (at !== undefined && o.at !== at)) continue;
      const [os, oe] = officeRange(o);
      const overlap = Math.min(qe, oe) - Math.max(qs, os);
      if (overlap > 0 && (!best || overlap > best.overlap)) best = { overlap, from: os };
    }
    if (best) found.push({ actor: a, ...best });
  }
  found.sort((x, y) => y.overlap - x.overlap || y.from - x.from);
  return found.map((f) => f.actor);
}

/** Who held `office` of `of` at `isoDate`: "Ngoại trưởng Mỹ" on 2022-01-20 → Antony Blinken. */
export function officeHolder(lex: Lexicon, office: string, of: string, isoDate: string, at?: string): LexiconActor | undefined {
  return officeHolders(lex, office, of, isoDate, at)[0];
}
