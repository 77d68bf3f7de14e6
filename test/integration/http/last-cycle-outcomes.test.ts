// Over HTTP on the local stack: the next cycle's form shows, beside each question a member answered last
// time, what became of its requests under last cycle's adopted Work Plan; another member sees none of it.
import { HtmlValidate, StaticConfigLoader } from "html-validate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Campaign } from "../../../functions/core/campaign.ts";
import { findInputRoles, inputsOf } from "../../../functions/core/work-plan/evidence.ts";
import { nextDraft } from "../../../functions/core/work-plan/plan-changes.ts";
import { adminClient, loadContent, type AdminClient } from "../../../functions/local/demo.ts";
import { readOutbox, respondentLink } from "../../../functions/local/outbox.ts";
import { testStack } from "../../support/local-stack.ts";
import { demoInputs } from "../../unit/core/work-plan/demo.ts";
import { SEED_ACTIVITIES, seedPlan } from "../../unit/core/work-plan/seed-plan.ts";

const inputs = demoInputs();
const roles = findInputRoles(inputs.questionnaire);
let stack: Awaited<ReturnType<typeof testStack>>;
let api: AdminClient;
let earlier: Campaign;
let current: Campaign;
const links = new Map<string, string>();

// The member whose proposal activity 1 cites, one whose proposals no activity cites, one who did not answer.
const template = seedPlan("any");
const citing = template.activities[0]!.evidence[0]!;
const cited = citing.memberCode;
const citedCodes = new Set(template.activities.flatMap((a) => a.evidence.map((e) => e.memberCode)));
const uncited = inputs.submissions.find(
  (s) =>
    !citedCodes.has(s.memberCode) && inputsOf(s, roles).some((i) => i.evidence.role === "activity-proposal"),
)!.memberCode;
const silent = inputs.members.find((m) => m.code !== cited && m.code !== uncited)!.code;
const proposals = roles.proposals!.question.id;
const TITLE = SEED_ACTIVITIES[0]!.title;

const create = (extra: object) =>
  api<Campaign>("POST", "/api/campaigns", {
    questionnaireId: inputs.questionnaire.id,
    opensAt: new Date(Date.now() - 864e5).toISOString(),
    closesAt: new Date(Date.now() + 10 * 864e5).toISOString(),
    invite: [cited, uncited, silent],
    ...extra,
  });

beforeAll(async () => {
  stack = await testStack();
  api = adminClient(stack);
  await loadContent(api);
  // Last cycle: two members' submissions, and the plan the meeting adopted over them, amended since.
  earlier = await create({});
  const { repository } = stack.ports;
  for (const s of inputs.submissions.filter((x) => x.memberCode === cited || x.memberCode === uncited))
    await repository.putResponseVersion({ ...s, campaignId: earlier.id });
  const adopted = seedPlan(earlier.id);
  if (!(await repository.putWorkPlan(adopted, 0))) throw new Error("the plan was not stored");
  const amending = nextDraft(adopted, { by: "secretariat@example.org", at: new Date().toISOString() });
  if (!(await repository.putWorkPlan(amending, 0))) throw new Error("the draft was not stored");
  // This cycle, looking back to it.
  current = await create({ prefillFrom: earlier.id });
  await api("POST", `/api/campaigns/${current.id}/send`);
  for (const code of [cited, uncited, silent]) {
    const message = readOutbox(stack.paths.outbox).find(
      (m) =>
        m.headers["x-consulta-campaign"] === current.id &&
        m.headers["x-consulta-member"] === code &&
        m.headers["x-consulta-contact"] === "focal-point",
    );
    links.set(code, respondentLink(message!)!);
  }
}, 120_000);
afterAll(() => stack.dispose());

const form = async (code: string, lang: string) => {
  const url = new URL(links.get(code)!);
  url.searchParams.set("lang", lang);
  const reply = await fetch(url, { headers: { accept: "text/html" } });
  expect(reply.status).toBe(200);
  return (await reply.text()).replace(/\s+/g, " ");
};

/** The note beside one question, as the page shows it (markup kept: a title in another language is marked so). */
const noteAt = (page: string, questionId: string) =>
  new RegExp(`<p class="hint last-cycle" id="q-${questionId}-last-cycle">(.*?)</p>`).exec(page)?.[1];

describe("last cycle's outcomes on the next cycle's form", () => {
  it("shows the member, beside the question it proposed in, the activity its proposal became part of", async () => {
    const page = await form(cited, "en");
    const note = noteAt(page, citing.questionId);
    expect(note).toMatch(/^Last cycle/);
    expect(note).toContain(`part of activity 1 “<span lang="es">${TITLE}</span>”`);
    // In the member's language; the title as written, in Spanish, marked only where the page is not.
    expect(noteAt(await form(cited, "fr"), citing.questionId)).toContain(
      `fait partie de l’activité 1 « <span lang="es">${TITLE}</span> »`,
    );
    expect(noteAt(await form(cited, "es"), citing.questionId)).toContain(
      `parte de la actividad 1 «${TITLE}»`,
    );
    const validator = new HtmlValidate(new StaticConfigLoader({ extends: ["html-validate:recommended"] }));
    const report = await validator.validateString(`<p class="hint">${note}</p>`);
    expect(report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`))).toEqual([]);
  });

  it("tells another member its own proposals were not retained, and nothing of the first one's", async () => {
    const page = await form(uncited, "es");
    expect(noteAt(page, proposals)).toContain("no retenido en el Plan de Trabajo");
    expect(page).not.toContain("parte de la actividad 1");
  });

  it("shows a member who did not answer last time no note at all", async () => {
    const page = await form(silent, "en");
    expect(page).not.toContain("last-cycle");
    expect(page).not.toContain(TITLE);
  });
});
