// The "done when", in core: from the demo's compiled inputs to an adopted plan, its budget, annex and outcomes.
import { describe, expect, it } from "vitest";
import { buildBudget } from "../../../../functions/core/work-plan/budget.ts";
import { proposeCandidates } from "../../../../functions/core/work-plan/candidates.ts";
import { candidateById, openCandidates } from "../../../../functions/core/work-plan/candidate-choices.ts";
import { findInputRoles, inputsOf } from "../../../../functions/core/work-plan/evidence.ts";
import { memberOutcome } from "../../../../functions/core/work-plan/outcome.ts";
import { freeText, TO_BE_DEFINED } from "../../../../functions/core/work-plan/work-plan.ts";
import {
  addActivity,
  annexOf,
  setRialFundAvailable,
} from "../../../../functions/core/work-plan/plan-changes.ts";
import {
  acceptCandidateInPlan,
  adoptWorkPlan,
  createWorkPlan,
  discardCandidateInPlan,
  editActivityInPlan,
  linkEvidenceInPlan,
  planContext,
  updateWorkPlan,
} from "../../../../functions/core/work-plan/work-plans.ts";
import { campaign } from "../../../support/factories.ts";
import { demoInputs } from "./demo.ts";
import { memoryWorkPlanStore } from "./memory-store.ts";

