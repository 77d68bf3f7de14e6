// The compiled report's PDF edition, written by the compile job beside its Excel, HTML and CSV, read back
// by Debian's pdftotext in each of the four languages: its chapters, figures and members' words.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHandlebarsViews } from "../../../functions/adapters/handlebars-views.ts";
import { createInMemoryRepository } from "../../../functions/adapters/in-memory/index.ts";
import { pdfDocuments } from "../../../functions/adapters/pdf-documents.ts";
import { writeXlsx } from "../../../functions/adapters/xlsx/stream-writer.ts";
import { runJobChunk, startJob, type Job } from "../../../functions/core/jobs.ts";
import { LANGUAGES } from "../../../functions/core/languages.ts";
import type { Ports, ReportRecord } from "../../../functions/core/ports.ts";
import {
  defaultDirectoryPath,
  defaultQuestionnairePath,
  readDirectoryFile,
  readQuestionnaireFile,
} from "../../../functions/local/content.ts";
import { campaign } from "../../support/factories.ts";
import { generatedSubmissions } from "../../support/submissions.ts";

const PDFTOTEXT = "/usr/bin/pdftotext";
const TEMPLATES = new URL("../../../templates/", import.meta.url).pathname;
/** A key missing in the report's language throws instead of reading the English string. */
const views = createHandlebarsViews(TEMPLATES, { strict: true });
const dir = mkdtempSync(join(tmpdir(), "consulta-report-pdf-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const pdfText = async (bytes: Uint8Array, name: string) => {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  const { stdout } = await promisify(execFile)(PDFTOTEXT, ["-enc", "UTF-8", file, "-"], {
    maxBuffer: 64 * 1024 * 1024,
  });
  // Lines wrap where the page ends them: words are compared with single spaces.
  return stdout.replace(/\s+/g, " ");
};

describe("the report's PDF edition", () => {
  const questionnaire = { ...readQuestionnaireFile(defaultQuestionnairePath) };
  const members = readDirectoryFile(defaultDirectoryPath).members;
  const blobs = new Map<string, { body: Uint8Array; type: string }>();
  let job: Job | undefined;
  let records: ReportRecord[] = [];

  beforeAll(async () => {
    if (!existsSync(PDFTOTEXT)) throw new Error(`${PDFTOTEXT} is missing: apt-get install poppler-utils`);
    const repository = createInMemoryRepository();
    await repository.putMembers(members);
    await repository.putQuestionnaire(questionnaire);
    const c = campaign({
      questionnaireId: questionnaire.id,
      questionnaireVersion: questionnaire.version,
      invited: members.map((m) => m.code),
    });
    await repository.createCampaign(c);
    for (const s of generatedSubmissions(questionnaire, members).slice(0, 12))
      await repository.putResponseVersion({ ...s, campaignId: c.id });
    let ids = 0;
    const ports = {
      repository,
      views,
      workbooks: writeXlsx,
      documents: pdfDocuments,
      clock: { now: () => new Date("2026-03-01T15:30:00Z") },
      random: { id: () => `job-${++ids}`, token: () => "token" },
      jobs: { enqueue: async () => undefined },
      blobs: {
        put: async (key: string, body: Uint8Array, type: string) => void blobs.set(key, { body, type }),
      } as unknown as Ports["blobs"],
      queue: { enqueue: async () => undefined },
    } as unknown as Ports;
    const started = await startJob(ports, { kind: "compile", campaignId: c.id }, "test");
    for (let i = 0; i < 8 && job?.status !== "done"; i++)
      job = (await runJobChunk(ports, started.id, "worker")).job;
    records = await repository.listReports(c.id);
  }, 240_000);

  it("is written in each language beside the other files, as a PDF", () => {
    expect(job?.status).toBe("done");
    expect(records.map((r) => r.language).sort()).toEqual(["en", "es", "fr", "pt"]);
    for (const r of records) {
      expect(r.files.pdf).toBe(r.files.html.replace(/\.html$/, ".pdf"));
      const file = blobs.get(r.files.pdf ?? "");
      expect(file?.type).toBe("application/pdf");
      expect(
        Buffer.from(file?.body ?? [])
          .subarray(0, 5)
          .toString(),
      ).toBe("%PDF-");
    }
  });

  it.each(LANGUAGES)("reads back in %s: cover, chapters, page numbers and members' words", async (lang) => {
    const record = records.find((r) => r.language === lang);
    const file = blobs.get(record?.files.pdf ?? "");
    if (!record || !file) throw new Error(`no ${lang} PDF`);
    const html = new TextDecoder().decode(blobs.get(record.files.html)?.body);
    const text = await pdfText(file.body, `${lang}.pdf`);
    const t = (key: string) => views.translate(lang, key);
    expect(text).toContain(t("report.cover-title"));
    expect(text).toContain(t("report.introduction"));
    expect(text).toContain(
      t("report.page-of")
        .replace("{page}", "1")
        .replace(/\{pages\}/, ""),
    );
    // Every chapter heading of the HTML edition, with its number.
    const chapters = [...html.matchAll(/<section id="chapter-[^"]*"><h2>([^<]+)<\/h2>/g)].map((m) =>
      m[1]!
        .replace(/&#x27;|&#39;/g, "'")
        .replace(/&amp;/g, "&")
        .replace(/&quot;/g, '"'),
    );
    expect(chapters.length).toBeGreaterThan(2);
    for (const heading of chapters) expect(text).toContain(heading);
    // Each member's name with its accents, as the HTML edition lists them.
    const names = [...html.matchAll(/<article class="member" id="member-[^"]+"><h3>([^<]+)<\/h3>/g)].map(
      (m) => m[1]!.replace(/&#x27;|&#39;/g, "'").replace(/&amp;/g, "&"),
    );
    expect(names.length).toBe(12);
    for (const name of names) expect(text).toContain(name);
    expect(text).toMatch(/[áéíóúãçêô]/);
  });
});
