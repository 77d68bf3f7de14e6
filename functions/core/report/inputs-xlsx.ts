// The report as an Excel workbook the Secretariat can work in: written with exceljs' streaming writer.
//
// exceljs lays out the workbook (sheets, columns, frozen panes, filters, print set-up, styles) and
// zips it as it goes. The rows are written here as SpreadsheetML, top to bottom, in chunks the zip
// takes in before more are written: a cell costs one short string instead of exceljs' row, cell and
// style objects, and styles are registered once per kind of row and number format, never per cell.
// That keeps 10,000 replies (1.5 million cells) to seconds, and memory to the report model and the
// compressed output, never a second copy of every cell.
//
// User text goes in as inline strings only, so a cell holding text is never a formula whatever it
// starts with; characters XML cannot carry are dropped, so no answer can make Excel repair the file.
import { once } from "node:events";
import { PassThrough } from "node:stream";
import type ExcelJS from "exceljs";
import { loadExcel } from "../excel.ts";
import { SUBREGIONS, type Subregion } from "../directory.ts";
import { formatDateTime } from "../format.ts";
import { RESPONDENT_GROUPS, type RespondentGroup } from "../questionnaire/definition.ts";
import type {
  AllocationSummary,
  Block,
  ChoiceSummary,
  CooperationNeed,
  CooperationOffer,
  GroupTable,
  InputsReport,
  NumberSummary,
  ScaleSummary,
  Translate,
} from "./model.ts";
import { counterparts, entriesByMember } from "./cooperation.ts";
import { fitCell } from "./safe-text.ts";
import { allAnswersHeaders, completionLine, fill, groupName, memo, subregionName } from "./strings.ts";

const AVERAGE = "0.0";
const PERCENT = "0%";
const AMOUNT = "#,##0.00";
const DATE_TIME = "yyyy-mm-dd hh:mm";

/** A figure in a number format of its own, in a column that holds other kinds of figure too. */
type Formatted = { value: number | undefined; numFmt: string };
type Value = string | number | Date | Formatted | undefined;
const avg = (value: number | undefined): Formatted => ({ value, numFmt: AVERAGE });
const pct = (value: number | undefined): Formatted => ({ value, numFmt: PERCENT });
const money = (value: number | undefined): Formatted => ({ value, numFmt: AMOUNT });

/** A column's width, and the number format of a column that holds one kind of figure throughout. */
type ColumnSpec = { width: number; numFmt?: string };

type RowKind = "body" | "header" | "title" | "segment" | "note";
const ROW_STYLES: Record<RowKind, Partial<ExcelJS.Style>> = {
  body: {},
  header: {
    font: { bold: true, color: { argb: "FFFFFFFF" } },
    fill: { type: "pattern", pattern: "solid", fgColor: { argb: "FF1F3864" } },
  },
  title: { font: { bold: true, size: 13 } },
  segment: {
    font: { bold: true },
    fill: { type: "pattern", pattern: "solid", fgColor: { argb: "FFEEF1F6" } },
  },
  note: { font: { italic: true, color: { argb: "FF555555" } } },
};
/** Rows whose blank cells still carry the row's fill, so the band runs across the table. */
const BANDED: ReadonlySet<RowKind> = new Set(["header", "segment"]);
const ALIGNMENT: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: "top" };
// A sequential blue scale: it reads in grey on paper and for colour-blind readers, unlike red-green.
const HEAT_LOW = "FFFFFFFF";
const HEAT_HIGH = "FF5B9BD5";
const BAR = "FF5B9BD5";

/** What this file uses of exceljs' streaming writer beyond its typings (checked when a sheet opens). */
type WorkbookInternals = { styles: { addStyleModel(style: Partial<ExcelJS.Style>, type?: number): number } };
/** A writable stream of the zip: Node's own, or the readable-stream 2 of archiver's helpers. */
type ZipEntryStream = NodeJS.EventEmitter & {
  writableNeedDrain?: boolean;
  _writableState?: { needDrain: boolean };
};
type WorksheetInternals = {
  startedData: boolean;
  /** The sheet's part; `pipes` holds the zip's entry stream once the zip has reached this part. */
  stream: { write(text: string): unknown; pipes?: ZipEntryStream[] };
  _writeColumns(): void;
  _writeOpenSheetData(): void;
  _writeConditionalFormatting(): void;
};

