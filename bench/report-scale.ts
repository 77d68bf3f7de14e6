// The Inputs report at scale: time and peak memory of a compile for 40, 1,000 and 10,000 generated
// respondents, each phase apart, against the floor of a bare exceljs streaming write of as many cells.
//
//   npx node bench/report-scale.ts [--sizes 40,1000,10000] [--runs 3]
//
// Each compile runs in a fresh Node process of its own, so its peak RSS (maxRSS) is that compile's
// alone, and includes everything the process holds: Node, the modules, the answers. The answers are
// generated once per size (the demo's generator, validated as a submission) and read by the child
// line by line from an NDJSON file before it is measured, so reading them adds no peak of its own:
// the child then holds what the repository would have returned. The repository and blob store are
// in memory (each file is written to bench/out/report-scale/ to look at); the views are the real
// handlebars templates. With --runs, each figure is the fastest of that many runs (this machine is
// shared, so the fastest is the one least disturbed) and the largest peak. Figures are printed,
// never written to bench/RESULTS.md.
import { spawn } from "node:child_process";
import { createReadStream, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { createInterface } from "node:readline";
import { PassThrough } from "node:stream";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import { createHandlebarsViews } from "../functions/adapters/handlebars-views.ts";
import type { Campaign } from "../functions/core/campaign.ts";
import { compileInputsReport } from "../functions/core/compile-inputs-report.ts";
import { Member, SUBREGIONS } from "../functions/core/directory.ts";
import { LANGUAGES } from "../functions/core/languages.ts";
import type { Ports, ReportRecord, Repository } from "../functions/core/ports.ts";
import type { Questionnaire } from "../functions/core/questionnaire/definition.ts";
import { renderInputsCsv } from "../functions/core/report/inputs-csv.ts";
import { renderInputsHtml } from "../functions/core/report/inputs-html.ts";
import { buildInputsReport } from "../functions/core/report/inputs-report.ts";
import { renderInputsXlsx } from "../functions/core/report/inputs-xlsx.ts";
import type { ResponseVersion } from "../functions/core/responses.ts";

const SCRIPT = fileURLToPath(import.meta.url);
const OUT = fileURLToPath(new URL("out/report-scale/", import.meta.url));
const TEMPLATES = fileURLToPath(new URL("../templates/", import.meta.url));
const RESULT = "REPORT-SCALE ";
const GENERATED_AT = new Date("2026-03-01T15:30:00Z");

type Data = {
  campaign: Campaign;
  questionnaire: Questionnaire;
  members: Member[];
  submissions: ResponseVersion[];
};
type SheetShape = { rows: number; strings: number; stringChars: number; numbers: number };
type CompileResult = {
  seconds: number;
  cpuSeconds: number;
  rssBefore: number;
  peakRss: number;
  bytes: { xlsx: number; html: number; csv: number };
  xlsxFile: string;
};
type PhasesResult = { phases: { name: string; seconds: number; peakRss: number }[] };
type FloorResult = { seconds: number; cpuSeconds: number; rssBefore: number; peakRss: number; bytes: number };

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const s = (seconds: number) => `${seconds.toFixed(2)} s`;
const peakRss = () => process.resourceUsage().maxRSS * 1024;
const cpuSeconds = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

/** `count` members, nine in ten governments across the subregions, the rest COSATE and CEATAL alike. */
const members = (count: number): Member[] =>
  Array.from({ length: count }, (_, i) => {
    // Three capital letters, as the directory's schema wants: AAA, AAB, … (26³ codes).
    const code = [676, 26, 1].map((d) => String.fromCharCode(65 + (Math.floor(i / d) % 26))).join("");
    const group = i % 20 === 7 ? "workers" : i % 20 === 13 ? "employers" : "government";
    const name = `Ministerio ${code}`;
    return Member.parse({
      code,
      group,
      name: { es: name, en: name, fr: name, pt: name },
      ...(group === "government" ? { subregion: SUBREGIONS[i % SUBREGIONS.length] } : {}),
      language: LANGUAGES[i % LANGUAGES.length],
      contacts: [
        { id: "focal-point", name: `Focal point ${code}`, email: `fp.${code.toLowerCase()}@example.org` },
      ],
    });
  });

/**
 * Every member submits a generated answer that passes the same validation as a real submission.
 * Only the parent generates: the modules it takes are imported here, so the measured children
 * load no more than a compile does.
 */
const generate = async (count: number): Promise<Data> => {
  const { validateAnswers } = await import("../functions/core/questionnaire/answers.ts");
  const { answersFromForm } = await import("../functions/core/questionnaire/form-input.ts");
  const { defaultQuestionnairePath, readQuestionnaireFile } = await import("../functions/local/content.ts");
  const { generateFormAnswers, seededRng } = await import("../functions/local/demo-answers.ts");
  const questionnaire = readQuestionnaireFile(defaultQuestionnairePath);
  const rng = seededRng(count);
  const directory = members(count);
  const submittedAt = GENERATED_AT.toISOString();
  const submissions = directory.map((m): ResponseVersion => {
    const contact = m.contacts[0]!;
    for (let attempt = 0; ; attempt++) {
      const form = generateFormAnswers(questionnaire, rng, m.language, contact, 0.8);
      const valid = validateAnswers(questionnaire, answersFromForm(questionnaire, form), "submit", m.group);
      if (valid.ok)
        return {
          campaignId: "bench",
          memberCode: m.code,
          version: 1,
          answers: valid.value,
          submittedAt,
          submittedBy: { contactId: contact.id, name: contact.name },
          questionnaireVersion: questionnaire.version,
          receiptCode: "BENCH",
        };
      if (attempt > 5) throw new Error(`No valid answer generated for ${m.code}`);
    }
  });
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
  const lines = [
    JSON.stringify({ campaign: data.campaign, questionnaire: data.questionnaire }),
    ...data.members.map((m) => JSON.stringify({ member: m })),
    ...data.submissions.map((x) => JSON.stringify({ submission: x })),
  ];
  writeFileSync(dataFile(count), `${lines.join("\n")}\n`);
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
  const data = await readData(count);
  const views = createHandlebarsViews(TEMPLATES);
  const bytes = { xlsx: 0, html: 0, csv: 0 };
  const xlsxFile = `${OUT}report-${count}.xlsx`;
  const repository = {
    getCampaign: async () => data.campaign,
    getQuestionnaire: async () => data.questionnaire,
    listMembers: async () => data.members,
    listLatestSubmissions: async () => data.submissions,
    putReport: async (_: ReportRecord) => undefined,
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
  await compileInputsReport({ repository, blobs, views, clock: { now: () => GENERATED_AT } }, "bench", "es");
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

/** Counts the cells of each sheet of a workbook with exceljs' streaming reader. */
const shapeOf = async (file: string): Promise<SheetShape[]> => {
  const shapes: SheetShape[] = [];
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    sharedStrings: "cache",
    styles: "ignore",
    hyperlinks: "ignore",
    worksheets: "emit",
  });
  for await (const sheet of reader) {
    const shape: SheetShape = { rows: 0, strings: 0, stringChars: 0, numbers: 0 };
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      shape.rows++;
      row.eachCell((cell) => {
        if (typeof cell.value === "number") shape.numbers++;
        else {
          shape.strings++;
          shape.stringChars += (cell.text ?? "").length;
        }
      });
    }
    shapes.push(shape);
  }
  return shapes;
};

