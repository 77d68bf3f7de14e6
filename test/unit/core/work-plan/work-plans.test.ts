// The Work Plan's use cases over its store: drafts under a revision, evidence checked, adopted plans frozen.
import { describe, expect, it } from "vitest";
import { Conflict, NotFound, ValidationFailed } from "../../../../functions/core/errors.ts";
import { proposeCandidates, type Candidate } from "../../../../functions/core/work-plan/candidates.ts";
import { answerKey, supportersOf, type Evidence } from "../../../../functions/core/work-plan/evidence.ts";
import {
  acceptCandidateInPlan,
  adoptWorkPlan,
  createWorkPlan,
  editActivityInPlan,
  linkEvidenceInPlan,
  planContext,
  readWorkPlan,
  startNextDraft,
  updateWorkPlan,
} from "../../../../functions/core/work-plan/work-plans.ts";
import {
  freeText,
  FundingLine,
  FreeText,
  TO_BE_DEFINED,
} from "../../../../functions/core/work-plan/work-plan.ts";
import {
  addActivity,
  confirmPledge,
  editActivity,
  setPending,
} from "../../../../functions/core/work-plan/plan-changes.ts";
import { campaign } from "../../../support/factories.ts";
import { demoInputs } from "./demo.ts";
import { memoryWorkPlanStore } from "./memory-store.ts";

const inputs = demoInputs();
const candidates = proposeCandidates(inputs);
const context = planContext(inputs.questionnaire, inputs.members, inputs.submissions);
const BY = "secretariat@example.org";

/** The plans' store, and the one campaign ("c1") a plan may be drafted for. */
const storeFor = () =>
  Object.assign(memoryWorkPlanStore(), {
    getCampaign: async (id: string) => (id === "c1" ? campaign() : undefined),
  });

const setUp = async () => {
  const workPlans = storeFor();
  const ports = { repository: workPlans, clock: { now: () => new Date("2026-04-01T10:00:00Z") } };
  const plan = await createWorkPlan(ports, "c1", BY);
  return { ports, workPlans, plan };
};
const edit = (baseRev: number) => ({ campaignId: "c1", baseRev, by: BY, context });
const ofRule = (rule: Candidate["rule"]) => candidates.filter((c) => c.rule === rule);

