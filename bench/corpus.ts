// A deterministic corpus of Vietnamese news articles for the benchmark: varied sentence patterns
// about who proposed what to whom (proposals, replies, rejections, talks, calls, demands, support,
// invitations, membership), with actors, titles and office-holders from the lexicon, dates in the
// forms the pipeline reads, and background sentences that carry no relation. Article i depends only
// on (seed, i), so the 1k corpus is the first thousand articles of the 10k and the 50k ones.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import actorsData from "../src/recognize/actors.json";
import titlesData from "../src/recognize/titles.json";

// ---- PRNG ----

/** mulberry32: small, fast, good enough for text generation. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hashInts(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x632be5ab, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  return h >>> 0;
}

class Rng {
  constructor(readonly next: () => number) {}
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }
  /** Zipf-like pick: the first items are met far more often (a few hubs, a long tail). */
  skewed<T>(xs: readonly T[], s = 1.6): T {
    const u = this.next();
    const i = Math.floor(xs.length * Math.pow(u, s));
    return xs[Math.min(xs.length - 1, i)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

// ---- Actors from the lexicon ----

interface LexActor {
  id: string;
  type: "country" | "organization" | "person";
  label: string;
  names: string[];
  metonyms?: string[];
  offices?: Array<{ office: string; of: string; from: string; to?: string }>;
}

const ACTORS = actorsData as unknown as LexActor[];
const TITLES = titlesData as unknown as Array<{ names: string[]; office: string }>;
const BY_ID = new Map(ACTORS.map((a) => [a.id, a]));

/** States that are often in the news first: hubs of the generated graph. */
const HUB_STATES = ["RUS", "USA", "UKR", "CHN", "DEU", "FRA", "GBR", "POL", "TUR", "JPN", "IND", "VNM", "KOR", "PRK", "IRN", "ISR"];
const COUNTRIES = [
  ...HUB_STATES.map((id) => BY_ID.get(id)).filter((a): a is LexActor => !!a),
  ...ACTORS.filter((a) => a.type === "country" && !HUB_STATES.includes(a.id)),
];
const HUB_ORGS = ["NATO", "EU", "UN", "OSCE", "ASEAN", "G7", "IAEA", "WHO"];
const ORGS = [
  ...HUB_ORGS.map((id) => BY_ID.get(id)).filter((a): a is LexActor => !!a),
  ...ACTORS.filter((a) => a.type === "organization" && !HUB_ORGS.includes(a.id) && !a.id.includes("_")),
];
const PEOPLE = ACTORS.filter((a) => a.type === "person" && (a.offices ?? []).some((o) => BY_ID.get(o.of)?.type === "country"));

const TITLE_OF = new Map<string, string[]>();
for (const t of TITLES) TITLE_OF.set(t.office, [...(TITLE_OF.get(t.office) ?? []), ...t.names.filter((n) => !/^(Tân|Nữ)\b/.test(n))]);

/** Invented officials (not in the lexicon): found through their titles, so the graph grows with the corpus. */
const GIVEN = ["Anders", "Brigitte", "Carlos", "Dmitri", "Elena", "Farid", "Gunnar", "Hiroshi", "Ingrid", "Jorge", "Katarina", "Lars", "Mikhail", "Nadia", "Oleg", "Pavel", "Rania", "Stefan", "Tomas", "Yusuf", "Andrei", "Marta", "Henrik", "Sofia", "Viktor", "Amir", "Lucia", "Peter", "Olga", "Rafael"];
const FAMILY = ["Andersen", "Bauer", "Castillo", "Dvorak", "Eriksen", "Fischer", "Gorbunov", "Halvorsen", "Ivanova", "Jankowski", "Kowalczyk", "Lindqvist", "Moreau", "Novak", "Orlov", "Petrenko", "Quintana", "Romanov", "Schulz", "Tanaka", "Ulyanov", "Varga", "Weber", "Yamamoto", "Zielinski", "Horvath", "Nakamura", "Sokolov", "Kuznetsov", "Berg"];
const MINOR_OFFICES = ["deputy_foreign_minister", "ambassador", "spokesperson", "envoy", "head_of_delegation", "deputy_defence_minister", "permanent_representative"];

// ---- Vocabulary ----

const TOPICS = [
  "an ninh châu Âu", "kiểm soát vũ khí", "đảm bảo an ninh", "ổn định chiến lược", "hợp tác kinh tế", "an ninh năng lượng",
  "vấn đề hạt nhân", "tình hình biên giới", "an ninh hàng hải", "chống khủng bố", "biến đổi khí hậu", "thương mại song phương",
  "hợp tác quốc phòng", "viện trợ nhân đạo", "tình hình khu vực", "các lệnh trừng phạt", "an ninh lương thực", "an ninh mạng",
];
const DRAFTS = ["dự thảo hiệp ước", "dự thảo thỏa thuận", "bản dự thảo", "dự thảo văn kiện", "đề xuất an ninh", "bản đề xuất", "sáng kiến hòa bình", "kế hoạch hòa bình", "gói đề xuất", "dự thảo nghị quyết"];
const REPLIES = ["văn bản phản hồi", "thư phản hồi", "thư trả lời", "phản hồi bằng văn bản", "bản phúc đáp", "câu trả lời bằng văn bản"];
const LETTERS = ["bức thư", "lá thư", "công hàm", "thư ngỏ", "bức thư chung", "thông điệp bằng văn bản"];
const DEMANDS = [
  "rút quân khỏi khu vực biên giới", "nối lại đàm phán", "tuân thủ các cam kết quốc tế", "chấm dứt các cuộc tập trận", "giảm căng thẳng",
  "trả lời bằng văn bản trong thời gian sớm nhất", "công bố toàn bộ nội dung đề xuất", "thả các công dân bị giam giữ", "mở lại hành lang nhân đạo",
  "ngừng triển khai vũ khí tấn công", "kiềm chế các hành động khiêu khích", "bảo đảm an toàn cho các nhà ngoại giao",
];
const REASONS = [
  "các điều khoản không phù hợp với luật pháp quốc tế", "đề xuất này đi ngược lại nguyên tắc mở cửa", "nội dung văn bản thiếu tính thực tế",
  "những yêu cầu đó là không thể chấp nhận", "văn kiện không tính đến lợi ích của các bên", "thời điểm đưa ra đề xuất chưa phù hợp",
];
const CITIES = ["Geneva", "Vienna", "Brussels", "Helsinki", "Istanbul", "Thượng Hải", "Singapore", "Oslo", "Doha", "Minsk", "Jakarta", "Stockholm"];
const SOURCES = ["hãng thông tấn TASS", "hãng tin Reuters", "hãng tin AFP", "báo The Guardian", "kênh CNN", "hãng tin AP", "tờ Kommersant", "hãng tin Bloomberg", "đài RT", "tờ Le Monde"];
const SPEECH = ["cho biết", "nhấn mạnh", "khẳng định", "tuyên bố", "nêu rõ", "cho hay"];
const HOURS = ["hai", "ba", "bốn", "năm", "sáu"];
const ANALYSTS = ["Giới phân tích", "Các chuyên gia", "Nhiều nhà quan sát", "Giới quan sát quốc tế", "Các nhà phân tích"];
const BACKGROUND = [
  "Kim ngạch thương mại song phương đạt khoảng {n} tỷ USD trong năm {y}, tăng {p}% so với năm trước đó.",
  "{An} cho rằng những diễn biến gần đây cho thấy tiến trình ngoại giao đang bước vào giai đoạn quyết định.",
  "{An} nhận định tình hình khó có thể hạ nhiệt trong thời gian ngắn, dù các bên đều bày tỏ thiện chí.",
  "Theo số liệu chính thức, hơn {n} nghìn người đã phải rời khỏi khu vực trong vài tháng qua.",
  "Giá dầu thô trên thị trường thế giới đã tăng gần {p}% sau khi thông tin trên được công bố.",
  "Chương trình nghị sự còn bao gồm các vấn đề về {t}, {t2} và phối hợp trên các diễn đàn đa phương.",
  "Đây là lần thứ {k} trong năm nay các quan chức cấp cao của hai bên tiếp xúc trực tiếp.",
  "Trước đó, nhiều vòng tham vấn cấp chuyên viên đã diễn ra nhưng chưa đạt được kết quả cụ thể.",
  "Dư luận trong nước đặc biệt quan tâm tới tác động của các quyết định này đối với đời sống người dân.",
  "Các thị trường chứng khoán châu Á phản ứng thận trọng trước những thông tin mới nhất.",
  "{An} lưu ý rằng lập trường của các bên vẫn còn khoảng cách khá xa về nhiều vấn đề then chốt.",
  "Một nguồn tin ngoại giao giấu tên cho biết các cuộc tiếp xúc sẽ tiếp tục trong những tuần tới.",
];

// ---- One article ----

interface Ctx {
  rng: Rng;
  year: number;
  month: number;
  day: number;
  a: LexActor;
  b: LexActor;
  c: LexActor;
  org: LexActor;
  topic: string;
  draft: string;
  people: Map<string, { full: string; surname: string; named: boolean }>;
}

const pad2 = (n: number) => String(n).padStart(2, "0");
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function nameOf(ctx: Ctx, a: LexActor): string {
  const r = ctx.rng;
  // Mostly the label; sometimes another name or (for states) the capital standing for it.
  if (r.chance(0.75)) return a.label;
  if (a.type === "country" && a.metonyms?.length && r.chance(0.3)) return r.pick(a.metonyms);
  const plain = a.names.filter((n) => !/^(Cộng hòa|Vương quốc|Liên bang)\b/.test(n) && !/-/.test(n) && !/^[a-zđ]/.test(n));
  return plain.length ? r.pick(plain) : a.label;
}

function earlierDate(ctx: Ctx): { d: number; m: number } {
  const back = ctx.rng.int(0, 20);
  const t = new Date(Date.UTC(ctx.year, ctx.month - 1, ctx.day - back));
  return { d: t.getUTCDate(), m: t.getUTCMonth() + 1 };
}

function dateExpr(ctx: Ctx): string {
  const r = ctx.rng;
  const { d, m } = earlierDate(ctx);
  switch (r.int(0, 6)) {
    case 0:
      return `ngày ${d}/${m}`;
    case 1:
      return `hôm ${d}/${m}`;
    case 2:
      return `ngày ${pad2(d)}/${pad2(m)}/${ctx.year}`;
    case 3:
      return "tuần trước";
    case 4:
      return `tối ${d}/${m}`;
    case 5:
      return `tháng ${ctx.month}/${ctx.year}`;
    default:
      return `sáng ${d}/${m}`;
  }
}

/** A titled person of state `s`: an office-holder from the lexicon, or an invented official. */
function personOf(ctx: Ctx, s: LexActor): string {
  const r = ctx.rng;
  const iso = `${ctx.year}-${pad2(ctx.month)}-${pad2(ctx.day)}`;
  const holders = PEOPLE.filter((p) => (p.offices ?? []).some((o) => o.of === s.id && o.from <= iso && (!o.to || o.to >= iso)));
  const key = `${s.id}`;
  const known = ctx.people.get(key);
  if (known && r.chance(0.5)) {
    // Later references: by honorific and surname.
    return `${r.chance(0.85) ? "ông" : "bà"} ${known.surname}`;
  }
  if (holders.length && r.chance(0.7)) {
    const p = r.pick(holders);
    const o = (p.offices ?? []).find((x) => x.of === s.id && x.from <= iso && (!x.to || x.to >= iso))!;
    const titles = TITLE_OF.get(o.office) ?? ["Quan chức"];
    const full = p.label;
    const surname = full.split(/\s+/).pop()!;
    ctx.people.set(key, { full, surname, named: true });
    return `${r.pick(titles)} ${nameOf(ctx, s)} ${full}`;
  }
  const office = r.pick(MINOR_OFFICES);
  const titles = TITLE_OF.get(office) ?? ["Đại sứ"];
  const full = `${r.pick(GIVEN)} ${r.pick(FAMILY)}`;
  ctx.people.set(key, { full, surname: full.split(" ")[1], named: true });
  return `${r.pick(titles)} ${s.label} ${full}`;
}

type Template = (ctx: Ctx) => string;

const actorOrPerson = (ctx: Ctx, s: LexActor) => (s.type === "country" && ctx.rng.chance(0.4) ? personOf(ctx, s) : nameOf(ctx, s));

const T: Record<string, Template[]> = {
  propose: [
    (c) => `${cap(dateExpr(c))}, ${c.a.type === "country" ? "Bộ Ngoại giao " : ""}${nameOf(c, c.a)} đã công bố ${c.draft} về ${c.topic} và gửi cho ${nameOf(c, c.b)} cùng ${nameOf(c, c.org)}.`,
    (c) => `${nameOf(c, c.a)} đã đưa ra ${c.draft} gồm ${c.rng.int(2, 12)} điểm liên quan đến ${c.topic}.`,
    (c) => `Theo ${c.rng.pick(SOURCES)}, ${actorOrPerson(c, c.a)} ${c.rng.pick(SPEECH)} ${nameOf(c, c.a)} đã trao ${c.draft} cho phía ${nameOf(c, c.b)} ${dateExpr(c)}.`,
    (c) => `${cap(dateExpr(c))}, ${actorOrPerson(c, c.a)} đã đệ trình ${c.draft} lên Hội đồng Bảo an Liên hợp quốc.`,
    (c) => `Văn kiện do ${nameOf(c, c.a)} soạn thảo đề cập tới ${c.topic} và ${c.rng.pick(TOPICS)}.`,
    (c) => `${actorOrPerson(c, c.a)} đã gửi ${c.rng.pick(LETTERS)} tới ${nameOf(c, c.b)}, đề nghị hai bên sớm bắt đầu tham vấn về ${c.topic}.`,
  ],
  reply: [
    (c) => `${cap(dateExpr(c))}, ${nameOf(c, c.b)} đã chuyển ${c.rng.pick(REPLIES)} đối với ${c.draft} của ${nameOf(c, c.a)}.`,
    (c) => `${actorOrPerson(c, c.b)} ${c.rng.pick(SPEECH)} ${c.rng.pick(REPLIES)} của ${nameOf(c, c.b)} sẽ được gửi tới ${nameOf(c, c.a)} trong tuần tới.`,
    (c) => `Phía ${nameOf(c, c.a)} đã nhận được phản hồi của ${nameOf(c, c.b)} và đang nghiên cứu kỹ nội dung.`,
    (c) => `${nameOf(c, c.b)} và ${nameOf(c, c.org)} đã trao cho Đại sứ ${nameOf(c, c.a)} văn bản phản hồi về ${c.topic}.`,
  ],
  reject: [
    (c) => `${nameOf(c, c.b)} bác bỏ yêu cầu của ${nameOf(c, c.a)}, cho rằng ${c.rng.pick(REASONS)}.`,
    (c) => `${actorOrPerson(c, c.b)} ${c.rng.pick(SPEECH)} rằng ${nameOf(c, c.b)} không chấp nhận ${c.draft} mà ${nameOf(c, c.a)} đưa ra.`,
    (c) => `${nameOf(c, c.org)} đã từ chối ${c.draft} của ${nameOf(c, c.a)} vì ${c.rng.pick(REASONS)}.`,
  ],
  talks: [
    (c) => `${cap(dateExpr(c))}, ${personOf(c, c.a)} đã điện đàm với ${personOf(c, c.b)} về ${c.topic}.`,
    (c) => `Cuộc hội đàm giữa ${nameOf(c, c.a)} và ${nameOf(c, c.b)} diễn ra tại ${c.rng.pick(CITIES)} trong ${c.rng.pick(HOURS)} giờ.`,
    (c) => `Hai bên đã thảo luận về ${c.topic} và nhất trí tiếp tục đối thoại trong thời gian tới.`,
    (c) => `${nameOf(c, c.a)} và ${nameOf(c, c.c)} nhất trí tăng cường phối hợp trong lĩnh vực ${c.rng.pick(TOPICS)}.`,
    (c) => `${actorOrPerson(c, c.a)} đã gặp ${personOf(c, c.c)} bên lề hội nghị tại ${c.rng.pick(CITIES)}.`,
    (c) => `Các nhà ngoại giao ${nameOf(c, c.a)} sẽ tham vấn với ${nameOf(c, c.org)} trước vòng đàm phán tiếp theo.`,
  ],
  demand: [
    (c) => `${actorOrPerson(c, c.a)} kêu gọi ${nameOf(c, c.b)} ${c.rng.pick(DEMANDS)}.`,
    (c) => `${nameOf(c, c.a)} yêu cầu ${nameOf(c, c.b)} và ${nameOf(c, c.org)} ${c.rng.pick(DEMANDS)}.`,
    (c) => `${actorOrPerson(c, c.b)} hối thúc ${nameOf(c, c.a)} ${c.rng.pick(DEMANDS)}.`,
    (c) => `${nameOf(c, c.org)} thúc giục ${nameOf(c, c.c)} ${c.rng.pick(DEMANDS)}.`,
  ],
  support: [
    (c) => `${nameOf(c, c.c)} tuyên bố ủng hộ ${nameOf(c, c.b)} trong vấn đề ${c.topic}.`,
    (c) => `${nameOf(c, c.org)} cam kết hỗ trợ ${nameOf(c, c.c)} về ${c.rng.pick(TOPICS)}.`,
    (c) => `${nameOf(c, c.a)} hoan nghênh ${c.draft} của ${nameOf(c, c.c)}.`,
  ],
  invite: [
    (c) => `${nameOf(c, c.a)} mời ${nameOf(c, c.b)} tham dự hội nghị về ${c.topic} tại ${c.rng.pick(CITIES)}.`,
    (c) => `${actorOrPerson(c, c.c)} đã gửi lời mời ${nameOf(c, c.a)} tới thăm chính thức vào ${dateExpr(c)}.`,
  ],
  member: [
    (c) => `${nameOf(c, c.c)}, một nước thành viên ${c.org.label}, cũng bày tỏ quan ngại về ${c.topic}.`,
    (c) => `Các nước thành viên ${c.org.label} như ${nameOf(c, c.c)}, ${nameOf(c, c.b)} đã ra tuyên bố chung.`,
  ],
  quote: [
    (c) => {
      const p = [...c.people.values()].pop();
      const who = p ? `ông ${p.surname}` : `người phát ngôn Bộ Ngoại giao ${nameOf(c, c.a)}`;
      return `“Chúng tôi sẵn sàng thảo luận mọi vấn đề liên quan tới ${c.topic}, nhưng không chấp nhận sức ép từ bên ngoài”, ${who} nói với báo giới.`;
    },
    (c) => `Ông ${[...c.people.values()].pop()?.surname ?? "Lavrov"} nhấn mạnh rằng mọi giải pháp cho ${c.topic} phải tính đến lợi ích chính đáng của tất cả các bên.`,
  ],
  background: BACKGROUND.map((s) => (c: Ctx) =>
    s
      .replace("{An}", c.rng.pick(ANALYSTS))
      .replace("{n}", String(c.rng.int(2, 480)))
      .replace("{y}", String(c.year - 1))
      .replace("{p}", String(c.rng.int(2, 35)))
      .replace("{k}", String(c.rng.int(2, 7)))
      .replace("{t2}", c.rng.pick(TOPICS))
      .replace("{t}", c.topic),
  ),
};

const KINDS: Array<[string, number]> = [
  ["propose", 3],
  ["reply", 2],
  ["reject", 1.5],
  ["talks", 3],
  ["demand", 2],
  ["support", 1.5],
  ["invite", 0.7],
  ["member", 0.6],
  ["quote", 1],
  ["background", 4],
];
const KIND_TOTAL = KINDS.reduce((s, [, w]) => s + w, 0);

function sentence(ctx: Ctx): string {
  let u = ctx.rng.next() * KIND_TOTAL;
  for (const [kind, w] of KINDS) {
    u -= w;
    if (u <= 0) return ctx.rng.pick(T[kind])(ctx);
  }
  return ctx.rng.pick(T.background)(ctx);
}

function headline(ctx: Ctx): string {
  const r = ctx.rng;
  const a = ctx.a.label;
  const b = ctx.b.label;
  switch (r.int(0, 5)) {
    case 0:
      return `${a} gửi ${ctx.draft} tới ${b} và ${ctx.org.label}`;
    case 1:
      return `${b} phản hồi đề xuất của ${a} về ${ctx.topic}`;
    case 2:
      return `${a} và ${b} điện đàm về ${ctx.topic}`;
    case 3:
      return `${b} bác bỏ yêu cầu của ${a}`;
    case 4:
      return `${a} kêu gọi ${b} ${r.pick(DEMANDS)}`;
    default:
      return `Toàn cảnh quan hệ ${a} - ${b} sau loạt tiếp xúc về ${ctx.topic}`;
  }
}

const WEEKDAYS = ["Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"];
const AUTHORS = ["AN BÌNH", "MINH HÒA", "THU TRANG", "HỒNG NHUNG", "QUANG MINH", "Ngọc Anh (theo Reuters)", "Hải Yến (tổng hợp)", "Thanh Hà"];

export interface GeneratedArticle {
  name: string;
  text: string;
}

/** Article `i` of the corpus with `seed`: a headline, a date line, 2–5 KB of paragraphs, a byline. */
export function generateArticle(seed: number, i: number): GeneratedArticle {
  const rng = new Rng(mulberry32(hashInts(seed, i)));
  const year = rng.int(2015, 2024);
  const month = rng.int(1, 12);
  const day = rng.int(1, 28);
  const pickState = () => rng.skewed(COUNTRIES, 2.2);
  const a = pickState();
  let b = pickState();
  while (b.id === a.id) b = pickState();
  let c = pickState();
  while (c.id === a.id || c.id === b.id) c = pickState();
  const ctx: Ctx = {
    rng,
    year,
    month,
    day,
    a: rng.chance(0.15) ? rng.skewed(ORGS, 2) : a,
    b,
    c,
    org: rng.skewed(ORGS, 2),
    topic: rng.pick(TOPICS),
    draft: rng.pick(DRAFTS),
    people: new Map(),
  };
  const target = rng.int(2000, 5000);
  const lines: string[] = [];
  lines.push(headline(ctx), "");
  const hour = rng.int(6, 22);
  const wd = WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()];
  const dateLine = rng.chance(0.5)
    ? `${wd}, ${pad2(day)}/${pad2(month)}/${year} ${pad2(hour)}:${pad2(rng.int(0, 59))} (GMT+7)`
    : `Cập nhật: ${day}/${month}/${year} ${pad2(hour)}:${pad2(rng.int(0, 59))}`;
  lines.push(dateLine, "");
  let bytes = Buffer.byteLength(lines.join("\n"));
  const author = rng.pick(AUTHORS);
  const seen = new Set<string>();
  while (bytes < target - 120) {
    const n = rng.int(2, 5);
    const para: string[] = [];
    for (let k = 0, tries = 0; k < n && tries < 20; tries++) {
      const s = cap(sentence(ctx));
      // No sentence twice in one article.
      if (seen.has(s)) continue;
      seen.add(s);
      para.push(s);
      k++;
    }
    const p = para.join(" ");
    // Stop before overshooting the upper bound.
    if (bytes + Buffer.byteLength(p) + 2 > 5000 - 40) break;
    lines.push(p, "");
    bytes += Buffer.byteLength(p) + 2;
  }
  lines.push(author, "");
  const text = lines.join("\n");
  const name = `${String(i).padStart(5, "0")}_${hashInts(seed ^ 0x5bd1e995, i).toString(16).padStart(8, "0")}.txt`;
  return { name, text };
}

export const CORPUS_SEED = 20240601;
const VERSION = 3;

/**
 * Write the first `count` articles to `dir` (one .txt file each), unless the folder already holds
 * them (a manifest records seed, count and generator version). Returns the total bytes.
 */
export function writeCorpus(dir: string, count: number, seed = CORPUS_SEED): { files: number; bytes: number; fresh: boolean } {
  const manifest = join(dir, ".manifest.json");
  const want = { seed, count, version: VERSION };
  if (existsSync(manifest)) {
    try {
      const m = JSON.parse(readFileSync(manifest, "utf8"));
      if (m.seed === seed && m.count === count && m.version === VERSION) return { files: m.count, bytes: m.bytes, fresh: false };
    } catch {
      // rewrite below
    }
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const a = generateArticle(seed, i);
    const buf = Buffer.from(a.text, "utf8");
    writeFileSync(join(dir, a.name), buf);
    bytes += buf.length;
  }
  writeFileSync(manifest, JSON.stringify({ ...want, bytes }) + "\n");
  if (readdirSync(dir).length !== count + 1) throw new Error(`corpus ${dir}: file names collide`);
  return { files: count, bytes, fresh: true };
}
