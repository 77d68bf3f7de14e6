// The adopted Work Plan's document is the record of what the meeting adopted: a reply sent after the
// adoption changes neither who it says answered nor the pledges in Cuadro No. 1.
import { describe, expect, it } from "vitest";
import { createHandlebarsViews } from "../../../../functions/adapters/handlebars-views.ts";
import { receiptCode } from "../../../../functions/core/receipts.ts";
import type { ResponseVersion } from "../../../../functions/core/responses.ts";
import { composeWorkPlanDocument } from "../../../../functions/core/work-plan/export-document.ts";
import { adopt, nextDraft } from "../../../../functions/core/work-plan/plan-changes.ts";
import { seedCycle } from "../../../support/compiled-report.ts";
import { fakePorts } from "../../../support/fake-ports.ts";
import { demoInputs } from "./demo.ts";
import { seedPlan } from "./seed-plan.ts";

const views = createHandlebarsViews(new URL("../../../../templates/", import.meta.url).pathname);
const inputs = demoInputs();
const ADOPTED_AT = "2026-04-20T15:00:00.000Z";
const AFTER = "2026-04-22T10:00:00.000Z";

const sealed = (v: ResponseVersion): ResponseVersion => {
  const { receiptCode: _old, ...content } = v;
  return { ...v, receiptCode: receiptCode(content) };
};

/** The demo's cycle with its plan adopted at ADOPTED_AT; the submissions all came before. */
const cycle = async () => {
  const ports = { ...fakePorts(AFTER), views };
  const { repository } = ports;
  const submitted = inputs.submissions.map((s) =>
    sealed({ ...s, campaignId: "c1", submittedAt: "2026-04-01T12:00:00.000Z" }),
  );
  // One Ministry's answer is held back: it arrives late, in the tests, after the adoption.
  const late = submitted.find(
    (s) => inputs.members.find((m) => m.code === s.memberCode)?.group === "government",
  )!;
  await seedCycle(
    repository,
    inputs.questionnaire,
    inputs.members,
    submitted.filter((s) => s !== late),
  );
  const plan = adopt(seedPlan("c1", { adopted: false }), { by: "secretariat@example.org", at: ADOPTED_AT });
  await repository.putWorkPlan(plan, 0);
  return {
    ports,
    submitted: submitted.filter((s) => s !== late),
    lateReply: () => sealed({ ...late, submittedAt: AFTER }),
  };
};

const shown = (doc: Awaited<ReturnType<typeof composeWorkPlanDocument>>) => ({
  introduction: doc.introduction,
  budgetNotes: doc.budget.notes,
});

describe("the adopted Work Plan's document", () => {
  it("reads the answers as they stood at its adoption, not a reply sent afterwards", async () => {
    const { ports, submitted, lateReply } = await cycle();
    const before = shown(await composeWorkPlanDocument(ports, "c1", "en"));

    // After the adoption: a pledger doubles its pledge, and a member that had not answered replies.
    const pledger = submitted.find((s) => s.answers["fund-pledge"])!;
    const pledge = pledger.answers["fund-pledge"] as { amount: number; currency: string };
    await ports.repository.putResponseVersion(
      sealed({
        ...pledger,
        version: pledger.version + 1,
        answers: { ...pledger.answers, "fund-pledge": { ...pledge, amount: pledge.amount * 2 } },
        submittedAt: AFTER,
      }),
    );
    await ports.repository.putResponseVersion(lateReply());

    expect(shown(await composeWorkPlanDocument(ports, "c1", "en"))).toEqual(before);
  });

  it("reads today's answers in a draft edition, which the meeting has not adopted yet", async () => {
    const { ports, lateReply } = await cycle();
    const adopted = (await ports.repository.getWorkPlan("c1"))!;
    const before = shown(await composeWorkPlanDocument(ports, "c1", "en"));
    await ports.repository.putWorkPlan(nextDraft(adopted, { by: "secretariat@example.org", at: AFTER }), 0);
    // A Ministry that had not answered replies late: the draft being amended counts it.
    await ports.repository.putResponseVersion(lateReply());
    expect(shown(await composeWorkPlanDocument(ports, "c1", "en")).introduction).not.toEqual(
      before.introduction,
    );
    // The adopted edition, named, still reads as adopted.
    expect(shown(await composeWorkPlanDocument(ports, "c1", "en", adopted.edition))).toEqual(before);
  });
});
