// The questionnaire as a Word document: every kind's answer written into tagged content controls reads
// back as the same answer, in each language, and the file opens in LibreOffice Writer.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { createHandlebarsViews } from "../../../functions/adapters/handlebars-views.ts";
import { questionnaireDocx, readWordDocument } from "../../../functions/adapters/docx-documents.ts";
import type { Language } from "../../../functions/core/languages.ts";
import { validateAnswers, type Answers } from "../../../functions/core/questionnaire/answers.ts";
import {
  composeQuestionnaireDocument,
  readQuestionnaireDocument,
} from "../../../functions/core/questionnaire/document.ts";
import { answersFromForm } from "../../../functions/core/questionnaire/form-input.ts";
import type { Questionnaire } from "../../../functions/core/questionnaire/definition.ts";
import { generateFormAnswers, seededRng } from "../../../functions/local/demo-answers.ts";
import { items, question, questionnaire, text } from "../../support/factories.ts";

const SOFFICE = "/usr/bin/soffice";
const views = createHandlebarsViews(new URL("../../../templates/", import.meta.url).pathname);
const LANGS: Language[] = ["es", "en", "fr", "pt"];

const SIMPLE = [
  question("pick", "single-choice", { options: "topics", required: true }),
  question("picks", "multiple-choice", { options: "topics", maxPicks: 2 }),
  question("scores", "scale", { items: "topics", min: 1, max: 5 }),
  question("ranks", "top-n", { items: "topics", n: 2 }),
  question("name", "short-text", { maxLength: 80 }),
  question("comments", "long-text", {}),
  question("count", "number", { min: -5, max: 1000, integer: true }),
  question("pledge", "money", { currencies: ["USD", "EUR"] }),
  question("agree", "yes-no", {}),
  question("shares", "allocation", { items: "topics", total: 100 }),
  question("tools", "matrix", {
    items: "topics",
    columns: items("useful", "not-useful", "unknown"),
    other: text("Another tool"),
  }),
];
export const WORD_SAMPLE: Questionnaire = questionnaire([
  ...SIMPLE,
  question("proposals", "group", {
    itemLabel: text("Proposal"),
    maxItems: 3,
    fields: SIMPLE.map((f) => ({ ...f, id: `f-${f.id}`, required: false })),
  }),
]);

const placeholders = LANGS.flatMap((l) => [
  views.translate(l, "document.type_here"),
  views.translate(l, "document.choose"),
]);

export const wordFor = (q: Questionnaire, lang: Language, answers: Answers | undefined, member = true) =>
  composeQuestionnaireDocument({
    questionnaire: q,
    lang,
    t: (key) => views.translate(lang, key),
    member: member ? { code: "BRA", name: "Brasil", group: "government" } : undefined,
    answers,
    campaignId: "c-1",
    campaignTitle: "IACML 2026",
    deadline: "30/04/2026 18:00 (America/New_York)",
    secretariat: { name: "Secretaría Técnica", email: "secretariat@example.org" },
  });

const draftOf = (q: Questionnaire, seed: number, lang: Language): Answers => {
  const read = answersFromForm(
    q,
    generateFormAnswers(q, seededRng(seed), lang, { name: "Ana", email: "ana@example.org" }),
  );
  const valid = validateAnswers(q, read, "draft", "government");
  if (!valid.ok) throw new Error(JSON.stringify(valid.error));
  return inListOrder(valid.value);
};

/** Ticked boxes read in the document's order, the questionnaire's: the demo posts them shuffled. */
const ORDER = ["alpha", "beta", "gamma", "delta"];
const inListOrder = (answers: Answers): Answers => {
  const sorted = (v: unknown) => [...(v as string[])].sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b));
  const out: Answers = { ...answers };
  if (out.picks) out.picks = sorted(out.picks);
  if (Array.isArray(out.proposals))
    out.proposals = (out.proposals as Record<string, unknown>[]).map((e) =>
      e["f-picks"] ? { ...e, "f-picks": sorted(e["f-picks"]) } : e,
    ) as Answers[string];
  return out;
};

