// Prefill from the last cycle, on the in-memory stores: a campaign created to prefill from an earlier
// one starts each member's draft, when it is first invited, with its latest submission to that one for
// the questions that did not change; the member confirms or edits each; the report never counts a
// carried-over answer the member did not confirm.
import { describe, expect, it } from "vitest";
import { CampaignInput, openCampaign, type Campaign } from "../../../functions/core/campaign.ts";
import { campaignStatus } from "../../../functions/core/campaign-status.ts";
import { hashToken } from "../../../functions/core/invitations.ts";
import { countedAnswers, CARRIED_OVER_AUTHOR, unconfirmedCarried } from "../../../functions/core/prefill.ts";
import { buildInputsReport } from "../../../functions/core/report/inputs-report.ts";
import { saveResponse } from "../../../functions/core/respond.ts";
import { CarriedOver, type ResponseVersion } from "../../../functions/core/responses.ts";
import { sendInvitations } from "../../../functions/core/send-invitations.ts";
import { translationsToReview } from "../../../functions/core/translation/review.ts";
import { items, member, question, questionnaire, submission, text } from "../../support/factories.ts";
import { fakePorts } from "../../support/fake-ports.ts";

const questions = [
  question("tools", "single-choice", { options: items("webinar", "study") }),
  question("budget", "number", { min: 0, max: 100 }),
  question("comments", "long-text"),
];
const lastCycle = questionnaire(questions, { version: 1 });
// The next cycle's copy: "budget" now has other limits, so its answer no longer means the same.
const thisCycle = questionnaire(
  [questions[0]!, question("budget", "number", { min: 0, max: 1000 }), questions[2]!],
  { version: 2 },
);
const TOKEN = "A".repeat(43);

const earlierSubmission = (memberCode: string, version: number, answers: Record<string, unknown>) => ({
  ...submission(memberCode, answers, version),
  campaignId: "earlier",
  submittedAt: `2025-0${version}-15T12:00:00.000Z`,
});

/** Last cycle closed with ARG's two submissions (the second counts) and nothing from BRA. */
const lastCycleClosed = async () => {
  const ports = fakePorts("2026-03-01T12:00:00.000Z");
  await ports.repository.putMembers([member("ARG"), member("BRA")]);
  await ports.repository.putQuestionnaire(lastCycle);
  await ports.repository.putQuestionnaire(thisCycle);
  const earlier: Campaign = {
    id: "earlier",
    questionnaireId: lastCycle.id,
    questionnaireVersion: 1,
    title: text("Planning 2025"),
    opensAt: "2025-01-01T00:00:00.000Z",
    closesAt: "2025-06-01T00:00:00.000Z",
    timeZone: "America/New_York",
    invited: ["ARG", "BRA"],
    secretariat: { name: "Secretariat", email: "secretariat@example.org" },
    status: "closed",
    createdAt: "2025-01-01T00:00:00.000Z",
  };
  await ports.repository.createCampaign(earlier);
  await ports.repository.putResponseVersion(
    earlierSubmission("ARG", 1, { tools: "webinar", budget: 10, comments: "Primera versión" }),
  );
  await ports.repository.putResponseVersion(
    earlierSubmission("ARG", 3, { tools: "study", budget: 80, comments: "Seguir con la RIAL" }),
  );
  return ports;
};

const openThisCycle = async (ports: Awaited<ReturnType<typeof lastCycleClosed>>, prefillFrom?: string) =>
  openCampaign(
    ports,
    CampaignInput.parse({
      questionnaireId: thisCycle.id,
      closesAt: "2026-04-30T21:00:00.000Z",
      ...(prefillFrom ? { prefillFrom } : {}),
    }),
  );

/** ARG's focal point's link, as the worker would have issued it. */
const argLink = async (ports: Awaited<ReturnType<typeof lastCycleClosed>>, campaignId: string) => {
  await ports.repository.putToken({
    tokenHash: hashToken(TOKEN),
    campaignId,
    memberCode: "ARG",
    contactId: "focal-point",
    status: "active",
    issuedAt: "2026-03-01T12:00:00.000Z",
  });
  return TOKEN;
};

describe("creating a campaign that prefills from an earlier one", () => {
  it("records the earlier campaign, and refuses one that does not exist", async () => {
    const ports = await lastCycleClosed();
    expect((await openThisCycle(ports, "earlier")).prefillFrom).toBe("earlier");
    expect((await openThisCycle(ports)).prefillFrom).toBeUndefined();
    await expect(openThisCycle(ports, "nope")).rejects.toMatchObject({
      status: 400,
      code: "prefill_campaign_not_found",
    });
  });
});

