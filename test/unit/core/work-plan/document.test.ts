// The Work Plan's document model: the seed's Cuadro No. 1 per locale, who answered, translations marked, the annex.
import { describe, expect, it } from "vitest";
import { createHandlebarsViews } from "../../../../functions/adapters/handlebars-views.ts";
import { campaign } from "../../../support/factories.ts";
import { createMemoryTranslationStore } from "../../../support/memory-translations.ts";
import { formatMoney } from "../../../../functions/core/format.ts";
import { LANGUAGES, type Language } from "../../../../functions/core/languages.ts";
import { buildWorkPlanDocument } from "../../../../functions/core/work-plan/document.ts";
import {
  freeTextsOf,
  readPlanTranslations,
  type PlanTranslations,
} from "../../../../functions/core/work-plan/plan-translations.ts";
import { textHash } from "../../../../functions/core/translation/translate-answers.ts";
import { demoInputs } from "./demo.ts";
import { SEED_ACTIVITIES, seedPlan } from "./seed-plan.ts";

const views = createHandlebarsViews(new URL("../../../../templates/", import.meta.url).pathname, {
  strict: true,
});
const inputs = demoInputs();
const plan = seedPlan("c1");
const cycle = campaign({ id: "c1", meeting: "Reunión de Planeación 2027-2029" });

const documentIn = (lang: Language, translations: PlanTranslations = new Map(), thePlan = plan) =>
  buildWorkPlanDocument({
    plan: thePlan,
    campaign: cycle,
    questionnaire: inputs.questionnaire,
    members: inputs.members,
    submissions: inputs.submissions,
    translations,
    lang,
    t: (key) => views.translate(lang, key),
    generatedAt: new Date("2026-05-01T12:00:00Z"),
  });