const readBack = async (q: Questionnaire, bytes: Uint8Array) => {
  const { controls } = await readWordDocument(bytes);
  const reading = readQuestionnaireDocument(q, controls, placeholders);
  const valid = validateAnswers(q, answersFromForm(q, reading.values), "draft", "government");
  if (!valid.ok) throw new Error(JSON.stringify(valid.error));
  return { reading, answers: valid.value };
};

describe("the questionnaire as a Word document", () => {
  for (const [n, lang] of LANGS.entries()) {
    it(`${lang}: a member's draft of every kind, written and read back, is the same draft`, async () => {
      for (const seed of [n + 1, n + 11]) {
        const draft = draftOf(WORD_SAMPLE, seed, lang);
        const bytes = await questionnaireDocx(wordFor(WORD_SAMPLE, lang, draft), "Ref:");
        const { reading, answers } = await readBack(WORD_SAMPLE, bytes);
        expect(answers).toEqual(draft);
        expect(reading.unrecognised).toEqual([]);
        expect(reading.duplicated).toEqual([]);
        expect(reading.reference).toEqual({
          campaignId: "c-1",
          memberCode: "BRA",
          questionnaireId: "test-questionnaire",
          version: 1,
        });
      }
    });
  }

  it("tags every answer place with its question, row and entry ids", async () => {
    const bytes = await questionnaireDocx(wordFor(WORD_SAMPLE, "pt", undefined, false), "Referência:");
    const xml = await (await JSZip.loadAsync(bytes)).file("word/document.xml")!.async("string");
    for (const tag of [
      "pick",
      "picks/alpha",
      "scores/beta",
      "ranks/1",
      "pledge/amount",
      "pledge/currency",
      "tools/other-name",
      "proposals/0/f-name",
      "proposals/1/f-scores/gamma",
    ])
      expect(xml).toContain(`<w:tag w:val="${tag}"/>`);
    const blank = await readBack(WORD_SAMPLE, bytes);
    expect(blank.answers).toEqual({});
    expect(blank.reading.reference?.memberCode).toBeUndefined();
  });
});

describe("the Word questionnaire in LibreOffice Writer", () => {
  let dir: string;
  const soffice = (args: string[]) =>
    promisify(execFile)(
      SOFFICE,
      [`-env:UserInstallation=${pathToFileURL(join(dir, "profile")).href}`, "--headless", ...args],
      { timeout: 240_000 },
    );

  beforeAll(() => {
    if (!existsSync(SOFFICE))
      throw new Error(`${SOFFICE} is missing: apt-get install libreoffice-writer (.ci/run does)`);
    dir = mkdtempSync(join(tmpdir(), "consulta-writer-"));
  });

  it("opens it as text in each language, and a copy it saves as .docx reads back the same", async () => {
    const drafts = new Map<Language, Answers>();
    for (const [n, lang] of LANGS.entries()) {
      const draft = draftOf(WORD_SAMPLE, 100 + n, lang);
      drafts.set(lang, draft);
      writeFileSync(
        join(dir, `q-${lang}.docx`),
        await questionnaireDocx(wordFor(WORD_SAMPLE, lang, draft), "Ref:"),
      );
    }
    const files = LANGS.map((l) => join(dir, `q-${l}.docx`));
    await soffice(["--convert-to", "txt:Text (encoded):UTF8", "--outdir", join(dir, "txt"), ...files]);
    await soffice(["--convert-to", "docx:MS Word 2007 XML", "--outdir", join(dir, "saved"), ...files]);
    for (const lang of LANGS) {
      const shown = readFileSync(join(dir, "txt", `q-${lang}.txt`), "utf8");
      expect(shown).toContain(views.translate(lang, "document.how_heading"));
      expect(shown).toContain("Question pick");
      const saved = readFileSync(join(dir, "saved", `q-${lang}.docx`));
      const { reading, answers } = await readBack(WORD_SAMPLE, saved);
      expect(answers).toEqual(drafts.get(lang));
      expect(reading.unrecognised).toEqual([]);
      expect(reading.reference?.memberCode).toBe("BRA");
    }
  }, 300_000);
});
