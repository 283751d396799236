import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import {
  articleId,
  bylineDate,
  cleanText,
  decodeBytes,
  extractTextMetadata,
  ingest,
  isFurniture,
  markdownToText,
  outletOf,
  parseDate,
} from "../src/ingest/index";
import { nodeHtmlParser } from "../src/ingest/node";

const SEEDS = join(__dirname, "..", "seeds");
const seedFiles = readdirSync(SEEDS).filter((f) => f.endsWith(".txt")).sort();
const seedPath = (prefix: string) => join(SEEDS, seedFiles.find((f) => f.startsWith(prefix))!);
const env = { parseHtml: nodeHtmlParser };
const utf8 = (s: string) => new TextEncoder().encode(s);

function ingestOk(path: string, bytes: Uint8Array) {
  const r = ingest({ path, bytes }, env);
  if (!r.ok) throw new Error(`ingest failed: ${r.reason}`);
  return r;
}
const ingestSeed = (prefix: string) => ingestOk(seedPath(prefix), readFileSync(seedPath(prefix)));

/** Windows-1258 writes tone marks as combining characters after a precomposed base (ê, ơ, ư, ă, â, ô, đ). */
function to1258Form(s: string): string {
  const TONE = /[\u0300\u0301\u0303\u0309\u0323]/u;
  let out = "";
  for (const ch of s.normalize("NFC")) {
    const d = [...ch.normalize("NFD")];
    out += d.filter((c) => !TONE.test(c)).join("").normalize("NFC") + d.filter((c) => TONE.test(c)).join("");
  }
  return out;
}

const VI = "Ngoại trưởng Nga Sergei Lavrov thông báo rằng các cuộc thảo luận về đảm bảo an ninh sẽ diễn ra vào tháng 1/2022. Ông Ushakov nhấn mạnh: “Chúng tôi cần thỏa thuận.” Đức, Ý, Ơ, Ư, Ă, Â, Ê, Ô, ữ, ặ, ỡ.";

describe("decode", () => {
  const cases: [string, Uint8Array, string][] = [
    ["UTF-8 without BOM", utf8(VI), VI],
    ["UTF-8 with BOM", Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8(VI)]), VI],
    ["UTF-16 LE with BOM", Uint8Array.from([0xff, 0xfe, ...Buffer.from(VI, "utf16le")]), VI],
    ["UTF-16 BE with BOM", Uint8Array.from([0xfe, 0xff, ...Buffer.from(VI, "utf16le").swap16()]), VI],
    ["NFD UTF-8", utf8(VI.normalize("NFD")), VI],
    ["CRLF and lone CR", utf8("Dòng một.\r\nDòng hai.\rDòng ba.\n"), "Dòng một.\nDòng hai.\nDòng ba.\n"],
    ["non-breaking spaces are text", utf8("của\u00a0Tổng thống\u00a0Putin"), "của\u00a0Tổng thống\u00a0Putin"],
  ];
  it.each(cases)("%s", (_name, bytes, expected) => {
    const r = decodeBytes(bytes);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.text).toBe(expected);
    expect(r.text.charCodeAt(0)).not.toBe(0xfeff);
    expect(r.warnings).toEqual([]);
  });

  it("Windows-1258 Vietnamese round-trips to the same NFC string, with a warning naming the guess", () => {
    const bytes = iconv.encode(to1258Form(VI), "windows1258");
    // The encoder must have found every character.
    expect(iconv.decode(bytes, "windows1258").normalize("NFC")).toBe(VI);
    const r = decodeBytes(bytes);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.encoding).toBe("windows-1258");
    expect(r.text).toBe(VI);
    expect(r.warnings.join(" ")).toMatch(/Windows-1258/);
  });

  it("invalid UTF-8 sequences in UTF-8 text are replaced with a warning", () => {
    const good = utf8("Hà Nội là thủ đô của Việt Nam. Đà Nẵng ở miền Trung.");
    const bytes = Uint8Array.from([...good.subarray(0, 10), 0xff, 0xc3, ...good.subarray(10)]);
    const r = decodeBytes(bytes);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.encoding).toBe("utf-8");
    expect(r.warnings).toContain("invalid UTF-8 byte sequences replaced");
    expect(r.text).toContain("\ufffd");
    expect(r.text).toContain("Đà Nẵng ở miền Trung.");
  });

  const bad: [string, Uint8Array, RegExp][] = [
    ["empty", new Uint8Array(0), /empty file/],
    ["PNG", Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), /binary/],
    ["NUL bytes", Uint8Array.from([0x41, 0x00, 0x01, 0x02, 0x42, 0x00, 0xff, 0x03, 0x00, 0x00, 0x00, 0x07]), /binary/],
    ["control characters", Uint8Array.from(Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? 0x01 : 0x41 + (i % 26)))), /binary/],
  ];
  it.each(bad)("%s → not ok", (_name, bytes, reason) => {
    const r = decodeBytes(bytes);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });
});

