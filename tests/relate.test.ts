import { describe, expect, it } from "vitest";
import { extract, triples } from "./extract-helpers";

const L = "person:sergei-lavrov";
const B = "person:antony-blinken";

describe("relations with subject and object from the clause", () => {
  it.each([
    ["Ukraine kêu gọi NATO tăng cường hỗ trợ.", ["UKR demands NATO"]],
    ["Mỹ yêu cầu Nga không tiết lộ nội dung.", ["USA demands RUS"]],
    ["EU đã mời Nga tham gia các cuộc đàm phán trong OSCE.", ["EU invites RUS"]],
    ["EU tin tưởng vào Mỹ và NATO trong việc bảo vệ lợi ích.", ["EU supports NATO", "EU supports USA"]],
    ["Số vũ khí mà Mỹ cung cấp cho Ukraine tăng mạnh.", ["USA supports UKR"]],
    ["Trong khi đó, các nhà lãnh đạo châu Âu lo ngại về việc Nga từ chối đàm phán với EU.", ["RUS rejects EU"]],
    ["Phía Nga cáo buộc Washington phớt lờ các yêu cầu an ninh của Moskva.", ["RUS proposes proposal:RUS:draft", "USA rejects proposal:RUS:draft"]],
    ["Trung Quốc ủng hộ các đề xuất an ninh của Nga.", ["CHN supports proposal:RUS:draft", "RUS proposes proposal:RUS:draft"]],
    ["Ba Lan, một thành viên của NATO, lo ngại về tình hình.", ["POL member_of NATO"]],
    ["Các nước thành viên NATO như Ba Lan và Litva lo ngại.", ["LTU member_of NATO", "POL member_of NATO"]],
  ])("%s", (text, expected) => {
    expect(triples(extract(text))).toEqual(expected);
  });
});

describe("symmetric relations link every pair of the parties", () => {
  it.each([
    ["EU, NATO, Mỹ và OSCE nhấn mạnh quyết tâm tiếp tục tham vấn chặt chẽ.", ["EU consults NATO", "EU consults OSCE", "EU consults USA", "NATO consults OSCE", "NATO consults USA", "OSCE consults USA"]],
    ["Các cuộc đàm phán riêng rẽ giữa Nga với Mỹ và NATO không đạt đột phá.", ["NATO meets RUS", "RUS meets USA"]],
    ["Các cuộc thảo luận đầu tiên giữa Nga-Mỹ và Nga-NATO sẽ diễn ra vào tháng 1/2022.", ["NATO meets RUS", "RUS meets USA"]],
    ["Năm ngoái Mỹ và Nga quyết định gia hạn hiệp ước.", ["RUS agrees USA"]],
    ["Ngoại trưởng Mỹ sẽ đến Geneve (Thụy Sĩ) để gặp Ngoại trưởng Nga trong ngày 21/1.", [`${B} meets ${L}`]],
  ])("%s", (text, expected) => {
    expect(triples(extract(text, "2022-01-20"))).toEqual(expected);
  });

  it("takes the parties of a call named in an opening phrase from the clause after it", () => {
    const x = extract("Trong cuộc điện đàm với người đồng cấp Nga Vladimir Putin vào tối 30/12, Tổng thống Mỹ Joe Biden cho biết Washington sẽ tham vấn.", "2022-01-02");
    expect(triples(x)).toContain("person:joe-biden meets person:vladimir-putin");
  });

  it("reads 'các bên' as the group just named", () => {
    const x = extract("Cuộc gặp giữa Mỹ, NATO và Ba Lan đã diễn ra. Các bên nhấn mạnh quyết tâm tiếp tục tham vấn chặt chẽ.");
    expect(triples(x).filter((t) => t.includes("consults"))).toEqual(["NATO consults POL", "NATO consults USA", "POL consults USA"]);
  });
});

describe("negation, intentions and nominal uses hold a relation back", () => {
  it.each([
    "Mỹ không gặp Nga.",
    "Mỹ chưa bao giờ ủng hộ Nga.",
    "Nga sẵn sàng đàm phán với Mỹ.",
    "Ông Blinken khẳng định Mỹ sẵn sàng đối thoại với Nga.",
    "Mỹ tìm cách ngăn các quốc gia phương Tây phớt lờ Nga.",
    "Hai bên chia sẻ các cam kết đối với an ninh của Ukraine.",
    "EU tin tưởng vào các nguyên tắc trong các cuộc thảo luận với Nga.",
  ])("%s", (text) => {
    expect(triples(extract(text)).filter((t) => !t.includes("represents"))).toEqual([]);
  });

  it("binds negation to what it negates: talks that reached no breakthrough still took place", () => {
    expect(triples(extract("Cuộc đàm phán giữa Nga và Mỹ không đạt đột phá."))).toEqual(["RUS meets USA"]);
  });
});

