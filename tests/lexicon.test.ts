import { describe, expect, it } from "vitest";
import { nameKey } from "../src/text/normalize";
import { LexiconError, loadLexicon, lookupName, officeHolder, officeHolders } from "../src/recognize/lexicon";

const lex = loadLexicon();
const ids = (surface: string) => lookupName(lex, surface).map((h) => h.actor.id);
const byId = (id: string) => lex.actors.find((a) => a.id === id)!;

/** The message of what `fn` throws, checking it is a one-line LexiconError. */
function thrown(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(LexiconError);
    const msg = (e as Error).message;
    expect(msg).not.toContain("\n");
    return msg;
  }
  throw new Error("expected a LexiconError");
}

describe("names resolve to one actor", () => {
  it.each([
    ["Nga", "RUS"],
    ["Liên bang Nga", "RUS"],
    ["phía Nga", "RUS"],
    ["Mátxcơva", "RUS"],
    ["Moskva", "RUS"],
    ["Moscow", "RUS"],
    ["Điện Kremlin", "RUS"],
    ["Kremlin", "RUS"],
    ["Mỹ", "USA"],
    ["Mĩ", "USA"],
    ["Hoa Kỳ", "USA"],
    ["Washington", "USA"],
    ["Nhà Trắng", "USA"],
    ["Ukraine", "UKR"],
    ["Ukraina", "UKR"],
    ["Ucraina", "UKR"],
    ["Kyiv", "UKR"],
    ["Kiev", "UKR"],
    ["Belarus", "BLR"],
    ["Bêlarút", "BLR"],
    ["Cadắcxtan", "KAZ"],
    ["Gruzia", "GEO"],
    ["Vương quốc Anh", "GBR"],
    ["Luân Đôn", "GBR"],
    ["Cộng hòa Séc", "CZE"],
    ["Cộng hoà Séc", "CZE"],
    ["Thụy Sĩ", "CHE"],
    ["Thuỵ Sỹ", "CHE"],
    ["Ba Lan", "POL"],
    ["Vácsava", "POL"],
    ["Bắc Kinh", "CHN"],
    ["Bình Nhưỡng", "PRK"],
    ["Liên Xô", "SUN"],
    ["Tổ chức Hiệp ước Bắc Đại Tây Dương", "NATO"],
    ["Liên minh châu Âu", "EU"],
    ["Tổ chức An ninh và Hợp tác châu Âu", "OSCE"],
    ["Tổ chức An ninh và hợp tác châu Âu", "OSCE"],
    ["Liên hợp quốc", "UN"],
    ["Hội đồng Bảo an", "UNSC"],
    ["Cơ quan Hành động đối ngoại châu Âu", "EEAS"],
    ["Hội đồng NATO-Nga", "NRC"],
    ["Hội đồng châu Âu", "EUCO"],
    ["Ủy hội châu Âu", "COE"],
    ["Tổ chức Hiệp ước An ninh Tập thể", "CSTO"],
    ["Bộ tứ Normandy", "NORMANDY"],
    ["Lực lượng Bảo vệ Biên giới Ukraine", "UKR_BORDER"],
    ["Lầu Năm Góc", "USA_MOD"],
    ["Duma Quốc gia", "RUS_LOWER"],
    ["Sergei Lavrov", "person:sergei-lavrov"],
    ["Sergey Lavrov", "person:sergei-lavrov"],
    ["Lavrov", "person:sergei-lavrov"],
    ["Xéc-gây La-vrốp", "person:sergei-lavrov"],
    ["Tập Cận Bình", "person:tap-can-binh"],
    ["Xi Jinping", "person:tap-can-binh"],
    ["Zelenskyy", "person:volodymyr-zelensky"],
    ["Yury Ushakov", "person:yury-ushakov"],
    ["Yuri Ushakov", "person:yury-ushakov"],
  ])("%s → %s", (surface, id) => {
    expect(ids(surface)).toEqual([id]);
  });

  it("tone placement and i/y do not make two names", () => {
    expect(nameKey("Thụy Sỹ")).toBe(nameKey("Thụy Sĩ"));
    expect(nameKey("Cộng hoà Séc")).toBe(nameKey("Cộng hòa Séc"));
  });

  it("keeps the marks and capitals that carry meaning", () => {
    expect(ids("ảnh")).toEqual([]);
    expect(ids("anh")).toEqual([]);
    expect(ids("ngà")).toEqual([]);
    expect(ids("mỹ")).toEqual([]);
  });

  it("leaves venues out: Brussels, Geneva and Vienna are no actors", () => {
    for (const venue of ["Brussels", "Bruxelles", "Geneva", "Geneve", "Genève", "Vienna", "Viên"]) expect(ids(venue)).toEqual([]);
  });

  it("marks names that are also common words or given names", () => {
    for (const [surface, id] of [
      ["Anh", "GBR"],
      ["Đức", "DEU"],
      ["Ý", "ITA"],
      ["Pháp", "FRA"],
    ]) {
      const hit = lookupName(lex, surface)[0];
      expect(hit.actor.id).toBe(id);
      expect(hit.ambiguous).toBe(true);
    }
    expect(lookupName(lex, "Moskva")[0].metonym).toBe(true);
    expect(lookupName(lex, "Congo").map((h) => h.actor.id).sort()).toEqual(["COD", "COG"]);
    expect(lookupName(lex, "Sullivan").map((h) => h.actor.id).sort()).toEqual(["person:jake-sullivan", "person:john-sullivan"]);
  });

  it("all Lavrov spellings name one person", () => {
    const lavrov = new Set(["Sergei Lavrov", "Sergey Lavrov", "Lavrov", "Lavrốp", "S. Lavrov", "Xécgây Lavrốp"].flatMap(ids));
    expect([...lavrov]).toEqual(["person:sergei-lavrov"]);
  });
});

