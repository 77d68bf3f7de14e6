// The reports' store: each Inputs report compiled for a campaign, and where its files are.
export type ReportRecord = {
  campaignId: string;
  generatedAt: string;
  language: string;
  files: { xlsx: string; html: string; csv: string };
  respondents: number;
  invited: number;
  questionnaireVersion: number;
};

export interface ReportStore {
  putReport(report: ReportRecord): Promise<void>;
  /** A campaign's reports, newest first. */
  listReports(campaignId: string): Promise<ReportRecord[]>;
}
