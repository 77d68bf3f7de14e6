// The report as an Excel workbook the Secretariat can work in: its sheets, in order, as data
// (sheets/*.ts, one file a sheet). The bytes are written by a WorkbookWriter, an adapter.
import type { InputsReport, Translate } from "./model.ts";
import { aboutSheet } from "./sheets/about.ts";
import { achievementsSheet } from "./sheets/achievements.ts";
import { allAnswersSheet } from "./sheets/all-answers.ts";
import { commentsSheet } from "./sheets/comments.ts";
import { cooperationSheet } from "./sheets/cooperation.ts";
import { rialSheet, workPlanSheet } from "./sheets/findings.ts";
import { heatMapSheet } from "./sheets/heat-map.ts";
import { hostingSheet } from "./sheets/hosting.ts";
import { priorityTopicsSheet } from "./sheets/priority-topics.ts";
import { receiptsSheet } from "./sheets/receipts.ts";
import { respondentsSheet } from "./sheets/respondents.ts";
import { summarySheet } from "./sheets/summary.ts";
import { memo } from "./strings.ts";
import type { Sheet, Workbook } from "./workbook.ts";

const SHEETS: ((report: InputsReport, t: Translate) => Sheet)[] = [
  summarySheet,
  priorityTopicsSheet,
  heatMapSheet,
  achievementsSheet,
  workPlanSheet,
  hostingSheet,
  rialSheet,
  cooperationSheet,
  commentsSheet,
  respondentsSheet,
  allAnswersSheet,
  receiptsSheet,
  aboutSheet,
];

/** The Inputs workbook; each sheet is laid out only when the writer reaches it. */
export const inputsWorkbook = (report: InputsReport, translate: Translate): Workbook => {
  const t = memo(translate);
  return {
    creator: "Consulta",
    created: new Date(report.generatedAt),
    sheets: (function* () {
      for (const sheet of SHEETS) yield sheet(report, t);
    })(),
  };
};
