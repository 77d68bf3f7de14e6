// The workbook as core lays it out, before any writer: sheets in order, and every filter and
// conditional format pointing at rows the sheet has.
import { describe, expect, it } from "vitest";
import { inputsWorkbook } from "../../../../functions/core/report/inputs-xlsx.ts";
import type { Row, Sheet, SheetEnd } from "../../../../functions/core/report/workbook.ts";
import { buildReport, t } from "./fixture.ts";

const drain = (sheet: Sheet) => {
  const rows: Row[] = [];
  const it = sheet.rows();
  let next = it.next();
  for (; !next.done; next = it.next()) rows.push(next.value);
  return { rows, end: next.value satisfies SheetEnd };
};

describe("the Inputs workbook's layout", () => {
  it("has the report's thirteen sheets, in order", () => {
    expect([...inputsWorkbook(buildReport(), t).sheets].map((s) => s.name)).toEqual([
      "report.sheet.summary",
      "report.sheet.priority-topics",
      "report.sheet.heat-map",
      "report.sheet.achievements",
      "report.sheet.work-plan",
      "report.sheet.hosting",
      "report.sheet.rial",
      "report.sheet.cooperation",
      "report.sheet.comments",
      "report.sheet.respondents",
      "report.sheet.all-answers",
      "report.sheet.receipts",
      "report.sheet.about",
    ]);
  });

  it("points each filter and conditional format inside the rows its sheet writes", () => {
    const laid = [...inputsWorkbook(buildReport(), t).sheets].map((sheet) => ({
      name: sheet.name,
      ...drain(sheet),
    }));
    const filtered = laid.filter((x) => x.end.filter);
    expect(filtered.length).toBeGreaterThan(0);
    // A filter sits on a header row and covers no row the sheet does not have.
    expect(filtered.filter((x) => x.rows[0]?.kind !== "header").map((x) => x.name)).toEqual([]);
    expect(filtered.filter((x) => (x.end.filter?.lastRow ?? 0) > x.rows.length).map((x) => x.name)).toEqual(
      [],
    );
    const formats = laid.flatMap((x) => x.end.formats.map((f) => ({ ...f, name: x.name, rows: x.rows })));
    expect(formats.length).toBeGreaterThan(0);
    for (const f of formats) {
      expect(f.fromRow, f.name).toBeGreaterThanOrEqual(2);
      expect(f.toRow, f.name).toBeLessThanOrEqual(f.rows.length);
      expect(f.toRow, f.name).toBeGreaterThanOrEqual(f.fromRow);
      // The bars' and the scale's first row holds a figure in the formatted column.
      const value = f.rows[f.fromRow - 1]?.values[(f.kind === "data-bar" ? f.column : f.fromColumn) - 1];
      expect(typeof value === "number" || typeof value === "object", f.name).toBe(true);
    }
  });

  it("lists every respondent in All answers, one row each below the header", () => {
    const report = buildReport();
    const all = [...inputsWorkbook(report, t).sheets].find((s) => s.name === "report.sheet.all-answers");
    const { rows, end } = drain(all as Sheet);
    expect(rows.map((r) => r.values[1])).toEqual(["report.code", ...report.respondents.map((r) => r.code)]);
    expect(end.filter).toEqual({ columns: rows[0]?.values.length, lastRow: rows.length });
  });
});
