// Compiling the Inputs report: gather the latest submissions, aggregate, write Excel, HTML, CSV and PDF.
//
// Every compile is stored under its own time stamp and never overwrites an earlier one: the
// Secretariat re-issues the report ("Updated …") as late replies arrive, and each issue stays
// downloadable.
import { NotFound } from "./errors.ts";
import type { Language } from "./languages.ts";
import type {
  CampaignStore,
  DirectoryStore,
  Ports,
  QuestionnaireStore,
  ReportRecord,
  ReportStore,
  ResponseStore,
} from "./ports.ts";
import { renderInputsCsv } from "./report/inputs-csv.ts";
import { renderInputsHtml } from "./report/inputs-html.ts";
import { composeInputsPdf } from "./report/inputs-pdf.ts";
import { startInputsReport, type InputsReport } from "./report/inputs-report.ts";
import { inputsWorkbook } from "./report/inputs-xlsx.ts";
import { issueHistory } from "./report/issue-history.ts";
import { compiledReceipts, receiptAnnex } from "./report/receipt-annex.ts";
import { attachTranslations } from "./report/translations.ts";
import { replyLanguageOf } from "./translation/translate-submission.ts";

export type CompiledReport = ReportRecord & {
  report: InputsReport;
  /**
   * Compiled submissions with a free text the cache has no translation of (into this language): the
   * compile job queues their translate job, which a request that died after keeping them never did.
   */
  untranslated: { memberCode: string; version: number; submittedAt: string }[];
};

export const compileInputsReport = async (
  ports: {
    repository: CampaignStore & DirectoryStore & QuestionnaireStore & ReportStore & ResponseStore;
  } & Pick<Ports, "blobs" | "views" | "workbooks" | "clock"> &
    Partial<Pick<Ports, "translations" | "documents" | "publicBaseUrl">>,
  campaignId: string,
  lang: Language,
  /** Where the HTML edition links to the accessibility statement (absolute: it is read as a file). */
  statementUrl?: string,
): Promise<CompiledReport> => {
  const { repository, blobs, views, workbooks, clock } = ports;
  const campaign = await repository.getCampaign(campaignId);
  if (!campaign) throw new NotFound("campaign_not_found", `No campaign ${campaignId}`);
  const questionnaire = await repository.getQuestionnaire(
    campaign.questionnaireId,
    campaign.questionnaireVersion,
  );
  if (!questionnaire)
    throw new Error(`Questionnaire ${campaign.questionnaireId} v${campaign.questionnaireVersion} missing`);
  const members = await repository.listMembers();
  const generatedAt = clock.now();
  const t = (key: string) => views.translate(lang, key);
  // Submissions are added page by page as storage returns them: one page of answers is held at a
  // time, beside the report's counters and rows, never every submission at once.
  const building = startInputsReport({ campaign, questionnaire, members, lang, generatedAt, t });
  // Each member's reply language: the source of its free texts' translations.
  const replied = new Map<string, Language>();
  const memberLanguage = new Map(members.map((m) => [m.code, m.language]));
  for await (const page of repository.latestSubmissionPages(campaignId)) {
    for (const s of page) {
      const language = replyLanguageOf(s, memberLanguage.get(s.memberCode));
      if (language) replied.set(s.memberCode, language);
    }
    building.add(page);
  }
  // The annex: what this issue compiles, and what the previous one in this language did that it no longer does.
  const [kept, issued] = await Promise.all([
    repository.listKeptVersions(campaignId),
    repository.listReports(campaignId),
  ]);
  const previous = issued.find((r) => r.language === lang && r.generatedAt < generatedAt.toISOString());
  const finished = building.finish();
  const { untranslated } = await attachTranslations(
    finished,
    (code) => replied.get(code),
    ports.translations,
  );
  const annex = receiptAnnex(finished, kept, previous);
  const report: InputsReport = {
    ...finished,
    receipts: annex,
    // Members' files are linked to the console, which lets only the Secretariat download them.
    ...(ports.publicBaseUrl
      ? {
          attachmentsUrl: `${ports.publicBaseUrl}/console/campaigns/${encodeURIComponent(campaignId)}/attachments`,
        }
      : {}),
    history: issueHistory(finished, annex, issued),
  };

  const stamp = generatedAt.toISOString().replace(/[:.]/g, "-");
  const base = `reports/${campaignId}/${stamp}-inputs-${lang}`;
  // The PDF edition where the function prints (the worker; a test's hand-built ports may not).
  const files: ReportRecord["files"] = {
    xlsx: `${base}.xlsx`,
    html: `${base}.html`,
    csv: `${base}.csv`,
    ...(ports.documents ? { pdf: `${base}.pdf` } : {}),
  };
  // Each file is stored as soon as it is written, while the next is being written: memory holds one
  // finished file at a time, not all three. A failed store fails the compile (Promise.all below)
  // without ever being an unhandled rejection in between.
  const puts: Promise<void>[] = [];
  const store = (key: string, body: Uint8Array, contentType: string) => {
    const put = blobs.put(key, body, contentType);
    put.catch(() => undefined);
    puts.push(put);
  };
  store(files.csv, renderInputsCsv(report, t), "text/csv; charset=utf-8; header=present");
  store(
    files.xlsx,
    await workbooks(inputsWorkbook(report, t)),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  );
  store(
    files.html,
    renderInputsHtml(report, t, (template, context) => views.render(template, context), statementUrl),
    "text/html; charset=utf-8",
  );
  if (ports.documents && files.pdf)
    store(files.pdf, await ports.documents.reportPdf(composeInputsPdf(report, t)), "application/pdf");
  await Promise.all(puts);
  const record: ReportRecord = {
    campaignId,
    generatedAt: generatedAt.toISOString(),
    language: lang,
    files,
    respondents: report.answered,
    invited: report.invited,
    questionnaireVersion: questionnaire.version,
    receipts: compiledReceipts(annex),
  };
  await repository.putReport(record);
  const missing = new Set(untranslated);
  return {
    ...record,
    report,
    untranslated: report.respondents
      .filter((r) => missing.has(r.code))
      .map((r) => ({ memberCode: r.code, version: r.version, submittedAt: r.submittedAt })),
  };
};
