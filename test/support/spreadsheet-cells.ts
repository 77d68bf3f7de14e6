// Cells as a spreadsheet splits a CSV file with a given list separator, to check what a user would see.
import { looksLikeFormula } from "../../functions/core/report/safe-text.ts";

/**
 * The split LibreOffice Calc makes (checked with soffice 7 on `"x","abc;=1+1;","y"` read with `;`): a field
 * that starts with a quote runs to a quote followed by the separator or a line end, `""` inside is one
 * quote and any other quote is kept as text; an unquoted field runs to the next separator. Excel in a
 * locale whose list separator is `;` (es, pt-BR, fr) splits an unquoted `x;=1+1` the same way.
 */
export const spreadsheetCells = (file: string, separator: "," | ";"): string[][] => {
  const text = file.replace(/^\uFEFF/, "");
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const endsField = (at: number) =>
    at >= text.length || text[at] === separator || text[at] === "\r" || text[at] === "\n";
  while (i < text.length) {
    let cell = "";
    if (text[i] === '"') {
      i++;
      while (i < text.length) {
        if (text[i] === '"' && text[i + 1] === '"') {
          cell += '"';
          i += 2;
        } else if (text[i] === '"' && endsField(i + 1)) {
          i++;
          break;
        } else cell += text[i++];
      }
    } else while (!endsField(i)) cell += text[i++];
    row.push(cell);
    if (text[i] === separator) i++;
    else {
      rows.push(row);
      row = [];
      i += text[i] === "\r" && text[i + 1] === "\n" ? 2 : 1;
    }
  }
  return rows;
};

/** Cells a spreadsheet would run as a formula: text starting with = + - @ tab or CR that is not a number. */
export const formulaCells = (file: string) =>
  ([",", ";"] as const).flatMap((separator) =>
    spreadsheetCells(file, separator)
      .flat()
      .filter((cell) => looksLikeFormula(cell) && !/^-?\d+(\.\d+)?$/.test(cell))
      .map((cell) => `${separator} ${cell}`),
  );
