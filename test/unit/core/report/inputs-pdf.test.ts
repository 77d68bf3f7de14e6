// The PDF edition's tables stay printable: a table of every member of a large consultation is cut at
// PDF_TABLE_ROWS and says how many rows the workbook holds beyond it.
import { describe, expect, it } from "vitest";
import {
  PDF_TABLE_ROWS,
  withinPrintLimit,
  type PrintedPart,
} from "../../../../functions/core/report/inputs-pdf.ts";

const t = (key: string) =>
  key === "report.pdf-rows-left-out" ? "The other {count} rows are in the workbook." : key;
const table = (rows: number): PrintedPart => ({
  kind: "table",
  head: [{ text: "Member" }],
  rows: Array.from({ length: rows }, (_, i) => ({ cells: [{ text: `M${i}` }] })),
});

describe("the PDF edition's tables", () => {
  it("prints a table within the limit whole", () => {
    expect(withinPrintLimit(table(PDF_TABLE_ROWS), t)).toEqual([table(PDF_TABLE_ROWS)]);
  });

  it("cuts a table of 10,000 members at the limit and says how many rows are in the workbook", () => {
    const [cut, note] = withinPrintLimit(table(10_000), t);
    expect(cut).toMatchObject({ kind: "table" });
    expect((cut as Extract<PrintedPart, { kind: "table" }>).rows).toHaveLength(PDF_TABLE_ROWS);
    expect(note).toEqual({
      kind: "paragraph",
      style: "note",
      text: `The other ${10_000 - PDF_TABLE_ROWS} rows are in the workbook.`,
    });
  });
});
