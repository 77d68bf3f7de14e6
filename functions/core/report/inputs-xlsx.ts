// The report as an Excel workbook the Secretariat can work in: written with exceljs' streaming writer.
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import type { InputsReport, Translate } from "./inputs-report.ts";

const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF1F3864" } };
const HEADER_FONT: Partial<ExcelJS.Font> = { bold: true, color: { argb: "FFFFFFFF" } };

export const renderInputsXlsx = async (report: InputsReport, t: Translate): Promise<Buffer> => {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    sink.on("end", resolve);
    sink.on("error", reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: sink,
    useSharedStrings: false,
    useStyles: true,
  });
  workbook.creator = "Consulta";
  workbook.created = new Date(report.generatedAt);

  const summary = workbook.addWorksheet(t("report.sheet.summary"), pageSetup());
  summary.columns = [
    { header: t("report.group"), key: "group", width: 28 },
    { header: t("report.invited"), key: "invited", width: 14 },
    { header: t("report.answered"), key: "answered", width: 14 },
  ];
  styleHeader(summary.getRow(1));
  for (const g of report.groups) {
    summary.addRow({ group: t(`group.${g.group}`), invited: g.invited, answered: g.answered }).commit();
  }
  summary.addRow({ group: t("report.total"), invited: report.invited, answered: report.answered }).commit();
  summary.addRow({}).commit();
  summary.addRow({ group: report.title }).commit();
  summary.addRow({ group: `${t("report.updated")}: ${report.generatedAt}` }).commit();
  summary
    .addRow({
      group: `${t("report.questionnaire")}: ${report.questionnaire.id} v${report.questionnaire.version}`,
    })
    .commit();
  summary.commit();

  const fixed = [
    { header: t("report.member"), width: 30 },
    { header: t("report.code"), width: 9 },
    { header: t("report.group"), width: 14 },
    { header: t("report.subregion"), width: 16 },
    { header: t("report.submitted-at"), width: 20 },
    { header: t("report.submitted-by"), width: 24 },
    { header: t("report.version"), width: 9 },
  ];
  const all = workbook.addWorksheet(t("report.sheet.all-answers"), {
    ...pageSetup(),
    views: [{ state: "frozen", xSplit: 1, ySplit: 1 }],
  });
  all.columns = [
    ...fixed,
    ...report.columns.map((c) => ({
      header: c.header,
      width: Math.min(60, Math.max(14, c.header.length / 2)),
    })),
  ];
  all.autoFilter = {
    from: { row: 1, column: 1 },
    to: { row: 1, column: fixed.length + report.columns.length },
  };
  styleHeader(all.getRow(1));
  for (const r of report.respondents) {
    const row = all.addRow([
      r.name,
      r.code,
      t(`group.${r.group}`),
      r.subregion ? t(`subregion.${r.subregion}`) : "",
      r.submittedAt,
      r.submittedBy,
      r.version,
      ...r.cells.map((c) => c ?? ""),
    ]);
    row.alignment = { wrapText: true, vertical: "top" };
    row.commit();
  }
  all.commit();
  await workbook.commit();
  await done;
  return Buffer.concat(chunks);
};

const styleHeader = (row: ExcelJS.Row) => {
  row.font = HEADER_FONT;
  row.fill = HEADER_FILL;
  row.alignment = { wrapText: true, vertical: "middle" };
  row.commit();
};

const pageSetup = (): Partial<ExcelJS.AddWorksheetOptions> => ({
  pageSetup: {
    orientation: "landscape",
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: "1:1",
  },
});