describe("drafting a Work Plan", () => {
  it("starts one empty draft per campaign", async () => {
    const { ports, plan } = await setUp();
    expect(plan).toMatchObject({ campaignId: "c1", edition: 1, rev: 1, status: "draft", activities: [] });
    await expect(createWorkPlan(ports, "c1", BY)).rejects.toThrow(Conflict);
    await expect(readWorkPlan(ports, "c2")).rejects.toThrow(NotFound);
  });

  it("drafts no plan for a campaign that does not exist, and writes nothing", async () => {
    const { ports, workPlans } = await setUp();
    const writes = workPlans.writes;
    await expect(createWorkPlan(ports, "no-such-campaign", BY)).rejects.toThrow(NotFound);
    expect(workPlans.writes).toBe(writes);
    expect(await workPlans.getWorkPlan("no-such-campaign")).toBeUndefined();
  });

  it("accepts candidates, writes activities, links evidence and fills funding lines, each logged", async () => {
    const { ports } = await setUp();
    const [topic] = ofRule("top-topic") as [Candidate];
    const [hosting] = ofRule("hosting") as [Candidate];
    let plan = await acceptCandidateInPlan(ports, edit(1), topic, { kind: "rial-workshop" });
    plan = await acceptCandidateInPlan(ports, edit(plan.rev), hosting, { kind: "working-group-meeting" });
    plan = await updateWorkPlan(ports, edit(plan.rev), (p, who) =>
      addActivity(
        p,
        {
          kind: "virtual-meeting",
          title: freeText("es", "Reuniones virtuales de autoridades"),
          place: TO_BE_DEFINED,
          date: freeText("es", "Enero de 2027"),
          hosts: [],
          responsible: ["ARG", "CAN"],
          funding: [{ source: "oas" }],
          serves: ["wg2-rial-strengthening"],
        },
        who,
      ),
    );
    const proposal = ofRule("proposals")[0] as Candidate;
    plan = await linkEvidenceInPlan(ports, edit(plan.rev), "a3", proposal.evidence);
    plan = await editActivityInPlan(ports, edit(plan.rev), "a1", {
      funding: [{ source: "rial-fund", money: { amount: 35000, currency: "USD" } }],
    });
    expect(plan.activities.map((a) => [a.id, a.kind])).toEqual([
      ["a1", "rial-workshop"],
      ["a2", "working-group-meeting"],
      ["a3", "virtual-meeting"],
    ]);
    expect(plan.activities[2]?.evidence).toEqual(proposal.evidence);
    expect(plan.changes.map((c) => `${c.rev} ${c.action} ${c.target ?? ""}`)).toEqual([
      "1 created ",
      "2 activity-added a1",
      "3 activity-added a2",
      "4 activity-added a3",
      "5 evidence-linked a3",
      "6 activity-edited a1",
    ]);
    expect(await readWorkPlan(ports, "c1")).toEqual(plan);
  });

  it("refuses a change based on a revision someone else has already changed, losing neither", async () => {
    const { ports, workPlans } = await setUp();
    const [a, b] = ofRule("top-topic") as [Candidate, Candidate];
    await acceptCandidateInPlan(ports, edit(1), a);
    const writes = workPlans.writes;
    await expect(acceptCandidateInPlan(ports, edit(1), b)).rejects.toMatchObject({
      code: "work_plan_changed",
      details: { rev: 2 },
    });
    expect(workPlans.writes).toBe(writes);
    expect((await readWorkPlan(ports, "c1")).activities.map((x) => x.fromCandidates)).toEqual([[a.id]]);
  });

  it("refuses evidence that names no submitted answer, or names it with another receipt code", async () => {
    const { ports } = await setUp();
    const [topic] = ofRule("top-topic") as [Candidate];
    const plan = await acceptCandidateInPlan(ports, edit(1), topic);
    const real = (ofRule("hosting")[0] as Candidate).evidence[0] as Evidence;
    const invented: Evidence = { ...real, entry: 99 };
    const forged: Evidence = { ...real, receiptCode: "0000-0000-0000" };
    const refused = linkEvidenceInPlan(ports, edit(plan.rev), "a1", [invented, forged]);
    await expect(refused).rejects.toThrow(ValidationFailed);
    const n = topic.evidence.length;
    await expect(refused).rejects.toMatchObject({
      fieldErrors: [
        { path: `activities.0.evidence.${n}`, code: "evidence_not_found" },
        { path: `activities.0.evidence.${n + 1}`, code: "evidence_mismatch" },
      ],
    });
    expect((await readWorkPlan(ports, "c1")).activities[0]?.evidence).toEqual(topic.evidence);
  });

  it("refuses unknown members and topics, and funding lines the seed would not have", async () => {
    const { ports } = await setUp();
    const plan = await acceptCandidateInPlan(ports, edit(1), ofRule("top-topic")[0] as Candidate);
    await expect(
      editActivityInPlan(ports, edit(plan.rev), "a1", { hosts: ["XXX"], serves: ["not-a-topic"] }),
    ).rejects.toMatchObject({
      fieldErrors: [
        { path: "activities.0.hosts.0", code: "unknown_member" },
        { path: "activities.0.serves.0", code: "unknown_topic" },
      ],
    });
    await expect(
      editActivityInPlan(ports, edit(plan.rev), "a1", {
        funding: [{ source: "project", money: { amount: 1.005, currency: "usd" } }],
      }),
    ).rejects.toThrow(ValidationFailed);
    await expect(editActivityInPlan(ports, edit(plan.rev), "a9", {})).rejects.toThrow(NotFound);
    expect(FundingLine.safeParse({ source: "rial-fund" }).success).toBe(false);
    expect(FundingLine.safeParse({ source: "host-in-kind", memberCode: "CRI" }).success).toBe(true);
    expect(FreeText.safeParse({ original: "fr", texts: { es: "Taller" } }).success).toBe(false);
    expect(FreeText.safeParse({ original: "es", texts: { es: "Taller" } }).success).toBe(true);
  });
});

