// Search: diacritic-insensitive (đ → d), alias-aware, prefix.
import { describe, expect, it } from "vitest";
import { NodeSearch } from "../src/app/search";
import { loadFixture } from "./app-fixture";

describe("NodeSearch", () => {
  const search = new NodeSearch(loadFixture());
  const top = (q: string) => search.search(q)[0]?.node;

  it("finds names without their diacritics", () => {
    expect(top("nga")).toBe("RUS");
    expect(top("lien minh chau au")).toBe("org:eu");
    expect(top("bo ngoai giao nga")).toBe("org:mfa-rus");
  });

  it("folds đ to d", () => {
    expect(top("dai dien cap cao")).toBe("person:josep-borrell");
    expect(top("Đại diện")).toBe("person:josep-borrell");
  });

  it("finds nodes by alias and says which alias matched", () => {
    expect(top("moskva")).toBe("RUS");
    expect(search.search("moskva")[0].via).toBe("Moskva");
    expect(top("nato")).toBe("org:nato");
    expect(top("lavrov")).toBe("person:sergei-lavrov");
    expect(top("sergey lavrov")).toBe("person:sergei-lavrov");
    expect(top("thu phan hoi")).toBe("proposal:USA:reply:2022-01");
    expect(top("washington")).toBe("USA");
  });

  it("finds by English name and by prefix", () => {
    expect(top("russia")).toBe("RUS");
    expect(top("blink")).toBe("person:antony-blinken");
  });

  it("returns nothing for an empty query", () => {
    expect(search.search("   ")).toEqual([]);
  });
});
