// The report's workbook as data: sheets of rows, each row a kind of line (header, title, note…), laid
// out here in core and written to bytes by a WorkbookWriter (an adapter: functions/adapters/xlsx-stream-writer.ts).
//
// A sheet's rows are a generator, not a list: the writer pulls them one at a time and compresses as
// it goes, so 100,000 respondents never exist as a second copy of every cell.

/** A figure in a number format of its own, in a column that holds other kinds of figure too. */
export type Formatted = { value: number | undefined; numFmt: string };
export type Value = string | number | Date | Formatted | undefined;

export const AVERAGE = "0.0";
export const PERCENT = "0%";
export const AMOUNT = "#,##0.00";
export const DATE_TIME = "yyyy-mm-dd hh:mm";

export const avg = (value: number | undefined): Formatted => ({ value, numFmt: AVERAGE });
export const pct = (value: number | undefined): Formatted => ({ value, numFmt: PERCENT });
export const money = (value: number | undefined): Formatted => ({ value, numFmt: AMOUNT });

/** A column's width, and the number format of a column that holds one kind of figure throughout. */
export type ColumnSpec = { width: number; numFmt?: string };

export type RowKind = "body" | "header" | "title" | "segment" | "note";
export type Row = { values: Value[]; kind: RowKind };

/** How each kind of row looks: every cell of the row is written in its kind's look. */
export type RowLook = {
  bold?: boolean;
  italic?: boolean;
  size?: number;
  /** ARGB, as SpreadsheetML spells colours. */
  color?: string;
  fill?: string;
};
export const ROW_LOOKS: Record<RowKind, RowLook> = {
  body: {},
  header: { bold: true, color: "FFFFFFFF", fill: "FF1F3864" },
  title: { bold: true, size: 13 },
  segment: { bold: true, fill: "FFEEF1F6" },
  note: { italic: true, color: "FF555555" },
};
/** Rows whose blank cells still carry the row's fill, so the band runs across the table. */
export const BANDED: ReadonlySet<RowKind> = new Set(["header", "segment"]);

// A sequential blue scale: it reads in grey on paper and for colour-blind readers, unlike red-green.
export const HEAT_LOW = "FFFFFFFF";
export const HEAT_HIGH = "FF5B9BD5";
export const BAR = "FF5B9BD5";

/** Conditional formats, over cells counted from 1 (column 1 is A). */
export type ConditionalFormat =
  /** Data bars from zero to `max`, so bar lengths compare across compiles. */
  | { kind: "data-bar"; column: number; fromRow: number; toRow: number; max: number }
  /** A white-to-blue colour scale from `min` to `max`. */
  | {
      kind: "colour-scale";
      fromColumn: number;
      toColumn: number;
      fromRow: number;
      toRow: number;
      min: number;
      max: number;
    };

/** What is known of a sheet only once its rows are written: its filter and conditional formats. */
export type SheetEnd = {
  /** Filter buttons on the header row (row 1) of a sheet that holds one table, over its rows. */
  filter?: { columns: number; lastRow: number };
  formats: ConditionalFormat[];
};

export type Sheet = {
  name: string;
  columns: ColumnSpec[];
  /** Columns and rows that stay in view as the sheet scrolls. */
  frozen?: { x: number; y: number };
  rows: () => Generator<Row, SheetEnd, void>;
};

export type Workbook = { creator: string; created: Date; sheets: Iterable<Sheet> };

/** Writes a workbook's bytes (.xlsx). */
export type WorkbookWriter = (workbook: Workbook) => Promise<Uint8Array>;

/**
 * Rows numbered as they are yielded, for the sheet builders that point a filter or a format at a
 * range: `yield* lines.header(...)` and `lines.last` is the row just written.
 */
export const numberedRows = () => {
  let last = 0;
  const row = (values: Value[], kind: RowKind = "body"): Row => {
    last++;
    return { values, kind };
  };
  return {
    add: row,
    header: (values: Value[]) => row(values, "header"),
    title: (text: string) => row([text], "title"),
    note: (text: string) => row([text], "note"),
    blank: () => row([]),
    /** Filter buttons over the rows so far, for SheetEnd. */
    filter: (columns: number) => ({ columns, lastRow: Math.max(1, last) }),
    get last() {
      return last;
    },
  };
};
export type Lines = ReturnType<typeof numberedRows>;