const internals = (ws: ExcelJS.Worksheet): WorksheetInternals => {
  const w = ws as unknown as WorksheetInternals;
  for (const name of ["_writeColumns", "_writeOpenSheetData", "_writeConditionalFormatting"] as const)
    if (typeof w[name] !== "function")
      throw new Error(`exceljs' worksheet writer has no ${name}: check its version`);
  return w;
};

// Excel forbids these in sheet names and cuts them at 31 characters.
const sheetName = (name: string) => name.replace(/[[\]:*?/\\]/g, " ").slice(0, 31);

const columnLetter = (n: number): string => {
  let s = "";
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
};

// What text cannot hold as is: characters XML 1.0 cannot carry at all (a pasted control character
// would make Excel repair the file), the three XML escapes, and Excel's own _xHHHH_ escapes, which
// it would otherwise decode (a literal "_x0041_" would read "A").
// eslint-disable-next-line no-control-regex -- control characters are what it is there to find
const XML_SPECIALS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF&<>]|_x[0-9A-Fa-f]{4}_/g;
// eslint-disable-next-line no-control-regex -- the same, as one class of characters: a quicker first look
const MAYBE_SPECIAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF&<>_]/;
const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };
const xmlText = (text: string): string =>
  MAYBE_SPECIAL.test(text)
    ? text.replace(XML_SPECIALS, (c) => (c.length > 1 ? `_x005F${c}` : (ESCAPES[c] ?? "")))
    : text;
/** Whether a text starts or ends with white space, which a cell keeps only when told to. */
const SPACE = /\s/;
const edgeSpace = (text: string) => SPACE.test(text.charAt(0)) || SPACE.test(text.charAt(text.length - 1));

/** Days since 1899-12-30, as Excel counts dates and times. */
const excelDate = (d: Date) => d.getTime() / 86_400_000 + 25_569;

type Book = {
  workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  /** Style ids by kind of row and number format, each registered once. */
  styleIds: Map<string, number>;
  /** The zip failed: nothing will take the sheet's rows any more. */
  failed: boolean;
};

type SheetOptions = { columns: ColumnSpec[]; frozen?: { x: number; y: number } };

/** Rows go to the zip in chunks of about this many characters. */
const CHUNK = 1 << 16;

/** One worksheet written top to bottom; the first row repeats on every printed page. */
const openSheet = (book: Book, name: string, options: SheetOptions) => {
  const ws = book.workbook.addWorksheet(sheetName(name), {
    pageSetup: {
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: "1:1",
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: "&L&A&R&P / &N" },
    views: options.frozen
      ? [{ state: "frozen", xSplit: options.frozen.x, ySplit: options.frozen.y }]
      : [{ state: "normal" }],
  });
  const columns = options.columns;
  // Column styles are for cells typed in later; each written cell names its own style.
  ws.columns = columns.map((c) => ({
    width: c.width,
    style: { alignment: ALIGNMENT, ...(c.numFmt ? { numFmt: c.numFmt } : {}) },
  }));
  const w = internals(ws);
  w._writeColumns();
  w._writeOpenSheetData();
  w.startedData = true;
  // Conditional formats as Excel 2007 defines them, and nothing else: exceljs would point every
  // data bar at an Excel 2010 extension it never writes, a dangling reference Excel may repair.
  const formats: string[] = [];
  w._writeConditionalFormatting = () => {
    if (formats.length) w.stream.write(formats.join(""));
  };

  const letters: string[] = [];
  const letter = (i: number) => (letters[i] ??= columnLetter(i + 1));
  const styleOf = (kind: RowKind, format: string | undefined) => {
    const key = `${kind}|${format ?? ""}`;
    let id = book.styleIds.get(key);
    if (id === undefined) {
      const style = { alignment: ALIGNMENT, ...ROW_STYLES[kind], ...(format ? { numFmt: format } : {}) };
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
  const cell = (v: Value, column: number, row: number, kind: RowKind): string => {
    const ref = `${letter(column)}${row}`;
    if (typeof v === "string" && v !== "") {
      const text = xmlText(fitCell(v));
      const space = edgeSpace(text) ? ' xml:space="preserve"' : "";
      return `<c r="${ref}" s="${styleId(column, kind, undefined)}" t="inlineStr"><is><t${space}>${text}</t></is></c>`;
    }
    let n: number | undefined;
    let numFmt: string | undefined;
    if (typeof v === "number") n = v;
    else if (v instanceof Date) n = excelDate(v);
    else if (v && typeof v === "object") ({ value: n, numFmt } = v);
    if (n !== undefined && Number.isFinite(n))
      return `<c r="${ref}" s="${styleId(column, kind, numFmt)}"><v>${n}</v></c>`;
    return BANDED.has(kind) ? `<c r="${ref}" s="${styleId(column, kind, numFmt)}"/>` : "";
  };

  let last = 0;
  let pending = "";
  const flush = () => {
    if (pending) w.stream.write(pending);
    pending = "";
  };
  const add = (values: Value[], kind: RowKind = "body") => {
    const row = ++last;
    let xml = "";
    for (let i = 0; i < values.length; i++) xml += cell(values[i], i, row, kind);
    if (xml) pending += `<row r="${row}">${xml}</row>`;
    return row;
  };
  return {
    add,
    rules: 0,
    header: (values: Value[]) => add(values, "header"),
    title: (text: string) => add([text], "title"),
    note: (text: string) => add([text], "note"),
    blank: () => add([]),
    get last() {
      return last;
    },
    /** Filter buttons on the header row of a sheet that holds one table. */
    filter: (columns: number) => {
      ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, last), column: columns } };
    },
    /** A conditional format over a range, as SpreadsheetML's <conditionalFormatting>. */
    format: (ref: string, rule: string) => {
      formats.push(`<conditionalFormatting sqref="${ref}">${rule}</conditionalFormatting>`);
    },
    /**
     * Hands what was written so far to the zip and waits while the compressor is behind, or has not
     * reached this sheet yet (exceljs' part stream buffers whatever it is given until then): rows
     * never pile up in memory faster than they are compressed.
     */
    breathe: async () => {
      if (pending.length < CHUNK) return;
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
    },
    /**
     * Commits the sheet and waits until the zip has taken all of it, before the next one starts.
     * The sheet's part stream and its "zipped" event are how exceljs itself waits at the end.
     */
    done: () =>
      new Promise<void>((resolve) => {
        flush();
        const part = w.stream as unknown as NodeJS.EventEmitter;
        part.once("zipped", () => resolve());
        ws.commit();
      }),
  };
};

