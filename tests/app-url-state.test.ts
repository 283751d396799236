// The view in the URL: what goes in comes back out, and junk is ignored.
import { describe, expect, it } from "vitest";
import { decodeViewState, defaultViewState, encodeViewState } from "../src/app/url-state";

describe("url state", () => {
  it("leaves the URL empty for the default view", () => {
    expect(encodeViewState(defaultViewState())).toBe("");
  });

  it("round-trips selection, filters, camera, display and reader", () => {
    const s = defaultViewState();
    s.node = "person:sergei-lavrov";
    s.filters.hiddenTypes.add("event");
    s.filters.hiddenRelations.add("represents").add("member_of");
    s.filters.dateFrom = "2021-12-17";
    s.filters.dateTo = "2022-01";
    s.filters.includeUndated = false;
    s.filters.minWeight = 2;
    s.filters.hideIsolated = true;
    s.camera = { x: 0.51234567, y: 0.25, ratio: 0.6 };
    s.sizeBy = "pagerank";
    s.lang = "en";
    s.read = { article: "a1-draft", start: 192, end: 263 };
    const back = decodeViewState(`#${encodeViewState(s)}`);
    expect(back.node).toBe(s.node);
    expect([...back.filters.hiddenTypes]).toEqual(["event"]);
    expect([...back.filters.hiddenRelations].sort()).toEqual(["member_of", "represents"]);
    expect(back.filters.dateFrom).toBe("2021-12-17");
    expect(back.filters.dateTo).toBe("2022-01");
    expect(back.filters.includeUndated).toBe(false);
    expect(back.filters.minWeight).toBe(2);
    expect(back.filters.hideIsolated).toBe(true);
    expect(back.camera).toEqual({ x: 0.5123, y: 0.25, ratio: 0.6 });
    expect(back.sizeBy).toBe("pagerank");
    expect(back.lang).toBe("en");
    expect(back.read).toEqual({ article: "a1-draft", start: 192, end: 263 });
  });

  it("keeps node keys with any characters", () => {
    const s = defaultViewState();
    s.edge = "USA|rejects|RUS";
    expect(decodeViewState(encodeViewState(s)).edge).toBe("USA|rejects|RUS");
    s.node = "proposal:RUS:draft:2021-12 & co=1#x";
    expect(decodeViewState(encodeViewState(s)).node).toBe(s.node);
  });

  it("ignores what it cannot use", () => {
    const s = decodeViewState("#from=yesterday&minw=-3&cam=1,2&size=huge&graph=javascript:alert(1)&lang=fr");
    expect(s.filters.dateFrom).toBeUndefined();
    expect(s.filters.minWeight).toBe(1);
    expect(s.camera).toBeUndefined();
    expect(s.sizeBy).toBe("degree");
    expect(s.graph).toBeUndefined();
    expect(s.lang).toBe("vi");
    expect(decodeViewState("#graph=//evil.example/g.json").graph).toBeUndefined();
    expect(decodeViewState("#graph=data/other.gexf").graph).toBe("data/other.gexf");
  });
});
