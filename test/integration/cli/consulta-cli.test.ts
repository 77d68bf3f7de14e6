import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import qs from "qs";
import { defaultQuestionnairePath, readQuestionnaireFile } from "../../../functions/local/content.ts";
import { generateFormAnswers, seededRng } from "../../../functions/local/demo-answers.ts";
import { adminClient, loadContent } from "../../../functions/local/demo.ts";
import { readOutbox, respondentLink } from "../../../functions/local/outbox.ts";
import { runConsulta } from "../../support/cli.ts";
import { testStack } from "../../support/local-stack.ts";

const FIXTURE = fileURLToPath(new URL("../../fixtures/secretariat-directory-messy.csv", import.meta.url));
let stack: Awaited<ReturnType<typeof testStack>>;
const out = mkdtempSync(join(tmpdir(), "consulta-cli-"));

/** Runs the real command in its own process, against the test stack's admin API. */
const consulta = (...args: string[]) => runConsulta(stack, ...args);

beforeAll(async () => {
  stack = await testStack();
  await loadContent(adminClient(stack));
});
afterAll(() => stack.dispose());

describe("the consulta command", () => {
  let campaignId = "";

  it("explains itself with --help and exits 2 on a wrong command", async () => {
    const help = await consulta("--help");
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("members import FILE");
    const wrong = await consulta("campaing", "list");
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("Unknown command: campaing");
  });

  it("imports the Secretariat's messy spreadsheet, says what it left out, and exits 3", async () => {
    const dry = await consulta("members", "import", FIXTURE, "--dry-run");
    expect(dry.stdout).toContain("Would import 9 contacts for 8 members");
    const run = await consulta("members", "import", FIXTURE);
    expect(run.code).toBe(3);
    expect(run.stdout).toContain("Imported 9 contacts for 8 members (header on row 4).");
    expect(run.stdout).toContain('Row 14: "Narnia" matches no member of the directory; not imported.');
    expect(run.stdout).toContain('Row 15: "ana.rojas@example" is not a valid email address; not imported.');
    expect(run.stdout).toContain("Row 13 repeats row 5");
    expect(run.stdout).toContain("2 rows were not imported");
    const list = JSON.parse((await consulta("members", "list", "--json")).stdout) as {
      code: string;
      contacts: { email: string }[];
    }[];
    expect(list.find((m) => m.code === "ARG")?.contacts.map((c) => c.email)).toEqual([
      "maria.fernandez@example.org",
      "pablo.gomez@example.org",
    ]);
  });

  it("exports the directory to a spreadsheet the import can read back", async () => {
    const file = join(out, "directory.xlsx");
    expect((await consulta("members", "export", file)).code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    expect(workbook.worksheets[0]?.getRow(1).getCell(6).value).toBe("Email");
    const again = await consulta("members", "import", file, "--dry-run", "--json");
    expect(JSON.parse(again.stdout).counts.errors).toBe(0);
  });

  it("creates, lists, sends, reminds, reports on and closes a campaign", async () => {
    const created = await consulta(
      "campaign",
      "create",
      "--questionnaire",
      "iacml-planning",
      "--closes",
      "2099-03-31",
      "--invite",
      "arg,bra",
      "--json",
    );
    expect(created.code).toBe(0);
    campaignId = JSON.parse(created.stdout).id;
    expect((await consulta("campaign", "list")).stdout).toContain(campaignId);
    expect((await consulta("campaign", "send", campaignId)).stdout).toMatch(/Invitations: \d+ new/);
    expect((await consulta("campaign", "send", campaignId)).stdout).toMatch(/Invitations: 0 new, 0 queued/);
    expect((await consulta("campaign", "remind", campaignId)).stdout).toMatch(/Reminders queued: \d+/);
    const status = JSON.parse((await consulta("campaign", "status", campaignId, "--json")).stdout);
    expect(status.members.map((m: { code: string; state: string }) => `${m.code}:${m.state}`)).toEqual([
      "ARG:sent",
      "BRA:sent",
    ]);
    expect((await consulta("campaign", "delivery", campaignId)).stdout).toContain(
      "maria.fernandez@example.org",
    );
  });

  it("compiles the report and downloads its files", async () => {
    const compiled = await consulta("report", "compile", campaignId, "--lang", "en");
    expect(compiled.code).toBe(0);
    const downloaded = await consulta("report", "download", campaignId, "--out", out);
    expect(downloaded.code).toBe(0);
    const files = downloaded.stdout.trim().split("\n");
    // The report's four files: the workbook, the page, the CSV and (issue 21) the PDF edition.
    expect(files.map((f) => f.split(".").pop()).sort()).toEqual(["csv", "html", "pdf", "xlsx"]);
    expect(files.every((f) => existsSync(f))).toBe(true);
    expect(
      readFileSync(files.find((f) => f.endsWith(".xlsx"))!)
        .subarray(0, 2)
        .toString(),
    ).toBe("PK");
    expect(
      readFileSync(files.find((f) => f.endsWith(".pdf"))!)
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
  });

  it("starts a compile without waiting for it (--no-wait) and follows it with job status", async () => {
    const started = await consulta("report", "compile", campaignId, "--no-wait", "--json");
    expect(started.code).toBe(0);
    const { job } = JSON.parse(started.stdout) as { job: { id: string; kind: string; status: string } };
    expect(job).toMatchObject({ kind: "compile", status: "queued" });
    const status = async () =>
      (JSON.parse((await consulta("job", "status", job.id, "--json")).stdout) as { status: string }).status;
    await expect.poll(status, { timeout: 30_000, interval: 200 }).toBe("done");
    // No --lang: the four languages, one report each.
    expect((await consulta("job", "status", job.id)).stdout).toMatch(/: done, 4 of 4 done/);
  });

  it("closes the campaign, after which sending is refused in plain words with exit code 1", async () => {
    expect((await consulta("campaign", "close", campaignId)).code).toBe(0);
    const refused = await consulta("campaign", "send", campaignId);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("Error: The campaign is closed");
  });

  it("lists a member's contributors and verifies receipt codes", async () => {
    const created = JSON.parse(
      (
        await consulta(
          "campaign",
          "create",
          "--questionnaire",
          "iacml-planning",
          "--closes",
          "2099-01-31",
          "--invite",
          "URY",
          "--json",
        )
      ).stdout,
    );
    await consulta("campaign", "send", created.id);
    const invitation = readOutbox(stack.paths.outbox).find(
      (m) => m.headers["x-consulta-campaign"] === created.id,
    )!;
    const link = respondentLink(invitation)!;
    const definition = readQuestionnaireFile(defaultQuestionnairePath);
    const fields = generateFormAnswers(definition, seededRng(7), "es", {
      name: "Ana",
      email: "ana@example.org",
    });
    const post = (body: Record<string, unknown>) =>
      fetch(link, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: qs.stringify(body),
      });
    await post({
      action: "invite-contributor",
      baseVersion: "0",
      contributor: { name: "Luis", email: "luis@example.org", sections: ["rial"] },
    });
    expect((await post({ ...fields, action: "submit", baseVersion: "0" })).status).toBe(303);

    const contributors = await consulta("member", "contributors", created.id, "URY");
    expect(contributors.stdout).toContain("Luis <luis@example.org>");
    expect(contributors.stdout).toContain("sections: rial");

    const [version] = await stack.ports.repository.listResponseVersions(created.id, "URY");
    const valid = await consulta("receipt", "verify", version!.receiptCode);
    expect(valid.code).toBe(0);
    expect(valid.stdout).toContain("Valid: URY, version 1");
    // No report issue has compiled it yet: the annex of each issue is what would list it.
    expect(valid.stdout).toContain("Not compiled in any report issue yet.");
    const unknown = await consulta("receipt", "verify", "0000-0000-0000");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("No submission has the receipt code 0000-0000-0000");
  });

  it("sets a campaign up as the console does: 17:00 in São Paulo, a 10/3/1 plan for governments, governments only; counts before acting; extends", async () => {
    const created = await consulta(
      "campaign",
      "create",
      "--questionnaire",
      "iacml-planning",
      "--closes",
      "2099-03-31 17:00",
      "--time-zone",
      "America/Sao_Paulo",
      "--reminders",
      "10,3,1",
      "--reminders-to",
      "government",
      "--groups",
      "government",
      "--json",
    );
    expect(created.code).toBe(0);
    const campaign = JSON.parse(created.stdout);
    expect(campaign).toMatchObject({
      closesAt: "2099-03-31T20:00:00.000Z",
      timeZone: "America/Sao_Paulo",
      reminderPlan: [
        { days: 10, groups: ["government"] },
        { days: 3, groups: ["government"] },
        { days: 1, groups: ["government"] },
      ],
    });
    expect(campaign.invited).not.toContain("COSATE");

    const effect = await consulta("campaign", "send", campaign.id, "--dry-run", "--json");
    expect(JSON.parse(effect.stdout).counts).toMatchObject({
      invitations: expect.any(Number),
      members: campaign.invited.length,
    });
    expect((await consulta("campaign", "send", campaign.id, "--dry-run")).stdout).toMatch(
      /^Would send \d+ invitations to \d+ members/,
    );
    expect((await adminClient(stack)("GET", `/api/campaigns/${campaign.id}/invitations`)) as object).toEqual({
      invitations: [],
    });

    const extended = await consulta(
      "campaign",
      "extend",
      campaign.id,
      "--closes",
      "2099-04-07 17:00",
      "--json",
    );
    expect(extended.code).toBe(0);
    expect(JSON.parse(extended.stdout)).toMatchObject({
      closesAt: "2099-04-07T20:00:00.000Z",
      previous: "2099-03-31T20:00:00.000Z",
    });
    const earlier = await consulta("campaign", "extend", campaign.id, "--closes", "2099-04-01");
    expect(earlier.code).toBe(1);
    expect(earlier.stderr).toContain("The new closing time must be later than the current one");
  });

  it("says which date it needs instead of failing later", async () => {
    const bad = await consulta(
      "campaign",
      "create",
      "--questionnaire",
      "iacml-planning",
      "--closes",
      "31/03/2027",
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--closes must be a date like 2027-03-31, not "31/03/2027"');
  });
});
