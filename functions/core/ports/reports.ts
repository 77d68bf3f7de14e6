// The reports' store: each Inputs report compiled for a campaign, and where its files are.
export type ReportRecord = {
  campaignId: string;
  generatedAt: string;
  language: string;
  /** The PDF edition is absent from issues compiled before it existed. */
  files: { xlsx: string; html: string; csv: string; pdf?: string };
  respondents: number;
  invited: number;
  questionnaireVersion: number;
  /**
   * Each compiled member's receipt code, by member code: the next issue lists those it supersedes,
   * and a receipt's verification says which issues compiled it. Absent from issues compiled before.
   */
  receipts?: Record<string, string>;
};

export interface ReportStore {
  putReport(report: ReportRecord): Promise<void>;
  /** A campaign's reports, newest first. */
  listReports(campaignId: string): Promise<ReportRecord[]>;
}