describe("coverage", () => {
  it("has every UN member state and Kosovo, Palestine, Taiwan, the Vatican", () => {
    const countries = new Set(lex.actors.filter((a) => a.type === "country").map((a) => a.id));
    for (const id of ["XKX", "PSE", "TWN", "VAT"]) expect(countries.has(id)).toBe(true);
    const notUn = ["XKX", "PSE", "TWN", "VAT", "SUN", "DPR", "LPR"];
    expect([...countries].filter((id) => !notUn.includes(id))).toHaveLength(193);
  });

  it("knows NATO's 30 and the EU's 27 members of 2021–22, 21 in both", () => {
    const nato = byId("NATO").members!;
    const eu = byId("EU").members!;
    expect(nato).toHaveLength(30);
    expect(eu).toHaveLength(27);
    expect(nato.filter((m) => eu.includes(m))).toHaveLength(21);
    expect(nato).toContain("POL");
    expect(nato).not.toContain("FIN");
  });

  it("gives every office a title that names it", () => {
    const kinds = new Set(lex.titles.map((t) => t.office));
    for (const a of lex.actors) for (const o of a.offices ?? []) expect(kinds.has(o.office), `${a.id} ${o.office}`).toBe(true);
  });

  it("holds names in NFC", () => {
    for (const a of lex.actors) for (const n of [a.label, ...a.names, ...(a.metonyms ?? [])]) expect(n).toBe(n.normalize("NFC"));
  });
});

describe("office holders by date", () => {
  const holder = (office: string, of: string, date: string, at?: string) => officeHolder(lex, office, of, date, at)?.id;

  it.each([
    ["foreign_minister", "USA", "2022-01-20", "person:antony-blinken"],
    ["foreign_minister", "RUS", "2022-01-21", "person:sergei-lavrov"],
    ["prime_minister", "DEU", "2021-12-01", "person:angela-merkel"],
    ["prime_minister", "DEU", "2022-01-10", "person:olaf-scholz"],
    // On the day of the hand-over the successor holds the office.
    ["prime_minister", "DEU", "2021-12-08", "person:olaf-scholz"],
    ["foreign_minister", "DEU", "2021-12-07", "person:heiko-maas"],
    ["foreign_minister", "DEU", "2022-02-09", "person:annalena-baerbock"],
    ["foreign_minister", "GBR", "2021-09-01", "person:dominic-raab"],
    ["foreign_minister", "GBR", "2022-02-01", "person:liz-truss"],
    ["president", "USA", "2021-12-30", "person:joe-biden"],
    ["president", "RUS", "2021-12-30", "person:vladimir-putin"],
    ["president", "UKR", "2022-02", "person:volodymyr-zelensky"],
    ["secretary_general", "NATO", "2022-01-12", "person:jens-stoltenberg"],
    ["secretary_general", "UN", "2022", "person:antonio-guterres"],
    ["secretary_general", "OSCE", "2022-01-13", "person:helga-schmid"],
    ["high_representative", "EU", "2021-12-23", "person:josep-borrell"],
    ["chair", "OSCE", "2022-01-13", "person:zbigniew-rau"],
    ["chair", "OSCE", "2021-12-02", "person:ann-linde"],
    ["chair", "EU_COMMISSION", "2022-02-01", "person:ursula-von-der-leyen"],
    ["spokesperson", "RUS_MFA", "2022-01-26", "person:maria-zakharova"],
    ["defence_minister", "UKR", "2022-01-15", "person:oleksii-reznikov"],
    ["prime_minister", "KAZ", "2022-01-20", "person:alikhan-smailov"],
    ["chair", "CHN", "2022-02-04", "person:tap-can-binh"],
  ])("%s of %s on %s → %s", (office, of, date, id) => {
    expect(holder(office, of, date)).toBe(id);
  });

  it("tells envoys apart by where they are posted", () => {
    expect(holder("permanent_representative", "RUS", "2022-01-13", "OSCE")).toBe("person:alexander-lukashevich");
    expect(holder("ambassador", "RUS", "2022-01-13", "USA")).toBe("person:anatoly-antonov");
    expect(holder("ambassador", "USA", "2022-01-13", "RUS")).toBe("person:john-sullivan");
  });

  it("reads a month as the whole month: the holder for most of it comes first", () => {
    expect(officeHolders(lex, "prime_minister", "DEU", "2021-12").map((a) => a.id)).toEqual([
      "person:olaf-scholz",
      "person:angela-merkel",
    ]);
  });

  it("finds nobody outside the dates or for an office nobody holds", () => {
    expect(holder("foreign_minister", "DEU", "2030-01-01")).toBeUndefined();
    expect(holder("prime_minister", "DEU", "1990-01-01")).toBeUndefined();
    expect(holder("foreign_minister", "NOWHERE", "2022-01-01")).toBeUndefined();
  });
});