type Sheet = ReturnType<typeof openSheet>;

/** Data bars from zero to the scale's top, so bar lengths compare across compiles. */
const dataBars = (sheet: Sheet, column: number, from: number, to: number, max: number) => {
  if (to < from) return;
  const col = columnLetter(column);
  sheet.format(
    `${col}${from}:${col}${to}`,
    `<cfRule type="dataBar" priority="${++sheet.rules}"><dataBar>` +
      `<cfvo type="num" val="0"/><cfvo type="num" val="${max}"/><color rgb="${BAR}"/></dataBar></cfRule>`,
  );
};

/** A white-to-blue colour scale from the scale's bottom to its top. */
const colourScale = (sheet: Sheet, ref: string, min: number, max: number) =>
  sheet.format(
    ref,
    `<cfRule type="colorScale" priority="${++sheet.rules}"><colorScale>` +
      `<cfvo type="num" val="${min}"/><cfvo type="num" val="${max}"/>` +
      `<color rgb="${HEAT_LOW}"/><color rgb="${HEAT_HIGH}"/></colorScale></cfRule>`,
  );

const groupsOf = (report: InputsReport): RespondentGroup[] =>
  RESPONDENT_GROUPS.filter((g) => report.groups.some((c) => c.group === g));

export const renderInputsXlsx = async (report: InputsReport, translate: Translate): Promise<Buffer> => {
  const ExcelJS = await loadExcel();
  const t = memo(translate);
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on("data", (chunk: Buffer) => chunks.push(chunk));
  const book: Book = {
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
      book.failed = true;
      reject(error);
    });
  });
  const { workbook } = book;
  workbook.creator = "Consulta";
  workbook.created = new Date(report.generatedAt);
  workbook.modified = new Date(report.generatedAt);

  await summarySheet(book, report, t);
  await prioritySheet(book, report, t);
  await heatMapSheet(book, report, t);
  await achievementsSheet(book, report, t);
  await blocksSheet(book, t("report.sheet.work-plan"), report, t, (c) => !c.rial);
  await hostingSheet(book, report, t);
  await blocksSheet(book, t("report.sheet.rial"), report, t, (c) => c.rial, rialIntro);
  await cooperationSheet(book, report, t);
  await commentsSheet(book, report, t);
  await respondentsSheet(book, report, t);
  await allAnswersSheet(book, report, t);
  await aboutSheet(book, report, t);

  await workbook.commit();
  await done;
  return Buffer.concat(chunks);
};

