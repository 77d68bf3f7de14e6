// The report's floor: a bare exceljs streaming write of as many cells as the compiled workbook, in a process of its own.
import { readFileSync } from "node:fs";
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { printResult } from "./child.ts";

/** One worksheet's shape: rows, and its string cells (with their total length) and number cells. */
export type SheetShape = {
  name: string;
  rows: number;
  strings: number;
  stringChars: number;
  numbers: number;
};
export type FloorResult = { seconds: number; peakRssBytes: number; bytes: number };

/** Counts the cells of an .xlsx file, sheet by sheet, with exceljs' streaming reader. */
export const workbookShape = async (file: string): Promise<SheetShape[]> => {
  const shapes: SheetShape[] = [];
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    sharedStrings: "cache",
    styles: "ignore",
    hyperlinks: "ignore",
    worksheets: "emit",
  });
  for await (const sheet of reader) {
    const shape: SheetShape = {
      name: `sheet ${shapes.length + 1}`,
      rows: 0,
      strings: 0,
      stringChars: 0,
      numbers: 0,
    };
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      shape.rows++;
      row.eachCell((cell) => {
        const text = cell.text ?? "";
        if (typeof cell.value === "number") shape.numbers++;
        else {
          shape.strings++;
          shape.stringChars += text.length;
        }
      });
    }
    shapes.push(shape);
  }
  return shapes;
};

/** Writes the same shapes as the report does (streaming writer, styles on, no shared strings), into memory. */
export const writeFloor = async (shapes: SheetShape[]): Promise<FloorResult> => {
  const started = performance.now();
  const sink = new PassThrough();
  let bytes = 0;
  sink.on("data", (chunk: Buffer) => (bytes += chunk.length));
  const done = new Promise<void>((resolve, reject) => {
    sink.on("end", resolve);
    sink.on("error", reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: sink,
    useSharedStrings: false,
    useStyles: true,
  });
  for (const shape of shapes) {
    const ws = workbook.addWorksheet(shape.name);
    const text = "x".repeat(Math.max(1, Math.round(shape.stringChars / Math.max(shape.strings, 1))));
    const cells = shape.strings + shape.numbers;
    for (let r = 0, written = 0; r < shape.rows; r++) {
      // Spread the cells evenly over the rows, strings first as in the report's text columns.
      const upTo = Math.round(((r + 1) * cells) / shape.rows);
      const row: (string | number)[] = [];
      for (; written < upTo; written++) row.push(written < shape.strings ? text : written);
      ws.addRow(row).commit();
    }
    ws.commit();
  }
  await workbook.commit();
  await done;
  return {
    seconds: (performance.now() - started) / 1000,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    bytes,
  };
};

if (import.meta.main) {
  const shapes = JSON.parse(readFileSync(process.argv[2]!, "utf8")) as SheetShape[];
  printResult(await writeFloor(shapes));
  process.exit(0);
}
