// Search over node names, English names and aliases: diacritic-insensitive (đ → d), prefix and
// lightly fuzzy. Pure (no DOM) so it is unit-tested; search-box.ts is the UI around it.
import MiniSearch from "minisearch";
import type { KnowledgeGraph } from "../graph";
import { foldDiacritics } from "../text/normalize";
import { drain, runAll } from "./tasks";

export interface SearchHit {
  node: string;
  label: string;
  label_en: string;
  type: string;
  /** The alias that matched, when it is not the label itself. */
  via?: string;
  score: number;
}

interface Doc {
  id: string;
  label: string;
  label_en: string;
  aliases: string;
  key: string;
  type: string;
}

const fold = (s: string) => foldDiacritics(s);

export class NodeSearch {
  private index: MiniSearch<Doc>;
  private docs = new Map<string, Doc & { aliasList: string[] }>();

  /** Builds at once; `NodeSearch.create` builds in slices for large graphs. */
  constructor(graph: KnowledgeGraph, deferred = false) {
    this.index = new MiniSearch<Doc>({
      fields: ["label", "label_en", "aliases", "key"],
      storeFields: [],
      processTerm: (term) => {
        const t = fold(term);
        return t.length ? t : null;
      },
      searchOptions: {
        boost: { label: 3, label_en: 2, aliases: 2, key: 1 },
        prefix: true,
        fuzzy: (term) => (term.length >= 5 ? 0.2 : false),
      },
    });
    if (!deferred) runAll(this.build(graph));
  }

  /** The index of a large graph, built a few milliseconds at a time; undefined when cancelled. */
  static async create(graph: KnowledgeGraph, cancelled?: () => boolean): Promise<NodeSearch | undefined> {
    const s = new NodeSearch(graph, true);
    return (await drain(s.build(graph), cancelled)) ? s : undefined;
  }

  private *build(graph: KnowledgeGraph): Generator<void, true> {
    let i = 0;
    for (const { node, attributes: a } of graph.nodeEntries()) {
      const aliasList = (Array.isArray(a.aliases) ? a.aliases : []).filter((x): x is string => typeof x === "string");
      const doc = {
        id: node,
        label: String(a.label ?? node),
        label_en: String(a.label_en ?? ""),
        aliases: aliasList.join(" ; "),
        key: node.replace(/[:|_-]+/g, " "),
        type: String(a.type ?? ""),
      };
      this.index.add(doc);
      this.docs.set(node, { ...doc, aliasList });
      if (++i % 32 === 0) yield;
    }
    return true;
  }

  search(query: string, limit = 12): SearchHit[] {
    const q = query.trim();
    if (!q) return [];
    let results = this.index.search(q, { combineWith: "AND" });
    if (results.length === 0) results = this.index.search(q, { combineWith: "OR" });
    const fq = fold(q);
    return results.slice(0, limit).map((r) => {
      const d = this.docs.get(String(r.id))!;
      const hit: SearchHit = { node: d.id, label: d.label, label_en: d.label_en, type: d.type, score: r.score };
      // Name the alias that matched when the label itself does not contain the query.
      if (!fold(d.label).includes(fq) && !fold(d.label_en).includes(fq)) {
        const terms = fq.split(" ");
        const alias = d.aliasList.find((al) => fold(al).includes(fq)) ?? d.aliasList.find((al) => terms.every((t) => fold(al).includes(t)));
        if (alias) hit.via = alias;
      }
      return hit;
    });
  }
}
