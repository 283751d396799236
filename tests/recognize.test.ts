import { describe, expect, it } from "vitest";
import { extract, mentions } from "./extract-helpers";

describe("actors from the lexicon, with the article's own spelling kept", () => {
  it.each([
    ["Moskva và Mátxcơva là một.", ["Moskva=RUS", "Mátxcơva=RUS"]],
    ["Điện Kremlin và Nhà Trắng trao đổi.", ["Điện Kremlin=RUS", "Nhà Trắng=USA"]],
    ["Đoàn đàm phán tới Thụy Sỹ và Thụy Sĩ.", ["Thụy Sỹ=CHE", "Thụy Sĩ=CHE"]],
    ["Các bên dựa trên cam kết của Tổ chức An ninh và Hợp tác châu Âu (OSCE).", ["Tổ chức An ninh và Hợp tác châu Âu=OSCE", "OSCE=OSCE"]],
    ["Hội đồng NATO-Nga họp tại Brussels.", ["Hội đồng NATO-Nga=NRC"]],
  ])("%s", (text, expected) => {
    expect(mentions(extract(text))).toEqual(expected);
  });

  it("keeps the diacritics that carry meaning: ảnh is a photo, thẩm mỹ is not the US", () => {
    expect(mentions(extract("Bức ảnh đẹp về thẩm mỹ. (Ảnh: AP)"))).toEqual([]);
  });

  it("reads a capital after a place word as a place, not as the state", () => {
    expect(mentions(extract("Ông Blinken đã đến Berlin để hội đàm."))).toEqual(["Blinken=person:antony-blinken"]);
  });

  it("does not take a news outlet or an excluded phrase for a state", () => {
    expect(mentions(extract("(Vietnam+)"))).toEqual([]);
  });
});

describe("people through their titles", () => {
  it.each([
    ["Thứ trưởng Bộ Ngoại giao Nga Sergei Ryabkov cho biết.", "Sergei Ryabkov=person:sergei-ryabkov", "RUS_MFA"],
    ["Tổng Thư ký NATO Jens Stoltenberg đã mời Nga.", "Jens Stoltenberg=person:jens-stoltenberg", "NATO"],
    ["Đại diện thường trực của Nga tại OSCE Alexander Lukashevich dẫn đầu.", "Alexander Lukashevich=person:alexander-lukashevich", "RUS"],
    // Unknown to the lexicon: found by the title, keyed by the name.
    ["Thứ trưởng Ngoại giao Belarus Ivan Petrovsky phát biểu.", "Ivan Petrovsky=person:ivan-petrovsky", "BLR"],
  ])("%s", (text, mention, represents) => {
    const x = extract(text);
    expect(mentions(x)).toContain(mention);
    const person = mention.split("=")[1];
    expect(x.relations.filter((r) => r.relation === "represents" && r.source.key === person).map((r) => r.target.key)).toEqual([represents]);
  });

  it("reads a title in apposition after the name", () => {
    const x = extract("Sputnik đưa tin, ông Yury Ushakov, Cố vấn chính sách đối ngoại của Tổng thống Nga Vladimir Putin cho biết như vậy.");
    expect(x.relations.map((r) => `${r.source.key} ${r.relation} ${r.target.key}`)).toContain("person:yury-ushakov represents RUS");
  });

  it("resolves a bare title to its holder at the article's date", () => {
    expect(mentions(extract("Ngoại trưởng Nga phát biểu.", "2022-01-20"))).toContain("Ngoại trưởng Nga=person:sergei-lavrov");
    expect(mentions(extract("Thủ tướng Đức phát biểu.", "2021-11-20"))).toContain("Thủ tướng Đức=person:angela-merkel");
    expect(mentions(extract("Thủ tướng Đức phát biểu.", "2022-01-20"))).toContain("Thủ tướng Đức=person:olaf-scholz");
  });

  it("resolves a later short reference to the person named before", () => {
    const x = extract("Ông Ivan Petrovsky phát biểu. Sau đó, ông Petrovsky rời đi.");
    expect(mentions(x)).toEqual(["Ivan Petrovsky=person:ivan-petrovsky", "Petrovsky=person:ivan-petrovsky"]);
  });

  it("finds a full name used before the article says who it is, whole, not by its surname", () => {
    const x = extract("Ivan Petrovsky không bình luận. Sau đó, ông Ivan Petrovsky phát biểu. Petrovsky rời đi.");
    expect(mentions(x)).toEqual(["Ivan Petrovsky=person:ivan-petrovsky", "Ivan Petrovsky=person:ivan-petrovsky", "Petrovsky=person:ivan-petrovsky"]);
    expect(x.mentions[0]).toMatchObject({ start: 0, end: 14 });
  });

  it("resolves 'Khối' to the bloc just named", () => {
    expect(mentions(extract("EU gửi thư. Khối nhấn mạnh lập trường."))).toContain("Khối=EU");
  });
});

describe("documents", () => {
  it("one node whatever the noun, when the author is the same", () => {
    const x = extract("Nga công bố dự thảo văn kiện. Đề xuất an ninh của Nga gồm nhiều điều khoản. Bản đề xuất mà Nga đưa ra bị phản đối.");
    const docs = x.mentions.filter((m) => m.entity.type === "proposal");
    expect(docs.map((m) => m.text)).toEqual(["dự thảo văn kiện", "Đề xuất an ninh của Nga", "Bản đề xuất mà Nga đưa ra"]);
    expect(new Set(docs.map((m) => m.entity.key))).toEqual(new Set(["proposal:RUS:draft"]));
  });

  it("a ministry's draft is its state's document", () => {
    const x = extract("Bộ Ngoại giao Nga đã đưa ra 2 dự thảo. Các đề xuất an ninh của Nga được gửi đi.");
    expect(new Set(x.mentions.filter((m) => m.entity.type === "proposal").map((m) => m.entity.key))).toEqual(new Set(["proposal:RUS:draft"]));
  });

  it("keeps different authors' documents apart", () => {
    const x = extract("Mỹ gửi thư phản hồi đề xuất an ninh của Nga.");
    expect(mentions(x)).toEqual([
      "Mỹ=USA",
      "thư phản hồi=proposal:USA:letter",
      "đề xuất an ninh của Nga=proposal:RUS:draft",
      "Nga=RUS",
    ]);
  });

  it("a document word that is not a document is left alone", () => {
    expect(mentions(extract("Theo kế hoạch, Mỹ có thể đưa ra cam kết đơn phương."))).toEqual(["Mỹ=USA"]);
  });
});
