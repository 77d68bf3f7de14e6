// The Inputs report at scale: time and peak memory of a compile for 40, 1,000, 10,000 or 100,000
// generated respondents, each phase apart, against the floor of a bare exceljs streaming write of as
// many cells.
//
//   npx node bench/report-scale.ts [--quick] [--sizes 40,1000,10000,100000] [--runs 3] [--no-phases]
//
// By default 10,000 and 100,000 respondents (about 6 minutes and 2 GB at 100,000); --quick, 10,000.
//
// Each compile runs in a fresh Node process of its own, so its peak RSS (maxRSS) is that compile's
// alone, and includes everything the process holds: Node, the modules, the report. The answers are
// generated once per size (the demo's generator, validated as a submission) into an NDJSON file; the
// compile's repository reads the submissions from it page by page (125 to a page, about DynamoDB's
// 1 MB) as the compile asks for them, as it would read storage. The phases read every submission
// first (they call the one-shot buildInputsReport): never past 10,000; --no-phases skips them. The
// blob store is in memory (each file is written to bench/out/report-scale/ to look at); the views
// are the real handlebars templates. With --runs, each figure is the fastest of that many runs (this machine is
// shared, so the fastest is the one least disturbed) and the largest peak. Figures are printed,
// never written to bench/RESULTS.md (bench/report.ts records them, against dynalite).
import {
  closeSync,
  createReadStream,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { createHandlebarsViews } from "../functions/adapters/handlebars-views.ts";
import { renderInputsXlsx, writeXlsx } from "../functions/adapters/xlsx/stream-writer.ts";
import type { Campaign } from "../functions/core/campaign.ts";
import { compileInputsReport } from "../functions/core/compile-inputs-report.ts";
import type { Member } from "../functions/core/directory.ts";
import type { Ports, ReportRecord, Repository } from "../functions/core/ports.ts";
import type { Questionnaire } from "../functions/core/questionnaire/definition.ts";
import { renderInputsCsv } from "../functions/core/report/inputs-csv.ts";
import { renderInputsHtml } from "../functions/core/report/inputs-html.ts";
import { buildInputsReport } from "../functions/core/report/inputs-report.ts";
import type { ResponseVersion } from "../functions/core/responses.ts";
import { printResult, runChild } from "./child.ts";
import { machineLine, mb, quick, table } from "./results.ts";
import { writeTargets, type TargetRow } from "./issue19.ts";
import { workbookShape, writeFloor, type SheetShape } from "./xlsx-floor.ts";

const SCRIPT = fileURLToPath(import.meta.url);
const OUT = fileURLToPath(new URL("out/report-scale/", import.meta.url));
const TEMPLATES = fileURLToPath(new URL("../templates/", import.meta.url));
const GENERATED_AT = new Date("2026-03-01T15:30:00Z");
/** Submissions per page: a generated answer is about 8 KB as DynamoDB stores it, so 1 MB holds ~125. */
const PAGE = 125;

type Data = {
  campaign: Campaign;
  questionnaire: Questionnaire;
  members: Member[];
  submissions: ResponseVersion[];
};
type CompileResult = {
  seconds: number;
  cpuSeconds: number;
  rssBefore: number;
  peakRss: number;
  bytes: { xlsx: number; html: number; csv: number };
  xlsxFile: string;
};
type PhasesResult = { phases: { name: string; seconds: number; peakRss: number }[] };
type FloorResult = Awaited<ReturnType<typeof writeFloor>> & {
  cpuSeconds: number;
  rssBefore: number;
  peakRss: number;
};

const s = (seconds: number) => `${seconds.toFixed(2)} s`;
const peakRss = () => process.resourceUsage().maxRSS * 1024;
const cpuSeconds = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

/**
 * Every member submits a generated answer that passes the same validation as a real submission.
 * Only the parent generates: the modules it takes are imported here, so the measured children
 * load no more than a compile does.
 */
const generate = async (count: number): Promise<Data> => {
  const { contentQuestionnaire, generatedAnswers, syntheticMembers } = await import("./fixtures.ts");
  const { seededRng } = await import("../functions/local/demo-answers.ts");
  const questionnaire = contentQuestionnaire().definition;
  const rng = seededRng(count);
  const directory = syntheticMembers(count);
  const submittedAt = GENERATED_AT.toISOString();
  const submissions = directory.map((m): ResponseVersion => ({
    campaignId: "bench",
    memberCode: m.code,
    version: 1,
    answers: generatedAnswers(questionnaire, rng, m),
    submittedAt,
    submittedBy: { contactId: m.contacts[0]!.id, name: m.contacts[0]!.name },
    questionnaireVersion: questionnaire.version,
    receiptCode: "BENCH",
  }));
  const campaign: Campaign = {
    id: "bench",
    questionnaireId: questionnaire.id,
    questionnaireVersion: questionnaire.version,
    title: { es: "Consulta de planeación", en: "Planning consultation", fr: "Consultation", pt: "Consulta" },
    opensAt: "2026-01-01T00:00:00.000Z",
    closesAt: "2026-12-31T00:00:00.000Z",
    timeZone: "America/New_York",
    invited: directory.map((m) => m.code),
    secretariat: { name: "Secretariat", email: "secretariat@example.org" },
    status: "open",
    createdAt: "2026-01-01T00:00:00.000Z",
  };
  return { campaign, questionnaire, members: directory, submissions };
};

const dataFile = (count: number) => `${OUT}data-${count}.ndjson`;

/** One line for the campaign and questionnaire, then one per member, then one per submission. */
const writeData = async (count: number) => {
  const data = await generate(count);
  // Line by line: at 100,000 respondents the whole file would be longer than a string can be.
  const fd = openSync(dataFile(count), "w");
  writeSync(fd, `${JSON.stringify({ campaign: data.campaign, questionnaire: data.questionnaire })}\n`);
  for (const m of data.members) writeSync(fd, `${JSON.stringify({ member: m })}\n`);
  for (const x of data.submissions) writeSync(fd, `${JSON.stringify({ submission: x })}\n`);
  closeSync(fd);
};

/** The submissions of the data file, a page at a time, parsed only as they are asked for. */
async function* submissionPages(count: number) {
  let page: ResponseVersion[] = [];
  for await (const line of createInterface({ input: createReadStream(dataFile(count)) })) {
    if (!line.startsWith('{"submission"')) continue;
    page.push((JSON.parse(line) as { submission: ResponseVersion }).submission);
    if (page.length === PAGE) {
      yield page;
      page = [];
    }
  }
  if (page.length) yield page;
}

/** Everything but the submissions, which the compile reads page by page as it would from storage. */
const readSetup = async (count: number): Promise<Omit<Data, "submissions">> => {
  const data: Partial<Data> & Pick<Data, "members"> = { members: [] };
  for await (const line of createInterface({ input: createReadStream(dataFile(count)) })) {
    if (!line || line.startsWith('{"submission"')) continue;
    const entry = JSON.parse(line) as Partial<Data> & { member?: Member };
    if (entry.member) data.members.push(entry.member);
    else Object.assign(data, entry);
  }
  return data as Omit<Data, "submissions">;
};

const readData = async (count: number): Promise<Data> => {
  const data: Partial<Data> & Pick<Data, "members" | "submissions"> = { members: [], submissions: [] };
  for await (const line of createInterface({ input: createReadStream(dataFile(count)) })) {
    if (!line) continue;
    const entry = JSON.parse(line) as Partial<Data> & { member?: Member; submission?: ResponseVersion };
    if (entry.member) data.members.push(entry.member);
    else if (entry.submission) data.submissions.push(entry.submission);
    else Object.assign(data, entry);
  }
  return data as Data;
};

// ---------------------------------------------------------------- children

/** The real compile (compileInputsReport: Excel, HTML and CSV) against an in-memory store. */
const compile = async (count: number): Promise<CompileResult> => {
  const data = await readSetup(count);
  const views = createHandlebarsViews(TEMPLATES);
  const bytes = { xlsx: 0, html: 0, csv: 0 };
  const xlsxFile = `${OUT}report-${count}.xlsx`;
  const repository = {
    getCampaign: async () => data.campaign,
    getQuestionnaire: async () => data.questionnaire,
    listMembers: async () => data.members,
    // As DynamoDB would: pages of about 1 MB, here a fixed number of submissions each, read from the
    // file as they are asked for.
    latestSubmissionPages: () => submissionPages(count),
    putReport: async (_: ReportRecord) => undefined,
    // The annex's reads: a first issue, every submission its first.
    listKeptVersions: async () => [],
    listReports: async () => [],
  } as unknown as Repository;
  const blobs: Ports["blobs"] = {
    put: async (key, body) => {
      const kind = key.slice(key.lastIndexOf(".") + 1) as keyof typeof bytes;
      bytes[kind] = body.length;
      writeFileSync(kind === "xlsx" ? xlsxFile : `${OUT}report-${count}.${kind}`, body);
    },
    get: async () => undefined,
    downloadUrl: async () => undefined,
  };
  const rssBefore = process.memoryUsage().rss;
  const cpu = cpuSeconds();
  const started = performance.now();
  await compileInputsReport(
    { repository, blobs, views, workbooks: writeXlsx, clock: { now: () => GENERATED_AT } },
    "bench",
    "es",
  );
  return {
    seconds: (performance.now() - started) / 1000,
    cpuSeconds: cpuSeconds() - cpu,
    rssBefore,
    peakRss: peakRss(),
    bytes,
    xlsxFile,
  };
};

/** The same work one piece at a time, to see where the time goes (peak RSS so far after each). */
const phases = async (count: number): Promise<PhasesResult> => {
  const data = await readData(count);
  const views = createHandlebarsViews(TEMPLATES);
  const t = (key: string) => views.translate("es", key);
  const out: PhasesResult["phases"] = [];
  const timed = async <T>(name: string, f: () => T | Promise<T>) => {
    const started = performance.now();
    const value = await f();
    out.push({ name, seconds: (performance.now() - started) / 1000, peakRss: peakRss() });
    return value;
  };
  const report = await timed("aggregate", () =>
    buildInputsReport({ ...data, lang: "es", generatedAt: GENERATED_AT, t }),
  );
  // In the compile's order.
  await timed("csv", () => renderInputsCsv(report, t));
  await timed("xlsx", () => renderInputsXlsx(report, t));
  await timed("html", () => renderInputsHtml(report, t, views.render));
  return { phases: out };
};

/** The floor (bench/xlsx-floor.ts: as many cells per sheet as the report's), with its CPU and starting RSS. */
const floor = async (shapes: SheetShape[]): Promise<FloorResult> => {
  const rssBefore = process.memoryUsage().rss;
  const cpu = cpuSeconds();
  const written = await writeFloor(shapes);
  return { ...written, cpuSeconds: cpuSeconds() - cpu, rssBefore, peakRss: written.peakRssBytes };
};

// ---------------------------------------------------------------- parent

const child = <T>(...args: string[]) => runChild<T>(SCRIPT, args);

/** The fastest of `runs` runs (the least disturbed on a shared machine), with the largest peak RSS. */
const best = async <T extends { seconds: number; peakRss: number }>(runs: number, run: () => Promise<T>) => {
  let fastest: T | undefined;
  let peak = 0;
  for (let i = 0; i < runs; i++) {
    const r = await run();
    if (!fastest || r.seconds < fastest.seconds) fastest = r;
    peak = Math.max(peak, r.peakRss);
  }
  return { ...fastest!, peakRss: peak };
};

const option = (name: string) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
};