describe("ingest: refusals", () => {
  const cases: [string, string, Uint8Array, RegExp][] = [
    ["empty file", "a.txt", new Uint8Array(0), /^empty file$/],
    ["whitespace only", "a.txt", utf8("  \n\t \r\n\u00a0 \n"), /whitespace/],
    ["binary", "a.txt", Uint8Array.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34, 0x0a, 0x00]), /binary data, not text/],
    ["only page furniture", "a.txt", utf8("📞\n\n0:00 / 0:00\n0:00\n251 Go top\nMỚI - NÓNG\n"), /no article text found/],
    ["unsupported type", "a.pdf", utf8("Văn bản."), /unsupported file type/],
    ["empty HTML page", "a.html", utf8("<!doctype html><html><head><title>T</title></head><body><nav>Trang chủ</nav></body></html>"), /no article text/],
  ];
  it.each(cases)("%s", (_name, path, bytes, reason) => {
    const r = ingest({ path, bytes }, env);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toMatch(reason);
      expect(r.reason).not.toContain("\n");
    }
  });
});

describe("ingest: ids and files", () => {
  it.each([
    ["seeds/000_2402e58fa86b4aef.txt", "000_2402e58fa86b4aef"],
    ["C:\\news\\bai.viet.html", "bai.viet"],
    ["README", "README"],
    [".hidden", ".hidden"],
  ])("%s → %s", (path, id) => expect(articleId(path)).toBe(id));

  it("keeps the path as file", () => {
    const r = ingestOk("dir/sub/x.txt", utf8("Một câu có nghĩa."));
    expect(r.article).toMatchObject({ id: "x", file: "dir/sub/x.txt", text: "Một câu có nghĩa." });
  });
});

