// The Inputs report compiled in memory, for the report's integration suites: a cycle "c1" seeded in an
// in-memory repository, then each compile's files kept in a map and read back as a reader opens them.
import ExcelJS from "exceljs";
import { createHandlebarsViews } from "../../functions/adapters/handlebars-views.ts";
import type { Ports, Repository } from "../../functions/core/ports.ts";
import { writeXlsx } from "../../functions/adapters/xlsx/stream-writer.ts";
import type { Campaign } from "../../functions/core/campaign.ts";
import { compileInputsReport } from "../../functions/core/compile-inputs-report.ts";
import type { Member } from "../../functions/core/directory.ts";
import type { Language } from "../../functions/core/languages.ts";

import type { Questionnaire } from "../../functions/core/questionnaire/definition.ts";
import type { ResponseVersion } from "../../functions/core/responses.ts";
import { campaign } from "./factories.ts";

/** The templates with every string required in the language asked: a missing one throws. */
export const strictViews = () =>
  createHandlebarsViews(new URL("../../templates/", import.meta.url).pathname, { strict: true });

/** Campaign "c1" of `questionnaire`, inviting every one of `members`, with `submissions` kept. */
export const seedCycle = async (
  repository: Repository,
  questionnaire: Questionnaire,
  members: Member[],
  submissions: Iterable<ResponseVersion>,
): Promise<Campaign> => {
  await repository.putMembers(members);
  await repository.putQuestionnaire(questionnaire);
  const c = campaign({
    id: "c1",
    questionnaireId: questionnaire.id,
    questionnaireVersion: questionnaire.version,
    invited: members.map((m) => m.code),
  });
  await repository.createCampaign(c);
  for (const s of submissions) await repository.putResponseVersion({ ...s, campaignId: c.id });
  return c;
};

/** Campaign "c1"'s report compiled in `lang`, its HTML, workbook (every row of every sheet) and CSV read back. */
export const compileInMemory = async (
  repository: Repository,
  lang: Language,
  options: { views?: Ports["views"]; translations?: Ports["translations"]; now?: Date } = {},
) => {
  const blobs = new Map<string, Uint8Array>();
  const compiled = await compileInputsReport(
    {
      repository,
      views: options.views ?? strictViews(),
      workbooks: writeXlsx,
      clock: { now: () => options.now ?? new Date("2026-03-01T15:30:00Z") },
      blobs: { put: async (key: string, body: Uint8Array) => void blobs.set(key, body) } as never,
      ...(options.translations ? { translations: options.translations } : {}),
    },
    "c1",
    lang,
  );
  const html = new TextDecoder().decode(blobs.get(compiled.files.html)).replace(/&#x27;|&#39;/g, "'");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(blobs.get(compiled.files.xlsx) as unknown as ArrayBuffer);
  const rows: string[][] = [];
  for (const ws of wb.worksheets)
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ""))));
  const csv = new TextDecoder().decode(blobs.get(compiled.files.csv));
  return { compiled, report: compiled.report, html, wb, rows, csv };
};