describe("documents: who proposes, to whom, in answer to what", () => {
  it("a reply to a document of X is addressed to X unless the article says otherwise", () => {
    expect(triples(extract("Ngày 26/1, Mỹ gửi thư phản hồi đề xuất an ninh của Nga.", "2022-01-27"))).toEqual([
      "RUS proposes proposal:RUS:draft",
      "USA proposes proposal:USA:letter",
      "proposal:USA:letter addressed_to RUS",
      "proposal:USA:letter responds_to proposal:RUS:draft",
    ]);
  });

  it("reads senders in passive and relative clauses", () => {
    expect(triples(extract("Một bức thư tương tự đã được NATO gửi cho phía Nga."))).toEqual([
      "NATO proposes proposal:NATO:letter",
      "proposal:NATO:letter addressed_to RUS",
    ]);
    expect(triples(extract("Đây là phản hồi đối với các bức thư do ông Lavrov gửi tới các đồng cấp.")).filter((t) => t.includes("proposes"))).toEqual([
      `${L} proposes proposal:${L}:letter`,
    ]);
  });

  it("reads 'gửi … tới' across the document's own complement", () => {
    expect(triples(extract("Nga đã gửi các đề xuất về đảm bảo an ninh châu Âu tới Mỹ và NATO."))).toEqual([
      "RUS proposes proposal:RUS:draft",
      "proposal:RUS:draft addressed_to NATO",
      "proposal:RUS:draft addressed_to USA",
    ]);
  });
});

describe("evidence", () => {
  it("quotes the sentence with offsets into the article and dates the act", () => {
    const text = "Tin mới.\nNgày 17/12, Bộ Ngoại giao Nga đã đưa ra 2 dự thảo văn kiện.";
    const x = extract(text, "2022-01-10");
    const r = x.relations.find((r) => r.relation === "proposes")!;
    expect(r.source.key).toBe("RUS_MFA");
    expect(text.slice(r.evidence.start, r.evidence.end)).toBe(r.evidence.sentence);
    expect(r.evidence.sentence).toBe("Ngày 17/12, Bộ Ngoại giao Nga đã đưa ra 2 dự thảo văn kiện.");
    expect(r.evidence.date).toBe("2021-12-17");
    for (const m of x.mentions) expect(text.slice(m.start, m.end)).toBe(m.text);
  });
});

describe("harder clauses", () => {
  it.each([
    ["Washington và NATO hôm 26/1 lần lượt chuyển văn bản phản hồi tới Moskva về các đề xuất an ninh.", [
      "NATO proposes proposal:NATO:letter",
      "USA proposes proposal:USA:letter",
      "proposal:NATO:letter addressed_to RUS",
      "proposal:NATO:letter responds_to proposal:RUS:draft",
      "proposal:USA:letter addressed_to RUS",
      "proposal:USA:letter responds_to proposal:RUS:draft",
    ]],
    ["Ông Peskov phủ nhận thông tin cho rằng ông Putin và ông Macron đã đạt được thỏa thuận.", []],
    ["Theo Bộ Ngoại giao Mỹ, hai bên sẽ gặp nhau.", []],
    ["EU khẳng định sẵn sàng đối thoại trong khuôn khổ OSCE, nhưng kêu gọi Nga giảm leo thang.", ["EU demands RUS"]],
    ["Ông Blinken hội đàm với ông Lavrov, Điện Kremlin cho biết.", [`${B} meets ${L}`]],
  ])("%s", (text, expected) => {
    expect(triples(extract(text)).filter((t) => !t.includes("represents"))).toEqual(expected);
  });

  it("names the leader the article titled before: 'Nhà lãnh đạo Pháp' after 'Tổng thống Pháp Emmanuel Macron'", () => {
    const x = extract("Tổng thống Pháp Emmanuel Macron tới Moskva. Nhà lãnh đạo Pháp kêu gọi Nga giảm căng thẳng.");
    expect(triples(x)).toContain("person:emmanuel-macron demands RUS");
    expect(triples(x)).not.toContain("FRA demands RUS");
  });

  it("reads 'ba nhà lãnh đạo' as the parties of the meeting just told", () => {
    const x = extract("Ông Macron tới Berlin để gặp Thủ tướng Đức Olaf Scholz và Tổng thống Ba Lan Andrzej Duda. Ba nhà lãnh đạo nhất trí tăng cường phối hợp.");
    expect(triples(x).filter((t) => t.includes("agrees"))).toEqual([
      "person:andrzej-duda agrees person:emmanuel-macron",
      "person:andrzej-duda agrees person:olaf-scholz",
      "person:emmanuel-macron agrees person:olaf-scholz",
    ]);
  });
});