const rate = (answered: number, invited: number) => (invited ? answered / invited : undefined);

const summarySheet = async (book: Book, report: InputsReport, t: Translate) => {
  const s = openSheet(book, t("report.sheet.summary"), {
    columns: [{ width: 60 }, { width: 14 }, { width: 14 }, { width: 14 }, { width: 36 }],
  });
  s.title(t("report.cover-title"));
  s.add([report.title]);
  if (report.meeting) s.add([report.meeting]);
  s.add([`${t("report.updated")}: ${formatDateTime(report.generatedAt, report.lang, report.timeZone)}`]);
  s.add([
    `${t("report.questionnaire")}: ${report.questionnaire.title} (${report.questionnaire.id}, v${report.questionnaire.version})`,
  ]);
  s.blank();
  s.title(t("report.by-group"));
  s.header([t("report.group"), t("report.invited"), t("report.answered"), t("report.response-rate")]);
  for (const g of report.groups)
    s.add([groupName(t, g.group), g.invited, g.answered, pct(rate(g.answered, g.invited))]);
  s.add(
    [t("report.total"), report.invited, report.answered, pct(rate(report.answered, report.invited))],
    "segment",
  );
  if (report.subregions.length) {
    s.blank();
    s.title(t("report.by-subregion"));
    s.header([t("report.subregion"), t("report.invited"), t("report.answered"), t("report.response-rate")]);
    for (const r of report.subregions)
      s.add([subregionName(t, r.subregion), r.invited, r.answered, pct(rate(r.answered, r.invited))]);
  }
  s.blank();
  s.title(t("report.by-question"));
  s.note(t("report.by-question-note"));
  s.header([
    t("report.question"),
    t("report.answered"),
    t("report.not-answered"),
    t("report.not-asked"),
    t("report.section"),
  ]);
  for (const q of report.questions) s.add([q.label, q.answered, q.notAnswered, q.notAsked, q.section]);
  await s.done();
};

const prioritySheet = async (book: Book, report: InputsReport, t: Translate) => {
  const p = report.priorities;
  const groups = groupsOf(report);
  const topLabel = p?.ranking ? fill(t("report.in-top"), { n: p.ranking.n }) : undefined;
  const perGroup = groups.flatMap((g) => [
    { header: `${groupName(t, g)}: ${t("report.average")}`, spec: { width: 13, numFmt: AVERAGE } },
    { header: `${groupName(t, g)}: ${t("report.scores")}`, spec: { width: 11 } },
    ...(topLabel ? [{ header: `${groupName(t, g)}: ${topLabel}`, spec: { width: 12 } }] : []),
  ]);
  const s = openSheet(book, t("report.sheet.priority-topics"), {
    columns: [
      { width: 7 },
      { width: 6 },
      { width: 60 },
      { width: 10 },
      { width: 14, numFmt: AVERAGE },
      { width: 10 },
      { width: 11 },
      ...(topLabel ? [{ width: 12 }] : []),
      ...perGroup.map((c) => c.spec),
    ],
    frozen: { x: 3, y: 1 },
  });
  const headers = [
    t("report.rank"),
    t("report.number"),
    t("report.topic"),
    t("report.tag"),
    t("report.average"),
    t("report.scores"),
    t("report.not-scored"),
    ...(topLabel ? [topLabel] : []),
    ...perGroup.map((c) => c.header),
  ];
  s.header(headers);
  for (const item of p?.items ?? []) {
    s.add([
      item.rank ?? t("report.no-answers"),
      item.number,
      item.label,
      item.tag,
      item.average,
      item.count,
      item.notAnswered,
      ...(topLabel ? [item.topCount] : []),
      ...groups.flatMap((g) => [
        item.byGroup[g].average,
        item.byGroup[g].count,
        ...(topLabel ? [item.byGroup[g].topCount] : []),
      ]),
    ]);
  }
  if (p) dataBars(s, 5, 2, s.last, p.max);
  s.filter(headers.length);
  if (p) {
    s.blank();
    s.note(`${p.question.label} (${p.min}–${p.max})`);
    s.note(completionLine(t, p.completion));
    if (p.ranking) s.note(`${topLabel}: ${p.ranking.label}`);
  } else s.note(t("report.no-topics"));
  await s.done();
};

