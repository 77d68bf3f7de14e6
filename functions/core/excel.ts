// exceljs, loaded on first use: only a few requests of the console and directory functions write or
// read a workbook, and evaluating exceljs cost their every cold start (bench/RESULTS.md).
import type ExcelJS from "exceljs";

let loading: Promise<typeof ExcelJS> | undefined;

export const loadExcel = (): Promise<typeof ExcelJS> =>
  (loading ??= import("exceljs").then((m) => m.default));