describe("--lexicon extra file", () => {
  it("adds names to an existing actor without dropping its own", () => {
    const merged = loadLexicon({ actors: [{ id: "RUS", names: ["Xứ sở Bạch Dương"], metonyms: ["Điện Kremli mới"] }] });
    expect(lookupName(merged, "Xứ sở Bạch Dương").map((h) => h.actor.id)).toEqual(["RUS"]);
    expect(lookupName(merged, "Moskva").map((h) => h.actor.id)).toEqual(["RUS"]);
    expect(merged.actors.find((a) => a.id === "RUS")!.label).toBe("Nga");
    // The built-in lexicon is not changed by a merge.
    expect(lookupName(loadLexicon(), "Xứ sở Bạch Dương")).toEqual([]);
  });

  it("adds a new person with an office", () => {
    const merged = loadLexicon({
      actors: [
        {
          id: "person:jan-novak",
          type: "person",
          label: "Jan Novák",
          label_en: "Jan Novák",
          names: ["Novák"],
          offices: [{ office: "ambassador", of: "CZE", from: "2021-06", at: "RUS" }],
        },
      ],
      titles: [{ names: ["Đặc mệnh toàn quyền"], office: "ambassador", unique: false }],
    });
    expect(officeHolder(merged, "ambassador", "CZE", "2022-01-10", "RUS")?.label).toBe("Jan Novák");
    expect(merged.titles.some((t) => t.names.includes("Đặc mệnh toàn quyền"))).toBe(true);
  });

  it("a later title entry takes over a built-in title name", () => {
    const merged = loadLexicon({ titles: [{ names: ["Cố vấn"], office: "adviser", unique: true }] });
    const entries = merged.titles.filter((t) => t.names.some((n) => n === "Cố vấn"));
    expect(entries).toHaveLength(1);
    expect(entries[0].unique).toBe(true);
  });

  it.each<[string, unknown, RegExp]>([
    [
      "an office at an unknown id",
      { actors: [{ id: "person:sergei-lavrov", offices: [{ office: "foreign_minister", of: "RUSSIA", from: "2004-03-09" }] }] },
      /actor "person:sergei-lavrov" offices\[\d+\]\.of: unknown id "RUSSIA"/,
    ],
    ["a wrong type", { actors: [{ id: "RUS", names: "Nga" }] }, /actors entry 0 \("RUS"\).*names: .*expected array/],
    ["an unknown actor type", { actors: [{ id: "XYZ", type: "state", label: "X", label_en: "X", names: ["X"] }] }, /type/],
    ["a new actor without a label", { actors: [{ id: "ABC", names: ["Abc"] }] }, /"ABC" is a new actor.*missing: type, label, label_en$/],
    ["a misspelt field", { actors: [{ id: "RUS", name: ["Nga"] }] }, /Unrecognized key.*"name"/],
    ["a misspelt section", { proposals: [] }, /Unrecognized key.*"proposals"/],
    ["a bad date", { actors: [{ id: "person:sergei-lavrov", offices: [{ office: "foreign_minister", of: "RUS", from: "2004-13-01" }] }] }, /from: is not an ISO date/],
    ["an unknown office kind", { actors: [{ id: "person:sergei-lavrov", offices: [{ office: "foreign_ministre", of: "RUS", from: "2004" }] }] }, /"foreign_ministre" is no office kind/],
    ["an unknown member", { actors: [{ id: "NATO", members: ["XXX"] }] }, /actor "NATO" members: unknown id "XXX"/],
    [
      "a name of another actor",
      { actors: [{ id: "RSA", type: "country", label: "Nga Mới", label_en: "New Russia", names: ["Nga"] }] },
      /name "Nga" is given to RUS.*RSA/,
    ],
    ["a name not in NFC", { actors: [{ id: "RUS", names: ["Nga".normalize("NFD") + " Xô Viết".normalize("NFD")] }] }, /not in Unicode NFC/],
    ["a title with an unknown body", { titles: [{ names: ["Bộ trưởng Bộ Vũ trụ"], office: "minister", unique: false, body: "SPACE" }] }, /unknown body key "SPACE"/],
    ["not an object", [1, 2], /expected object/],
  ])("rejects %s with a one-line message", (_what, extra, pattern) => {
    expect(thrown(() => loadLexicon(extra, "my.json"))).toMatch(pattern);
  });

  it("names the file it was given", () => {
    expect(thrown(() => loadLexicon({ actors: [{ id: "RUS", names: 1 }] }, "extra.json"))).toMatch(/^lexicon: extra\.json actors entry 0/);
  });
});