const heatMapSheet = async (book: Book, report: InputsReport, t: Translate) => {
  const p = report.priorities;
  const items = p?.items ?? [];
  const s = openSheet(book, t("report.sheet.heat-map"), {
    columns: [
      { width: 30 },
      { width: 9 },
      { width: 16 },
      { width: 16 },
      ...items.map(() => ({ width: 16, numFmt: AVERAGE })),
    ],
    frozen: { x: 2, y: 1 },
  });
  const headers = [
    t("report.member"),
    t("report.code"),
    t("report.group"),
    t("report.subregion"),
    ...items.map((i) => `${i.number}. ${i.label}`),
  ];
  s.header(headers);
  if (!p) {
    s.note(t("report.no-topics"));
    await s.done();
    return;
  }
  const first = s.last + 1;
  const averageOf = t("report.average-of");
  for (const g of groupsOf(report))
    s.add(
      [
        fill(averageOf, { segment: groupName(t, g) }),
        "",
        groupName(t, g),
        "",
        ...items.map((i) => i.byGroup[g].average),
      ],
      "segment",
    );
  for (const r of report.subregions)
    s.add(
      [
        fill(averageOf, { segment: subregionName(t, r.subregion) }),
        "",
        "",
        subregionName(t, r.subregion),
        ...items.map((i) => i.bySubregion[r.subregion].average),
      ],
      "segment",
    );
  // Members by subregion, in the directory's order of subregions; the sort is stable, so each
  // subregion keeps the respondents' group-then-name order.
  const place = (r: { subregion: Subregion | undefined }) =>
    r.subregion ? SUBREGIONS.indexOf(r.subregion) : SUBREGIONS.length;
  const rows = [...report.respondents].sort((a, b) => place(a) - place(b));
  for (const r of rows) {
    s.add([r.name, r.code, groupName(t, r.group), subregionName(t, r.subregion), ...r.topicScores]);
    await s.breathe();
  }
  if (items.length && s.last >= first) {
    colourScale(s, `E${first}:${columnLetter(4 + items.length)}${s.last}`, p.min, p.max);
  }
  s.filter(headers.length);
  await s.done();
};

/** Subregion for each attributed answer, from the respondents' list. */
const subregionIndex = (report: InputsReport, t: Translate) =>
  new Map(report.respondents.map((r) => [r.code, subregionName(t, r.subregion)]));

const achievementsSheet = async (book: Book, report: InputsReport, t: Translate) => {
  const a = report.achievements;
  const s = openSheet(book, t("report.sheet.achievements"), {
    columns: [{ width: 28 }, { width: 9 }, { width: 16 }, { width: 16 }, { width: 100 }],
    frozen: { x: 1, y: 1 },
  });
  s.header([
    t("report.member"),
    t("report.code"),
    t("report.group"),
    t("report.subregion"),
    a?.question.label ?? t("report.answer"),
  ]);
  const subregions = subregionIndex(report, t);
  for (const x of a?.answers ?? []) {
    s.add([x.member, x.code, groupName(t, x.group), subregions.get(x.code), x.text]);
    await s.breathe();
  }
  s.filter(5);
  if (a) {
    s.blank();
    s.note(completionLine(t, a.completion));
  }
  await s.done();
};

const choiceBlock = (s: Sheet, c: ChoiceSummary, groups: RespondentGroup[], t: Translate) => {
  s.title(c.question.label);
  const ranks = Array.from({ length: c.ranks }, (_, i) => fill(t("report.ranked"), { n: i + 1 }));
  s.header([
    t("report.option"),
    t("report.mentions"),
    t("report.share-of-answers"),
    ...groups.map((g) => groupName(t, g)),
    ...ranks,
  ]);
  for (const o of c.options)
    s.add([o.label, o.count, pct(o.share), ...groups.map((g) => o.byGroup[g]), ...o.byRank]);
  s.note(completionLine(t, c.completion));
};

const scaleBlock = (s: Sheet, c: ScaleSummary, groups: RespondentGroup[], t: Translate) => {
  s.title(`${c.question.label} (${c.min}–${c.max})`);
  s.header([
    t("report.item"),
    t("report.average"),
    t("report.scores"),
    t("report.not-scored"),
    ...groups.map((g) => `${groupName(t, g)}: ${t("report.average")}`),
  ]);
  const first = s.last + 1;
  for (const i of c.items)
    s.add([i.label, avg(i.average), i.count, i.notAnswered, ...groups.map((g) => avg(i.byGroup[g].average))]);
  dataBars(s, 2, first, s.last, c.max);
  s.note(completionLine(t, c.completion));
};

