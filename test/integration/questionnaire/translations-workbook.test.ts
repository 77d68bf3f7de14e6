// A translator's round trip: the shipped questionnaire exported, opened and saved by LibreOffice Calc (as a
// translator's office program would), one text changed, read back and published as the next version.
// Needs Debian's libreoffice-calc (.ci/run installs it).
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ValidationFailed } from "../../../functions/core/errors.ts";
import type { Questionnaire } from "../../../functions/core/questionnaire/definition.ts";
import {
  exportTranslations,
  previewTranslations,
  publishTranslations,
} from "../../../functions/core/questionnaire-translations.ts";
import { zipPart } from "../../support/zip-part.ts";
import { defaultQuestionnairePath, readQuestionnaireFile } from "../../../functions/local/content.ts";

const SOFFICE = "/usr/bin/soffice";
const shipped = readQuestionnaireFile(defaultQuestionnairePath);

/** The questionnaire store as the use case sees it: versions by number, each written once. */
const store = () => {
  const versions = new Map<number, Questionnaire>([[shipped.version, shipped]]);
  return {
    versions,
    repository: {
      getQuestionnaire: async (_id: string, version?: number) =>
        versions.get(version ?? Math.max(...versions.keys())),
      putQuestionnaire: async (q: Questionnaire) => {
        if (versions.has(q.version)) return "unchanged" as const;
        versions.set(q.version, q);
        return "created" as const;
      },
    },
  };
};

let dir: string;
let exported: Uint8Array;
let savedByCalc: Buffer;

beforeAll(async () => {
  if (!existsSync(SOFFICE)) throw new Error(`${SOFFICE} is missing: apt-get install libreoffice-calc`);
  dir = mkdtempSync(join(tmpdir(), "consulta-translations-"));
  exported = (await exportTranslations(store(), shipped.id, shipped.version)).bytes;
  writeFileSync(join(dir, "sheet.xlsx"), exported);
  await promisify(execFile)(
    SOFFICE,
    [
      `-env:UserInstallation=${pathToFileURL(join(dir, "profile")).href}`,
      "--headless",
      "--norestore",
      "--convert-to",
      "xlsx:Calc MS Excel 2007 XML",
      "--outdir",
      join(dir, "calc"),
      join(dir, "sheet.xlsx"),
    ],
    { timeout: 120_000 },
  );
  savedByCalc = readFileSync(join(dir, "calc", "sheet.xlsx"));
}, 180_000);
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The workbook with one cell changed, as a translator typing in it would leave it. */
const edited = async (bytes: Uint8Array, id: string, column: string, value: string) => {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const header = (sheet.getRow(1).values as unknown[]).map(String);
  sheet.eachRow((row) => {
    if (row.getCell(1).text === id) row.getCell(header.indexOf(column)).value = value;
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
};

/** Whether a cell is locked, from the markup (exceljs does not read Calc's `locked="false"` back). */
const locked = (bytes: Uint8Array, cell: string) => {
  const style = Number(
    new RegExp(`<c r="${cell}"[^>]* s="(\\d+)"`).exec(zipPart(bytes, "xl/worksheets/sheet1.xml")!)?.[1] ?? 0,
  );
  const formats = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(zipPart(bytes, "xl/styles.xml")!)?.[1] ?? "";
  const xf = formats.match(/<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g)?.[style] ?? "";
  return !/<protection [^>]*locked="(0|false)"/.test(xf);
};

describe("the questionnaire's texts in a workbook", () => {
  it("locks the ids and leaves the languages editable, after LibreOffice saved it too", async () => {
    for (const bytes of [exported, savedByCalc]) {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0]!;
      // exceljs does not read protection back: the sheet's own markup says it.
      expect(zipPart(bytes, "xl/worksheets/sheet1.xml")).toMatch(/<sheetProtection [^>]*sheet="(1|true)"/);
      expect(locked(bytes, "A2")).toBe(true);
      expect(locked(bytes, "E2")).toBe(false);
      expect(sheet.getCell("A1").text).toBe("id");
      expect(sheet.getCell("C2").text).toBe(shipped.title.en);
    }
  });

  it("reads back what LibreOffice saved as no change at all", async () => {
    const preview = await previewTranslations(store(), shipped.id, shipped.version, {
      bytes: savedByCalc,
      filename: "sheet.xlsx",
    });
    expect(preview.changes).toEqual([]);
    expect(preview.keptEmpty).toEqual([]);
  });

  it("publishes a changed translation as the next version, leaving the version read as it was", async () => {
    const s = store();
    const file = {
      bytes: await edited(
        savedByCalc,
        "lists/topics/wg1-future-of-work/label",
        "pt",
        "Futuro do trabalho decente",
      ),
      filename: "sheet.xlsx",
    };
    const outcome = await publishTranslations(s, shipped.id, shipped.version, file);
    expect(outcome.changes).toEqual([
      expect.objectContaining({ id: "lists/topics/wg1-future-of-work/label", language: "pt" }),
    ]);
    expect(outcome.published).toBe(shipped.version + 1);
    const next = s.versions.get(shipped.version + 1)!;
    expect(JSON.stringify(next)).toContain("Futuro do trabalho decente");
    expect(JSON.stringify(s.versions.get(shipped.version))).not.toContain("Futuro do trabalho decente");
  });

  it("refuses a sheet whose ids were edited, naming the ids", async () => {
    const file = { bytes: await edited(savedByCalc, "title", "id", "title-2"), filename: "sheet.xlsx" };
    const error = await previewTranslations(store(), shipped.id, shipped.version, file).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ValidationFailed);
    expect((error as ValidationFailed).details).toEqual({
      unknown: ["title-2"],
      missing: ["title"],
      repeated: [],
    });
    expect((error as ValidationFailed).fieldErrors[0]).toMatchObject({
      path: "file",
      code: "translations_ids_differ",
    });
  });
});