describe("the Work Plan document", () => {
  it.each(LANGUAGES)("in %s, totals Cuadro No. 1 as the seed does, in the locale's money format", (lang) => {
    const doc = documentIn(lang);
    const [rialTotal, canadaTotal, inKind, oas, total] = doc.budget.totals.cells;
    expect(rialTotal).toEqual([formatMoney(104000, "USD", lang)]);
    expect(canadaTotal).toEqual([formatMoney(133000, "USD", lang)]);
    expect([inKind, oas]).toEqual([[], []]);
    expect(total).toEqual([formatMoney(237000, "USD", lang)]);
    expect(doc.budget.rows).toHaveLength(SEED_ACTIVITIES.length);
    // Chile hosts the second workshop in kind, named in the document's language.
    const chile = inputs.members.find((m) => m.code === "CHL")!;
    expect(doc.budget.rows[1]?.cells[2]).toEqual([chile.name[lang]]);
    expect(doc.budget.notes[0]).toContain(formatMoney(104000, "USD", lang));
  });

  it("writes money as each language does", () => {
    const totals = LANGUAGES.map((lang) => documentIn(lang).budget.totals.cells[0]?.[0]);
    expect(totals.map((s) => s?.replace(/\s/g, " "))).toEqual([
      "104.000,00 US$",
      "$104,000.00",
      "104 000,00 $US",
      "US$ 104.000,00",
    ]);
  });

  it("says who answered: the Ministries counted, COSATE and CEATAL named", () => {
    const governments = new Set(
      inputs.submissions
        .filter((s) => inputs.members.find((m) => m.code === s.memberCode)?.group === "government")
        .map((s) => s.memberCode),
    ).size;
    const intro = documentIn("en").introduction.join(" ");
    expect(intro).toContain("Reunión de Planeación 2027-2029");
    expect(intro).toMatch(new RegExp(`${governments} Ministries of Labor, .*answered the questionnaire`));
    expect(documentIn("es").introduction.join(" ")).toContain(`${governments} Ministerios de Trabajo`);
  });

  it.each([
    ["es", "Incluye 0 actividades,", "Incluye 1 actividad,", "Incluye 3 actividades,"],
    ["en", "It includes 0 activities,", "It includes 1 activity,", "It includes 3 activities,"],
    // French counts 0 in the singular; Brazilian Portuguese, though CLDR puts 0 with one, says "0 atividades".
    ["fr", "Il comprend 0 activité,", "Il comprend 1 activité,", "Il comprend 3 activités,"],
    ["pt", "Inclui 0 atividades,", "Inclui 1 atividade,", "Inclui 3 atividades,"],
  ] as [Language, string, string, string][])(
    "counts the activities in the singular and the plural (%s)",
    (lang, zero, one, three) => {
      const withActivities = (n: number) =>
        documentIn(lang, new Map(), { ...plan, activities: plan.activities.slice(0, n) }).introduction.join(
          " ",
        );
      expect(plan.activities.length).toBeGreaterThanOrEqual(3);
      expect(withActivities(0)).toContain(zero);
      expect(withActivities(1)).toContain(one);
      expect(withActivities(3)).toContain(three);
    },
  );

  it("numbers the activities with kind, place and date or 'to be defined', and funding", () => {
    const doc = documentIn("fr");
    expect(doc.activities.map((a) => a.number)).toEqual(SEED_ACTIVITIES.map((_, i) => i + 1));
    const fifth = doc.activities[4]!;
    const field = (label: string) => fifth.fields.find((f) => f.label === label)?.values.map((v) => v.text);
    expect(field("Type")).toEqual(["Réunion virtuelle"]);
    expect(field("Lieu")).toEqual(["À définir"]);
    expect(field("Sources de financement")).toEqual(["OEA"]);
  });

  it("traces each linked activity to its members with receipt code and version", () => {
    const doc = documentIn("pt");
    const receipts = new Map(inputs.submissions.map((s) => [s.memberCode, s.receiptCode]));
    const first = doc.annex[0]!;
    expect(first.supporters.length).toBeGreaterThan(0);
    for (const s of first.supporters) {
      const code = /\(([A-Z]+)\)$/.exec(s.member)?.[1] ?? "";
      expect(s.receipts).toEqual([`versão 1: ${receipts.get(code)}`]);
      expect(s.inputs).toBe("proposta de atividade");
    }
    expect(doc.annex[4]?.supporters).toEqual([]);
  });

  it("shows a machine translation marked, with the original kept; 'not translated' when none", async () => {
    const { store } = createMemoryTranslationStore();
    const title = SEED_ACTIVITIES[0]!.title;
    await store.putTranslations([
      {
        sha256: textHash(title),
        source: "es",
        target: "en",
        text: "RIAL workshop on strategies to improve compliance with labor law",
        engine: "apertium",
        translatedAt: "2026-05-01T00:00:00Z",
      },
    ]);
    const found = await readPlanTranslations(freeTextsOf(plan), "en", "c1", { translations: store });
    const en = documentIn("en", found).activities[0]!.title;
    expect(en).toEqual({
      text: "RIAL workshop on strategies to improve compliance with labor law",
      lang: "en",
      note: "Machine translation (apertium) · original in Spanish",
      original: { text: title, lang: "es" },
    });
    const second = documentIn("en", found).activities[1]!.title;
    expect(second).toEqual({
      text: SEED_ACTIVITIES[1]!.title,
      lang: "es",
      note: "Not translated (original in Spanish)",
    });
    expect(documentIn("es", found).activities[0]!.title).toEqual({ text: title, lang: "es" });
  });

  it("lets the Secretariat's correction win, and translates what the cache lacks once, with an engine", async () => {
    const { store, counts } = createMemoryTranslationStore();
    const calls: string[][] = [];
    const translator = {
      translate: async (texts: readonly string[]) => {
        calls.push([...texts]);
        return { kind: "translated" as const, texts: texts.map((x) => `EN ${x}`), engine: "fake" };
      },
    };
    const title = SEED_ACTIVITIES[1]!.title;
    await store.putCorrection({
      campaignId: "c1",
      sha256: textHash(title),
      source: "es",
      target: "en",
      text: "RIAL workshop “Skills of the future”",
      by: "translator@example.org",
      correctedAt: "2026-05-01T00:00:00Z",
    });
    const found = await readPlanTranslations(freeTextsOf(plan), "en", "c1", {
      translations: store,
      translator,
    });
    const doc = documentIn("en", found);
    expect(doc.activities[1]!.title).toMatchObject({
      text: "RIAL workshop “Skills of the future”",
      note: "Translation reviewed by translator@example.org · original in Spanish",
    });
    expect(doc.activities[0]!.title.text).toBe(`EN ${SEED_ACTIVITIES[0]!.title}`);
    expect(doc.activities[0]!.title.note).toBe("Machine translation (fake) · original in Spanish");
    // One engine call for the one pair; the second document reads the cache alone.
    expect(calls).toHaveLength(1);
    const puts = counts.puts;
    await readPlanTranslations(freeTextsOf(plan), "en", "c1", { translations: store, translator });
    expect(calls).toHaveLength(1);
    expect(counts.puts).toBe(puts);
  });

  it("keeps a translation typed into the plan itself, marked as the Secretariat's", () => {
    const own = {
      ...plan,
      activities: plan.activities.map((a, i) =>
        i === 0
          ? {
              ...a,
              title: {
                ...a.title,
                texts: { ...a.title.texts, fr: "Atelier RIAL sur le respect du droit du travail" },
              },
            }
          : a,
      ),
    };
    const doc = buildWorkPlanDocument({
      plan: own,
      campaign: cycle,
      questionnaire: inputs.questionnaire,
      members: inputs.members,
      submissions: inputs.submissions,
      translations: new Map(),
      lang: "fr",
      t: (key) => views.translate("fr", key),
      generatedAt: new Date("2026-05-01T12:00:00Z"),
    });
    expect(doc.activities[0]!.title).toEqual({
      text: "Atelier RIAL sur le respect du droit du travail",
      lang: "fr",
      note: "Traduction du Secrétariat · original en espagnol",
      original: { text: SEED_ACTIVITIES[0]!.title, lang: "es" },
    });
  });

  it("lists each currency on its own line in Cuadro No. 1, never adding one to another", () => {
    const withCad = {
      ...plan,
      activities: plan.activities.map((a, i) =>
        i === 2
          ? {
              ...a,
              funding: [
                ...a.funding,
                {
                  source: "project" as const,
                  project: "Proyecto de Canadá para la RIAL",
                  money: { amount: 2500.5, currency: "CAD" },
                },
              ],
            }
          : a,
      ),
    };
    const doc = buildWorkPlanDocument({
      plan: withCad,
      campaign: cycle,
      questionnaire: inputs.questionnaire,
      members: inputs.members,
      submissions: inputs.submissions,
      translations: new Map(),
      lang: "en",
      t: (key) => views.translate("en", key),
      generatedAt: new Date("2026-05-01T12:00:00Z"),
    });
    expect(doc.budget.rows[2]?.cells[1]).toEqual(["CA$2,500.50", "$14,000.00"]);
    expect(doc.budget.totals.cells[1]).toEqual(["CA$2,500.50", "$133,000.00"]);
    expect(doc.budget.totals.cells.at(-1)).toEqual(["CA$2,500.50", "$237,000.00"]);
  });
});