describe("sending it", () => {
  it("prefills each member's draft with its latest submission, for the questions that did not change, marked", async () => {
    const ports = await lastCycleClosed();
    const created = await openThisCycle(ports, "earlier");
    const sent = await sendInvitations(ports, created.id);
    expect(sent).toMatchObject({ created: 2, prefilled: 1 });
    const draft = await ports.repository.getResponse(created.id, "ARG");
    expect(draft).toMatchObject({
      status: "draft",
      version: 1,
      answers: { tools: "study", comments: "Seguir con la RIAL" },
      updatedBy: { contactId: CARRIED_OVER_AUTHOR },
    });
    expect(draft?.answers).not.toHaveProperty("budget");
    // The mark is the schema's: which questions, from which campaign and submission.
    expect(CarriedOver.parse(draft?.carriedOver)).toEqual({
      campaignId: "earlier",
      campaignTitle: text("Planning 2025"),
      version: 3,
      submittedAt: "2025-03-15T12:00:00.000Z",
      questionnaireVersion: 1,
      questions: ["tools", "comments"],
      confirmed: [],
    });
    // BRA submitted nothing last cycle: no draft.
    expect(await ports.repository.getResponse(created.id, "BRA")).toBeUndefined();
  });

  it("prefills nobody twice, nor over an answer of this cycle, however often it is sent", async () => {
    const ports = await lastCycleClosed();
    const created = await openThisCycle(ports, "earlier");
    await sendInvitations(ports, created.id);
    const token = await argLink(ports, created.id);
    await saveResponse(ports, token, { action: "draft", answers: { tools: "webinar" }, baseVersion: 1 });
    // A new contact for ARG: its invitation is new, the member's draft is not.
    await ports.repository.putMembers([
      member("ARG", {
        contacts: [
          ...member("ARG").contacts,
          { id: "minister", name: "Minister", email: "m@example.org", role: "alternate", revoked: false },
        ],
      }),
      member("BRA"),
    ]);
    const again = await sendInvitations(ports, created.id);
    expect(again.created).toBe(1);
    expect(again.prefilled ?? 0).toBe(0);
    expect((await ports.repository.getResponse(created.id, "ARG"))?.answers).toEqual({ tools: "webinar" });
  });

  it("leaves a campaign without prefill as it was: no draft, no count", async () => {
    const ports = await lastCycleClosed();
    const created = await openThisCycle(ports);
    const sent = await sendInvitations(ports, created.id);
    expect(sent).not.toHaveProperty("prefilled");
    expect(await ports.repository.getResponse(created.id, "ARG")).toBeUndefined();
  });

  it("does not count a draft nobody touched as the member's own in the campaign's status", async () => {
    const ports = await lastCycleClosed();
    const created = await openThisCycle(ports, "earlier");
    await sendInvitations(ports, created.id);
    const status = await campaignStatus(ports, created.id);
    expect(status.members.find((m) => m.code === "ARG")?.state).not.toBe("draft");
    const token = await argLink(ports, created.id);
    await saveResponse(ports, token, { action: "draft", answers: {}, baseVersion: 1, confirm: ["tools"] });
    const after = await campaignStatus(ports, created.id);
    expect(after.members.find((m) => m.code === "ARG")?.state).toBe("draft");
  });
});

describe("confirming carried-over answers", () => {
  const prefilled = async () => {
    const ports = await lastCycleClosed();
    const created = await openThisCycle(ports, "earlier");
    await sendInvitations(ports, created.id);
    return { ports, created, token: await argLink(ports, created.id) };
  };
  const stored = { tools: "study", comments: "Seguir con la RIAL" };

  it("confirms those the respondent ticks, and those it changes; the rest stay unconfirmed", async () => {
    const { ports, token } = await prefilled();
    const saved = await saveResponse(ports, token, {
      action: "draft",
      answers: { ...stored, tools: "webinar" },
      baseVersion: 1,
    });
    expect(saved.response.carriedOver?.confirmed).toEqual(["tools"]);
    expect(unconfirmedCarried(saved.response.carriedOver)).toEqual(["comments"]);
    const again = await saveResponse(ports, token, {
      action: "draft",
      answers: { ...stored, tools: "webinar" },
      baseVersion: 2,
      confirm: ["comments", "budget", "not-a-question"],
    });
    expect(again.response.carriedOver?.confirmed).toEqual(["tools", "comments"]);
    expect(unconfirmedCarried(again.response.carriedOver)).toEqual([]);
  });

  it("keeps the mark on the submission, and the report counts only what was confirmed", async () => {
    const { ports, created, token } = await prefilled();
    const out = await saveResponse(ports, token, {
      action: "submit",
      answers: stored,
      baseVersion: 1,
      confirm: ["tools"],
    });
    const kept = out.submitted as ResponseVersion;
    expect(kept.answers).toEqual(stored);
    expect(kept.carriedOver).toMatchObject({ questions: ["tools", "comments"], confirmed: ["tools"] });
    expect(countedAnswers(kept)).toEqual({ tools: "study" });

    const report = buildInputsReport({
      campaign: created,
      questionnaire: thisCycle,
      members: [member("ARG"), member("BRA")],
      submissions: await ports.repository.listLatestSubmissions(created.id),
      lang: "en",
      generatedAt: new Date("2026-05-01T00:00:00Z"),
      t: (key) => key,
    });
    expect(report.answered).toBe(1);
    const tools = report.choices.find((c) => c.question.id === "tools")!;
    expect(tools.completion).toEqual({ answered: 1, notAnswered: 0, notAsked: 0 });
    expect(Object.fromEntries(tools.options.map((o) => [o.id, o.count]))).toEqual({ webinar: 0, study: 1 });
    const comments = report.texts.find((x) => x.question.id === "comments")!;
    expect(comments.completion).toEqual({ answered: 0, notAnswered: 1, notAsked: 0 });
    expect(comments.answers).toEqual([]);
  });
});

describe("the answer translations to review", () => {
  it("leave out a carried-over text the member did not confirm: the reports do not show it", async () => {
    const ports = await lastCycleClosed();
    const created = await openThisCycle(ports, "earlier");
    await sendInvitations(ports, created.id);
    const token = await argLink(ports, created.id);
    const stored = { tools: "study", comments: "Seguir con la RIAL" };
    await saveResponse(ports, token, { action: "submit", answers: stored, baseVersion: 1, language: "es" });
    expect((await translationsToReview(ports, created.id, "en")).items).toEqual([]);
    await saveResponse(ports, token, {
      action: "submit",
      answers: stored,
      baseVersion: 2,
      language: "es",
      confirm: ["comments"],
    });
    const review = await translationsToReview(ports, created.id, "en");
    expect(review.items.map((i) => i.original)).toEqual(["Seguir con la RIAL"]);
  });
});
