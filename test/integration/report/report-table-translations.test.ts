// The report's group tables (proposals, hosting offers), cooperation needs and offers, each member's
// answers and "All answers" show free text in the report's language, marked, with the original kept:
// as the quoted answers do. Translations come from the cache the translate job filled (Apertium here).
import { HtmlValidate, StaticConfigLoader, type Message } from "html-validate";
import { beforeAll, describe, expect, it } from "vitest";
import { createApertiumTranslator } from "../../../functions/adapters/apertium-translator.ts";
import { createHandlebarsViews } from "../../../functions/adapters/handlebars-views.ts";
import { createInMemoryRepository } from "../../../functions/adapters/in-memory/index.ts";
import type { Language } from "../../../functions/core/languages.ts";
import type { GroupItem } from "../../../functions/core/questionnaire/answers.ts";
import type { Ports } from "../../../functions/core/ports.ts";
import type { ResponseVersion } from "../../../functions/core/responses.ts";
import { sourceLanguage } from "../../../functions/core/translation/detect-language.ts";
import { translateAnswers } from "../../../functions/core/translation/translate-answers.ts";
import { freeTexts, replyLanguageOf } from "../../../functions/core/translation/translate-submission.ts";
import {
  defaultDirectoryPath,
  defaultQuestionnairePath,
  readDirectoryFile,
  readQuestionnaireFile,
} from "../../../functions/local/content.ts";
import { createMemoryTranslationStore } from "../../support/memory-translations.ts";
import { generatedSubmissions } from "../../support/submissions.ts";
import { compileInMemory, seedCycle } from "../../support/compiled-report.ts";

const validator = new HtmlValidate(new StaticConfigLoader({ extends: ["html-validate:recommended"] }));
const problems = async (page: string) =>
  (await validator.validateString(page)).results.flatMap((r) =>
    r.messages.map((m: Message) => `${m.line}:${m.column} ${m.ruleId}: ${m.message} (${m.selector ?? ""})`),
  );

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
const sourceOf = (s: ResponseVersion, text: string) =>
  sourceLanguage(text.normalize("NFC").trim(), replyLanguageOf(s, undefined) ?? "es");

/** Every proposal title, with who wrote it and in which language. */
const titles = submissions.flatMap((s) =>
  ((s.answers["activity-proposals"] ?? []) as GroupItem[]).flatMap((item) => {
    const title = item.title;
    return typeof title === "string"
      ? [{ text: title, member: s.memberCode, source: sourceOf(s, title) }]
      : [];
  }),
);

/** What the translate job does at each submission: every free text into `targets`, cached. */
const translateAll = async (
  cache: ReturnType<typeof createMemoryTranslationStore>,
  targets: Language[],
  from: (source: Language) => boolean = () => true,
) => {
  const translator = createApertiumTranslator();
  for (const s of submissions) {
    const source = replyLanguageOf(s, undefined) ?? "es";
    if (!from(source)) continue;
    await translateAnswers(freeTexts(questionnaire, s.answers), source, targets, {
      translator,
      store: cache.store,
    });
  }
};

const compile = async (lang: Language, translations?: Ports["translations"]) => {
  const repository = createInMemoryRepository();
  await seedCycle(repository, questionnaire, members, submissions);
  return compileInMemory(repository, lang, { views, ...(translations ? { translations } : {}) });
};

const escaped = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

