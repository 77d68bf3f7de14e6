// What the console drafts a plan from: the campaign's latest submissions, and older versions the plan cites.
import { describe, expect, it } from "vitest";
import { createInMemoryRepository } from "../../../../functions/adapters/in-memory/index.ts";
import { ValidationFailed } from "../../../../functions/core/errors.ts";
import { proposeCandidates } from "../../../../functions/core/work-plan/candidates.ts";
import { workPlanInputs } from "../../../../functions/core/work-plan/inputs.ts";
import {
  acceptCandidateInPlan,
  createWorkPlan,
  editActivityInPlan,
} from "../../../../functions/core/work-plan/work-plans.ts";
import { campaign, carriedFromLastCycle } from "../../../support/factories.ts";
import { demoInputs } from "./demo.ts";

const setup = { lang: "es" as const, t: (key: string) => key, now: new Date("2026-04-01T10:00:00Z") };

const stocked = async () => {
  const demo = demoInputs();
  const repository = createInMemoryRepository();
  await repository.putMembers(demo.members);
  await repository.putQuestionnaire(demo.questionnaire);
  await repository.createCampaign(
    campaign({
      questionnaireId: demo.questionnaire.id,
      questionnaireVersion: demo.questionnaire.version,
      invited: demo.members.map((m) => m.code),
    }),
  );
  for (const s of demo.submissions) await repository.putResponseVersion(s);
  return { demo, ports: { repository, clock: { now: () => setup.now } } };
};

describe("the inputs of a campaign's Work Plan", () => {
  it("proposes the same candidates as the compiled inputs, and cites their receipt codes", async () => {
    const { demo, ports } = await stocked();
    const inputs = await workPlanInputs(ports, "c1", setup);
    expect(inputs.report.answered).toBe(demo.report.answered);
    expect(inputs.candidates.map((c) => c.id)).toEqual(proposeCandidates(demo).map((c) => c.id));
    expect(inputs.candidates.length).toBeGreaterThan(10);
    const receipts = new Map(demo.submissions.map((s) => [s.memberCode, s.receiptCode]));
    for (const e of inputs.candidates.flatMap((c) => c.evidence))
      expect(e.receiptCode).toBe(receipts.get(e.memberCode));
  });

  it("keeps an activity editable after a member it cites submits again: the cited version stays citable", async () => {
    const { ports } = await stocked();
    const first = await workPlanInputs(ports, "c1", setup);
    const candidate = first.candidates.find((c) => c.rule === "hosting")!;
    await createWorkPlan(ports, "c1", "secretariat@example.org");
    const edit = (baseRev: number, context = first.context) => ({
      campaignId: "c1",
      baseRev,
      by: "secretariat@example.org",
      context,
    });
    const plan = await acceptCandidateInPlan(ports, edit(1), candidate);
    const cited = plan.activities[0]!.evidence;
    // The host answers again: version 2 is now its latest.
    const host = cited[0]!.memberCode;
    const v1 = (await ports.repository.getResponseVersion("c1", host, 1))!;
    await ports.repository.putResponseVersion({ ...v1, version: 2, receiptCode: "NEW-CODE" });

    const latestOnly = await workPlanInputs(ports, "c1", setup);
    await expect(
      editActivityInPlan(ports, edit(plan.rev, latestOnly.context), "a1", { kind: "study" }),
    ).rejects.toThrow(ValidationFailed);
    const withCited = await workPlanInputs(ports, "c1", setup, cited);
    const edited = await editActivityInPlan(ports, edit(plan.rev, withCited.context), "a1", {
      kind: "study",
    });
    expect(edited.activities[0]).toMatchObject({ kind: "study", evidence: cited });
  });

  it("drafts nothing from an answer carried over from last cycle that the member never confirmed", async () => {
    const { ports } = await stocked();
    const first = await workPlanInputs(ports, "c1", setup);
    const hosting = first.candidates.find((c) => c.rule === "hosting")!;
    const host = hosting.evidence[0]!;
    const submitted = (await ports.repository.getResponseVersion("c1", host.memberCode, host.version))!;
    // The same submission, but every answer came from last cycle and none was confirmed.
    await ports.repository.putResponseVersion({
      ...submitted,
      version: submitted.version + 1,
      receiptCode: "CARRIED",
      carriedOver: carriedFromLastCycle(Object.keys(submitted.answers)),
    });
    const inputs = await workPlanInputs(ports, "c1", setup);
    const cites = inputs.candidates
      .flatMap((c) => c.evidence)
      .filter((e) => e.memberCode === host.memberCode);
    expect(cites).toEqual([]);
  });
});
