import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ingest } from "../src/ingest/index";
import { nodeHtmlParser } from "../src/ingest/node";
import { segment } from "../src/segment/index";
import type { Article, Sentence } from "../src/types";

const SEEDS = join(__dirname, "..", "seeds");
const seedFiles = readdirSync(SEEDS).filter((f) => f.endsWith(".txt")).sort();

const art = (text: string, id = "t"): Article => ({ id, file: `${id}.txt`, text });
const texts = (text: string) => segment(art(text)).map((s) => s.text);

/** The contract every segmentation must keep. */
function checkSentences(text: string, sentences: Sentence[], id = "t") {
  let prevEnd = 0;
  sentences.forEach((s, i) => {
    expect(s.index).toBe(i);
    expect(s.article).toBe(id);
    expect(text.slice(s.start, s.end)).toBe(s.text);
    expect(s.text.length).toBeGreaterThan(0);
    expect(s.text).toBe(s.text.trim());
    expect(s.start).toBeGreaterThanOrEqual(prevEnd);
    prevEnd = s.end;
  });
  // Nothing but white space is left out.
  let rest = "";
  let at = 0;
  for (const s of sentences) {
    rest += text.slice(at, s.start);
    at = s.end;
  }
  rest += text.slice(at);
  expect(rest.trim()).toBe("");
}

describe("segment: cases", () => {
  const cases: [string, string, string[]][] = [
    ["simple", "Câu một. Câu hai! Câu ba? Câu bốn.", ["Câu một.", "Câu hai!", "Câu ba?", "Câu bốn."]],
    [
      "abbreviations and initials",
      "Ông A. Blinken đến TP. Hồ Chí Minh và Tp. Hải Phòng. Ông gặp Mr. Smith và Dr. Jones ở St. Petersburg. Tổng thống V. Putin nói.",
      ["Ông A. Blinken đến TP. Hồ Chí Minh và Tp. Hải Phòng.", "Ông gặp Mr. Smith và Dr. Jones ở St. Petersburg.", "Tổng thống V. Putin nói."],
    ],
    ["dotted capitals", "Quân đội U.S. Army đã đến. Sau đó họ rút.", ["Quân đội U.S. Army đã đến.", "Sau đó họ rút."]],
    [
      "numbers, times, URLs",
      "Giá 1.000 đồng. Tăng 21.1% lúc 7.30 sáng. Xem https://vtv.vn/the-gioi/a.b.htm. Hết.",
      ["Giá 1.000 đồng.", "Tăng 21.1% lúc 7.30 sáng.", "Xem https://vtv.vn/the-gioi/a.b.htm.", "Hết."],
    ],
    ["digit opens a sentence", "Năm 2022 đã qua. 27 nước đồng ý.", ["Năm 2022 đã qua.", "27 nước đồng ý."]],
    [
      "closing quotes stay with the sentence",
      "Ông nói: “Chúng tôi sẵn sàng.” Sau đó ông rời đi. Họ nói \"xong.\" Rồi về. Bà hỏi 'thật không?' Không ai đáp.",
      ["Ông nói: “Chúng tôi sẵn sàng.”", "Sau đó ông rời đi.", "Họ nói \"xong.\"", "Rồi về.", "Bà hỏi 'thật không?'", "Không ai đáp."],
    ],
    [
      "quote inside a sentence does not split before lower case",
      "Theo ông, “mọi cuộc thảo luận phải bao trùm”. Nga đồng ý.",
      ["Theo ông, “mọi cuộc thảo luận phải bao trùm”.", "Nga đồng ý."],
    ],
    ["opening quote and bracket start sentences", "Ông nói vậy. “Chúng tôi đồng ý.” (Ảnh: AP)", ["Ông nói vậy.", "“Chúng tôi đồng ý.”", "(Ảnh: AP)"]],
    ["Vietnamese ending ./.", "Điều này đã được nhắc lại nhiều lần./. (Vietnam+)", ["Điều này đã được nhắc lại nhiều lần./.", "(Vietnam+)"]],
    ["ellipsis", "Vậy à… Được rồi... Thôi. Ôi!", ["Vậy à…", "Được rồi...", "Thôi.", "Ôi!"]],
    ["lower case after a period is not a boundary", "Các nước Anh, Pháp v.v. và Nga đã họp.", ["Các nước Anh, Pháp v.v. và Nga đã họp."]],
    [
      "headline and caption lines are sentences of their own",
      "Nga nêu 3 định dạng đàm phán\n\nCâu một. Câu hai.\nẢnh: Anadolu Agency\nCâu ba.",
      ["Nga nêu 3 định dạng đàm phán", "Câu một.", "Câu hai.", "Ảnh: Anadolu Agency", "Câu ba."],
    ],
    [
      "a hard-wrapped line continues in lower case",
      "Đây là một câu dài bị\nngắt dòng ở giữa. Câu sau.\nCâu cuối.",
      ["Đây là một câu dài bị\nngắt dòng ở giữa.", "Câu sau.", "Câu cuối."],
    ],
    ["a blank line always ends a sentence", "Tiêu đề\n\ntrong bối cảnh đó, Nga từ chối.", ["Tiêu đề", "trong bối cảnh đó, Nga từ chối."]],
    ["list numbers", "1. Nội dung thứ nhất.\n2. Nội dung thứ hai.\nII. Phần hai.", ["1. Nội dung thứ nhất.", "2. Nội dung thứ hai.", "II. Phần hai."]],
    ["non-breaking spaces", "Câu\u00a0một.\u00a0Câu hai.", ["Câu\u00a0một.", "Câu hai."]],
    ["white space around", "  \n\n  Câu một.   \n\n  ", ["Câu một."]],
    ["empty", "", []],
    ["only punctuation", "...", ["..."]],
  ];
  it.each(cases)("%s", (_name, text, expected) => {
    const sentences = segment(art(text));
    expect(sentences.map((s) => s.text)).toEqual(expected);
    checkSentences(text, sentences);
  });
});

