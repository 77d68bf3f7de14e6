// A matrix question in the Inputs report's files: one choice table (and, in HTML, one chart) per row,
// counted per column, in the workbook's RIAL sheet and the HTML's RIAL chapter; one column per row in
// All answers and the CSV.
import ExcelJS from "exceljs";
import { parseDocument } from "htmlparser2";
import * as DomUtils from "domutils";
import type { Element } from "domhandler";
import { describe, expect, it } from "vitest";
import { createHandlebarsViews } from "../../../functions/adapters/handlebars-views.ts";
import { renderInputsCsv } from "../../../functions/core/report/inputs-csv.ts";
import { renderInputsHtml } from "../../../functions/core/report/inputs-html.ts";
import { buildInputsReport } from "../../../functions/core/report/inputs-report.ts";
import { renderInputsXlsx } from "../../../functions/adapters/xlsx/stream-writer.ts";
import { campaign, member, question, questionnaire, submission, text } from "../../support/factories.ts";

const views = createHandlebarsViews(new URL("../../../templates/", import.meta.url).pathname);

const q = questionnaire([], {
  sections: [
    {
      id: "rial",
      title: text("RIAL"),
      questions: [
        question("tools", "matrix", {
          label: text("Usefulness of each tool"),
          items: [
            { id: "portfolio", label: text("Portfolio") },
            { id: "forum", label: text("Forum") },
          ],
          columns: [
            { id: "very-useful", label: text("Very useful") },
            { id: "useful", label: text("Useful") },
            { id: "not-useful", label: text("Not useful") },
            { id: "unknown", label: text("Don't know") },
          ],
          other: text("Another tool"),
        }),
        question("comments", "long-text"),
      ],
    },
  ],
});
const members = [
  member("ARG"),
  member("BRA"),
  member("CHL"),
  member("COSATE", { group: "workers", subregion: undefined }),
];
const submissions = [
  submission("ARG", {
    tools: { portfolio: "very-useful", forum: "useful", other: "useful", "other-name": "Observatory" },
  }),
  submission("BRA", { tools: { portfolio: "very-useful", forum: "not-useful" } }),
  submission("CHL", { tools: { portfolio: "useful" } }),
  submission("COSATE", { tools: { portfolio: "very-useful", forum: "unknown" } }),
];

const compile = () => {
  const t = (key: string) => views.translate("en", key);
  const report = buildInputsReport({
    campaign: campaign({ invited: members.map((m) => m.code), questionnaireId: q.id }),
    questionnaire: q,
    members,
    submissions,
    lang: "en",
    generatedAt: new Date("2026-03-01T15:30:00Z"),
    t,
  });
  return { report, t };
};

/** Each row of the table under a heading, as the texts of its cells. */
const htmlTable = (doc: ReturnType<typeof parseDocument>, heading: string) => {
  const block = DomUtils.findOne(
    (e) =>
      e.name === "div" &&
      e.attribs.class === "block" &&
      DomUtils.textContent(DomUtils.findOne((h) => h.name === "h3", e.children) ?? []).trim() === heading,
    doc.children,
  );
  if (!block) return undefined;
  const rows = DomUtils.findAll((e) => e.name === "tr", block.children);
  const bars = DomUtils.findAll((e) => e.attribs.class === "bar-label", block.children);
  return {
    rows: rows.map((tr) =>
      DomUtils.findAll((e: Element) => e.name === "td" || e.name === "th", tr.children).map((c) =>
        DomUtils.textContent(c).trim(),
      ),
    ),
    bars: bars.map((b) => DomUtils.textContent(b).trim()),
  };
};

describe("a matrix question in the Inputs report", () => {
  it("shows one chart and one table per row in the HTML, counted per column and group", () => {
    const { report, t } = compile();
    const doc = parseDocument(new TextDecoder().decode(renderInputsHtml(report, t, views.render)));
    const portfolio = htmlTable(doc, "Usefulness of each tool — Portfolio");
    expect(portfolio?.bars).toEqual(["Very useful", "Useful", "Not useful", "Don't know"]);
    expect(portfolio?.rows).toEqual([
      ["Option", "Mentions", "% of replies", "Governments", "Workers (COSATE)"],
      ["Very useful", "3", "75%", "2", "1"],
      ["Useful", "1", "25%", "1", "0"],
      ["Not useful", "0", "0%", "0", "0"],
      ["Don't know", "0", "0%", "0", "0"],
    ]);
    // Three answered the forum's row: shares are of them, CHL left it blank.
    expect(htmlTable(doc, "Usefulness of each tool — Forum")?.rows.slice(1)).toEqual([
      ["Very useful", "0", "0%", "0", "0"],
      ["Useful", "1", "33%", "1", "0"],
      ["Not useful", "1", "33%", "1", "0"],
      ["Don't know", "1", "33%", "0", "1"],
    ]);
    expect(htmlTable(doc, "Usefulness of each tool — Another tool")?.rows[2]).toEqual([
      "Useful",
      "1",
      "100%",
      "1",
      "0",
    ]);
  });

  it("counts each row per column in the workbook's RIAL sheet, and gives each row a column of All answers", async () => {
    const { report, t } = compile();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderInputsXlsx(report, t)) as unknown as ArrayBuffer);
    const rial = wb.getWorksheet("RIAL");
    const rows: unknown[][] = [];
    rial?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const at = rows.findIndex((r) => r[0] === "Usefulness of each tool — Portfolio");
    expect(at).toBeGreaterThanOrEqual(0);
    expect(rows.slice(at + 1, at + 6).map((r) => r.slice(0, 2).concat(r.slice(3, 5)))).toEqual([
      ["Option", "Mentions", "Governments", "Workers (COSATE)"],
      ["Very useful", 3, 2, 1],
      ["Useful", 1, 1, 0],
      ["Not useful", 0, 0, 0],
      ["Don't know", 0, 0, 0],
    ]);
    const forum = rows.findIndex((r) => r[0] === "Usefulness of each tool — Forum");
    expect(rows.slice(forum + 2, forum + 6).map((r) => r.slice(0, 2))).toEqual([
      ["Very useful", 0],
      ["Useful", 1],
      ["Not useful", 1],
      ["Don't know", 1],
    ]);
    expect(rows.some((r) => r[0] === "Usefulness of each tool — Another tool")).toBe(true);

    const all = wb.getWorksheet("All answers");
    const header = (all?.getRow(1).values as unknown[]).slice(1);
    const column = (title: string) => header.indexOf(title) + 1;
    const arg = all?.getRow(2);
    expect(arg?.getCell(column("Usefulness of each tool — Portfolio")).value).toBe("Very useful");
    expect(arg?.getCell(column("Usefulness of each tool — Forum")).value).toBe("Useful");
    expect(arg?.getCell(column("Usefulness of each tool — Another tool")).value).toBe("Observatory: Useful");
  });

  it("gives each row one CSV column", () => {
    const { report, t } = compile();
    const csv = new TextDecoder().decode(renderInputsCsv(report, t));
    const [head, arg] = csv.replace(/^\uFEFF/, "").split("\r\n");
    expect(head).toContain(
      '"Usefulness of each tool — Portfolio","Usefulness of each tool — Forum","Usefulness of each tool — Another tool"',
    );
    expect(arg).toContain('"Very useful","Useful","Observatory: Useful"');
  });
});
