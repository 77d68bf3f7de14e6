// The Work Plan page over plain HTTP, in Spanish from Spanish strings alone: a candidate edited before it is
// accepted, one discarded, mistakes named beside their fields (400), stale and adopted plans refused (409).
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHandlebarsViews } from "../../../functions/adapters/handlebars-views.ts";
import type { Campaign } from "../../../functions/core/campaign.ts";
import type { GroupItem } from "../../../functions/core/questionnaire/answers.ts";
import { answerKey } from "../../../functions/core/work-plan/evidence.ts";
import { receiptCode } from "../../../functions/core/receipts.ts";
import { adminClient, loadContent } from "../../../functions/local/demo.ts";
import { signInToConsole, type ConsoleSession } from "../../support/console-session.ts";
import { testStack } from "../../support/local-stack.ts";
import { keepDemoAnswers } from "../../support/submissions.ts";

const TEMPLATES = new URL("../../../templates", import.meta.url).pathname;

let stack: Awaited<ReturnType<typeof testStack>>;
let strings: string;
let console_: ConsoleSession;
let campaign: Campaign;
let path: string;

const decoded = (html: string) =>
  html.replaceAll("&#x3D;", "=").replaceAll("&amp;", "&").replaceAll("&quot;", '"').replaceAll("&#x27;", "'");
const page = async () => decoded(await (await console_.get(path)).text());
const revOf = (html: string) => /name="rev" value="(\d+)"/.exec(html)?.[1] ?? "";

beforeAll(async () => {
  // English taken away: a string missing in Spanish throws instead of falling back.
  strings = mkdtempSync(join(tmpdir(), "consulta-strings-"));
  cpSync(TEMPLATES, strings, { recursive: true });
  rmSync(join(strings, "i18n", "en"), { recursive: true });
  stack = await testStack({ views: createHandlebarsViews(strings) });
  await loadContent(adminClient(stack));
  campaign = await adminClient(stack)<Campaign>("POST", "/api/campaigns", {
    questionnaireId: "iacml-planning",
    closesAt: new Date(Date.now() + 20 * 864e5).toISOString(),
  });
  // Every member of the shipped directory answered, with the receipt codes their answers hash to.
  await keepDemoAnswers(stack, campaign.id);
  console_ = await signInToConsole(stack, "secretariat@example.org", "es");
  path = `/console/campaigns/${campaign.id}/work-plan`;
}, 120_000);
afterAll(async () => {
  await stack?.dispose();
  rmSync(strings, { recursive: true, force: true });
});

