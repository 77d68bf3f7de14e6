// The Priority topics sheet: every topic ranked by its average score, overall and by group.
import type { InputsReport, Translate } from "../model.ts";
import { completionLine, fill, groupName } from "../strings.ts";
import {
  AVERAGE,
  numberedRows,
  type ConditionalFormat,
  type Row,
  type Sheet,
  type SheetEnd,
} from "../workbook.ts";
import { groupsOf } from "./common.ts";

export const priorityTopicsSheet = (report: InputsReport, t: Translate): Sheet => {
  const p = report.priorities;
  const groups = groupsOf(report);
  const topLabel = p?.ranking ? fill(t("report.in-top"), { n: p.ranking.n }) : undefined;
  const perGroup = groups.flatMap((g) => [
    { header: `${groupName(t, g)}: ${t("report.average")}`, spec: { width: 13, numFmt: AVERAGE } },
    { header: `${groupName(t, g)}: ${t("report.scores")}`, spec: { width: 11 } },
    ...(topLabel ? [{ header: `${groupName(t, g)}: ${topLabel}`, spec: { width: 12 } }] : []),
  ]);
  const headers = [
    t("report.rank"),
    t("report.number"),
    t("report.topic"),
    t("report.tag"),
    t("report.average"),
    t("report.scores"),
    t("report.not-scored"),
    ...(topLabel ? [topLabel] : []),
    ...perGroup.map((c) => c.header),
  ];
  return {
    name: t("report.sheet.priority-topics"),
    columns: [
      { width: 7 },
      { width: 6 },
      { width: 60 },
      { width: 10 },
      { width: 14, numFmt: AVERAGE },
      { width: 10 },
      { width: 11 },
      ...(topLabel ? [{ width: 12 }] : []),
      ...perGroup.map((c) => c.spec),
    ],
    frozen: { x: 3, y: 1 },
    rows: function* (): Generator<Row, SheetEnd> {
      const s = numberedRows();
      const formats: ConditionalFormat[] = [];
      yield s.header(headers);
      for (const item of p?.items ?? []) {
        yield s.add([
          item.rank ?? t("report.no-answers"),
          item.number,
          item.label,
          item.tag,
          item.average,
          item.count,
          item.notAnswered,
          ...(topLabel ? [item.topCount] : []),
          ...groups.flatMap((g) => [
            item.byGroup[g].average,
            item.byGroup[g].count,
            ...(topLabel ? [item.byGroup[g].topCount] : []),
          ]),
        ]);
      }
      if (p && s.last >= 2)
        formats.push({ kind: "data-bar", column: 5, fromRow: 2, toRow: s.last, max: p.max });
      // The filter covers the table alone, not the notes below it.
      const end = { filter: s.filter(headers.length), formats };
      if (p) {
        yield s.blank();
        yield s.note(`${p.question.label} (${p.min}–${p.max})`);
        yield s.note(completionLine(t, p.completion));
        if (p.ranking) yield s.note(`${topLabel}: ${p.ranking.label}`);
      } else yield s.note(t("report.no-topics"));
      return end;
    },
  };
};
