// `consulta translations`: the translators' workbook out and back in from a terminal, as in the console.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { question, questionnaire } from "../../support/factories.ts";
import { runConsulta } from "../../support/cli.ts";
import { testStack } from "../../support/local-stack.ts";

const LABEL = "sections/main/questions/q1/label";
let stack: Awaited<ReturnType<typeof testStack>>;
const out = mkdtempSync(join(tmpdir(), "consulta-translations-"));

/** Runs the real command in its own process, against the test stack's admin API. */
const consulta = (...args: string[]) => runConsulta(stack, ...args);

/** The exported file as a translator returns it: `edit` applied to its only sheet. */
const returned = async (from: string, to: string, edit: (rows: Map<string, ExcelJS.Row>) => void) => {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(readFileSync(from) as unknown as ArrayBuffer);
  const rows = new Map<string, ExcelJS.Row>();
  book.worksheets[0]!.eachRow((row) => rows.set(String(row.getCell(1).value), row));
  edit(rows);
  writeFileSync(to, new Uint8Array(await book.xlsx.writeBuffer()));
  return to;
};

beforeAll(async () => {
  stack = await testStack();
  await stack.ports.repository.putQuestionnaire(
    questionnaire([question("q1", "yes-no"), question("q2", "yes-no")]),
  );
});
afterAll(() => stack.dispose());

describe("consulta translations", () => {
  const exported = join(out, "workbook.xlsx");

  it("is in the help, and a version that is not a number is a usage error", async () => {
    expect((await consulta("--help")).stdout).toContain("translations export ID VERSION [FILE]");
    const wrong = await consulta("translations", "export", "test-questionnaire", "latest");
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('VERSION must be a version number, not "latest"');
  });

  it("exports a version's workbook", async () => {
    const run = await consulta("translations", "export", "test-questionnaire", "1", exported);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Wrote ${exported}`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(exported) as unknown as ArrayBuffer);
    expect(book.worksheets[0]!.getRow(1).values).toEqual([undefined, "id", "es", "en", "fr", "pt"]);
  });

  it("shows what a returned workbook changes, writes nothing, then publishes it with --apply", async () => {
    const file = await returned(exported, join(out, "returned.xlsx"), (rows) => {
      rows.get(LABEL)!.getCell(5).value = "Pergunta um";
    });
    const dry = await consulta("translations", "import", "test-questionnaire", "1", file);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(`${LABEL} [pt]: "Question q1 (pt)" -> "Pergunta um"`);
    expect(dry.stdout).toContain("Nothing was written.");
    expect((await stack.ports.repository.getQuestionnaire("test-questionnaire"))?.version).toBe(1);

    const applied = await consulta(
      "translations",
      "import",
      "test-questionnaire",
      "1",
      file,
      "--apply",
      "--json",
    );
    expect(applied.code).toBe(0);
    const outcome = JSON.parse(applied.stdout) as { published: number; changes: unknown[] };
    expect(outcome).toMatchObject({
      published: 2,
      changes: [{ id: LABEL, language: "pt", after: "Pergunta um" }],
    });
    const v2 = await stack.ports.repository.getQuestionnaire("test-questionnaire", 2);
    expect(v2?.sections[0]?.questions[0]?.label.pt).toBe("Pergunta um");
  });

  it("refuses a workbook whose ids no longer match, naming them, and exits 1", async () => {
    const file = await returned(exported, join(out, "renamed.xlsx"), (rows) => {
      rows.get(LABEL)!.getCell(1).value = "sections/main/questions/q9/label";
    });
    const run = await consulta("translations", "import", "test-questionnaire", "1", file, "--apply");
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `The file's ids do not match test-questionnaire v1 (unknown: sections/main/questions/q9/label; missing: ${LABEL}); nothing was changed`,
    );
    expect((await stack.ports.repository.getQuestionnaire("test-questionnaire"))?.version).toBe(2);
  });
});