/** The floor: as many cells per sheet as the report's (strings of the same mean length), no styles. */
const floor = async (shapes: SheetShape[]): Promise<FloorResult> => {
  const rssBefore = process.memoryUsage().rss;
  const cpu = cpuSeconds();
  const started = performance.now();
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
  for (const [i, shape] of shapes.entries()) {
    const ws = workbook.addWorksheet(`Sheet ${i + 1}`);
    const text = "x".repeat(Math.max(1, Math.round(shape.stringChars / Math.max(shape.strings, 1))));
    const cells = shape.strings + shape.numbers;
    for (let r = 0, written = 0; r < shape.rows; r++) {
      const upTo = Math.round(((r + 1) * cells) / shape.rows);
      const row: (string | number)[] = [];
      for (; written < upTo; written++) row.push(written < shape.strings ? text : written);
      ws.addRow(row).commit();
    }
    ws.commit();
  }
  await workbook.commit();
  await done;
  const bytes = Buffer.concat(chunks).length;
  return {
    seconds: (performance.now() - started) / 1000,
    cpuSeconds: cpuSeconds() - cpu,
    rssBefore,
    peakRss: peakRss(),
    bytes,
  };
};

// ---------------------------------------------------------------- parent

const child = <T>(...args: string[]) =>
  new Promise<T>((resolve, reject) => {
    const p = spawn(process.execPath, [SCRIPT, ...args], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    p.stdout.on("data", (d: Buffer) => (out += d));
    p.on("error", reject);
    p.on("close", (code) => {
      const line = out.split("\n").find((l) => l.startsWith(RESULT));
      if (code !== 0 || !line) reject(new Error(`${args.join(" ")} exited ${code} without a result`));
      else resolve(JSON.parse(line.slice(RESULT.length)) as T);
    });
  });

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
  const sizes = (option("--sizes") ?? "40,1000,10000").split(",").map(Number);
  const runs = Number(option("--runs") ?? 1);
  mkdirSync(OUT, { recursive: true });
  const cpus = os.cpus();
  console.log(
    `Node ${process.version} · ${cpus[0]?.model.trim()} · ${cpus.length} cores · ` +
      `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB · load ${os.loadavg()[0]?.toFixed(1)} · ` +
      `${new Date().toISOString()} · fastest of ${runs}`,
  );
  const rows: string[][] = [];
  for (const count of sizes) {
    if (!existsSync(dataFile(count))) await writeData(count);
    const c = await best(runs, () => child<CompileResult>("compile", String(count)));
    const p = await child<PhasesResult>("phases", String(count));
    const shapes = await shapeOf(c.xlsxFile);
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
  console.log(
    [
      `| ${headers.join(" | ")} |`,
      `|${headers.map(() => " --- ").join("|")}|`,
      ...rows.map((r) => `| ${r.join(" | ")} |`),
    ].join("\n"),
  );
};

if (import.meta.main) {
  const [mode, arg = ""] = process.argv.slice(2);
  const print = (result: unknown) => process.stdout.write(`${RESULT}${JSON.stringify(result)}\n`);
  if (mode === "compile") print(await compile(Number(arg)));
  else if (mode === "phases") print(await phases(Number(arg)));
  else if (mode === "floor") print(await floor(JSON.parse(readFileSync(arg, "utf8")) as SheetShape[]));
  else await main();
}
