// Writes a workbook (core/report/workbook.ts) as .xlsx, streaming: the WorkbookWriter port.
//
// exceljs lays out the workbook (sheets, columns, frozen panes, filters, print set-up, styles) and
// zips it as it goes. The rows are written here as SpreadsheetML (sheet-xml.ts), top to bottom, in
// chunks the zip takes in before more are written, and styles are registered once per kind of row
// and number format, never per cell. That keeps 10,000 replies (1.5 million cells) to seconds, and
// memory to the report model and the compressed output, never a second copy of every cell.
//
// It reaches into exceljs' streaming writer for what its API does not give (writing the sheet's head
// before its rows, a style id, the zip's back-pressure, the moment a sheet is zipped):
// test/unit/adapters/xlsx-stream-writer.test.ts fails if an exceljs upgrade changes any of them.
import { once } from "node:events";
import { PassThrough } from "node:stream";
import type ExcelJS from "exceljs";
import { loadExcel } from "../../core/excel.ts";
import type { InputsReport, Translate } from "../../core/report/model.ts";
import { inputsWorkbook } from "../../core/report/inputs-xlsx.ts";
import {
  ROW_LOOKS,
  type ColumnSpec,
  type RowKind,
  type RowLook,
  type Sheet,
  type Workbook,
} from "../../core/report/workbook.ts";
import { columnLetter, conditionalFormatXml, rowXml } from "./sheet-xml.ts";

/** What this file uses of exceljs' streaming workbook beyond its typings. */
export type WorkbookInternals = {
  styles: { addStyleModel(style: Partial<ExcelJS.Style>, type?: number): number };
};
/** A writable stream of the zip: Node's own, or the readable-stream 2 of archiver's helpers. */
type ZipEntryStream = NodeJS.EventEmitter & {
  writableNeedDrain?: boolean;
  _writableState?: { needDrain: boolean };
};
/** What this file uses of exceljs' streaming worksheet beyond its typings. */
export type WorksheetInternals = {
  startedData: boolean;
  /** The sheet's part; `pipes` holds the zip's entry stream once the zip has reached this part. */
  stream: { write(text: string): unknown; pipes?: ZipEntryStream[] };
  _writeColumns(): void;
  _writeOpenSheetData(): void;
  _writeConditionalFormatting(): void;
};

export const worksheetInternals = (ws: ExcelJS.Worksheet): WorksheetInternals => {
  const w = ws as unknown as WorksheetInternals;
  for (const name of ["_writeColumns", "_writeOpenSheetData", "_writeConditionalFormatting"] as const)
    if (typeof w[name] !== "function")
      throw new Error(`exceljs' worksheet writer has no ${name}: check its version`);
  return w;
};

const ALIGNMENT: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: "top" };

/** A kind of row's look as an exceljs style. */
const styleOfLook = (look: RowLook): Partial<ExcelJS.Style> => ({
  ...(look.bold || look.italic || look.size || look.color
    ? {
        font: {
          ...(look.bold ? { bold: true } : {}),
          ...(look.italic ? { italic: true } : {}),
          ...(look.size ? { size: look.size } : {}),
          ...(look.color ? { color: { argb: look.color } } : {}),
        },
      }
    : {}),
  ...(look.fill ? { fill: { type: "pattern", pattern: "solid", fgColor: { argb: look.fill } } } : {}),
});

// Excel forbids these in sheet names and cuts them at 31 characters.
const sheetName = (name: string) => name.replace(/[[\]:*?/\\]/g, " ").slice(0, 31);

type Book = {
  workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  /** Style ids by kind of row and number format, each registered once. */
  styleIds: Map<string, number>;
  /** The zip failed: nothing will take the sheet's rows any more. */
  failed: boolean;
};

/** Rows go to the zip in chunks of about this many characters. */
const CHUNK = 1 << 16;