const allocationBlock = (s: Sheet, c: AllocationSummary, groups: RespondentGroup[], t: Translate) => {
  s.title(c.question.label);
  s.header([
    t("report.item"),
    fill(t("report.average-share"), { total: c.total }),
    ...groups.map((g) => `${groupName(t, g)}: ${t("report.mean")}`),
  ]);
  const first = s.last + 1;
  for (const i of c.items) s.add([i.label, avg(i.average), ...groups.map((g) => avg(i.byGroup[g].average))]);
  dataBars(s, 2, first, s.last, c.total);
  s.note(completionLine(t, c.completion));
};

const numberBlock = (s: Sheet, c: NumberSummary, t: Translate) => {
  s.title(c.question.label);
  s.header([t("report.average"), t("report.minimum"), t("report.maximum"), t("report.answered")]);
  s.add([avg(c.average), c.min, c.max, c.completion.answered]);
  s.note(completionLine(t, c.completion));
};

const tableBlock = async (s: Sheet, g: GroupTable, t: Translate, completion = true) => {
  s.title(g.question.label);
  s.header([t("report.member"), t("report.code"), t("report.group"), "#", ...g.fields.map((f) => f.label)]);
  for (const r of g.rows) {
    s.add([r.member, r.code, groupName(t, r.group), r.item, ...r.cells]);
    await s.breathe();
  }
  if (!g.rows.length) s.note(t("report.none"));
  if (completion) s.note(completionLine(t, g.completion));
};

const rialIntro = (s: Sheet, report: InputsReport, t: Translate) => {
  if (report.fundSplit) {
    allocationBlock(s, report.fundSplit, groupsOf(report), t);
    s.blank();
  }
};

/** A sheet of the findings of some chapters: distributions, scores and tables, in questionnaire order. */
const blocksSheet = async (
  book: Book,
  name: string,
  report: InputsReport,
  t: Translate,
  chapters: (c: InputsReport["chapters"][number]) => boolean,
  intro?: (s: Sheet, report: InputsReport, t: Translate) => void,
) => {
  const s = openSheet(book, name, {
    columns: [
      { width: 50 },
      { width: 14 },
      { width: 16 },
      { width: 16 },
      { width: 36 },
      { width: 36 },
      { width: 36 },
      { width: 36 },
    ],
  });
  const groups = groupsOf(report);
  intro?.(s, report, t);
  const find = <T extends { question: { id: string } }>(list: T[], b: Block) =>
    list.find((x) => x.question.id === b.questionId);
  for (const chapter of report.chapters.filter(chapters)) {
    for (const b of chapter.blocks) {
      const before = s.last;
      if (b.kind === "choice") {
        const c = find(report.choices, b);
        if (c) choiceBlock(s, c, groups, t);
      } else if (b.kind === "scale") {
        const c = find(report.scales, b);
        if (c) scaleBlock(s, c, groups, t);
      } else if (b.kind === "allocation" && b.questionId !== report.fundSplit?.question.id) {
        const c = find(report.allocations, b);
        if (c) allocationBlock(s, c, groups, t);
      } else if (b.kind === "number") {
        const c = find(report.numbers, b);
        if (c) numberBlock(s, c, t);
      } else if (b.kind === "table") {
        const c = find(report.tables, b);
        if (c) await tableBlock(s, c, t);
      }
      if (s.last > before) s.blank();
    }
  }
  if (s.last === 0) s.note(t("report.none"));
  await s.done();
};