describe("segment: seeds", () => {
  it.each(seedFiles)("%s: exact offsets on the raw file and on the ingested article", (file) => {
    const raw = readFileSync(join(SEEDS, file), "utf8");
    checkSentences(raw, segment(art(raw)));
    const r = ingest({ path: join(SEEDS, file), bytes: readFileSync(join(SEEDS, file)) }, { parseHtml: nodeHtmlParser });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const sentences = segment(r.article);
    checkSentences(r.article.text, sentences, r.article.id);
    expect(sentences.length).toBeGreaterThan(5);
  });

  it("splits seed 000's quoted sentence pair and keeps the closing quote", () => {
    const r = ingest({ path: "000.txt", bytes: readFileSync(join(SEEDS, seedFiles[0])) }, { parseHtml: nodeHtmlParser });
    if (!r.ok) throw new Error(r.reason);
    const s = segment(r.article).map((x) => x.text);
    expect(s).toContain("Một cuộc thảo luận như vậy phải mang tính bao trùm và phải tính đến mối quan tâm và lợi ích của tất cả các bên liên quan”.");
    expect(s).toContain("Tổng thống Vladimir Putin kêu gọi NATO bắt đầu đàm phán cụ thể nhằm cung cấp cho Nga đảm bảo an ninh lâu dài và chắc chắn.");
  });
});

describe("segment: properties", () => {
  const pieces = [
    ".", ". ", "!", "?", "…", "...", "./.", " ", "  ", "\n", "\n\n", "\u00a0", "\t", "\r", "“", "”", "\"", "'", "(", ")", "[", "]",
    "A", "a", "Ông", "ông", "Đ", "đ", "TP", "Mr", "U.S", "1", "2022", "1.000", "https://x.vn/a.b", "\u200b", "😀", "\ud800",
  ];
  const mixed = fc.array(fc.constantFrom(...pieces), { maxLength: 60 }).map((a) => a.join(""));
  const anyString = fc.string({ unit: "binary", maxLength: 200 });

  it("never throws; offsets slice exactly; sentences trimmed, in order, non-overlapping", () => {
    fc.assert(
      fc.property(fc.oneof(mixed, anyString), (text) => {
        checkSentences(text, segment(art(text)));
      }),
      { numRuns: 2000 },
    );
  });

  it("is deterministic and independent of the article id", () => {
    fc.assert(
      fc.property(mixed, (text) => {
        const a = segment(art(text, "a")).map(({ start, end }) => [start, end]);
        const b = segment(art(text, "b")).map(({ start, end }) => [start, end]);
        expect(a).toEqual(b);
      }),
      { numRuns: 300 },
    );
  });
});
