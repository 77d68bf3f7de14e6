// The report's verification annex: every member compiled, with its submission and receipt code, and the
// codes the previous issue compiled that this one no longer does; anyone shown the report can check it.
import type { ReportRecord } from "../ports/reports.ts";
import { submissionNumber, type ResponseVersion } from "../responses.ts";
import type { InputsReport } from "./model.ts";

/** One member compiled: `number` is the submission's place among the member's, as its receipt says. */
export type CompiledReceipt = { code: string; name: string; number: number; receiptCode: string };

export type ReceiptAnnex = {
  included: CompiledReceipt[];
  /** Compiled by the previous issue, not by this one: the member submitted again since (or left). */
  superseded: { code: string; name: string; receiptCode: string }[];
  /** When the previous issue in the report's language was compiled; undefined for the first issue. */
  previousIssue: string | undefined;
};

/**
 * The annex of an issue. `kept` is every submission of the campaign without its answers (to number
 * them as receipts do); `previous` is the issue before this one, in the same language.
 */
export const receiptAnnex = (
  report: InputsReport,
  kept: readonly Pick<ResponseVersion, "memberCode" | "version">[],
  previous: Pick<ReportRecord, "generatedAt" | "receipts"> | undefined,
): ReceiptAnnex => {
  const keptOf = new Map<string, Pick<ResponseVersion, "version">[]>();
  for (const v of kept) keptOf.set(v.memberCode, [...(keptOf.get(v.memberCode) ?? []), v]);
  const included = report.respondents.map((r) => ({
    code: r.code,
    name: r.name,
    number: submissionNumber(keptOf.get(r.code) ?? [], r.version),
    receiptCode: r.receiptCode,
  }));
  const now = new Map(included.map((r) => [r.code, r.receiptCode]));
  const names = new Map([...report.respondents, ...report.nonRespondents].map((m) => [m.code, m.name]));
  const superseded = Object.entries(previous?.receipts ?? {})
    .filter(([code, receiptCode]) => now.get(code) !== receiptCode)
    .map(([code, receiptCode]) => ({ code, name: names.get(code) ?? code, receiptCode }))
    .sort((a, b) => a.name.localeCompare(b.name, "und") || (a.code < b.code ? -1 : 1));
  return { included, superseded, previousIssue: previous?.generatedAt };
};

/** What the next issue needs to know of this one: each member's compiled receipt code. */
export const compiledReceipts = (annex: ReceiptAnnex): Record<string, string> =>
  Object.fromEntries(annex.included.map((r) => [r.code, r.receiptCode]));
