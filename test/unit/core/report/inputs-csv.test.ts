import { describe, expect, it } from "vitest";
import { csvRecord, renderInputsCsv } from "../../../../functions/core/report/inputs-csv.ts";
import { CELL_TEXT_LIMIT, fitCell, looksLikeFormula } from "../../../../functions/core/report/safe-text.ts";
import { submission } from "../../../support/factories.ts";
import { formulaCells } from "../../../support/spreadsheet-cells.ts";
import { buildReport, INJECTION, submissions, t } from "./fixture.ts";

const csv = new TextDecoder("utf-8", { ignoreBOM: true }).decode(renderInputsCsv(buildReport(), t));

/** A strict RFC 4180 reader: records end in CRLF, quoted fields may hold anything, "" is a quote. */
const parseCsv = (text: string): string[][] => {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += c;
  }
  return rows;
};

describe("the CSV of all answers", () => {
  it("starts with a UTF-8 byte-order mark, so Excel reads accents right", () => {
    const bytes = renderInputsCsv(buildReport(), t);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it("has a header record, then one CRLF-terminated record per respondent, every one as wide", () => {
    expect(csv.endsWith("\r\n")).toBe(true);
    const rows = parseCsv(csv.slice(1));
    expect(rows).toHaveLength(6);
    expect(rows[0]?.slice(0, 3)).toEqual(["report.member", "report.code", "report.group"]);
    expect(new Set(rows.map((r) => r.length))).toEqual(new Set([rows[0]?.length]));
    expect(rows.map((r) => r[1])).toEqual(["report.code", "ARG", "BRA", "CHL", "COSATE", "CEATAL"]);
    // The hosting group spans two lines in one field; numbers stay plain numbers.
    const arg = rows[1] ?? [];
    expect(arg).toContain("1. Question event: WG1 meeting; Question period: 2027");
    expect(arg).toContain("1000.1");
  });

  it("reads back every text exactly, formula-shaped text behind a single apostrophe", () => {
    const rows = parseCsv(csv.slice(1));
    expect(rows[5]).toContain(`'${INJECTION}`);
    expect(rows[3]).toContain("<img src=x onerror=alert(1)>");
  });

  it("quotes every field, empty ones too, quotes doubled as RFC 4180 says", () => {
    expect(csvRecord(["plain", "a, b", 'say "hi"', "two\nlines"])).toBe(
      '"plain","a, b","say ""hi""","two\nlines"\r\n',
    );
    expect(csvRecord([12.5, -3, undefined, "", Number.NaN])).toBe('"12.5","-3","","",""\r\n');
    // An empty first field left bare would let a semicolon split the rest into cells of their own.
    expect(formulaCells(csvRecord(["", "b;=1+1"]))).toEqual([]);
  });

  it("puts an apostrophe before text a spreadsheet would read as a formula", () => {
    for (const start of ["=", "+", "-", "@", "\t", "\r"]) expect(csvRecord([`${start}1+1`])).toMatch(/^"'/);
    expect(csvRecord(["=SUM(A1)"])).toBe(`"'=SUM(A1)"\r\n`);
    expect(csv).toContain(`"'${INJECTION.replace(/"/g, '""')}"`);
    expect(csv).not.toContain(`,${INJECTION}`);
    expect(looksLikeFormula("Ministry, 2026")).toBe(false);
  });

  it("gives no cell a formula whether the spreadsheet splits on commas or on semicolons", () => {
    const hostile = submission("CEATAL", {
      achievements: "x;=1+1",
      needs: [{ description: "abc;=cmd|' /C calc'!A0" }],
      comments: "a,-2+3;@SUM(A1)",
    });
    const file = new TextDecoder().decode(
      renderInputsCsv(buildReport([...submissions.filter((s) => s.memberCode !== "CEATAL"), hostile]), t),
    );
    expect(formulaCells(file)).toEqual([]);
    // The texts read back whole by a CSV reader.
    const row = parseCsv(file).find((r) => r[1] === "CEATAL") ?? [];
    expect(row).toEqual(expect.arrayContaining(["x;=1+1", "a,-2+3;@SUM(A1)"]));
  });

  it("never cuts a text in a spreadsheet unless a cell could not hold it", () => {
    const long = "é".repeat(CELL_TEXT_LIMIT + 10);
    expect(fitCell("short")).toBe("short");
    expect(fitCell(long)).toHaveLength(CELL_TEXT_LIMIT);
    expect(fitCell(`${"a".repeat(CELL_TEXT_LIMIT - 2)}😀😀`).endsWith("…")).toBe(true);
    expect(fitCell(`${"a".repeat(CELL_TEXT_LIMIT - 2)}😀😀`)).not.toMatch(/[\ud800-\udbff]…$/);
  });
});
