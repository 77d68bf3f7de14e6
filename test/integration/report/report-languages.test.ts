// The demo's campaign compiled as a job: four file sets by default, each wholly in its language.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { createHandlebarsViews } from "../../../functions/adapters/handlebars-views.ts";
import { createInMemoryRepository } from "../../../functions/adapters/in-memory/index.ts";
import { writeXlsx } from "../../../functions/adapters/xlsx/stream-writer.ts";
import { runJobChunk, startJob, type Job } from "../../../functions/core/jobs.ts";
import { LANGUAGES, type Language } from "../../../functions/core/languages.ts";
import type { Ports, ReportRecord } from "../../../functions/core/ports.ts";
import {
  defaultDirectoryPath,
  defaultQuestionnairePath,
  readDirectoryFile,
  readQuestionnaireFile,
} from "../../../functions/local/content.ts";
import { campaign } from "../../support/factories.ts";
import { generatedSubmissions } from "../../support/submissions.ts";

const TEMPLATES = new URL("../../../templates/", import.meta.url).pathname;
/** A key missing in the report's language throws instead of reading the English string. */
const views = createHandlebarsViews(TEMPLATES, { strict: true });

type Tree = { [key: string]: string | Tree };
const flat = (tree: Tree, prefix = ""): [string, string][] =>
  Object.entries(tree).flatMap(([k, v]) =>
    typeof v === "string" ? [[prefix + k, v]] : flat(v, `${prefix}${k}.`),
  );

/** Each language's interface strings (report and common), key → text. */
const strings = Object.fromEntries(
  LANGUAGES.map((lang) => {
    const dir = join(TEMPLATES, "i18n", lang);
    const all = readdirSync(dir)
      .filter((f) => f === "report.json" || f === "common.json")
      .flatMap((f) => flat(JSON.parse(readFileSync(join(dir, f), "utf8")) as Tree));
    return [lang, new Map(all)];
  }),
) as Record<Language, Map<string, string>>;

/**
 * The words of other languages' strings that would betray a string left untranslated: each fixed
 * stretch between placeholders, long enough not to be a word two languages share, and not also
 * written in this language.
 */
const foreignFragments = (lang: Language): { fragment: string; from: string }[] => {
  const own = [...strings[lang].values()].join("\n");
  return LANGUAGES.filter((l) => l !== lang).flatMap((other) =>
    [...strings[other]].flatMap(([key, text]) =>
      text
        .split(/\{\w+\}/)
        .map((f) => f.trim())
        .filter((f) => f.length >= 14 && !own.includes(f))
        .map((fragment) => ({ fragment, from: `${other}:${key}` })),
    ),
  );
};

const cellText = (value: ExcelJS.CellValue): string => {
  if (value === null || value === undefined) return "";
  if (typeof value === "object" && "richText" in value) return value.richText.map((r) => r.text).join("");
  if (typeof value === "object" && "text" in value) return String(value.text);
  if (typeof value === "object" && "formula" in value) return "";
  return String(value as string | number | boolean);
};

describe("the report compiled in the four languages", () => {
  const questionnaire = { ...readQuestionnaireFile(defaultQuestionnairePath) };
  const members = readDirectoryFile(defaultDirectoryPath).members;
  const blobs = new Map<string, Uint8Array>();
  let job: Job | undefined;
  let records: ReportRecord[] = [];

  beforeAll(async () => {
    const repository = createInMemoryRepository();
    await repository.putMembers(members);
    await repository.putQuestionnaire(questionnaire);
    const c = campaign({
      questionnaireId: questionnaire.id,
      questionnaireVersion: questionnaire.version,
      invited: members.map((m) => m.code),
    });
    await repository.createCampaign(c);
    for (const s of generatedSubmissions(questionnaire, members))
      await repository.putResponseVersion({ ...s, campaignId: c.id });
    let ids = 0;
    const ports = {
      repository,
      views,
      workbooks: writeXlsx,
      clock: { now: () => new Date("2026-03-01T15:30:00Z") },
      random: { id: () => `job-${++ids}`, token: () => "token" },
      jobs: { enqueue: async () => undefined },
      blobs: {
        put: async (key: string, body: Uint8Array) => void blobs.set(key, body),
      } as unknown as Ports["blobs"],
      queue: { enqueue: async () => undefined },
    } as unknown as Ports;
    const started = await startJob(ports, { kind: "compile", campaignId: c.id }, "test");
    // One chunk a language: the worker is handed the job again until it is done.
    for (let i = 0; i < 8 && job?.status !== "done"; i++)
      job = (await runJobChunk(ports, started.id, "worker")).job;
    records = await repository.listReports(c.id);
  });

  it("makes es, en, fr and pt by default, each with its own record", () => {
    expect(job).toMatchObject({ status: "done", progress: { done: 4, total: 4 } });
    expect(records.map((r) => r.language).sort()).toEqual(["en", "es", "fr", "pt"]);
    for (const r of records) expect(r.files.html).toContain(`-inputs-${r.language}.html`);
  });

  it("writes every string of the Excel, HTML and CSV files in the report's language", async () => {
    for (const lang of LANGUAGES) {
      const record = records.find((r) => r.language === lang);
      if (!record) throw new Error(`no ${lang} report`);
      const html = new TextDecoder()
        .decode(blobs.get(record.files.html))
        .replace(/<style[\s\S]*?<\/style>/g, "")
        .replace(/<[^>]+>/g, " ");
      const csv = new TextDecoder().decode(blobs.get(record.files.csv));
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(blobs.get(record.files.xlsx) as unknown as ArrayBuffer);
      const xlsx = wb.worksheets
        .flatMap((s) => {
          const cells: string[] = [s.name];
          s.eachRow((row) => row.eachCell((cell) => void cells.push(cellText(cell.value))));
          return cells;
        })
        .join("\n");
      const found = foreignFragments(lang).filter(({ fragment }) =>
        [html, csv, xlsx].some((file) => file.includes(fragment)),
      );
      expect(found, lang).toEqual([]);
      // Each language's own words are there: its name of the first sheet and of the summary's date line.
      expect(xlsx).toContain(strings[lang].get("report.updated"));
    }
  });

  it("formats numbers and dates per locale", async () => {
    const dates = await Promise.all(
      LANGUAGES.map(async (lang) => {
        const record = records.find((r) => r.language === lang);
        return new TextDecoder().decode(blobs.get(record?.files.html ?? ""));
      }),
    );
    const [es, en, fr, pt] = dates;
    expect(es).toContain("marzo de 2026");
    expect(en).toContain("March 1, 2026");
    expect(fr).toContain("mars 2026");
    expect(pt).toContain("março de 2026");
  });
});