const hostingSheet = async (book: Book, report: InputsReport, t: Translate) => {
  const s = openSheet(book, t("report.sheet.hosting"), {
    columns: [
      { width: 28 },
      { width: 9 },
      { width: 16 },
      { width: 30 },
      { width: 16 },
      { width: 12 },
      { width: 10 },
    ],
  });
  if (report.hosting) {
    await tableBlock(s, report.hosting, t);
    s.blank();
  }
  const c = report.contributions;
  s.title(t("report.pledges"));
  s.header([
    t("report.member"),
    t("report.code"),
    t("report.group"),
    t("report.question"),
    t("report.amount"),
    t("report.currency"),
    t("report.year"),
  ]);
  for (const p of c.pledges) {
    s.add([p.member, p.code, groupName(t, p.group), p.label, money(p.amount), p.currency, p.year]);
    await s.breathe();
  }
  if (!c.pledges.length) s.note(t("report.none"));
  for (const total of c.totals)
    s.add(
      [
        fill(t("report.total-in"), { currency: total.currency }),
        "",
        "",
        fill(t("report.pledge-count"), { count: total.count }),
        money(total.amount),
        total.currency,
      ],
      "segment",
    );
  s.blank();
  if (c.inKindQuestion) {
    s.title(c.inKindQuestion.label);
    s.header([
      t("report.member"),
      t("report.code"),
      t("report.group"),
      t("report.contributions"),
      t("report.details"),
    ]);
    for (const k of c.inKind) {
      s.add([k.member, k.code, groupName(t, k.group), k.kinds.join("; "), k.details]);
      await s.breathe();
    }
    if (!c.inKind.length) s.note(t("report.none"));
  }
  await s.done();
};

const cooperationSheet = async (book: Book, report: InputsReport, t: Translate) => {
  const c = report.cooperation;
  const s = openSheet(book, t("report.sheet.cooperation"), {
    columns: [
      { width: 40 },
      { width: 26 },
      { width: 9 },
      { width: 40 },
      { width: 24 },
      { width: 14 },
      { width: 60 },
    ],
    frozen: { x: 0, y: 1 },
  });
  s.header([
    t("report.topic"),
    t("report.member-in-need"),
    t("report.code"),
    t("report.need"),
    t("report.preferred-provider"),
    t("report.preferred-offers"),
    t("report.possible-providers"),
  ]);
  if (!c) {
    s.note(t("report.none"));
    await s.done();
    return;
  }
  const yesNo = (b: boolean | undefined) => (b === undefined ? undefined : t(b ? "common.yes" : "common.no"));
  const list = <T extends { code: string }>(
    entries: T[],
    perMember: Map<string, number>,
    self: string,
    line: (entry: T) => string,
    none: string,
  ) => {
    const { shown, more } = counterparts(entries, perMember, self);
    if (!shown.length) return t(none);
    return [...shown.map(line), ...(more ? [fill(t("report.and-more"), { count: more })] : [])].join("\n");
  };
  const offerLine = (o: CooperationOffer) =>
    `${o.member} (${o.code})${o.programme ? `: ${o.programme}` : ""}${o.inPortfolio ? ` [${t("report.in-portfolio")}]` : ""}`;
  const needLine = (n: CooperationNeed) =>
    `${n.member} (${n.code})${n.description ? `: ${n.description}` : ""}`;
  for (const topic of c.topics) {
    const offering = entriesByMember(topic.offers);
    for (const need of topic.needs) {
      s.add([
        topic.label,
        need.member,
        need.code,
        need.description,
        need.preferredProvider,
        yesNo(need.preferredOffers),
        list(topic.offers, offering, need.code, offerLine, "report.no-offer"),
      ]);
      await s.breathe();
    }
  }
  s.filter(7);
  s.blank();
  s.title(t("report.offers"));
  s.header([
    t("report.topic"),
    t("report.member-offering"),
    t("report.code"),
    t("report.programme"),
    t("report.in-portfolio"),
    undefined,
    t("report.could-serve"),
  ]);
  for (const topic of c.topics) {
    const needing = entriesByMember(topic.needs);
    for (const offer of topic.offers) {
      s.add([
        topic.label,
        offer.member,
        offer.code,
        offer.programme,
        yesNo(offer.inPortfolio),
        undefined,
        list(topic.needs, needing, offer.code, needLine, "report.no-need"),
      ]);
      await s.breathe();
    }
  }
  s.blank();
  s.note(
    fill(t("report.cooperation-summary"), { needs: c.needs, offers: c.offers, matched: c.matchedNeeds }),
  );
  await s.done();
};

const commentsSheet = async (book: Book, report: InputsReport, t: Translate) => {
  const s = openSheet(book, t("report.sheet.comments"), {
    columns: [{ width: 24 }, { width: 40 }, { width: 26 }, { width: 9 }, { width: 16 }, { width: 90 }],
    frozen: { x: 0, y: 1 },
  });
  s.header([
    t("report.section"),
    t("report.question"),
    t("report.member"),
    t("report.code"),
    t("report.group"),
    t("report.answer"),
  ]);
  for (const text of report.texts) {
    if (text.question.id === report.achievements?.question.id) continue;
    for (const a of text.answers) {
      s.add([text.question.section, text.question.label, a.member, a.code, groupName(t, a.group), a.text]);
      await s.breathe();
    }
  }
  s.filter(6);
  await s.done();
};