describe("group tables in the French report", () => {
  const cache = createMemoryTranslationStore();
  let fr: Awaited<ReturnType<typeof compile>>;
  const brazil = titles.find((x) => x.member === "BRA");

  beforeAll(async () => {
    await translateAll(cache, ["fr"]);
    fr = await compile("fr", cache.store);
  }, 300_000);

  it("has a proposal from Brazil written in Portuguese", () => {
    expect(brazil?.source).toBe("pt");
  });

  it("shows Brazil's proposal in French, marked as machine translation, the Portuguese original kept (HTML)", () => {
    if (!brazil) throw new Error("no Brazilian proposal in the demo");
    expect([...cache.items.values()].some((t) => t.source === "pt" && t.target === "fr")).toBe(true);
    const cell = new RegExp(
      `<td>([^<]+)<span class="note translation">Traduction automatique \\(apertium\\) · original en portugais</span><span class="original" lang="pt">${escaped(brazil.text).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}</span><span class="note">Original en portugais</span></td>`,
    );
    const match = fr.html.match(cell);
    expect(match, brazil.text).not.toBeNull();
    // The French is not the Portuguese: "Fortalecer a cooperação" became "Renforcer la coopération"-like words.
    expect(match?.[1]).not.toBe(brazil.text);
    expect(match?.[1]).toMatch(/ la | les | de | du | des /);
  });

  it("shows the same in the workbook: French in the field's column, what it is, and the original", () => {
    if (!brazil) throw new Error("no Brazilian proposal in the demo");
    const row = fr.rows.find((r) => r.includes("BRA") && r.includes(brazil.text) && r.length > 5);
    expect(row, brazil.text).toBeDefined();
    expect(row?.some((v) => v.startsWith("Traduction automatique (apertium) · original en portugais"))).toBe(
      true,
    );
    const header = fr.rows.find((r) => r.some((v) => v.endsWith("— Original")));
    expect(header).toBeDefined();
  });

  it("adds the French of each member's proposals to All answers and the CSV, and to each member's answers", () => {
    const [header = "", ...records] = fr.csv.split("\r\n");
    const label = questionnaire.sections
      .flatMap((s) => s.questions)
      .find((q) => q.id === "activity-proposals")?.label.fr;
    expect(header).toContain(`${label} — Traduction`);
    const record = records.find((r) => r.startsWith('"Brésil"') || r.includes('"BRA"')) ?? "";
    expect(record).toContain("Traduction automatique (apertium) · original en portugais");
    const article = fr.html.slice(fr.html.indexOf('id="member-BRA"'));
    const brazilAnswers = article.slice(0, article.indexOf("</article>"));
    expect(brazilAnswers).toContain('<span class="note translation">Traduction automatique (apertium)');
    expect(brazilAnswers).toContain('<span class="original" lang="pt">');
    const sheet = fr.wb.worksheets.find((w) => w.getRow(1).values?.toString().includes("— Traduction"));
    expect(sheet, "All answers").toBeDefined();
  });

  it("stays valid HTML with translations in its tables, lists and members' answers", async () => {
    // The French cover title with the campaign's passes html-validate's 70 characters for <title>:
    // the edition's own matter, not the translations'.
    expect((await problems(fr.html)).filter((p) => !p.includes("long-title"))).toEqual([]);
  });

  it("marks cooperation needs and offers written in another language", () => {
    const coop = fr.report.cooperation;
    const foreign = (coop?.topics ?? []).flatMap((t) => [
      ...t.needs.flatMap((n) => (n.descriptionTranslation ? [n.descriptionTranslation] : [])),
      ...t.offers.flatMap((o) => (o.programmeTranslation ? [o.programmeTranslation] : [])),
    ]);
    expect(foreign.length).toBeGreaterThan(0);
    expect(foreign.every((t) => t.source !== "fr" && t.text && t.engine === "apertium")).toBe(true);
  });
});

describe("group tables in the English report, where only the Portuguese was translated", () => {
  const cache = createMemoryTranslationStore();
  let en: Awaited<ReturnType<typeof compile>>;

  beforeAll(async () => {
    await translateAll(cache, ["en"], (source) => source === "pt");
    en = await compile("en", cache.store);
  }, 300_000);

  it("leaves no proposal in another language unmarked: translated and marked, or marked 'not translated'", () => {
    const foreign = titles.filter((x) => x.source !== "en");
    expect(new Set(foreign.map((x) => x.source))).toEqual(new Set(["es", "fr", "pt"]));
    for (const x of foreign) {
      const text = escaped(x.text);
      // Never a bare cell: the words of another language passed off as English.
      expect(en.html, x.member).not.toContain(`<td>${text}</td>`);
      // Portuguese was translated: its original is kept, marked; the rest is marked as not translated.
      const marked =
        x.source === "pt"
          ? `<span class="original" lang="pt">${text}</span>`
          : `<span lang="${x.source}">${text}</span><span class="note translation">Not translated (original in `;
      expect(en.html, x.member).toContain(marked);
    }
    expect(en.html).toContain("Machine translation (apertium) · original in Portuguese");
  });

  it("stays valid HTML with texts marked 'not translated'", async () => {
    expect(await problems(en.html)).toEqual([]);
  });

  it("keeps English proposals as written, unmarked", () => {
    const english = titles.find((x) => x.source === "en");
    if (!english) throw new Error("no English proposal in the demo");
    expect(en.html).toContain(`<td>${escaped(english.text)}</td>`);
  });
});