describe("from the demo's compiled inputs to an adopted Work Plan", () => {
  it("accepts three candidates, writes two activities, links evidence, funds them and adopts the plan", async () => {
    const inputs = demoInputs();
    const roles = findInputRoles(inputs.questionnaire);
    const ports = {
      repository: Object.assign(memoryWorkPlanStore(), { getCampaign: async () => campaign() }),
      clock: { now: () => new Date("2026-04-27T15:00:00Z") },
    };
    const context = planContext(inputs.questionnaire, inputs.members, inputs.submissions);
    const edit = (baseRev: number) => ({ campaignId: "c1", baseRev, by: "secretariat@example.org", context });
    const candidates = proposeCandidates(inputs);
    const first = (rule: string) => candidates.find((c) => c.rule === rule)!;
    const proposals = candidates.filter((c) => c.rule === "proposals");

    let plan = await createWorkPlan(ports, "c1", "secretariat@example.org");
    // Three suggestions accepted: a top topic, two proposals merged into one, a hosting offer.
    plan = await acceptCandidateInPlan(ports, edit(plan.rev), first("top-topic"), { kind: "rial-workshop" });
    const merged = candidateById(candidates, `${proposals[0]!.id}+${proposals[1]!.id}`);
    plan = await acceptCandidateInPlan(ports, edit(plan.rev), merged, { kind: "study" });
    plan = await acceptCandidateInPlan(ports, edit(plan.rev), first("hosting"), {
      kind: "working-group-meeting",
    });
    // A proposal left out on purpose.
    plan = await discardCandidateInPlan(ports, edit(plan.rev), proposals[2]!);
    // Two written by the Secretariat, one of them linked to a matched need and offer.
    const written = (title: string, kind: "virtual-meeting" | "bilateral-cooperation-call") => ({
      kind,
      title: freeText("es" as const, title),
      place: TO_BE_DEFINED,
      date: freeText("es" as const, "2027"),
      hosts: [],
      responsible: [],
      funding: [{ source: "oas" as const }],
      serves: [],
    });
    plan = await updateWorkPlan(ports, edit(plan.rev), (p, who) =>
      addActivity(p, written("Reuniones virtuales de autoridades", "virtual-meeting"), who),
    );
    plan = await updateWorkPlan(ports, edit(plan.rev), (p, who) =>
      addActivity(
        p,
        written("Convocatoria RIAL de cooperación bilateral", "bilateral-cooperation-call"),
        who,
      ),
    );
    plan = await linkEvidenceInPlan(ports, edit(plan.rev), "a5", first("cooperation").evidence);
    // Funding lines in two currencies and three sources.
    const usd = (amount: number) => ({ amount, currency: "USD" });
    plan = await editActivityInPlan(ports, edit(plan.rev), "a1", {
      funding: [
        { source: "rial-fund", money: usd(35000) },
        { source: "host-in-kind", memberCode: "CHL" },
      ],
    });
    plan = await editActivityInPlan(ports, edit(plan.rev), "a2", {
      funding: [
        { source: "project", project: "Proyecto de Canadá", money: usd(14000) },
        { source: "project", project: "Proyecto de Canadá", money: { amount: 2500.5, currency: "CAD" } },
      ],
    });
    plan = await editActivityInPlan(ports, edit(plan.rev), "a5", {
      funding: [
        { source: "rial-fund", money: usd(24000.25) },
        { source: "project", project: "Proyecto de Canadá", money: usd(20000) },
      ],
    });
    plan = await updateWorkPlan(ports, edit(plan.rev), (p, who) =>
      setRialFundAvailable(p, [usd(104000)], who),
    );
    plan = await adoptWorkPlan(ports, edit(plan.rev));
    expect(plan.status).toBe("adopted");
    expect(plan.activities).toHaveLength(5);
    expect(openCandidates(candidates, plan)).toHaveLength(candidates.length - 5);

    const budget = buildBudget(plan, inputs.report.contributions.pledges);
    expect(budget.columns.map((c) => c.key)).toEqual([
      "rial-fund",
      "project:Proyecto de Canadá",
      "host-in-kind",
      "oas",
    ]);
    expect(budget.totals[0]).toEqual([usd(59000.25)]);
    expect(budget.totals[1]).toEqual([{ amount: 2500.5, currency: "CAD" }, usd(34000)]);
    expect(budget.total).toEqual([{ amount: 2500.5, currency: "CAD" }, usd(93000.25)]);
    expect(budget.rialFund).toEqual([
      { currency: "USD", available: 104000, allocated: 59000.25, remaining: 44999.75, overAllocated: false },
    ]);
    expect(budget.pledges.every((p) => p.status === "pledged")).toBe(true);

    const annex = annexOf(plan);
    const receipts = new Map(inputs.submissions.map((s) => [s.memberCode, s.receiptCode]));
    for (const entry of annex.filter((a) => a.activityId !== "a4")) {
      expect(entry.supporters.length, entry.activityId).toBeGreaterThan(0);
      for (const s of entry.supporters)
        expect(s.submissions[0]?.receiptCode).toBe(receipts.get(s.memberCode));
    }
    expect(annex.find((a) => a.activityId === "a4")?.supporters).toEqual([]);

    // The members whose proposals were merged see them in activity 2; one left out sees "not retained".
    const proposer = merged.evidence[0]!.memberCode;
    const mine = memberOutcome(
      plan,
      inputs.submissions.find((s) => s.memberCode === proposer)!,
      roles,
    );
    expect(mine.requests.some((r) => r.status === "in-activity" && r.activities[0]?.number === 2)).toBe(true);
    const leftOut = proposals[2]!.evidence.find(
      (e) =>
        !plan.activities.some((a) =>
          a.evidence.some((x) => x.memberCode === e.memberCode && x.questionId === e.questionId),
        ),
    );
    const theirs =
      leftOut &&
      memberOutcome(
        plan,
        inputs.submissions.find((s) => s.memberCode === leftOut.memberCode)!,
        roles,
      );
    expect(
      theirs?.requests.find((r) => r.role === "activity-proposal" && r.entry === leftOut?.entry)?.status,
    ).toBe("not-retained");
    // Nothing in an outcome is another member's.
    for (const s of inputs.submissions) {
      const outcome = memberOutcome(plan, s, roles);
      expect(outcome.requests.length).toBe(
        inputsOf(s, roles).filter((i) => !i.evidence.role.startsWith("topic-")).length,
      );
      expect(outcome.requests.every((r) => r.key.startsWith(`${s.memberCode}/`))).toBe(true);
    }
  });
});
