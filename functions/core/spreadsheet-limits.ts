// What an uploaded spreadsheet may hold, and the refusal that names the limit a file went past.
import { BadRequest } from "./errors.ts";

/** What an uploaded spreadsheet may hold; past any of these the import is refused, naming the limit. */
export const SPREADSHEET_LIMITS = {
  /** The last row that may hold a value. */
  rows: 20_000,
  /** The last column that may hold a value (64 is column BL). */
  columns: 64,
  /** Cells holding a value, in the sheet read. */
  cells: 400_000,
  /** What the parts of an .xlsx read may inflate to, together. */
  unpackedBytes: 50 * 1024 * 1024,
  /** How many times its packed size a part over 1 MB may inflate to (text sheets pack 5 to 20 times). */
  compressionRatio: 100,
  /** The file itself, .xlsx or .csv, before anything is read. */
  fileBytes: 10 * 1024 * 1024,
} as const;

const megabytes = (bytes: number) => Math.round(bytes / (1024 * 1024));

const columnName = (n: number): string =>
  n <= 0 ? "" : columnName(Math.floor((n - 1) / 26)) + String.fromCharCode(65 + ((n - 1) % 26));

/**
 * The refusal for a file past a limit: a code the pages translate (error.<code> in each language's
 * strings, where {limit} and {column} are filled in), and the same words in English for the API.
 */
export const overLimit = (limit: keyof typeof SPREADSHEET_LIMITS) => {
  const value = SPREADSHEET_LIMITS[limit];
  const shown = limit === "unpackedBytes" || limit === "fileBytes" ? megabytes(value) : value;
  const column = columnName(SPREADSHEET_LIMITS.columns);
  const refusals: Record<keyof typeof SPREADSHEET_LIMITS, [code: string, message: string]> = {
    rows: [
      "spreadsheet_too_many_rows",
      `The spreadsheet has values below row ${shown}; the import reads at most ${shown} rows`,
    ],
    columns: [
      "spreadsheet_too_many_columns",
      `The spreadsheet has values right of column ${column}; the import reads at most ${shown} columns`,
    ],
    cells: [
      "spreadsheet_too_many_cells",
      `The spreadsheet has more than ${shown} filled cells; the import reads at most ${shown}`,
    ],
    unpackedBytes: [
      "spreadsheet_unpacks_too_large",
      `The spreadsheet unpacks to more than ${shown} MB; the import reads at most ${shown} MB`,
    ],
    compressionRatio: [
      "spreadsheet_packed_too_tightly",
      `The spreadsheet unpacks to more than ${shown} times its size, which no real spreadsheet does`,
    ],
    fileBytes: [
      "spreadsheet_too_large",
      `The file is larger than ${shown} MB; the import reads at most ${shown} MB`,
    ],
  };
  const [code, message] = refusals[limit];
  return new BadRequest(code, message, { limit: shown, column });
};
