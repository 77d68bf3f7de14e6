// "Updated <date>": each language edition of the report lists, on its cover (the HTML header and the
// workbook's Summary sheet), its earlier issues and what each changed: members added, answers updated.
import ExcelJS from "exceljs";
import { HtmlValidate, StaticConfigLoader, type Message } from "html-validate";
import { beforeAll, describe, expect, it } from "vitest";
import { createHandlebarsViews } from "../../../functions/adapters/handlebars-views.ts";
import { createInMemoryRepository } from "../../../functions/adapters/in-memory/index.ts";
import { writeXlsx } from "../../../functions/adapters/xlsx/stream-writer.ts";
import { compileInputsReport, type CompiledReport } from "../../../functions/core/compile-inputs-report.ts";
import type { Language } from "../../../functions/core/languages.ts";
import { receiptCode } from "../../../functions/core/receipts.ts";
import type { ResponseVersion } from "../../../functions/core/responses.ts";
import {
  defaultDirectoryPath,
  defaultQuestionnairePath,
  readDirectoryFile,
  readQuestionnaireFile,
} from "../../../functions/local/content.ts";
import { generatedSubmissions } from "../../support/submissions.ts";
import { seedCycle } from "../../support/compiled-report.ts";

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
const submissions = generatedSubmissions(questionnaire, members);
const late = "CHL";
const resubmitting = "ARG";

describe("the report's history of issues", () => {
  const blobs = new Map<string, Uint8Array>();
  const repository = createInMemoryRepository();
  let now = new Date("2026-03-01T15:30:00Z");
  const compile = (lang: Language) =>
    compileInputsReport(
      {
        repository,
        views,
        workbooks: writeXlsx,
        clock: { now: () => now },
        blobs: { put: async (key: string, body: Uint8Array) => void blobs.set(key, body) } as never,
      },
      "c1",
      lang,
    );
  const html = (r: CompiledReport) => new TextDecoder().decode(blobs.get(r.files.html));
  const summary = async (r: CompiledReport) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(blobs.get(r.files.xlsx) as unknown as ArrayBuffer);
    const rows: string[] = [];
    wb.worksheets[0]?.eachRow((row) => rows.push(String((row.values as unknown[])[1] ?? "")));
    return rows;
  };
  let first: CompiledReport;
  let second: CompiledReport;
  let french: CompiledReport;

  beforeAll(async () => {
    await seedCycle(
      repository,
      questionnaire,
      members,
      submissions.filter((s) => s.memberCode !== late),
    );
    first = await compile("es");

    // A day later Chile answers and Argentina submits again, with another answer.
    now = new Date("2026-03-02T09:00:00Z");
    const chile = submissions.find((s) => s.memberCode === late) as ResponseVersion;
    await repository.putResponseVersion(chile);
    const argentina = submissions.find((s) => s.memberCode === resubmitting) as ResponseVersion;
    const { receiptCode: _old, ...before } = argentina;
    const again = {
      ...before,
      version: argentina.version + 1,
      submittedAt: now.toISOString(),
      answers: { ...argentina.answers, "anything-else": "Una respuesta corregida." },
    };
    await repository.putResponseVersion({ ...again, receiptCode: receiptCode(again) });
    second = await compile("es");
    french = await compile("fr");
  }, 120_000);

  it("says nothing of a history on a first issue", async () => {
    expect(html(first)).not.toContain("Ediciones de este informe");
    expect(await summary(first)).not.toContain("Ediciones de este informe");
  });

  it("lists, in the next issue's HTML header, the first issue and what this one changed", () => {
    const page = html(second);
    const header = page.slice(page.indexOf('<header class="cover">'), page.indexOf("</header>"));
    expect(header).toContain("Ediciones de este informe");
    expect(header).toMatch(
      new RegExp(
        `<li>[^<]*1 de marzo de 2026[^<]* — primera edición: ${submissions.length - 1} miembros</li>`,
      ),
    );
    expect(header).toMatch(
      /<li>[^<]*2 de marzo de 2026[^<]* \(esta edición\) — incorporados: Chile; respuestas actualizadas: Argentina<\/li>/,
    );
  });

  it("stays valid HTML with its history", async () => {
    expect(await problems(html(second))).toEqual([]);
  });

  it("lists the same on the workbook's cover sheet", async () => {
    const rows = await summary(second);
    const at = rows.indexOf("Ediciones de este informe");
    expect(at).toBeGreaterThan(0);
    expect(rows[at + 1]).toMatch(
      new RegExp(`1 de marzo de 2026.* — primera edición: ${submissions.length - 1} miembros$`),
    );
    expect(rows[at + 2]).toMatch(
      /2 de marzo de 2026.* \(esta edición\) — incorporados: Chile; respuestas actualizadas: Argentina$/,
    );
  });

  it("counts each language's issues apart: the first French issue has no history", async () => {
    expect(second.report.history).toHaveLength(2);
    expect(french.report.history).toHaveLength(1);
    expect(html(french)).not.toContain("Éditions de ce rapport");
  });
});
