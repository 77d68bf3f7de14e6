// The report's "Updated <date>" history: each issue of one language edition, and which members' answers
// it added or replaced, worked out from the receipt codes each issue compiled.
import type { ReportRecord } from "../ports/reports.ts";
import type { InputsReport } from "./model.ts";
import { compiledReceipts, type ReceiptAnnex } from "./receipt-annex.ts";

/** One issue and what it changed since the one before; names in the report's language. */
export type ReportIssue = {
  generatedAt: string;
  respondents: number;
  /** This issue, rather than an earlier one. */
  current: boolean;
  /** The edition's first issue: every member it compiled was added. */
  first: boolean;
  /** The issue's changes are known only when it and the one before recorded their receipt codes. */
  changes?: { added: string[]; updated: string[]; removed: string[] };
};

/**
 * Every issue of the edition, oldest first, ending with this one. `issued` is every report of the
 * campaign (any order, any language); only those of the report's language and compiled before it count.
 */
export const issueHistory = (
  report: InputsReport,
  annex: ReceiptAnnex,
  issued: readonly Pick<ReportRecord, "generatedAt" | "language" | "respondents" | "receipts">[],
): ReportIssue[] => {
  const earlier = issued
    .filter((r) => r.language === report.lang && r.generatedAt < report.generatedAt)
    .sort((a, b) => (a.generatedAt < b.generatedAt ? -1 : 1));
  const all = [
    ...earlier.map((r) => ({ ...r, current: false })),
    {
      generatedAt: report.generatedAt,
      respondents: report.answered,
      receipts: compiledReceipts(annex),
      current: true,
    },
  ];
  const names = new Map([...report.respondents, ...report.nonRespondents].map((m) => [m.code, m.name]));
  const named = (codes: string[]) =>
    codes.map((code) => names.get(code) ?? code).sort((a, b) => a.localeCompare(b, "und"));
  return all.map((issue, i): ReportIssue => {
    const base = {
      generatedAt: issue.generatedAt,
      respondents: issue.respondents,
      current: issue.current,
      first: i === 0,
    };
    const before = i === 0 ? {} : all[i - 1]?.receipts;
    // An issue compiled before receipt codes were recorded says nothing of what it (or the next) changed.
    if (!issue.receipts || !before) return base;
    const now = issue.receipts;
    return {
      ...base,
      changes: {
        added: named(Object.keys(now).filter((code) => !(code in before))),
        updated: named(Object.keys(now).filter((code) => code in before && before[code] !== now[code])),
        removed: named(Object.keys(before).filter((code) => !(code in now))),
      },
    };
  });
};
