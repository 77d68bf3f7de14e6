// The Work Plan document in four languages: the .docx opened by LibreOffice Writer, the HTML checked by html-validate.
//
// Writer converts each .docx to plain text: a file it cannot read fails to convert. The text must hold
// every activity, Cuadro No. 1's totals in the language's money format, the annex's receipt codes,
// and none of the structure strings of another language.
// Needs Debian's libreoffice-writer (.ci/run installs LibreOffice).
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { HtmlValidate, StaticConfigLoader, type Message } from "html-validate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { workPlanDocx } from "../../../functions/adapters/docx-work-plan.ts";
import { createHandlebarsViews } from "../../../functions/adapters/handlebars-views.ts";
import { formatMoney } from "../../../functions/core/format.ts";
import { LANGUAGES, type Language } from "../../../functions/core/languages.ts";
import { buildWorkPlanDocument, type WorkPlanDocument } from "../../../functions/core/work-plan/document.ts";
import { renderWorkPlanHtml } from "../../../functions/core/work-plan/export-document.ts";
import { emptyWorkPlan, freeText } from "../../../functions/core/work-plan/work-plan.ts";
import { campaign } from "../../support/factories.ts";
import { demoInputs } from "../../unit/core/work-plan/demo.ts";
import { SEED_ACTIVITIES, seedPlan } from "../../unit/core/work-plan/seed-plan.ts";

const SOFFICE = "/usr/bin/soffice";
const views = createHandlebarsViews(new URL("../../../templates/", import.meta.url).pathname, {
  strict: true,
});
const validator = new HtmlValidate(new StaticConfigLoader({ extends: ["html-validate:recommended"] }));
const inputs = demoInputs();
const seeded = seedPlan("c1");
/** What a member or the Secretariat may paste: markup, an ampersand, a bell XML cannot carry, two lines. */
const HOSTILE = "Costos de <b>logística</b> & viajes\u0007\nsegunda línea";
const plan = {
  ...seeded,
  activities: seeded.activities.map((a, i) => (i === 1 ? { ...a, description: freeText("es", HOSTILE) } : a)),
};

const documentIn = (lang: Language): WorkPlanDocument =>
  buildWorkPlanDocument({
    plan,
    campaign: campaign({ id: "c1", meeting: "Reunión de Planeación 2027-2029" }),
    questionnaire: inputs.questionnaire,
    members: inputs.members,
    submissions: inputs.submissions,
    translations: new Map(),
    lang,
    t: (key) => views.translate(lang, key),
    generatedAt: new Date("2026-05-01T12:00:00Z"),
  });

/** Structure strings that tell one language from another, none of them in the seed's own text. */
const MARKERS = [
  "work-plan.activities",
  "work-plan.budget.caption",
  "work-plan.budget.subtitle",
  "work-plan.annex.heading",
  "work-plan.field.funding",
  "work-plan.field.place",
  "work-plan.to-be-defined",
];
const foreignMarkers = (lang: Language) => {
  const own = new Set(MARKERS.map((k) => views.translate(lang, k)));
  return LANGUAGES.filter((l) => l !== lang).flatMap((l) =>
    MARKERS.map((k) => views.translate(l, k)).filter((s) => !own.has(s)),
  );
};

/** Writer's plain text folds spaces of every kind; so do the expectations. */
const flat = (s: string) => s.replace(/[\s\u00a0\u202f]+/g, " ");

