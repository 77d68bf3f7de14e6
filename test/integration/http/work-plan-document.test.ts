// Over HTTP on the local stack: the console exports the adopted Work Plan, and each member's link shows what became of its inputs.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { HtmlValidate, StaticConfigLoader } from "html-validate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Campaign } from "../../../functions/core/campaign.ts";
import { formatMoney } from "../../../functions/core/format.ts";
import { findInputRoles, inputsOf } from "../../../functions/core/work-plan/evidence.ts";
import { adminClient, loadContent, type AdminClient } from "../../../functions/local/demo.ts";
import { readOutbox, respondentLink } from "../../../functions/local/outbox.ts";
import { signInToConsole, type ConsoleSession } from "../../support/console-session.ts";
import { testStack } from "../../support/local-stack.ts";
import { demoInputs } from "../../unit/core/work-plan/demo.ts";
import { SEED_ACTIVITIES, seedPlan } from "../../unit/core/work-plan/seed-plan.ts";

const inputs = demoInputs();
const roles = findInputRoles(inputs.questionnaire);
let stack: Awaited<ReturnType<typeof testStack>>;
let api: AdminClient;
let secretariat: ConsoleSession;
let campaign: Campaign;
const links = new Map<string, string>();

// The member whose proposal activity 1 cites, and one with a proposal no activity cites.
const template = seedPlan("any");
const cited = template.activities[0]!.evidence[0]!.memberCode;
const citedCodes = new Set(template.activities.flatMap((a) => a.evidence.map((e) => e.memberCode)));
const uncited = inputs.submissions.find(
  (s) =>
    !citedCodes.has(s.memberCode) && inputsOf(s, roles).some((i) => i.evidence.role === "activity-proposal"),
)!.memberCode;
const wordsOf = (code: string) =>
  inputs.submissions
    .filter((s) => s.memberCode === code)
    .flatMap((s) => inputsOf(s, roles))
    .filter((i) => i.evidence.role === "activity-proposal")
    .flatMap((i) => i.words.map((w) => w.text));

beforeAll(async () => {
  stack = await testStack();
  api = adminClient(stack);
  await loadContent(api);
  secretariat = await signInToConsole(stack);
  const now = Date.now();
  campaign = await api<Campaign>("POST", "/api/campaigns", {
    questionnaireId: inputs.questionnaire.id,
    opensAt: new Date(now - 864e5).toISOString(),
    closesAt: new Date(now + 10 * 864e5).toISOString(),
    invite: [cited, uncited],
  });
  await api("POST", `/api/campaigns/${campaign.id}/send`);
  for (const code of [cited, uncited]) {
    const message = readOutbox(stack.paths.outbox).find(
      (m) =>
        m.headers["x-consulta-campaign"] === campaign.id &&
        m.headers["x-consulta-member"] === code &&
        m.headers["x-consulta-contact"] === "focal-point",
    );
    links.set(code, respondentLink(message!)!);
  }
  // Their submissions, as the demo's, then the plan the meeting adopted over them.
  const { repository } = stack.ports;
  for (const s of inputs.submissions.filter((x) => x.memberCode === cited || x.memberCode === uncited))
    await repository.putResponseVersion({ ...s, campaignId: campaign.id });
  if (!(await repository.putWorkPlan(seedPlan(campaign.id), 0))) throw new Error("the plan was not stored");
}, 120_000);
afterAll(() => stack.dispose());

/** The member's link in a language the page offers (the member's own unless asked). */
const form = async (code: string, lang: string) => {
  const url = new URL(links.get(code)!);
  url.searchParams.set("lang", lang);
  return (await fetch(url, { headers: { accept: "text/html" } })).text();
};