/** One worksheet written top to bottom; the first row repeats on every printed page. */
const writeSheet = async (book: Book, sheet: Sheet) => {
  const ws = book.workbook.addWorksheet(sheetName(sheet.name), {
    pageSetup: {
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: "1:1",
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: "&L&A&R&P / &N" },
    views: sheet.frozen
      ? [{ state: "frozen", xSplit: sheet.frozen.x, ySplit: sheet.frozen.y }]
      : [{ state: "normal" }],
  });
  const columns: ColumnSpec[] = sheet.columns;
  // Column styles are for cells typed in later; each written cell names its own style.
  ws.columns = columns.map((c) => ({
    width: c.width,
    style: { alignment: ALIGNMENT, ...(c.numFmt ? { numFmt: c.numFmt } : {}) },
  }));
  const w = worksheetInternals(ws);
  w._writeColumns();
  w._writeOpenSheetData();
  w.startedData = true;

  const letters: string[] = [];
  const letter = (i: number) => (letters[i] ??= columnLetter(i + 1));
  const styleOf = (kind: RowKind, format: string | undefined) => {
    const key = `${kind}|${format ?? ""}`;
    let id = book.styleIds.get(key);
    if (id === undefined) {
      const style = {
        alignment: ALIGNMENT,
        ...styleOfLook(ROW_LOOKS[kind]),
        ...(format ? { numFmt: format } : {}),
      };
      id = (book.workbook as unknown as WorkbookInternals).styles.addStyleModel(style);
      book.styleIds.set(key, id);
    }
    return id;
  };
  // The style of each column for each kind of row, looked up once.
  const byColumn = new Map<RowKind, number[]>();
  const styleId = (column: number, kind: RowKind, numFmt: string | undefined) => {
    if (numFmt !== undefined) return styleOf(kind, numFmt);
    let ids = byColumn.get(kind);
    if (!ids) byColumn.set(kind, (ids = []));
    return (ids[column] ??= styleOf(kind, columns[column]?.numFmt));
  };

  let pending = "";
  const flush = () => {
    if (pending) w.stream.write(pending);
    pending = "";
  };
  /**
   * Hands what was written so far to the zip and waits while the compressor is behind, or has not
   * reached this sheet yet (exceljs' part stream buffers whatever it is given until then): rows
   * never pile up in memory faster than they are compressed.
   */
  const breathe = async () => {
    flush();
    for (;;) {
      const pipe = w.stream.pipes?.[0];
      if (pipe) {
        if (pipe.writableNeedDrain ?? pipe._writableState?.needDrain) await once(pipe, "drain");
        return;
      }
      if (book.failed) return;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  };

  const rows = sheet.rows();
  let row = 0;
  let next = rows.next();
  for (; !next.done; next = rows.next()) {
    pending += rowXml(++row, next.value.values, next.value.kind, styleId, letter);
    if (pending.length >= CHUNK) await breathe();
  }
  const { filter, formats } = next.value;
  if (filter)
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: filter.lastRow, column: filter.columns } };
  w._writeConditionalFormatting = () => {
    if (formats.length) w.stream.write(formats.map((f, i) => conditionalFormatXml(f, i + 1)).join(""));
  };
  // Commits the sheet and waits until the zip has taken all of it, before the next one starts. The
  // sheet's part stream and its "zipped" event are how exceljs itself waits at the end.
  await new Promise<void>((resolve) => {
    flush();
    (w.stream as unknown as NodeJS.EventEmitter).once("zipped", () => resolve());
    ws.commit();
  });
};

/** The workbook's bytes; the zip is held as it is written, never the sheets' text. */
export const writeXlsx = async (book: Workbook): Promise<Buffer> => {
  const ExcelJS = await loadExcel();
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on("data", (chunk: Buffer) => chunks.push(chunk));
  const state: Book = {
    workbook: new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: sink,
      useSharedStrings: false,
      useStyles: true,
    }),
    styleIds: new Map(),
    failed: false,
  };
  const done = new Promise<void>((resolve, reject) => {
    sink.on("end", resolve);
    sink.on("error", (error) => {
      state.failed = true;
      reject(error);
    });
  });
  const { workbook } = state;
  workbook.creator = book.creator;
  workbook.created = book.created;
  workbook.modified = book.created;
  for (const sheet of book.sheets) await writeSheet(state, sheet);
  await workbook.commit();
  await done;
  return Buffer.concat(chunks);
};

/** The Inputs report's workbook, written: for tools, benchmarks and tests that want the file. */
export const renderInputsXlsx = (report: InputsReport, t: Translate): Promise<Buffer> =>
  writeXlsx(inputsWorkbook(report, t));