const main = async () => {
  const sizes = (option("--sizes") ?? (quick ? "10000" : "10000,100000")).split(",").map(Number);
  const runs = Number(option("--runs") ?? 1);
  // The phases hold every submission at once, as the compile no longer does: never past 10,000.
  const skipPhases = process.argv.includes("--no-phases");
  mkdirSync(OUT, { recursive: true });
  console.log(`${machineLine()} · ${new Date().toISOString()} · fastest of ${runs}`);
  const rows: string[][] = [];
  const targetRows: TargetRow[] = [];
  for (const count of sizes) {
    if (!existsSync(dataFile(count))) await writeData(count);
    const c = await best(runs, () => child<CompileResult>("compile", String(count)));
    const p =
      skipPhases || count > 10_000 ? { phases: [] } : await child<PhasesResult>("phases", String(count));
    const shapes = await workbookShape(c.xlsxFile);
    writeFileSync(`${OUT}shapes-${count}.json`, JSON.stringify(shapes));
    const f = await best(runs, () => child<FloorResult>("floor", `${OUT}shapes-${count}.json`));
    const cells = shapes.reduce((n, x) => n + x.strings + x.numbers, 0);
    rows.push([
      count.toLocaleString("en"),
      cells.toLocaleString("en"),
      `${s(c.seconds)} (CPU ${s(c.cpuSeconds)})`,
      mb(c.peakRss),
      mb(c.rssBefore),
      p.phases.map((x) => `${x.name} ${x.seconds.toFixed(2)} s, ${mb(x.peakRss)}`).join("; "),
      `${mb(c.bytes.xlsx)} / ${mb(c.bytes.html)} / ${mb(c.bytes.csv)}`,
      `${s(f.seconds)} (CPU ${s(f.cpuSeconds)})`,
      mb(f.peakRss),
      `${(c.seconds / f.seconds).toFixed(1)}×`,
      `${(c.peakRss / f.peakRss).toFixed(1)}×`,
    ]);
    console.error(`${count}: ${s(c.seconds)}, peak ${mb(c.peakRss)}`);
    if (count === 10_000 || count === 100_000) {
      const size = count === 10_000 ? "10k" : "100k";
      const time = c.seconds / f.seconds;
      const memory = c.peakRss / f.peakRss;
      const store = "in-memory paged store";
      targetRows.push(
        {
          id: `report-${size}-time`,
          measured: `${s(c.seconds)} (${store})`,
          floor: `2× ${s(f.seconds)}`,
          ratio: time,
          met: time <= 2,
        },
        {
          id: `report-${size}-memory`,
          measured: `${mb(c.peakRss)} (${store})`,
          floor: `1.3× ${mb(f.peakRss)}`,
          ratio: memory,
          met: memory <= 1.3,
        },
      );
    }
  }
  const headers = [
    "respondents",
    "xlsx cells",
    "compile",
    "peak RSS",
    "RSS before",
    "phases: time, peak RSS so far",
    "xlsx / html / csv",
    "exceljs floor",
    "floor peak RSS",
    "time ÷ floor",
    "RSS ÷ floor",
  ];
  console.log(table(headers, rows));
  writeTargets("report-scale", targetRows);
};

if (import.meta.main) {
  const [mode, arg = ""] = process.argv.slice(2);
  if (mode === "compile") printResult(await compile(Number(arg)));
  else if (mode === "phases") printResult(await phases(Number(arg)));
  else if (mode === "floor") printResult(await floor(JSON.parse(readFileSync(arg, "utf8")) as SheetShape[]));
  else await main();
}