describe("what became of each member's inputs, on its link", () => {
  it("tells the member whose proposal became part of activity 1, in its language", async () => {
    const page = await form(cited, "fr");
    expect(page).toContain('<h2 id="work-plan-outcomes-title">Ce que sont devenues vos contributions</h2>');
    expect(page).toContain(`Fait partie de l’activité 1 : ${SEED_ACTIVITIES[0]!.title}`);
    const section = /<section id="work-plan-outcomes"[\s\S]*?<\/section>/.exec(page)?.[0] ?? "";
    const validator = new HtmlValidate(new StaticConfigLoader({ extends: ["html-validate:recommended"] }));
    const report = await validator.validateString(section);
    expect(report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`))).toEqual([]);
  });

  it("tells the other its proposal was not retained, and shows neither the other's words", async () => {
    const page = await form(uncited, "es");
    expect(page).toContain("Qué pasó con sus aportes");
    expect(page).toContain("No retenido en este Plan de Trabajo");
    expect(page).not.toContain("Forma parte de la actividad");
    const theirs = wordsOf(cited).filter((w) => !wordsOf(uncited).includes(w));
    expect(theirs.length).toBeGreaterThan(0);
    for (const w of theirs) expect(page).not.toContain(w.slice(0, 30));
  });
});

describe("the console's Work Plan document", () => {
  const path = (query: string) => `/console/campaigns/${campaign.id}/work-plan/document?${query}`;

  it("downloads the Word file in Spanish and English, which LibreOffice opens: totals are the lines' sums, the annex cites receipts", async () => {
    const dir = mkdtempSync(join(tmpdir(), "consulta-plan-"));
    try {
      const files: string[] = [];
      for (const lang of ["es", "en"] as const) {
        const res = await secretariat.get(path(`lang=${lang}&format=docx`));
        expect(res.status).toBe(200);
        expect(res.headers.get("content-type")).toBe(
          "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        );
        expect(res.headers.get("content-disposition")).toMatch(
          new RegExp(`attachment; filename="[a-z-]+-.*-1-${lang}\\.docx"`),
        );
        const file = join(dir, `plan-${lang}.docx`);
        writeFileSync(file, Buffer.from(await res.arrayBuffer()));
        files.push(file);
      }
      await promisify(execFile)(
        "/usr/bin/soffice",
        [
          `-env:UserInstallation=${pathToFileURL(join(dir, "profile")).href}`,
          "--headless",
          "--norestore",
          "--convert-to",
          "txt:Text (encoded):UTF8",
          "--outdir",
          dir,
          ...files,
        ],
        { timeout: 180_000 },
      );
      // What each source's column must total: the activities' own lines, added here independently.
      const plan = (await stack.ports.repository.getWorkPlan(campaign.id))!;
      const lines = plan.activities.flatMap((a) => a.funding);
      const sum = (source: string) =>
        lines.filter((l) => l.source === source && l.money).reduce((n, l) => n + (l.money?.amount ?? 0), 0);
      const cited = plan.activities.flatMap((a) => a.evidence.map((e) => e.receiptCode));
      expect(cited.length).toBeGreaterThan(0);
      for (const lang of ["es", "en"] as const) {
        const text = readFileSync(join(dir, `plan-${lang}.txt`), "utf8").replace(/[\s\u00a0\u202f]+/g, " ");
        for (const total of [sum("rial-fund"), sum("project"), sum("rial-fund") + sum("project")])
          expect(text).toContain(formatMoney(total, "USD", lang).replace(/[\s\u00a0\u202f]+/g, " "));
        for (const code of cited) expect(text).toContain(code);
      }
      const audit = await stack.ports.repository.listAudit(campaign.id);
      expect(audit.filter((e) => e.action === "work-plan-exported")).toHaveLength(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);

  it("downloads the HTML page in Portuguese, with Cuadro No. 1's totals in its money format", async () => {
    const res = await secretariat.get(path("lang=pt&format=html"));
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('<html lang="pt">');
    expect(page).toContain("Quadro n.º 1");
    expect(page).toContain(formatMoney(104000, "USD", "pt"));
    expect(page).toContain(formatMoney(133000, "USD", "pt"));
  });

  it("refuses a language or format it does not have", async () => {
    expect((await secretariat.get(path("lang=de&format=docx"))).status).toBe(400);
    expect((await secretariat.get(path("lang=en&format=pdf"))).status).toBe(400);
    const missing = await secretariat.get(`/console/campaigns/nope/work-plan/document?lang=en`);
    expect(missing.status).toBe(404);
  });
});