describe("the Work Plan page", () => {
  it("accepts a candidate as the Secretariat retitled it, and discards another", async () => {
    expect((await console_.post(path, { action: "create" })).status).toBe(303);
    const html = await page();
    expect(html).toContain("Plan de Trabajo");
    const ids = [...html.matchAll(/name="pick\[\]" value="([^"]+)"/g)].map((m) => m[1]!);
    expect(ids.length).toBeGreaterThan(10);
    const [first, second] = ids as [string, string];
    const accepted = await console_.post(path, {
      action: "candidates",
      rev: revOf(html),
      accept: first,
      [`candidateTitle[${first}]`]: "Taller sobre el futuro del trabajo",
      [`kind[${first}]`]: "rial-workshop",
    });
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get("location")).toBe(`${path}#a1`);
    const after = await page();
    expect(after).toContain("1. Taller sobre el futuro del trabajo");
    expect(after).toContain("Taller de la RIAL");
    expect(after).not.toContain(`name="pick[]" value="${first}"`);
    await console_.post(path, { action: "candidates", rev: revOf(after), discard: second });
    const plan = await stack.ports.repository.getWorkPlan(campaign.id);
    expect(plan?.discardedCandidates).toEqual([second]);
    expect(plan?.activities[0]?.evidence.length).toBeGreaterThan(0);
    expect(await page()).not.toContain(`name="pick[]" value="${second}"`);
  });

  it("moves an activity up and unlinks a member's inputs from it, each logged", async () => {
    const html = await page();
    const next = /name="pick\[\]" value="([^"]+)"/.exec(html)![1]!;
    await console_.post(path, { action: "candidates", rev: revOf(html), accept: next });
    let plan = (await stack.ports.repository.getWorkPlan(campaign.id))!;
    expect(plan.activities.map((a) => a.id)).toEqual(["a1", "a2"]);
    const moved = await console_.post(path, {
      action: "move-activity",
      rev: String(plan.rev),
      activityId: "a2",
      position: "0",
    });
    expect(moved.headers.get("location")).toBe(`${path}#a2`);
    const shown = await page();
    expect(shown).toMatch(/1\. [^<]+<\/h3>[\s\S]*2\. Taller sobre el futuro del trabajo/);
    plan = (await stack.ports.repository.getWorkPlan(campaign.id))!;
    const a1 = plan.activities.find((a) => a.id === "a1")!;
    const member = a1.evidence[0]!.memberCode;
    await console_.post(path, {
      action: "unlink-evidence",
      rev: String(plan.rev),
      activityId: "a1",
      memberCode: member,
    });
    plan = (await stack.ports.repository.getWorkPlan(campaign.id))!;
    const after = plan.activities.find((a) => a.id === "a1")!;
    expect(after.evidence.length).toBeGreaterThan(0);
    expect(after.evidence.some((e) => e.memberCode === member)).toBe(false);
    expect(plan.changes.slice(-2).map((c) => c.action)).toEqual(["activity-moved", "evidence-unlinked"]);
    expect(await page()).toContain("desvinculó insumos");
  });

  it("names a mistake beside its field in Spanish, shows what was typed, and writes nothing", async () => {
    const before = await stack.ports.repository.getWorkPlan(campaign.id);
    const refused = await console_.post(path, {
      action: "activity",
      rev: String(before!.rev),
      activityId: "",
      "activity[kind]": "study",
      "activity[title]": "Estudio sobre inspección laboral",
      "activity[hosts]": "ARG ATLANTIS",
      "activity[funding][0][source]": "project",
      "activity[funding][0][amount]": "14000",
      "activity[funding][0][currency]": "USD",
    });
    expect(refused.status).toBe(400);
    const html = decoded(await refused.text());
    expect(html).toContain("Algunos campos necesitan atención; no se guardó nada.");
    expect(html).toMatch(/id="activity-new-hosts-error">Ningún miembro del directorio tiene este código\./);
    expect(html).toMatch(
      /Este campo es obligatorio\.<\/p>\s*<input type="text" id="activity-new-funding-0-project"/,
    );
    expect(html).toContain('value="Estudio sobre inspección laboral"');
    expect(html).toContain('value="ARG ATLANTIS"');
    expect((await stack.ports.repository.getWorkPlan(campaign.id))?.rev).toBe(before!.rev);
  });

  it("keeps a request no activity takes up under consideration, for its member's link to say so", async () => {
    const html = await page();
    const key = /name="key" value="([^"]+)"/.exec(html)![1]!;
    expect(html).toContain("no retenido");
    await console_.post(path, { action: "pending", rev: revOf(html), key, pending: "yes" });
    expect((await stack.ports.repository.getWorkPlan(campaign.id))?.pending).toEqual([key]);
    expect(await page()).toContain("en consideración");
  });

  it("lists again a proposal whose member changed its words after an activity cited them, as the member's page says", async () => {
    const html = await page();
    const proposal = /name="pick\[\]" value="(proposals:[^"]+)"/.exec(html)![1]!;
    await console_.post(path, { action: "candidates", rev: revOf(html), accept: proposal });
    const plan = (await stack.ports.repository.getWorkPlan(campaign.id))!;
    const link = plan.activities
      .flatMap((a) => a.evidence)
      .find((e) => e.role === "activity-proposal" && e.entry !== undefined)!;
    const key = answerKey(link);
    const listed = async () => [...(await page()).matchAll(/name="key" value="([^"]+)"/g)].map((m) => m[1]);
    expect(await listed()).not.toContain(key);
    // The member sends its answer again with that proposal reworded: the plan's link is to the old words.
    const before = (await stack.ports.repository.listResponseVersions(campaign.id, link.memberCode)).at(-1)!;
    expect(before.version).toBe(link.version);
    const proposals = structuredClone(before.answers["activity-proposals"]) as GroupItem[];
    proposals[link.entry! - 1]!.title = "Otra propuesta, con otras palabras";
    const { receiptCode: _old, ...content } = {
      ...before,
      version: before.version + 1,
      answers: { ...before.answers, "activity-proposals": proposals },
      submittedAt: new Date().toISOString(),
    };
    await stack.ports.repository.putResponseVersion({ ...content, receiptCode: receiptCode(content) });
    expect(await listed()).toContain(key);
  });

  it("refuses a change made on an older page, then any change once adopted; a new draft amends it", async () => {
    const html = await page();
    const old = revOf(html);
    await console_.post(path, { action: "sections", rev: old, initiatives: "Programa de la OIT" });
    const stale = await console_.post(path, { action: "sections", rev: old, initiatives: "Otra iniciativa" });
    expect(stale.status).toBe(409);
    const body = decoded(await stale.text());
    expect(body).toContain("Otra persona cambió el Plan de Trabajo mientras tanto");
    expect(body).toContain(">Otra iniciativa</textarea>");
    expect((await stack.ports.repository.getWorkPlan(campaign.id))?.supportingInitiatives).toHaveLength(1);

    const current = await stack.ports.repository.getWorkPlan(campaign.id);
    expect((await console_.post(path, { action: "adopt", rev: String(current!.rev) })).status).toBe(303);
    const late = await console_.post(path, {
      action: "sections",
      rev: String(current!.rev + 1),
      initiatives: "x",
    });
    expect(late.status).toBe(409);
    expect(decoded(await late.text())).toContain("La edición 1 está adoptada y ya no cambia");

    expect((await console_.post(path, { action: "next-draft" })).status).toBe(303);
    const amended = await page();
    expect(amended).toContain("Edición 2");
    expect(amended).toContain("a partir de la edición 1");
    expect(amended).toContain("2. Taller sobre el futuro del trabajo");
    expect(decoded(await (await console_.get(`${path}?edition=1`)).text())).toContain("adoptado por");
    expect((await console_.get(`${path}?edition=9`)).status).toBe(404);
  });

  it.each([
    ["fr", "Plan de travail", "Tableau n° 1 : budget par source de financement"],
    ["pt", "Plano de Trabalho", "Quadro n.º 1: orçamento por fonte de financiamento"],
  ])("renders in %s from that language's strings alone", async (lang, title, budget) => {
    const session = await signInToConsole(stack, "secretariat@example.org", lang);
    const res = await session.get(path);
    expect(res.status).toBe(200);
    const html = decoded(await res.text());
    expect(html).toContain(`<html lang="${lang}">`);
    expect(html).toContain(title);
    expect(html).toContain(budget);
  });

  it("links to the document in each language, as Word and as HTML", async () => {
    const html = await page();
    for (const lang of ["es", "en", "fr", "pt"])
      for (const format of ["docx", "html"])
        expect(html).toContain(`href="${path}/document?lang=${lang}&format=${format}"`);
  });
});