describe("the Work Plan as .docx, opened by LibreOffice Writer", () => {
  let dir: string;
  const texts = new Map<Language, string>();

  beforeAll(async () => {
    if (!existsSync(SOFFICE)) throw new Error(`${SOFFICE} is missing: apt-get install libreoffice-writer`);
    dir = mkdtempSync(join(tmpdir(), "consulta-writer-"));
    const files = await Promise.all(
      LANGUAGES.map(async (lang) => {
        const file = join(dir, `work-plan-${lang}.docx`);
        writeFileSync(file, await workPlanDocx(documentIn(lang)));
        return file;
      }),
    );
    // A profile of its own; all four files in one start of Writer.
    await promisify(execFile)(
      SOFFICE,
      [
        `-env:UserInstallation=${pathToFileURL(join(dir, "profile")).href}`,
        "--headless",
        "--norestore",
        "--convert-to",
        "txt:Text (encoded):UTF8",
        "--outdir",
        join(dir, "txt"),
        ...files,
      ],
      { timeout: 180_000 },
    );
    for (const lang of LANGUAGES) {
      const file = join(dir, "txt", `work-plan-${lang}.txt`);
      if (existsSync(file)) texts.set(lang, flat(readFileSync(file, "utf8")));
    }
  }, 240_000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const text = (lang: Language) => {
    const found = texts.get(lang);
    if (found === undefined) throw new Error(`LibreOffice wrote no text for the ${lang} document`);
    return found;
  };

  it.each(LANGUAGES)("in %s, holds every activity, the budget totals and the annex", (lang) => {
    const body = text(lang);
    const doc = documentIn(lang);
    expect(body).toContain(doc.title);
    for (const [i, a] of SEED_ACTIVITIES.entries()) expect(body).toContain(`${i + 1}. ${a.title}`);
    expect(body).toContain(views.translate(lang, "work-plan.budget.caption"));
    for (const amount of [104000, 133000, 237000])
      expect(body).toContain(flat(formatMoney(amount, "USD", lang)));
    expect(body).toContain(views.translate(lang, "work-plan.annex.heading"));
    const cited = plan.activities[0]!.evidence;
    expect(cited.length).toBeGreaterThan(0);
    for (const e of cited) expect(body).toContain(e.receiptCode);
    // Markup stays text; the bell is gone; both lines are there.
    expect(body).toContain("Costos de <b>logística</b> & viajes");
    expect(body).toContain("segunda línea");
  });

  it.each(LANGUAGES)("in %s, has no structure string of another language", (lang) => {
    const body = text(lang);
    expect(foreignMarkers(lang).filter((s) => body.includes(flat(s)))).toEqual([]);
  });
});

describe("the Work Plan as HTML, checked by html-validate", () => {
  it.each(LANGUAGES)("is valid in %s, with the totals and no other language's structure", async (lang) => {
    const page = new TextDecoder().decode(renderWorkPlanHtml(documentIn(lang), views.render));
    const report = await validator.validateString(page);
    const problems = report.results.flatMap((r) =>
      r.messages.map((m: Message) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`),
    );
    expect(problems).toEqual([]);
    expect(page).toContain(`<html lang="${lang}">`);
    expect(page).toContain(formatMoney(133000, "USD", lang));
    expect(page).toContain("Costos de &lt;b&gt;logística&lt;/b&gt; &amp; viajes");
    expect(foreignMarkers(lang).filter((s) => page.includes(s))).toEqual([]);
    // The seed's Spanish titles, untranslated, are tagged as Spanish in the other three.
    expect(page.includes('<span lang="es">Taller RIAL')).toBe(lang !== "es");
  });

  it("is valid for a draft with nothing in it yet, saying so", async () => {
    const empty = buildWorkPlanDocument({
      plan: emptyWorkPlan("c1", { by: "secretariat@example.org", at: "2026-04-01T10:00:00Z" }),
      campaign: campaign({ id: "c1" }),
      questionnaire: inputs.questionnaire,
      members: inputs.members,
      submissions: [],
      translations: new Map(),
      lang: "fr",
      t: (key) => views.translate("fr", key),
      generatedAt: new Date("2026-05-01T12:00:00Z"),
    });
    const page = new TextDecoder().decode(renderWorkPlanHtml(empty, views.render));
    const report = await validator.validateString(page);
    expect(report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`))).toEqual([]);
    expect(page).toContain("Projet, pas encore adopté : édition 1, révision 1.");
    expect(page).toContain("Ce plan n’a pas encore d’activités.");
    expect(page).toContain("aucune réponse n’a été reçue");
    expect(
      Buffer.from(await workPlanDocx(empty))
        .subarray(0, 2)
        .toString(),
    ).toBe("PK");
  });
});