describe("pledges and pending requests", () => {
  it("confirms only a pledge a member made, and keeps open only a request a member sent", async () => {
    const { ports } = await setUp();
    const pledger = inputs.submissions.find((s) => s.answers["fund-pledge"])!.memberCode;
    const silent = inputs.members.find(
      (m) => !inputs.submissions.some((s) => s.memberCode === m.code && s.answers["fund-pledge"]),
    )!.code;
    let plan = await updateWorkPlan(ports, edit(1), (p, who) =>
      confirmPledge(p, { memberCode: pledger, questionId: "fund-pledge" }, true, who),
    );
    expect(plan.pledgeConfirmations.map((c) => c.memberCode)).toEqual([pledger]);
    await expect(
      updateWorkPlan(ports, edit(plan.rev), (p, who) =>
        confirmPledge(p, { memberCode: silent, questionId: "fund-pledge" }, true, who),
      ),
    ).rejects.toMatchObject({ fieldErrors: [{ path: "pledgeConfirmations.1", code: "pledge_not_found" }] });
    const request = (ofRule("hosting")[0] as Candidate).evidence[0]!;
    plan = await updateWorkPlan(ports, edit(plan.rev), (p, who) =>
      setPending(p, [answerKey(request)], true, who),
    );
    expect(plan.pending).toEqual([answerKey(request)]);
    await expect(
      updateWorkPlan(ports, edit(plan.rev), (p, who) =>
        setPending(p, [`${silent}/host-offer//9`], true, who),
      ),
    ).rejects.toMatchObject({ fieldErrors: [{ path: "pending.1", code: "request_not_found" }] });
  });
});

describe("adopting a Work Plan", () => {
  const adopted = async () => {
    const { ports, workPlans } = await setUp();
    let plan = await acceptCandidateInPlan(ports, edit(1), ofRule("top-topic")[0] as Candidate);
    plan = await adoptWorkPlan(ports, edit(plan.rev));
    return { ports, workPlans, plan };
  };

  it("refuses an empty plan", async () => {
    const { ports } = await setUp();
    await expect(adoptWorkPlan(ports, edit(1))).rejects.toThrow(ValidationFailed);
  });

  it("freezes the adopted edition: no use case, pure change or store write alters it", async () => {
    const { ports, workPlans, plan } = await adopted();
    expect(plan).toMatchObject({ status: "adopted", adoptedBy: BY, rev: 3 });
    await expect(editActivityInPlan(ports, edit(plan.rev), "a1", { kind: "study" })).rejects.toMatchObject({
      code: "work_plan_adopted",
      status: 409,
    });
    expect(() => editActivity(plan, "a1", { kind: "study" }, { by: BY, at: "now" })).toThrow(Conflict);
    expect(await workPlans.putWorkPlan({ ...plan, rev: plan.rev + 1 }, plan.rev)).toBe(false);
    expect(await readWorkPlan(ports, "c1")).toEqual(plan);
  });

  it("amends it in a new draft that copies it, keeping the adopted edition", async () => {
    const { ports, plan } = await adopted();
    const draft = await startNextDraft(ports, "c1", BY);
    // Revisions keep rising across editions, so a page left open on the adopted edition is stale here.
    expect(draft).toMatchObject({
      edition: 2,
      basedOn: 1,
      rev: plan.rev + 1,
      status: "draft",
      activities: plan.activities,
    });
    expect(draft.adoptedAt).toBeUndefined();
    await expect(startNextDraft(ports, "c1", BY)).rejects.toThrow(Conflict);
    await expect(
      editActivityInPlan(ports, edit(plan.rev), "a1", { kind: "virtual-meeting" }),
    ).rejects.toMatchObject({ status: 409 });
    const changed = await editActivityInPlan(ports, edit(draft.rev), "a1", { kind: "study" });
    expect(changed.activities[0]?.kind).toBe("study");
    expect((await readWorkPlan(ports, "c1", 1)).activities[0]?.kind).toBe(plan.activities[0]?.kind);
    expect((await ports.repository.listWorkPlanEditions("c1")).map((e) => [e.edition, e.status])).toEqual([
      [1, "adopted"],
      [2, "draft"],
    ]);
  });
});

describe("the annex's supporters of an activity", () => {
  it("names each member once, with each submission's version and receipt code", () => {
    const [cooperation] = ofRule("cooperation") as [Candidate];
    const supporters = supportersOf(cooperation.evidence);
    expect(supporters.map((s) => s.memberCode)).toEqual([
      ...new Set(cooperation.evidence.map((e) => e.memberCode)),
    ]);
    for (const s of supporters) {
      const submission = inputs.submissions.find((x) => x.memberCode === s.memberCode);
      expect(s.submissions).toEqual([{ version: submission?.version, receiptCode: submission?.receiptCode }]);
    }
  });
});
