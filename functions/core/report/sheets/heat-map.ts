// The heat map sheet: each topic's average by group and subregion, then each member's scores.
import type { InputsReport, Translate } from "../model.ts";
import { fill, groupName, subregionName } from "../strings.ts";
import {
  AVERAGE,
  numberedRows,
  type ConditionalFormat,
  type Row,
  type Sheet,
  type SheetEnd,
} from "../workbook.ts";
import { groupsOf, subregionPlace } from "./common.ts";

export const heatMapSheet = (report: InputsReport, t: Translate): Sheet => {
  const p = report.priorities;
  const items = p?.items ?? [];
  const headers = [
    t("report.member"),
    t("report.code"),
    t("report.group"),
    t("report.subregion"),
    ...items.map((i) => `${i.number}. ${i.label}`),
  ];
  return {
    name: t("report.sheet.heat-map"),
    columns: [
      { width: 30 },
      { width: 9 },
      { width: 16 },
      { width: 16 },
      ...items.map(() => ({ width: 16, numFmt: AVERAGE })),
    ],
    frozen: { x: 2, y: 1 },
    rows: function* (): Generator<Row, SheetEnd> {
      const s = numberedRows();
      yield s.header(headers);
      if (!p) {
        yield s.note(t("report.no-topics"));
        return { formats: [] };
      }
      const first = s.last + 1;
      const averageOf = t("report.average-of");
      for (const g of groupsOf(report))
        yield s.add(
          [
            fill(averageOf, { segment: groupName(t, g) }),
            "",
            groupName(t, g),
            "",
            ...items.map((i) => i.byGroup[g].average),
          ],
          "segment",
        );
      for (const r of report.subregions)
        yield s.add(
          [
            fill(averageOf, { segment: subregionName(t, r.subregion) }),
            "",
            "",
            subregionName(t, r.subregion),
            ...items.map((i) => i.bySubregion[r.subregion].average),
          ],
          "segment",
        );
      // Members by subregion, in the directory's order of subregions; the sort is stable, so each
      // subregion keeps the respondents' group-then-name order.
      const rows = [...report.respondents].sort((a, b) => subregionPlace(a) - subregionPlace(b));
      for (const r of rows)
        yield s.add([r.name, r.code, groupName(t, r.group), subregionName(t, r.subregion), ...r.topicScores]);
      const formats: ConditionalFormat[] =
        items.length && s.last >= first
          ? [
              {
                kind: "colour-scale",
                fromColumn: 5,
                toColumn: 4 + items.length,
                fromRow: first,
                toRow: s.last,
                min: p.min,
                max: p.max,
              },
            ]
          : [];
      return { filter: s.filter(headers.length), formats };
    },
  };
};
