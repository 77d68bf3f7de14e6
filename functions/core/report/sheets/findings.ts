// The Work plan and RIAL sheets: the findings of their chapters, in questionnaire order.
import type { Block, InputsReport, Translate } from "../model.ts";
import { numberedRows, type ConditionalFormat, type Row, type Sheet, type SheetEnd } from "../workbook.ts";
import { groupsOf } from "./common.ts";
import { allocationBlock, choiceBlock, numberBlock, scaleBlock, tableBlock } from "./finding-blocks.ts";

type Chapter = InputsReport["chapters"][number];

const findingsSheet = (
  name: string,
  report: InputsReport,
  t: Translate,
  chapters: (c: Chapter) => boolean,
  /** The fund split opens the RIAL sheet, before its chapters. */
  withFundSplit: boolean,
): Sheet => ({
  name,
  columns: [
    { width: 50 },
    { width: 14 },
    { width: 16 },
    { width: 16 },
    { width: 36 },
    { width: 36 },
    { width: 36 },
    { width: 36 },
  ],
  rows: function* (): Generator<Row, SheetEnd> {
    const s = numberedRows();
    const formats: ConditionalFormat[] = [];
    const groups = groupsOf(report);
    if (withFundSplit && report.fundSplit) {
      yield* allocationBlock(s, formats, report.fundSplit, groups, t);
      yield s.blank();
    }
    const find = <T extends { question: { id: string } }>(list: T[], b: Block) =>
      list.find((x) => x.question.id === b.questionId);
    for (const chapter of report.chapters.filter(chapters)) {
      for (const b of chapter.blocks) {
        const before = s.last;
        if (b.kind === "choice") {
          const c = find(report.choices, b);
          if (c) yield* choiceBlock(s, c, groups, t);
        } else if (b.kind === "scale") {
          const c = find(report.scales, b);
          if (c) yield* scaleBlock(s, formats, c, groups, t);
        } else if (b.kind === "allocation" && b.questionId !== report.fundSplit?.question.id) {
          const c = find(report.allocations, b);
          if (c) yield* allocationBlock(s, formats, c, groups, t);
        } else if (b.kind === "number") {
          const c = find(report.numbers, b);
          if (c) yield* numberBlock(s, c, t);
        } else if (b.kind === "table") {
          const c = find(report.tables, b);
          if (c) yield* tableBlock(s, c, t, report.lang);
        }
        if (s.last > before) yield s.blank();
      }
    }
    if (s.last === 0) yield s.note(t("report.none"));
    return { formats };
  },
});

export const workPlanSheet = (report: InputsReport, t: Translate): Sheet =>
  findingsSheet(t("report.sheet.work-plan"), report, t, (c) => !c.rial, false);

export const rialSheet = (report: InputsReport, t: Translate): Sheet =>
  findingsSheet(t("report.sheet.rial"), report, t, (c) => c.rial, true);