/** Where the respondent section's answers are among the columns of every answer. */
const contactIndexes = (report: InputsReport) =>
  report.contactColumns.map((c) => report.columns.findIndex((col) => col.questionId === c.questionId));

const respondentsSheet = async (book: Book, report: InputsReport, t: Translate) => {
  const s = openSheet(book, t("report.sheet.respondents"), {
    columns: [
      { width: 28 },
      { width: 9 },
      { width: 16 },
      { width: 16 },
      { width: 14 },
      { width: 18, numFmt: DATE_TIME },
      { width: 24 },
      { width: 9 },
      ...report.contactColumns.map(() => ({ width: 26 })),
    ],
    frozen: { x: 1, y: 1 },
  });
  const headers = [
    t("report.member"),
    t("report.code"),
    t("report.group"),
    t("report.subregion"),
    t("report.status"),
    t("report.submitted-at-utc"),
    t("report.submitted-by"),
    t("report.version"),
    ...report.contactColumns.map((c) => c.header),
  ];
  s.header(headers);
  const contacts = contactIndexes(report);
  for (const r of report.respondents) {
    s.add([
      r.name,
      r.code,
      groupName(t, r.group),
      subregionName(t, r.subregion),
      t("report.status-answered"),
      new Date(r.submittedAt),
      r.submittedBy,
      r.version,
      ...r.cells(contacts),
    ]);
    await s.breathe();
  }
  for (const m of report.nonRespondents) {
    s.add([
      m.name,
      m.code,
      groupName(t, m.group),
      subregionName(t, m.subregion),
      t("report.status-not-answered"),
    ]);
    await s.breathe();
  }
  s.filter(headers.length);
  await s.done();
};

const allAnswersSheet = async (book: Book, report: InputsReport, t: Translate) => {
  const fixed: ColumnSpec[] = [
    { width: 28 },
    { width: 9 },
    { width: 16 },
    { width: 16 },
    { width: 18, numFmt: DATE_TIME },
    { width: 24 },
    { width: 9 },
  ];
  const s = openSheet(book, t("report.sheet.all-answers"), {
    columns: [
      ...fixed,
      ...report.columns.map((c) => ({
        width:
          c.itemId !== undefined || c.part === "amount"
            ? 12
            : Math.min(60, Math.max(16, c.header.length / 2)),
      })),
    ],
    frozen: { x: 2, y: 1 },
  });
  const headers = allAnswersHeaders(t, report);
  s.header(headers);
  for (const r of report.respondents) {
    s.add([
      r.name,
      r.code,
      groupName(t, r.group),
      subregionName(t, r.subregion),
      new Date(r.submittedAt),
      r.submittedBy,
      r.version,
      ...r.cells(),
    ]);
    await s.breathe();
  }
  s.filter(headers.length);
  await s.done();
};

const aboutSheet = async (book: Book, report: InputsReport, t: Translate) => {
  const s = openSheet(book, t("report.sheet.about"), { columns: [{ width: 28 }, { width: 90 }] });
  const rows: [string, Value][] = [
    [t("report.document"), t("report.cover-title")],
    [t("report.campaign"), report.title],
    [t("report.campaign-id"), report.campaignId],
    ...(report.meeting ? ([[t("report.meeting"), report.meeting]] as [string, Value][]) : []),
    [t("report.questionnaire"), report.questionnaire.title],
    [t("report.questionnaire-id"), report.questionnaire.id],
    [t("report.version"), report.questionnaire.version],
    [t("report.generated-at"), formatDateTime(report.generatedAt, report.lang, report.timeZone)],
    [t("report.generated-at-utc"), report.generatedAt],
    [t("report.invited"), report.invited],
    [t("report.answered"), report.answered],
  ];
  s.header([t("report.sheet.about"), ""]);
  for (const [k, v] of rows) s.add([k, v]);
  s.blank();
  for (const key of ["report.note-latest", "report.note-blank", "report.note-top", "report.note-text"])
    s.add(["", t(key)]);
  await s.done();
};