describe("ingest: seeds", () => {
  it.each(seedFiles)("%s: every real sentence stays, text is clean", (file) => {
    const raw = readFileSync(join(SEEDS, file), "utf8").normalize("NFC");
    const { article } = ingestOk(join(SEEDS, file), readFileSync(join(SEEDS, file)));
    expect(article.text).toBe(article.text.normalize("NFC"));
    expect(article.text).not.toMatch(/\r|\n\n\n|^\s|\s$/);
    for (const line of raw.split("\n")) {
      const t = line.trim();
      // Sentence lines: several words and final punctuation (the date header is taken off its line).
      if (t.split(/\s+/).length >= 6 && /[.!?…”"]$/u.test(t) && !t.includes("bình chọn")) {
        expect(article.text).toContain(t.replace(/^date \d{4}-\d{2} /, ""));
      }
    }
  });

  it("003: furniture dropped, sentences and credit kept", () => {
    const { article } = ingestSeed("003");
    for (const f of ["Go top", "Thống kê truy cập", "Người trực tuyến", "Tổng lượt truy cập", "bình chọn", "Khách", "87079287", "[Nga khẳng định"]) {
      expect(article.text).not.toContain(f);
    }
    expect(article.text).toContain("Tại Vienna, phái đoàn Nga sẽ do Đại diện thường trực của Nga tại OSCE Alexander Lukashevich dẫn đầu.");
    expect(article.text).toContain("điều này đã được giới lãnh đạo Nga nhắc lại nhiều lần./.");
    expect(article.text.endsWith("(Vietnam+)")).toBe(true);
    // a caption that repeats the headline is a line of its own and stays
    expect(article.text.split("\n").filter((l) => l === "Nga nêu 3 định dạng đàm phán đảm bảo an ninh với Mỹ và NATO")).toHaveLength(2);
    expect(article.title).toBe("Nga nêu 3 định dạng đàm phán đảm bảo an ninh với Mỹ và NATO");
    expect(article.source).toBe("Vietnam+");
  });

  it("004: player times, image alt and 'MỚI - NÓNG' dropped; captions kept", () => {
    const { article } = ingestSeed("004");
    for (const f of ["0:00", "MỚI - NÓNG", "ảnh 1"]) expect(article.text).not.toContain(f);
    expect(article.text).toContain("Ngoại trưởng Nga Sergey Lavrov (phải) và Ngoại trưởng Mỹ Antony Blinken (trái). Ảnh: Anadolu Agency");
    expect(article.text).toContain("TPO - Ngày 26/1, Mỹ gửi thư\u00a0phản hồi đề xuất an ninh của Nga");
    expect(article.title).toBe("Mỹ yêu cầu Nga không tiết lộ nội dung thư phản hồi đề xuất an ninh");
    expect(article.text.startsWith(article.title!)).toBe(true);
    expect(article.source).toBe("RT");
  });

  it("000: date header read and taken off the first line", () => {
    const { article } = ingestSeed("000");
    expect(article.date).toBe("2021-12");
    expect(article.text.startsWith("Trong cuộc điện đàm ngày 23/12,")).toBe(true);
    expect(article.title).toBeUndefined();
  });

  it("001: byline date, emoji line dropped, outlet as source", () => {
    const { article } = ingestSeed("001");
    expect(article.date).toBe("2022-02-10");
    expect(article.title).toBe("Bị Nga bỏ qua việc đàm phán an ninh, EU cùng hành động, gửi 'tâm thư' tới Moscow");
    expect(article.text).not.toContain("📞");
    expect(article.text).not.toContain("07:01 | 10/02/2022");
    expect(article.text).toContain("EU mời Nga tham gia đàm phán an ninh ở OSCE. (Nguồn: AFP)");
    expect(article.source).toBe("Politico");
  });

  it("002: source link read and its line removed", () => {
    const { article } = ingestSeed("002");
    expect(article.source).toBe("https://vtv.vn/the-gioi/gioi-chuc-phuong-tay-trao-doi-ve-tinh-hinh-ukraine-20220121051440988.htm");
    expect(article.text).not.toContain("Link:");
    expect(article.text).toContain("Ngoại trưởng Mỹ Antony Blinken ở ở Berlin, Đức ngày 20/1. (Ảnh: AP)\n");
    expect(article.text.endsWith("Theo VTV")).toBe(true);
    expect(article.title).toBe("Giới chức phương Tây trao đổi về tình hình Ukraine");
  });

  it("reads a Windows-1258 copy of a seed like the original", () => {
    const path = seedPath("004");
    const original = ingestOk(path, readFileSync(path)).article;
    const legacy = ingestOk(path, iconv.encode(to1258Form(readFileSync(path, "utf8")), "windows1258"));
    expect(legacy.article).toEqual(original);
    expect(legacy.warnings.join(" ")).toMatch(/Windows-1258/);
  });

  it("reads a UTF-16 CRLF copy of a seed like the original", () => {
    const path = seedPath("001");
    const original = ingestOk(path, readFileSync(path)).article;
    const crlf = readFileSync(path, "utf8").replace(/\n/g, "\r\n");
    const bytes = Uint8Array.from([0xff, 0xfe, ...Buffer.from(crlf, "utf16le")]);
    expect(ingestOk(path, bytes).article).toEqual(original);
  });
});

describe("cleaning", () => {
  it.each([
    "0:00 / 0:00",
    "0:00",
    "1:02:03 / 1:10:00",
    "251 Go top",
    "Go top",
    "MỚI - NÓNG",
    "Hiện tại không có bình chọn nào đang hoạt động.",
    "Thống kê truy cập",
    "• Người trực tuyến Người trực tuyến",
    "• Khách Khách 894",
    "• Tổng lượt truy cập: Tổng lượt truy cập: 87079287",
    "📞",
    "•",
    "* * *",
    "Chia sẻ",
    "Chia sẻ Facebook Zalo",
    "Bình luận (12)",
    "In bài",
    "Tags: Nga, NATO, an ninh châu Âu",
    "Từ khóa: Ukraine",
    "[Nga khẳng định đã sẵn sàng hội đàm an ninh với Mỹ và NATO]",
    "Tin liên quan",
    "Quảng cáo",
    "Trang chủ > Thế giới",
    "Thế giới › Châu Âu › Nga",
  ])("furniture: %s", (line) => expect(isFurniture(line)).toBe(true));

  it.each([
    "Tổng thống Nga Vladimir Putin kêu gọi NATO bắt đầu đàm phán.",
    "Khách mời của hội nghị gồm đại diện 27 nước.",
    "Theo VTV",
    "(Vietnam+)",
    "EU mời Nga tham gia đàm phán an ninh ở OSCE. (Nguồn: AFP)",
    "Ảnh: Anadolu Agency",
    "AN BÌNH",
    "Hôm nay, Nga tuyên bố rút quân.",
    "1.000",
    "Giá vàng > 70 triệu đồng",
  ])("not furniture: %s", (line) => expect(isFurniture(line)).toBe(false));

  // End-anchored rules (strip, imageAlt) run only on lines ending as their lastChars allow: the
  // results must be those of the expressions themselves.
  it.each([
    ["a table-cell bar at the end goes", "Nga đề xuất hai dự thảo hiệp ước. |", "Nga đề xuất hai dự thảo hiệp ước."],
    ["a bar inside the line stays", "Nga | Mỹ đàm phán tại Geneva.", "Nga | Mỹ đàm phán tại Geneva."],
    ["alt text repeating a line goes", "Nga gửi dự thảo cho Mỹ\nNga gửi dự thảo cho Mỹ ảnh 1", "Nga gửi dự thảo cho Mỹ"],
    ["alt text without the line before stays", "Nga gửi dự thảo cho Mỹ ảnh 2", "Nga gửi dự thảo cho Mỹ ảnh 2"],
    ["a line ending with a number is no alt text", "Nga gửi dự thảo\nNga gửi dự thảo năm 2021", "Nga gửi dự thảo\nNga gửi dự thảo năm 2021"],
  ])("end rules: %s", (_what, text, want) => expect(cleanText(text).text).toBe(want));

  it.each([
    ["Theo VTV", "VTV"],
    ["(theo Politico)", "Politico"],
    ["(Vietnam+)", "Vietnam+"],
    ["Theo RT", "RT"],
    ["Nguồn: Reuters", "Reuters"],
    ["(TTXVN)", "TTXVN"],
    ["Theo ông Ushakov, các cuộc đàm phán sẽ diễn ra.", undefined],
    ["Theo kế hoạch", undefined],
    ["(Ảnh: AP)", undefined],
    ["(Ảnh minh họa)", undefined],
    ["(Còn nữa)", undefined],
    ["Thanh Tâm (Theo Reuters)", "Reuters"],
  ])("outlet of %s → %s", (line, outlet) => expect(outletOf(line)).toBe(outlet));

  it("drops the trailing blocks of a page after a tail marker", () => {
    const body = Array.from({ length: 6 }, (_, i) => `Câu số ${i + 1} của bài viết này kể về cuộc đàm phán an ninh.`).join("\n\n");
    const r = cleanText(`${body}\n\nTin liên quan\nNga nêu 3 định dạng đàm phán\nEU gửi tâm thư tới Moscow\nMỹ gửi thư phản hồi`);
    expect(r.text).toBe(body);
  });

  it("reads a Link line as source and removes it", () => {
    const r = cleanText("Câu một.\nLink: https://example.vn/bai-viet.html\nTheo VTV");
    expect(r.link).toBe("https://example.vn/bai-viet.html");
    expect(r.outlet).toBe("VTV");
    expect(r.text).toBe("Câu một.\nTheo VTV");
  });
});

describe("metadata", () => {
  it.each([
    ["2022-02-10T07:01:00+07:00", "2022-02-10"],
    ["2021-12", "2021-12"],
    ["10/02/2022", "2022-02-10"],
    ["Thứ năm, 10/2/2022, 07:01 (GMT+7)", "2022-02-10"],
    ["ngày 10 tháng 2 năm 2022", "2022-02-10"],
    ["tháng 12/2021", "2021-12"],
    ["Thu, 10 Feb 2022 07:01:00 +0700", "2022-02-10"],
    ["February 10, 2022", "2022-02-10"],
    ["31/02/2022", undefined],
    ["không có ngày", undefined],
  ])("parseDate(%s) → %s", (value, iso) => expect(parseDate(value)).toBe(iso));

  it.each([
    ["Bảo Hà 07:01 | 10/02/2022", "2022-02-10"],
    ["Thứ năm, 10/2/2022 07:01 (GMT+7)", "2022-02-10"],
    ["Cập nhật lúc 07:01 ngày 10/02/2022", "2022-02-10"],
    ["Ngày 10/02/2022, Liên minh châu Âu đã mời Nga tham gia các cuộc đàm phán trong OSCE.", undefined],
    ["Ngày 9/2, EU đã mời Nga.", undefined],
    ["Ảnh chụp ngày 10/02/2022", undefined],
    ["PV | 10/02/2022", "2022-02-10"],
  ])("bylineDate(%s) → %s", (line, iso) => expect(bylineDate(line)).toBe(iso));

  it.each([
    [" date 2021-12 Trong cuộc điện đàm.", "2021-12", "Trong cuộc điện đàm."],
    ["date: 2022-02-10\nCâu một.", "2022-02-10", "Câu một."],
    ["Ngày đăng: 10/02/2022 07:01\nCâu một.", "2022-02-10", "Câu một."],
  ])("header %j", (text, date, rest) => {
    const m = extractTextMetadata(text.trim());
    expect(m.date).toBe(date);
    expect(m.text).toBe(rest);
  });

  it.each([
    ["Mỹ yêu cầu Nga không tiết lộ nội dung thư\nCâu một.", "Mỹ yêu cầu Nga không tiết lộ nội dung thư"],
    ["Nga có chấp nhận đề xuất?\nCâu một.", "Nga có chấp nhận đề xuất?"],
    ["Câu đầu tiên kết thúc bằng dấu chấm.\nCâu hai.", undefined],
    ["trong bối cảnh tất cả các nước\nCâu hai.", undefined],
    ["Thế giới\nMỹ gửi thư phản hồi.", undefined],
    ["Thế giới\nMỹ gửi thư phản hồi cho Nga\nCâu một.", "Mỹ gửi thư phản hồi cho Nga"],
  ])("title of %j", (text, title) => expect(extractTextMetadata(text, { title: true }).title).toBe(title));
});

describe("markdown", () => {
  const md = [
    "---",
    'title: "Nga nêu 3 định dạng đàm phán"',
    "date: 2022-01-01",
    "source: https://example.vn/bai.html",
    "---",
    "",
    "# Tiêu đề trong bài",
    "",
    "Các cuộc **đàm phán** về đảm bảo an ninh sẽ được tổ chức",
    "dưới 3 định dạng, theo [Sputnik](https://sputniknews.com).",
    "",
    "> Ông Ushakov nói: “Chúng tôi *tất nhiên* hiểu điều này.”",
    "",
    "- Geneva: Nga và Mỹ",
    "- Brussels: Nga và NATO",
    "",
    "![Ông Ushakov tại họp báo](a.jpg)",
    "",
    "---",
    "Theo `Vietnam+`",
  ].join("\n");

  it("front matter, markup stripped, soft-wrapped lines joined", () => {
    const r = markdownToText(md);
    expect(r.title).toBe("Nga nêu 3 định dạng đàm phán");
    expect(r.date).toBe("2022-01-01");
    expect(r.source).toBe("https://example.vn/bai.html");
    expect(r.text).toContain("Tiêu đề trong bài");
    expect(r.text).toContain("Các cuộc đàm phán về đảm bảo an ninh sẽ được tổ chức dưới 3 định dạng, theo Sputnik.");
    expect(r.text).toContain("Ông Ushakov nói: “Chúng tôi tất nhiên hiểu điều này.”");
    expect(r.text).toContain("Geneva: Nga và Mỹ");
    expect(r.text).toContain("Ông Ushakov tại họp báo");
    expect(r.text).not.toMatch(/[*#`>\]]|\(https?:/);
  });

  it("through ingest: heading as title when there is no front matter", () => {
    const r = ingestOk("bai.md", utf8("# Mỹ gửi thư phản hồi\n\nNgày 26/1, Mỹ gửi thư phản hồi.\n\n(theo Politico)\n"));
    expect(r.article).toEqual({
      id: "bai",
      file: "bai.md",
      title: "Mỹ gửi thư phản hồi",
      source: "Politico",
      text: "Mỹ gửi thư phản hồi\n\nNgày 26/1, Mỹ gửi thư phản hồi.\n\n(theo Politico)",
    });
  });

  it("through ingest: front matter date", () => {
    const r = ingestOk("bai.markdown", utf8("---\ntitle: T đề\ndate: 10/02/2022\n---\nCâu một.\n"));
    expect(r.article.date).toBe("2022-02-10");
    expect(r.article.title).toBe("T đề");
  });
});

describe("html", () => {
  const page = `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<title>Mỹ yêu cầu Nga không tiết lộ thư phản hồi | Báo Tin Tức</title>
<meta property="og:title" content="Mỹ yêu cầu Nga không tiết lộ thư phản hồi">
<meta property="article:published_time" content="2022-01-27T07:01:00+07:00">
<link rel="canonical" href="https://tintuc.example.vn/my-yeu-cau-nga-post1.html">
<style>p { color: red }</style></head>
<body>
<header><div class="logo">Báo Tin Tức</div><nav><ul><li><a href="/">Trang chủ</a></li><li><a href="/the-gioi">Thế giới</a></li><li><a href="/kinh-te">Kinh tế</a></li></ul></nav></header>
<div class="banner ads"><a href="https://ads.example">Mua bảo hiểm giá rẻ ngay hôm nay</a></div>
<script>document.write("<p>Đoạn chèn bằng script</p>")</script>
<main><article>
<h1>Mỹ yêu cầu Nga không tiết lộ thư phản hồi</h1>
<div class="share"><a>Chia sẻ</a> <a>Facebook</a> <a>Zalo</a></div>
<div class="article-body">
<p>Ngày 26/1, Mỹ gửi thư phản hồi đề xuất an ninh của Nga nhưng yêu cầu Mátxcơva không tiết lộ nội dung cụ thể của văn bản.</p>
<figure><img src="a.jpg" alt="ảnh 1"><figcaption>Ngoại trưởng Nga Sergey Lavrov (phải) và Ngoại trưởng Mỹ Antony Blinken (trái). Ảnh: Anadolu Agency</figcaption></figure>
<p>Phát biểu tại cuộc họp báo cùng ngày, Ngoại trưởng Mỹ Antony <strong>Blinken</strong> cho biết thư phản hồi của
   Washington đề cập đến các “nguyên tắc cốt lõi” mà nước này quyết tâm duy trì.</p>
<p>Tuy nhiên, ông Blinken cho biết sẽ không cung cấp thông tin chi tiết về thư phản hồi của Washington vì “các biện pháp ngoại giao có cơ hội thành công cao nhất khi chúng ta tạo điều kiện cho các cuộc đàm phán kín”.</p>
<p>Động thái này của Mỹ trái ngược hoàn toàn với Nga.<br>Theo RT</p>
</div>
<div class="tags">Tags: Mỹ, Nga, NATO</div>
</article>
<aside><h3>Tin liên quan</h3><ul><li><a>Nga nêu 3 định dạng đàm phán</a></li><li><a>EU gửi tâm thư tới Moscow</a></li></ul></aside>
</main>
<footer><p>© 2022 Báo Tin Tức. Giấy phép số 123/GP-BTTTT.</p><p>Liên hệ quảng cáo: 0123 456 789</p></footer>
</body></html>`;

  it("only the article text, paragraphs kept, title, date and source read", () => {
    const { article } = ingestOk("news/page.html", utf8(page));
    expect(article.id).toBe("page");
    expect(article.title).toBe("Mỹ yêu cầu Nga không tiết lộ thư phản hồi");
    expect(article.date).toBe("2022-01-27");
    expect(article.source).toBe("https://tintuc.example.vn/my-yeu-cau-nga-post1.html");
    for (const junk of ["Trang chủ", "Thế giới", "Mua bảo hiểm", "script", "color", "Chia sẻ", "Tags", "Tin liên quan", "EU gửi tâm thư", "Giấy phép", "Liên hệ"]) {
      expect(article.text).not.toContain(junk);
    }
    expect(article.text).toBe(
      [
        "Mỹ yêu cầu Nga không tiết lộ thư phản hồi",
        "Ngày 26/1, Mỹ gửi thư phản hồi đề xuất an ninh của Nga nhưng yêu cầu Mátxcơva không tiết lộ nội dung cụ thể của văn bản.",
        "Ngoại trưởng Nga Sergey Lavrov (phải) và Ngoại trưởng Mỹ Antony Blinken (trái). Ảnh: Anadolu Agency",
        "Phát biểu tại cuộc họp báo cùng ngày, Ngoại trưởng Mỹ Antony Blinken cho biết thư phản hồi của Washington đề cập đến các “nguyên tắc cốt lõi” mà nước này quyết tâm duy trì.",
        "Tuy nhiên, ông Blinken cho biết sẽ không cung cấp thông tin chi tiết về thư phản hồi của Washington vì “các biện pháp ngoại giao có cơ hội thành công cao nhất khi chúng ta tạo điều kiện cho các cuộc đàm phán kín”.",
        "Động thái này của Mỹ trái ngược hoàn toàn với Nga.\nTheo RT",
      ].join("\n\n"),
    );
  });

  it("date from a visible byline and <time> when the head has none", () => {
    const html = `<html><head><title>Tin ngắn</title></head><body><article><h1>Tin ngắn</h1>
<p class="date">Thứ năm, 10/2/2022 07:01 (GMT+7)</p>
<p>EU mời Nga tham gia các cuộc đàm phán trong Tổ chức An ninh và Hợp tác châu Âu về các biện pháp tăng cường an ninh ở châu Âu.</p>
<p>27 thành viên EU đã thông qua bức thư gửi cho Ngoại trưởng Nga Sergei Lavrov.</p></article></body></html>`;
    const { article } = ingestOk("t.htm", utf8(html));
    expect(article.date).toBe("2022-02-10");
    expect(article.text).not.toContain("GMT");
    expect(article.text).toContain("27 thành viên EU đã thông qua bức thư gửi cho Ngoại trưởng Nga Sergei Lavrov.");
  });

  it("a fragment without html/head/body and a declared Windows-1258 charset", () => {
    const html = `<meta charset="windows-1258"><title>Đàm phán an ninh</title><p>Ông Ushakov nhấn mạnh Nga cần các thỏa thuận có tính ràng buộc pháp lý.</p><p>Điều này đã được nhắc lại nhiều lần.</p>`;
    const r = ingestOk("f.html", iconv.encode(to1258Form(html), "windows1258"));
    expect(r.article.title).toBe("Đàm phán an ninh");
    expect(r.article.text).toBe(
      "Đàm phán an ninh\n\nÔng Ushakov nhấn mạnh Nga cần các thỏa thuận có tính ràng buộc pháp lý.\n\nĐiều này đã được nhắc lại nhiều lần.",
    );
  });

  it("a .txt file holding an HTML page is read as HTML", () => {
    const r = ingestOk("page.txt", utf8(page));
    expect(r.warnings.join(" ")).toMatch(/HTML/);
    expect(r.article.text).not.toContain("<p>");
    expect(r.article.title).toBe("Mỹ yêu cầu Nga không tiết lộ thư phản hồi");
  });
});

describe("memory", () => {
  // A build keeps every article's title and source to the end. Cut from the article's text, they
  // kept the whole text before cleaning alive with them: a second copy of the corpus in memory.
  it("an article's title and source do not keep its text alive", () => {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const body = Array.from({ length: 60 }, (_, i) => `Đoạn ${i}: Ngoại trưởng Nga và đại diện NATO thảo luận về đề xuất an ninh, các bên chưa đạt được đồng thuận.`).join("\n\n");
    const kept: string[] = [];
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 300; i++) {
      const text = `Nga và NATO bàn về đề xuất an ninh, vòng ${i}\n\n${body}\n\nLink: https://example.vn/bai-viet-so-${i}-ve-de-xuat-an-ninh.html\n`;
      const { article } = ingestOk(`a${i}.txt`, utf8(text));
      kept.push(article.title!, article.source!);
    }
    gc();
    const grown = process.memoryUsage().heapUsed - before;
    expect(kept[1]).toBe("https://example.vn/bai-viet-so-0-ve-de-xuat-an-ninh.html");
    // 300 texts of 6,600 characters (two bytes each) are 4 MB; the titles and links, about 60 KB.
    expect(grown).toBeLessThan(1_000_000);
  });
});
