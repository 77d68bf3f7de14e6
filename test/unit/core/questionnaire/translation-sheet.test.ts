// The translators' sheet: one row per text, ids locked, read back as a plan that names what differs.
import { describe, expect, it } from "vitest";
import {
  applyTranslations,
  planTranslationImport,
  translatableTexts,
  translationRows,
} from "../../../../functions/core/questionnaire/translation-sheet.ts";
import { items, question, questionnaire, text } from "../../../support/factories.ts";

const q = questionnaire([
  question("topics", "top-n", { items: "topics", n: 2, help: text("Pick two") }),
  question("tools", "single-choice", { options: items("webinar", "study") }),
  question("again", "multiple-choice", { options: "topics" }),
]);

const withCell = (rows: string[][], id: string, column: number, value: string) =>
  rows.map((row) => (row[0] === id ? row.map((cell, i) => (i === column ? value : cell)) : row));

describe("the translators' sheet", () => {
  it("has one row per text, a shared list once, and a column per language", () => {
    const rows = translationRows(q);
    expect(rows[0]).toEqual(["id", "es", "en", "fr", "pt"]);
    const ids = translatableTexts(q).map((r) => r.id);
    expect(ids).toContain("title");
    expect(ids).toContain("lists/topics/alpha/label");
    expect(ids).toContain("sections/main/questions/topics/help");
    expect(ids).toContain("sections/main/questions/tools/options/webinar/label");
    // The list is copied into both questions that use it, yet each of its texts is one row.
    expect(ids.filter((id) => id.endsWith("/alpha/label"))).toEqual(["lists/topics/alpha/label"]);
    expect(rows.find((r) => r[0] === "title")).toEqual([
      "title",
      "Test questionnaire (es)",
      "Test questionnaire",
      "Test questionnaire (fr)",
      "Test questionnaire (pt)",
    ]);
  });

  it("reads back what the translator changed, and applies it everywhere the text appears", () => {
    const rows = withCell(translationRows(q), "lists/topics/alpha/label", 4, "Alfa (pt-BR)");
    const plan = planTranslationImport(q, rows);
    expect(plan).toEqual({
      ok: true,
      changes: [
        { id: "lists/topics/alpha/label", language: "pt", before: "alpha (pt)", after: "Alfa (pt-BR)" },
      ],
      keptEmpty: [],
    });
    if (!plan.ok) return;
    const next = applyTranslations(q, plan.changes);
    const labels = (id: string) =>
      next.sections[0]!.questions.find((x) => x.id === id) as { items?: unknown; options?: unknown };
    expect(JSON.stringify(labels("topics").items)).toContain("Alfa (pt-BR)");
    expect(JSON.stringify(labels("again").options)).toContain("Alfa (pt-BR)");
    expect(next.lists.topics![0]!.label.pt).toBe("Alfa (pt-BR)");
    expect(q.lists.topics![0]!.label.pt).toBe("alpha (pt)"); // the version read is untouched
  });

  it("changes nothing for an unchanged file, whatever line breaks Excel wrote", () => {
    const rows = translationRows(q).map((row) => row.map((cell) => cell.replace(/\n/g, "\r\n")));
    expect(planTranslationImport(q, rows)).toEqual({ ok: true, changes: [], keptEmpty: [] });
  });

  it("keeps a text whose cell was emptied, and says so", () => {
    const plan = planTranslationImport(q, withCell(translationRows(q), "title", 3, " "));
    expect(plan).toMatchObject({ ok: true, changes: [], keptEmpty: [{ id: "title", language: "fr" }] });
  });

  it("refuses a file whose ids no longer match, naming each", () => {
    const rows = translationRows(q)
      .filter((row) => row[0] !== "sections/main/questions/topics/help")
      .map((row) => (row[0] === "title" ? ["titel", ...row.slice(1)] : row));
    rows.push([...rows[2]!]);
    expect(planTranslationImport(q, rows)).toEqual({
      ok: false,
      problem: "ids-differ",
      unknown: ["titel"],
      missing: ["title", "sections/main/questions/topics/help"],
      repeated: [rows[2]![0]],
    });
  });

  it("refuses a file without the id and language columns", () => {
    expect(
      planTranslationImport(q, [
        ["Name", "Email"],
        ["a", "b"],
      ]),
    ).toMatchObject({
      ok: false,
      problem: "no-header",
    });
  });

  it("finds the columns by their header, in any order", () => {
    const rows = translationRows(q).map((row) => [row[4]!, row[0]!, row[1]!]);
    rows[0] = ["PT — Português", "ID", "es"];
    const changed = withCell(
      rows.map((r) => [r[1]!, r[0]!, r[2]!]),
      "title",
      1,
      "Questionário",
    ).map((r) => [r[1]!, r[0]!, r[2]!]);
    changed[0] = ["pt — Português", "ID", "es"];
    expect(planTranslationImport(q, changed)).toMatchObject({
      ok: true,
      changes: [{ id: "title", language: "pt", after: "Questionário" }],
    });
  });
});
