// The workbook opened by a real spreadsheet program: LibreOffice Calc, headless, converts every sheet
// to CSV. A file it could not read fails to convert; a sheet with an XML error comes back cut short
// at the error (Calc still exits 0), so the figures are checked down to each sheet's last row. Calc
// writes each figure as it shows it, so a wrong number format shows too.
// Needs Debian's libreoffice-calc (`apt-get install libreoffice-calc`; .ci/run installs it).
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHandlebarsViews } from "../../../functions/adapters/handlebars-views.ts";
import { buildInputsReport } from "../../../functions/core/report/inputs-report.ts";
import { renderInputsXlsx } from "../../../functions/adapters/xlsx/stream-writer.ts";
import { CELL_TEXT_LIMIT } from "../../../functions/core/report/safe-text.ts";
import { campaign } from "../../support/factories.ts";
import { INJECTION, members, q, submissions } from "../../unit/core/report/fixture.ts";

const SOFFICE = "/usr/bin/soffice";
const views = createHandlebarsViews(new URL("../../../templates/", import.meta.url).pathname);

/**
 * What a respondent could paste that XML or Excel would not take as it is: a control character
 * (dropped: XML cannot carry it), Excel's own _xHHHH_ escape (kept literally), markup and an
 * ampersand, spaces at both ends, a tab, and a character outside the Basic Multilingual Plane.
 */
const HOSTILE = "  Tab\there, bell\u0007, literal _x0041_ & <b>bold</b> 😀 ";
const LONG = "é".repeat(CELL_TEXT_LIMIT + 100);

const workbookBytes = () => {
  const t = (key: string) => views.translate("en", key);
  const report = buildInputsReport({
    campaign: campaign({ invited: members.map((m) => m.code), timeZone: "America/New_York" }),
    questionnaire: q,
    members,
    submissions: submissions.map((s) =>
      s.memberCode === "CHL"
        ? { ...s, answers: { ...s.answers, comments: HOSTILE } }
        : s.memberCode === "BRA"
          ? { ...s, answers: { ...s.answers, comments: LONG } }
          : s,
    ),
    lang: "en",
    generatedAt: new Date("2026-03-01T15:30:00Z"),
    t,
  });
  return renderInputsXlsx(report, t);
};

describe("the Inputs workbook in LibreOffice Calc", () => {
  let dir: string;
  const sheets = new Map<string, string[][]>();
  let bytes: Buffer;

  beforeAll(async () => {
    if (!existsSync(SOFFICE))
      throw new Error(`${SOFFICE} is missing: apt-get install libreoffice-calc (.ci/run does)`);
    dir = mkdtempSync(join(tmpdir(), "consulta-calc-"));
    bytes = await workbookBytes();
    writeFileSync(join(dir, "inputs.xlsx"), bytes);
    // A profile of its own, so no other LibreOffice (or earlier run) is involved; every sheet to
    // its own UTF-8 CSV (the last option, -1), each cell as Calc shows it (the ninth, true).
    await promisify(execFile)(
      SOFFICE,
      [
        `-env:UserInstallation=${pathToFileURL(join(dir, "profile")).href}`,
        "--headless",
        "--norestore",
        "--convert-to",
        "csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,true,false,false,-1",
        "--outdir",
        join(dir, "csv"),
        join(dir, "inputs.xlsx"),
      ],
      { timeout: 120_000 },
    );
    for (const name of ["Summary", "Priority topics", "RIAL", "Comments", "All answers"]) {
      const file = join(dir, "csv", `inputs-${name}.csv`);
      if (existsSync(file)) sheets.set(name, parse(readFileSync(file, "utf8"), { relaxColumnCount: true }));
    }
  }, 180_000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const sheet = (name: string) => {
    const rows = sheets.get(name);
    if (!rows) throw new Error(`LibreOffice wrote no CSV for the sheet "${name}"`);
    return rows;
  };
  /** The row whose first cell is `first`, without the empty cells at its end. */
  const row = (name: string, first: string) => {
    const found = sheet(name).find((r) => r[0] === first);
    if (!found) throw new Error(`No row "${first}" in "${name}"`);
    const end = found.findLastIndex((cell) => cell !== "");
    return found.slice(0, end + 1);
  };

  it("opens it and shows the summary's figures on the first sheet", () => {
    expect(sheet("Summary")[0]?.[0]).toBe("Inputs for the Planning Meeting");
    expect(row("Summary", "Group")).toEqual(["Group", "Invited", "Answered", "Response rate"]);
    expect(row("Summary", "Governments")).toEqual(["Governments", "4", "3", "75%"]);
    expect(row("Summary", "Workers (COSATE)")).toEqual(["Workers (COSATE)", "1", "1", "100%"]);
    expect(row("Summary", "Total")).toEqual(["Total", "6", "5", "83%"]);
    expect(row("Summary", "North America")).toEqual(["North America", "1", "0", "0%"]);
    // Counts are counts: a percentage format of the column above must not reach them.
    expect(row("Summary", "Question host")).toEqual(["Question host", "2", "1", "2", "Work plan"]);
    expect(row("Summary", "Question host-offer")).toEqual([
      "Question host-offer",
      "1",
      "0",
      "4",
      "Work plan",
    ]);
    // Calc stops reading a sheet at the first XML error, and still exits 0: the last row proves the
    // whole sheet was read.
    expect(sheet("Summary").at(-1)?.slice(0, 5)).toEqual(["Question comments", "2", "3", "0", "RIAL"]);
  });

  it("shows the ranked topics with their averages, and averages as averages on a mixed sheet", () => {
    const topics = sheet("Priority topics");
    expect(topics.slice(1, 5).map((r) => r.slice(0, 8))).toEqual([
      ["1", "3", "gamma", "", "5.0", "4", "1", "3"],
      ["2", "1", "alpha", "", "5.0", "4", "1", "2"],
      ["2", "2", "beta", "", "5.0", "4", "1", "2"],
      ["4", "4", "delta", "", "2.7", "3", "2", "0"],
    ]);
    expect(row("RIAL", "a")).toEqual(["a", "56.7", "35.0", "100.0"]);
    expect(row("RIAL", "x")).toEqual(["x", "4.0", "1", "4", "4.0"]);
  });

  it("keeps a formula-shaped answer as the text it was, never calculated", () => {
    const all = sheet("All answers");
    const ceatal = all.find((r) => r[1] === "CEATAL");
    expect(ceatal).toContain(INJECTION);
    expect(all.flat()).not.toContain("Click");
  });

  it("reads back what respondents typed exactly, minus what XML cannot carry", () => {
    const answers = sheet("Comments").map((r) => r[5]);
    expect(answers).toContain(HOSTILE.replace("\u0007", ""));
    const long = answers.find((a) => a?.startsWith("éé"));
    expect(long).toHaveLength(CELL_TEXT_LIMIT);
    expect(long?.endsWith("…")).toBe(true);
  });

  it("writes Excel's escape for a literal _xHHHH_, which Calc and Excel decode and exceljs does not", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const texts: unknown[] = [];
    wb.getWorksheet("Comments")?.eachRow((r) => void texts.push(r.getCell(6).value));
    expect(texts).toContain(HOSTILE.replace("\u0007", "").replace("_x0041_", "_x005F_x0041_"));
  });
});
