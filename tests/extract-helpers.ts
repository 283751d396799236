// Runs one made-up article through segment → recognize → relate, and prints what a reader checks.
import { extractArticle } from "../src/pipeline";
import { prepareLexicon } from "../src/recognize";
import { loadLexicon } from "../src/recognize/lexicon";
import { SYMMETRIC_RELATIONS, type ArticleExtraction } from "../src/types";

const lex = prepareLexicon(loadLexicon());

export function extract(text: string, date = "2022-02-12", id = "a"): ArticleExtraction {
  return extractArticle({ id, file: `${id}.txt`, text, date }, lex, undefined);
}

/** "subject relation object" by node key, sorted; symmetric ones with their ends in key order. */
export function triples(x: ArticleExtraction): string[] {
  return [
    ...new Set(
      x.relations.map((r) => {
        const [s, t] = SYMMETRIC_RELATIONS.has(r.relation) ? [r.source.key, r.target.key].sort() : [r.source.key, r.target.key];
        return `${s} ${r.relation} ${t}`;
      }),
    ),
  ].sort();
}

/** "surface=key" for every mention. */
export function mentions(x: ArticleExtraction): string[] {
  return x.mentions.map((m) => `${m.text}=${m.entity.key}`);
}
