// The Spanish report shows each Portuguese, French and English free text translated (Apertium, marked as
// machine) beside its original marked with its language; with nothing cached it says "not translated".
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { createApertiumTranslator } from "../../../functions/adapters/apertium-translator.ts";
import { createHandlebarsViews } from "../../../functions/adapters/handlebars-views.ts";
import { createInMemoryRepository } from "../../../functions/adapters/in-memory/index.ts";
import type { Language } from "../../../functions/core/languages.ts";
import type { Ports } from "../../../functions/core/ports.ts";
import type { ResponseVersion } from "../../../functions/core/responses.ts";
import { sourceLanguage } from "../../../functions/core/translation/detect-language.ts";
import { correctTranslation } from "../../../functions/core/translation/corrections.ts";
import { textHash, translateAnswers } from "../../../functions/core/translation/translate-answers.ts";
import { replyLanguageOf } from "../../../functions/core/translation/translate-submission.ts";
import {
  defaultDirectoryPath,
  defaultQuestionnairePath,
  readDirectoryFile,
  readQuestionnaireFile,
} from "../../../functions/local/content.ts";
import { createMemoryTranslationStore } from "../../support/memory-translations.ts";
import { generatedSubmissions } from "../../support/submissions.ts";
import { compileInMemory, seedCycle } from "../../support/compiled-report.ts";

const views = createHandlebarsViews(new URL("../../../templates/", import.meta.url).pathname, {
  strict: true,
});
const questionnaire = readQuestionnaireFile(defaultQuestionnairePath);
const members = readDirectoryFile(defaultDirectoryPath).members;
const languageOf = new Map(members.map((m) => [m.code, m.language ?? "es"]));
const submissions: ResponseVersion[] = generatedSubmissions(questionnaire, members).map((s) => ({
  ...s,
  language: languageOf.get(s.memberCode) as Language,
}));
/** The long texts the report quotes in its chapters (others, under a role, show in each member's answers). */
const LONG_TEXTS = [
  "expected-achievements",
  "other-topics",
  "rial-comments",
  "working-groups-comments",
  "anything-else",
];

/** Every long-text answer not written in Spanish, with the language it is in. */
const foreignTexts = submissions.flatMap((s) =>
  LONG_TEXTS.flatMap((id) => {
    const text = s.answers[id];
    if (typeof text !== "string" || !text.trim()) return [];
    const source = sourceLanguage(text, replyLanguageOf(s, undefined) ?? "es");
    return source === "es" ? [] : [{ text, source, member: s.memberCode }];
  }),
);

const compileSpanish = async (translations?: Ports["translations"]) => {
  const repository = createInMemoryRepository();
  await seedCycle(repository, questionnaire, members, submissions);
  return compileInMemory(repository, "es", { views, ...(translations ? { translations } : {}) });
};

describe("free texts in the Spanish report", () => {
  const cache = createMemoryTranslationStore();
  let html: string;
  let wb: ExcelJS.Workbook;
  let csv: string;

  beforeAll(async () => {
    // What the translate job did when each was submitted: its texts into Spanish, by Apertium.
    const translator = createApertiumTranslator();
    for (const source of ["pt", "fr", "en"] as const) {
      const texts = foreignTexts.filter((f) => f.source === source).map((f) => f.text);
      await translateAnswers(texts, source, ["es"], { translator, store: cache.store });
    }
    ({ html, wb, csv } = await compileSpanish(cache.store));
  }, 120_000);

  it("come from members answering in Portuguese, French and English", () => {
    expect(new Set(foreignTexts.map((f) => f.source))).toEqual(new Set(["pt", "fr", "en"]));
  });

  it("show the machine translation, marked as such, and the original marked with its language (HTML)", () => {
    const names = { pt: "portugués", fr: "francés", en: "inglés" };
    for (const f of foreignTexts) {
      const stored = [...cache.items.values()].find((t) => t.source === f.source && t.target === "es");
      expect(stored, f.member).toBeDefined();
      expect(html, f.member).toContain(
        `<blockquote class="original" lang="${f.source}">${f.text}</blockquote>`,
      );
      expect(html).toContain(`Traducción automática (apertium) · original en ${names[f.source]}`);
      expect(html).toContain(`Original en ${names[f.source]}`);
    }
    // A Portuguese phrase of the demo and what Apertium made of it.
    expect(html).toContain("Fortalecer a cooperação técnica entre os Ministérios do Trabalho da região.");
    expect(html).toMatch(
      /Fortalecer la cooperación técnica entre los Ministerios de(l)? Trabajo de la región/,
    );
  });

  it("show the same in the workbook: the answer in Spanish, what it is, and the original", () => {
    const sheet = wb.getWorksheet("Logros esperados") ?? wb.getWorksheet("Comentarios");
    const rows: string[][] = [];
    for (const ws of wb.worksheets)
      ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ""))));
    expect(sheet).toBeDefined();
    const translated = rows.filter((r) => r.some((v) => v.startsWith("Traducción automática (apertium)")));
    expect(translated.length).toBeGreaterThanOrEqual(foreignTexts.length);
    for (const f of foreignTexts)
      expect(
        rows.some((r) => r.includes(f.text)),
        f.member,
      ).toBe(true);
  });

  it("add to the CSV, after every answer as written, each quoted text's translation and what it is", () => {
    const [header = "", ...records] = csv.split("\r\n");
    expect(header).toContain("— Traducción");
    expect(header).toContain("— sobre la traducción");
    for (const f of foreignTexts) {
      const record = records.find((r) => r.includes(`"${f.member}"`)) ?? "";
      expect(record, f.member).toContain(f.text.replace(/"/g, '""'));
      expect(record, f.member).toContain("Traducción automática (apertium)");
    }
    expect(csv).toMatch(
      /"Fortalecer la cooperación técnica entre los Ministerios de(l)? Trabajo de la región\./,
    );
  });

  it("say 'not translated' when no translation was cached, and the compile still succeeds", async () => {
    const { html: bare } = await compileSpanish();
    expect(bare).toContain("Sin traducir (original en portugués)");
    expect(bare).not.toContain("Traducción automática");
    for (const f of foreignTexts) expect(bare).toContain(`lang="${f.source}">${f.text}</blockquote>`);
  });

  it("show a translation the Secretariat corrected instead of the machine's, marked as reviewed", async () => {
    const pt = foreignTexts.find((f) => f.source === "pt");
    if (!pt) throw new Error("no Portuguese text in the demo");
    const fixed = "Reforzar la cooperación técnica entre los ministerios de trabajo de la región (revisado).";
    await correctTranslation(
      { translations: cache.store, clock: { now: () => new Date("2026-03-02T10:00:00Z") } },
      {
        campaignId: "c1",
        sha256: textHash(pt.text),
        source: "pt",
        target: "es",
        text: fixed,
        by: "Secretaría",
      },
    );
    // A later machine run over the same text does not undo the person's correction.
    await translateAnswers([pt.text], "pt", ["es"], {
      translator: createApertiumTranslator(),
      store: cache.store,
    });
    const { html: next } = await compileSpanish(cache.store);
    expect(next).toContain(
      `<blockquote>${fixed}</blockquote><p class="note translation">Traducción revisada por Secretaría · original en portugués</p>`,
    );
    expect(next).toContain(`<blockquote class="original" lang="pt">${pt.text}</blockquote>`);
  });
});
