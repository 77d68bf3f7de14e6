// A verifiable compilation (issue 20, item 5): each issue of the report lists every member compiled with
// its submission and receipt code, and the codes superseded since the previous issue; verifying a code
// says which issues compiled it.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { HtmlValidate, StaticConfigLoader } from "html-validate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReportRecord } from "../../../functions/core/ports.ts";
import { defaultQuestionnairePath, readQuestionnaireFile } from "../../../functions/local/content.ts";
import { generateFormAnswers, seededRng } from "../../../functions/local/demo-answers.ts";
import {
  adminClient,
  answerAsBrowser,
  runDemo,
  type AdminClient,
  type DemoResult,
} from "../../../functions/local/demo.ts";
import { readOutbox, respondentLink } from "../../../functions/local/outbox.ts";
import { signInToConsole } from "../../support/console-session.ts";
import { movableClock, testStack } from "../../support/local-stack.ts";

const clock = movableClock();
let stack: Awaited<ReturnType<typeof testStack>>;
let api: AdminClient;
let demo: DemoResult;

beforeAll(async () => {
  stack = await testStack({ clock });
  api = adminClient(stack);
  demo = await runDemo(stack, () => {});
}, 240_000);
afterAll(() => stack.dispose());

/** The sheet "Códigos de recibo" of an issue, as rows of cell values. */
const receiptSheet = async (report: ReportRecord) => {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(join(stack.paths.blobs, report.files.xlsx));
  const sheet = workbook.getWorksheet("Códigos de recibo");
  expect(sheet).toBeDefined();
  const rows: unknown[][] = [];
  sheet!.eachRow({ includeEmpty: true }, (row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
};

const htmlOf = (report: ReportRecord) => readFileSync(join(stack.paths.blobs, report.files.html), "utf8");

type Verified = { reports: { generatedAt: string; language: string }[] };

describe("the report's annex of receipt codes", () => {
  let first: ReportRecord;
  let second: ReportRecord;
  let resubmitted: string;
  let oldCode: string;
  let newCode: string;

  it("lists every member compiled, with its submission and receipt code: the demo's 23", async () => {
    first = demo.report;
    const latest = await stack.ports.repository.listLatestSubmissions(demo.campaign.id);
    expect(latest).toHaveLength(demo.respondents.length);
    expect(latest).toHaveLength(23);
    const codes = Object.fromEntries(latest.map((v) => [v.memberCode, v.receiptCode]));
    expect(first.receipts).toEqual(codes);

    const rows = await receiptSheet(first);
    expect(rows[0]).toEqual(["Miembro", "Código", "Envío", "Código de recibo"]);
    const listed = rows.slice(1, 24);
    expect(Object.fromEntries(listed.map((r) => [r[1], r[3]]))).toEqual(codes);
    // Each demo member submitted once: its first submission, though drafts came before it.
    expect(listed.map((r) => r[2])).toEqual(Array(23).fill(1));
    expect(rows.flat()).toContain(
      "Esta es la primera edición del informe: ningún código de recibo fue reemplazado.",
    );

    const html = htmlOf(first);
    expect(html).toContain('id="appendix-receipts"');
    for (const code of Object.values(codes)) expect(html).toContain(code);
  });

  it("lists, in the next issue, a re-submitted member's new code and the code it superseded", async () => {
    resubmitted = demo.respondents[0]!;
    oldCode = first.receipts![resubmitted]!;
    const message = readOutbox(stack.paths.outbox).find(
      (m) =>
        m.headers["x-consulta-campaign"] === demo.campaign.id &&
        m.headers["x-consulta-member"] === resubmitted &&
        m.headers["x-consulta-kind"] === "invitation",
    );
    const definition = readQuestionnaireFile(defaultQuestionnairePath);
    const who = { name: "Focal point", email: "focal@example.org" };
    const full = generateFormAnswers(definition, seededRng(77), "es", who, 0.8);
    clock.advance(60_000);
    await answerAsBrowser(respondentLink(message!)!, full, {});
    const versions = await stack.ports.repository.listResponseVersions(demo.campaign.id, resubmitted);
    expect(versions).toHaveLength(2);
    newCode = versions[1]!.receiptCode;

    clock.advance(60_000);
    second = await api<ReportRecord>("POST", `/api/campaigns/${demo.campaign.id}/reports?lang=es`);
    expect(second.receipts![resubmitted]).toBe(newCode);
    const unchanged = Object.keys(first.receipts!).filter((code) => code !== resubmitted);
    for (const code of unchanged) expect(second.receipts![code]).toBe(first.receipts![code]);

    const rows = await receiptSheet(second);
    const compiled = rows.slice(1, 24);
    expect(compiled.find((r) => r[1] === resubmitted)?.slice(2)).toEqual([2, newCode]);
    const title = rows.findIndex((r) => String(r[0]).startsWith("Códigos de recibo reemplazados"));
    expect(title).toBeGreaterThan(24);
    // The superseded table: its header, then the one code the re-submission replaced.
    expect(rows.slice(title + 2).filter((r) => r.length)).toEqual([
      [expect.any(String), resubmitted, undefined, oldCode],
    ]);
    expect(rows.flat().filter((v) => v === oldCode)).toHaveLength(1);

    const html = htmlOf(second);
    expect(html).toContain(newCode);
    expect(html).toContain(oldCode);
    // The annex's tables are as valid as the rest of the page (test/integration/report/inputs-html-valid.test.ts).
    const validator = new HtmlValidate(new StaticConfigLoader({ extends: ["html-validate:recommended"] }));
    const checked = await validator.validateString(html);
    // Save the <title>: the demo campaign's own title makes it longer than the rule's 70 characters.
    const faults = checked.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`));
    expect(faults.filter((f) => !f.startsWith("long-title:"))).toEqual([]);
    expect(htmlOf(first)).not.toContain(newCode);
  });

  it("verifying a code says which issues compiled it", async () => {
    const verify = (code: string) => api<Verified>("GET", `/api/receipts/${code}`);
    // The demo compiled its four language editions at once; the second compile was Spanish only.
    const editions = (reports: Verified["reports"]) =>
      reports.map((r) => `${r.generatedAt} ${r.language}`).sort();
    const firstEditions = ["es", "en", "fr", "pt"].map((l) => `${first.generatedAt} ${l}`).sort();
    expect(editions((await verify(oldCode)).reports)).toEqual(firstEditions);
    expect((await verify(newCode)).reports).toEqual([{ generatedAt: second.generatedAt, language: "es" }]);
    const other = Object.keys(first.receipts!).find((code) => code !== resubmitted)!;
    const both = (await verify(first.receipts![other]!)).reports;
    expect(both[0]).toEqual({ generatedAt: second.generatedAt, language: "es" });
    expect(editions(both.slice(1))).toEqual(firstEditions);

    // The console's verifier lists the same issues.
    const console = await signInToConsole(stack);
    const page = await (await console.get(`/console/receipts?code=${oldCode}`)).text();
    const issues = /<ul id="receipt-issues">([\s\S]*?)<\/ul>/.exec(page)?.[1] ?? "";
    expect(issues.match(/<li>/g)).toHaveLength(4);
  });
});
