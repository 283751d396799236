import { describe, expect, it } from "vitest";
import { foldDiacritics, nameKey, slug, tokenize } from "../src/text/normalize";
import { findDates, sentenceDate, parseIso } from "../src/text/dates";
import { sortedUnique, sortInPlace } from "../src/text/order";

describe("name keys unify tone-mark placement and i/y, and nothing else", () => {
  it.each([
    ["thỏa thuận", "thoả thuận", true],
    ["hòa bình", "hoà bình", true],
    ["Thụy Sĩ", "Thụy Sỹ", true],
    ["Thụy Sĩ", "Thuỵ Sĩ", true],
    ["lí do", "lý do", true],
    ["Mĩ", "Mỹ", true],
    ["Anh", "ảnh", false],
    ["Mỹ", "mỹ", false],
    ["Nga", "ngà", false],
    ["Nga", "nga", false],
  ])("%s ~ %s → %s", (a, b, same) => {
    expect(nameKey(a) === nameKey(b)).toBe(same);
  });

  it("decomposed (NFD) and composed text get the same key", () => {
    expect(nameKey("Mátxcơva".normalize("NFD"))).toBe(nameKey("Mátxcơva"));
  });

  it("ignores zero-width characters inside a name", () => {
    expect(nameKey("Ng\u200ba")).toBe(nameKey("Nga"));
  });
});

describe("tokens keep their offsets into the text", () => {
  it("slices every token exactly", () => {
    const text = "Ngày 17/12, Bộ Ngoại giao Nga đã đưa ra 2 dự thảo văn kiện (NATO-Nga).";
    for (const t of tokenize(text)) expect(text.slice(t.start, t.end)).toBe(t.text);
    expect(tokenize("NATO-Nga").map((t) => t.text)).toEqual(["NATO", "-", "Nga"]);
  });
});

describe("diacritic-free folding for search", () => {
  it.each([
    ["Mátxcơva", "matxcova"],
    ["Đức", "duc"],
    ["thư phản hồi", "thu phan hoi"],
  ])("%s → %s", (a, b) => expect(foldDiacritics(a)).toBe(b));
  it("makes URL-safe slugs", () => expect(slug("Sergei Lavrov")).toBe("sergei-lavrov"));
});

describe("dates are read against the article's date", () => {
  const jan = parseIso("2022-01-26");
  it.each([
    ["Ngày 17/12, Bộ Ngoại giao Nga đưa ra dự thảo", jan, "2021-12-17"],
    ["Ngày 26/1, Mỹ gửi thư phản hồi", jan, "2022-01-26"],
    ["vào tháng 1/2022", jan, "2022-01"],
    ["Hồi giữa tháng 12/2021, Nga đã gửi", jan, "2021-12"],
    ["Tháng trước, Nga công bố hai dự thảo", jan, "2021-12"],
    ["Tuần trước, ông Blinken đã gặp", jan, "2022-01-19"],
    ["Năm ngoái Mỹ và Nga quyết định", jan, "2021"],
    ["ngày 10/02/2022", undefined, "2022-02-10"],
    ["vào tối 30/12 (giờ địa phương)", parseIso("2022-01-05"), "2021-12-30"],
  ])("%s → %s", (text, ref, iso) => {
    expect(sentenceDate(text, ref)).toBe(iso);
  });

  it("reads every relative form, in the order they stand, beside the dates written out", () => {
    const text = "Hôm qua ông nói tuần tới sẽ gặp, tháng sau ký, như năm trước; tuần trước và tháng trước, ngày 20/1 cũng vậy.";
    const iso = (s: string) => findDates(text, jan).find((d) => text.slice(d.start, d.end) === s)?.iso;
    expect(findDates(text, jan).map((d) => text.slice(d.start, d.end))).toEqual(["Hôm qua", "tuần tới", "tháng sau", "năm trước", "tuần trước", "tháng trước", "ngày 20/1"]);
    expect([iso("Hôm qua"), iso("tuần tới"), iso("tháng sau"), iso("năm trước"), iso("tuần trước"), iso("tháng trước"), iso("ngày 20/1")]).toEqual([
      "2022-01-25", "2022-02-02", "2022-02", "2021", "2022-01-19", "2021-12", "2022-01-20",
    ]);
  });

  it("does not take fractions or counts for dates", () => {
    expect(findDates("1/2 số phiếu và 21 quốc gia", jan)).toEqual([]);
  });

  it("gives no date to a day and month without any reference year", () => {
    expect(sentenceDate("Ngày 26/1, Mỹ gửi thư", undefined)).toBeUndefined();
  });
});

describe("sortInPlace", () => {
  const byFirst = (a: { first: number }, b: { first: number }) => a.first - b.first;
  it.each([
    { name: "empty", input: [], expected: [] },
    { name: "in order", input: [1, 2, 2, 5], expected: [1, 2, 2, 5] },
    { name: "out of order", input: [3, 1, 2], expected: [1, 2, 3] },
    { name: "last pair only", input: [1, 2, 4, 3], expected: [1, 2, 3, 4] },
  ])("$name", ({ input, expected }) => {
    const list = input.map((first, i) => ({ first, i }));
    expect(sortInPlace(list, byFirst).map((x) => x.first)).toEqual(expected);
  });
  it("is stable and sorts the list itself", () => {
    const list = [{ first: 2, i: 0 }, { first: 1, i: 1 }, { first: 2, i: 2 }, { first: 1, i: 3 }];
    const out = sortInPlace(list, byFirst);
    expect(out).toBe(list);
    expect(list.map((x) => x.i)).toEqual([1, 3, 0, 2]);
  });
});

describe("sortedUnique", () => {
  const byFirst = (a: { first: number }, b: { first: number }) => a.first - b.first;
  // Each item is (first, i): `first` is what is sorted by, `i` tells which of equal items was kept.
  it.each([
    { name: "empty", input: [], expected: [] },
    { name: "strictly in order", input: [1, 2, 5], expected: ["1/0", "2/1", "5/2"] },
    { name: "out of order", input: [3, 1, 2], expected: ["1/1", "2/2", "3/0"] },
    { name: "equal neighbours: the last kept", input: [1, 2, 2, 5], expected: ["1/0", "2/2", "5/3"] },
    { name: "equal apart: the last met kept", input: [2, 1, 2, 1], expected: ["1/3", "2/2"] },
  ])("$name", ({ input, expected }) => {
    const list = input.map((first, i) => ({ first, i }));
    expect(sortedUnique(list, byFirst).map((x) => `${x.first}/${x.i}`)).toEqual(expected);
  });
  it("returns a list already strictly in order as it is, without a copy", () => {
    const list = [{ first: 1 }, { first: 4 }];
    expect(sortedUnique(list, byFirst)).toBe(list);
  });
});
