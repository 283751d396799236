// Explorer logic without a browser: filters and counts, dates, the filtered export subgraph,
// the text cutter used for quotes and the reader, drop planning.
import { describe, expect, it } from "vitest";
import { loadFixture } from "./app-fixture";
import { dateInterval, defaultFilters, GraphModel, subgraph } from "../src/app/model";
import { cut, findWord } from "../src/app/spans";
import { planDrop } from "../src/app/drop";
import { curvatureFor, nodeSizes } from "../src/app/display";
import { hash32, seedPositions } from "../src/app/layout";

describe("GraphModel", () => {
  const g = loadFixture();
  const m = new GraphModel(g);

  it("dates edges by their evidence, falling back to the article's date", () => {
    expect(m.edgeDates.get("RUS|meets|USA")).toEqual(["2022-01-10"]);
    // represents edges carry no act date: they take their articles' dates
    expect(m.edgeDates.get("person:sergei-lavrov|represents|RUS")).toEqual(["2021-12-17", "2022-02-10"]);
    expect(m.dates).toEqual(["2021-12-17", "2022-01-10", "2022-01-26", "2022-02-10"]);
  });

  it("shows everything with the default filters", () => {
    const v = m.visibility(defaultFilters());
    expect(v.nodes.size).toBe(g.order);
    expect(v.edges.size).toBe(g.size);
  });

  it("hides a node type and the edges touching it", () => {
    const f = defaultFilters();
    f.hiddenTypes.add("person");
    const v = m.visibility(f);
    expect(v.nodes.has("person:sergei-lavrov")).toBe(false);
    expect(v.edges.has("person:sergei-lavrov|demands|org:nato")).toBe(false);
    expect(v.edges.has("USA|rejects|RUS")).toBe(true);
    const c = m.counts(v);
    expect(c.types.get("person")).toEqual([0, 4]);
    expect(c.relations.get("represents")).toEqual([1, 5]);
  });

  it("filters relations, weight, and isolated nodes", () => {
    const f = defaultFilters();
    f.hiddenRelations.add("represents");
    f.minWeight = 2;
    f.hideIsolated = true;
    const v = m.visibility(f);
    expect([...v.edges].sort()).toEqual(["USA|proposes|proposal:USA:reply:2022-01", "org:eu|proposes|proposal:EU:letter:2022-02"]);
    expect([...v.nodes].sort()).toEqual(["USA", "org:eu", "proposal:EU:letter:2022-02", "proposal:USA:reply:2022-01"]);
  });

  it("keeps edges dated in range, and undated ones only when asked", () => {
    const f = defaultFilters();
    f.dateFrom = "2022-01";
    f.dateTo = "2022-01-20";
    let v = m.visibility(f);
    expect(v.edges.has("RUS|meets|USA")).toBe(true);
    expect(v.edges.has("USA|rejects|RUS")).toBe(false);
    expect(v.edges.has("org:mfa-rus|proposes|proposal:RUS:draft:2021-12")).toBe(false);
    const g2 = loadFixture();
    g2.updateEachEdgeAttributes((_e, a) => ({ ...a, evidence: a.evidence.map((ev) => ({ ...ev, date: undefined })) }));
    g2.replaceAttributes({ articles: g2.getAttribute("articles").map((a) => ({ ...a, date: undefined })) });
    const m2 = new GraphModel(g2);
    expect(m2.visibility(f).edges.size).toBe(g2.size);
    v = m2.visibility({ ...f, includeUndated: false });
    expect(v.edges.size).toBe(0);
  });

  it("reads partial dates as the days they cover", () => {
    expect(dateInterval("2021-12")).toEqual(["2021-12-01", "2021-12-31"]);
    expect(dateInterval("2022")).toEqual(["2022-01-01", "2022-12-31"]);
    expect(dateInterval("2022-02-09")).toEqual(["2022-02-09", "2022-02-09"]);
  });

  it("indexes mentions per article in text order", () => {
    const list = m.mentionsIn("a1-draft");
    expect(list.length).toBeGreaterThan(5);
    const starts = list.map((x) => x.mention.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });

  it("makes a filtered copy with only the contract's attributes", () => {
    const work = loadFixture();
    work.updateEachNodeAttributes((_n, a) => ({ ...a, x: 1, y: 2, size: 3 }) as never);
    const f = defaultFilters();
    f.hiddenTypes.add("event");
    const sub = subgraph(work, new GraphModel(work).visibility(f));
    expect(sub.order).toBe(work.order - 1);
    expect(sub.size).toBe(work.size);
    expect(Object.keys(sub.getNodeAttributes("RUS")).sort()).toEqual(["aliases", "label", "label_en", "mentions", "type"]);
    expect(sub.getAttribute("articles")).toHaveLength(3);
    expect(sub.getEdgeAttribute("RUS|meets|USA", "symmetric")).toBe(true);
  });
});

describe("display helpers", () => {
  it("sizes nodes within bounds, biggest for the best connected", () => {
    const g = loadFixture();
    for (const by of ["degree", "pagerank"] as const) {
      const sizes = nodeSizes(g, by);
      for (const s of sizes.values()) expect(s).toBeGreaterThanOrEqual(4), expect(s).toBeLessThanOrEqual(20);
    }
    const deg = nodeSizes(g, "degree");
    expect(deg.get("RUS")).toBe(Math.max(...deg.values()));
  });

  it("spreads parallel edges symmetrically", () => {
    expect(curvatureFor(0, 1)).toBe(0);
    expect(curvatureFor(1, 1)).toBeGreaterThan(0);
    expect(curvatureFor(-1, 1)).toBe(-curvatureFor(1, 1));
  });

  it("gives the same graph the same starting positions", () => {
    const a = loadFixture();
    const b = loadFixture();
    seedPositions(a, false);
    seedPositions(b, false);
    a.forEachNode((n, attrs) => {
      const p = attrs as unknown as { x: number; y: number };
      const q = b.getNodeAttributes(n) as unknown as { x: number; y: number };
      expect([p.x, p.y]).toEqual([q.x, q.y]);
    });
    expect(hash32("RUS")).not.toBe(hash32("USA"));
  });
});

describe("cut and findWord", () => {
  it("cuts text into plain runs and marks, dropping overlaps and clipping to the window", () => {
    const text = "Nga và Mỹ gặp nhau";
    const pieces = cut(text, [
      { start: 0, end: 3, data: "RUS" },
      { start: 1, end: 5, data: "bad" },
      { start: 7, end: 9, data: "USA" },
    ]);
    expect(pieces.map((p) => [p.text, p.span?.data])).toEqual([
      ["Nga", "RUS"],
      [" và ", undefined],
      ["Mỹ", "USA"],
      [" gặp nhau", undefined],
    ]);
    expect(cut(text, [{ start: 0, end: 3, data: 1 }], 2, 9).map((p) => p.text)).toEqual(["a", " và Mỹ"]);
    expect(pieces.map((p) => p.text).join("")).toBe(text);
  });

  it("finds whole words only, ignoring case", () => {
    expect(findWord("Nga, ngà và NGA", "Nga")).toEqual([
      [0, 3],
      [12, 15],
    ]);
    expect(findWord("Ngoại", "Nga")).toEqual([]);
  });
});

describe("planDrop", () => {
  const f = (name: string, size = 10) => ({ name, size });
  it("tells graph files from articles and refuses the rest", () => {
    expect(planDrop([f("graph.json")]).kind).toBe("graph");
    expect(planDrop([f("a.txt"), f("b.html")]).kind).toBe("articles");
    expect(planDrop([f("x.pdf")])).toEqual({ kind: "error", message: "x.pdf: not a graph (.json, .gexf, .graphml) or an article (.txt, .html)." });
    expect(planDrop([f("a.gexf"), f("b.json")]).kind).toBe("error");
    expect(planDrop([f("a.gexf"), f("b.txt")]).kind).toBe("error");
    expect(planDrop([]).kind).toBe("error");
    expect(planDrop([f("big.json", 1e9)]).kind).toBe("error");
  });
});
