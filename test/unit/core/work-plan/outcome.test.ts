// What became of each member's requests: its own items only, each part of an activity, pending or not retained.
import { describe, expect, it } from "vitest";
import type { GroupItem } from "../../../../functions/core/questionnaire/answers.ts";
import type { ResponseVersion } from "../../../../functions/core/responses.ts";
import { proposeCandidates, type Candidate } from "../../../../functions/core/work-plan/candidates.ts";
import { acceptCandidate } from "../../../../functions/core/work-plan/candidate-choices.ts";
import { answerKey, findInputRoles, inputsOf } from "../../../../functions/core/work-plan/evidence.ts";
import {
  memberOutcome,
  outcomesByQuestion,
  uncitedRequests,
} from "../../../../functions/core/work-plan/outcome.ts";
import { emptyWorkPlan, type WorkPlan } from "../../../../functions/core/work-plan/work-plan.ts";
import { adopt, confirmPledge, setPending } from "../../../../functions/core/work-plan/plan-changes.ts";
import { demoInputs } from "./demo.ts";

const who = { by: "secretariat@example.org", at: "2026-04-01T10:00:00.000Z" };
const inputs = demoInputs();
const roles = findInputRoles(inputs.questionnaire);
const candidates = proposeCandidates(inputs);
const submissionOf = (code: string) =>
  inputs.submissions.find((s) => s.memberCode === code) as ResponseVersion;

// Two proposal candidates: the first becomes activity 2 (after a top topic), the second is left out.
const [kept, left] = candidates.filter((c) => c.id.startsWith("proposals:")) as [Candidate, Candidate];
const keptMember = kept.evidence[0]?.memberCode as string;
const leftMember = left.evidence.find((e) => !kept.evidence.some((k) => k.memberCode === e.memberCode))
  ?.memberCode as string;
const pledger = inputs.submissions.find((s) => s.answers["fund-pledge"] && s.memberCode !== keptMember)
  ?.memberCode as string;

const drafted = (): WorkPlan => {
  let plan = emptyWorkPlan("c1", who);
  plan = acceptCandidate(plan, candidates[0] as Candidate, who);
  return acceptCandidate(plan, kept, who, { kind: "study" });
};

describe("what became of a member's requests", () => {
  it("the demo has what this test needs: a proposal retained, one left out, a pledge", () => {
    expect([keptMember, leftMember, pledger].every(Boolean)).toBe(true);
  });

  it("is pending for everything while the plan is a draft", () => {
    const outcome = memberOutcome(drafted(), submissionOf(keptMember), roles);
    expect(outcome.edition).toBeUndefined();
    expect(outcome.requests.length).toBeGreaterThan(0);
    expect(new Set(outcome.requests.map((r) => r.status))).toEqual(new Set(["pending"]));
  });

  it("once adopted, names the activity a proposal became part of, by its number", () => {
    const plan = adopt(drafted(), who);
    const outcome = memberOutcome(plan, submissionOf(keptMember), roles);
    const linked = kept.evidence.filter((e) => e.memberCode === keptMember).map(answerKey);
    const mine = outcome.requests.filter((r) => linked.includes(r.key));
    expect(mine.length).toBe(linked.length);
    for (const r of mine) {
      expect(r).toMatchObject({ role: "activity-proposal", status: "in-activity" });
      expect(r.activities).toEqual([{ number: 2, id: "a2", title: kept.title, kind: "study" }]);
      expect(r.words.length).toBeGreaterThan(0);
    }
    expect(outcome).toMatchObject({
      edition: 1,
      version: 1,
      receiptCode: submissionOf(keptMember).receiptCode,
    });
  });

  it("says not retained of a proposal no activity cites, and pending of what the Secretariat keeps open", () => {
    const plan = adopt(drafted(), who);
    const outcome = memberOutcome(plan, submissionOf(leftMember), roles);
    const proposal = outcome.requests.find(
      (r) => r.role === "activity-proposal" && left.evidence.some((e) => answerKey(e) === r.key),
    );
    expect(proposal).toMatchObject({ status: "not-retained", activities: [] });
    const kept = setPending(drafted(), [proposal?.key ?? ""], true, who);
    const later = memberOutcome(adopt(kept, who), submissionOf(leftMember), roles);
    expect(later.requests.find((r) => r.key === proposal?.key)?.status).toBe("pending");
  });

  it("keeps a pledge pending until the Secretariat confirms it", () => {
    const pledge = (plan: WorkPlan) =>
      memberOutcome(adopt(plan, who), submissionOf(pledger), roles).requests.find((r) => r.role === "pledge");
    expect(pledge(drafted())).toMatchObject({ status: "pending", confirmed: false });
    const confirmed = confirmPledge(drafted(), { memberCode: pledger, questionId: "fund-pledge" }, true, who);
    expect(pledge(confirmed)).toMatchObject({ status: "confirmed", confirmed: true });
  });

  it("still counts a request cited from an earlier submission when the member sent the same words again", () => {
    const plan = adopt(drafted(), who);
    const before = submissionOf(keptMember);
    const link = kept.evidence.find((e) => e.memberCode === keptMember)!;
    const again = (answers: ResponseVersion["answers"]): ResponseVersion => ({
      ...before,
      version: 4,
      answers,
      submittedAt: "2026-05-01T12:00:00.000Z",
      receiptCode: "RESU-BMIT-TED0",
    });
    const status = (s: ResponseVersion, earlier: ResponseVersion[]) =>
      memberOutcome(plan, s, roles, earlier).requests.find((r) => r.key === answerKey(link))?.status;
    const same = again(before.answers);
    expect(status(same, [before])).toBe("in-activity");
    // Without the earlier submission the plan's link names nothing the member sent last.
    expect(status(same, [])).toBe("not-retained");
    const entries = structuredClone(before.answers["activity-proposals"]) as GroupItem[];
    entries[(link.entry ?? 1) - 1]!.title = "Otra propuesta";
    expect(status(again({ ...before.answers, "activity-proposals": entries }), [before])).toBe(
      "not-retained",
    );
  });

  it("lists as uncited, for the console, exactly what members' outcomes would call not retained", () => {
    const plan = drafted();
    const before = submissionOf(keptMember);
    const link = kept.evidence.find((e) => e.memberCode === keptMember)!;
    // The member sent the same words again after the plan cited them: still cited, on both sides.
    const again: ResponseVersion = { ...before, version: 4, receiptCode: "RESU-BMIT-TED0" };
    const latest = inputs.submissions.map((s) => (s.memberCode === keptMember ? again : s));
    const uncited = uncitedRequests(plan, latest, roles, [before]).map((i) => answerKey(i.evidence));
    expect(uncited).not.toContain(answerKey(link));
    expect(
      memberOutcome(adopt(plan, who), again, roles, [before]).requests.find((r) => r.key === answerKey(link))
        ?.status,
    ).toBe("in-activity");
    // Reworded instead: the plan's link is to words the member no longer sends, on both sides.
    const entries = structuredClone(before.answers["activity-proposals"]) as GroupItem[];
    entries[(link.entry ?? 1) - 1]!.title = "Otra propuesta";
    const reworded: ResponseVersion = {
      ...again,
      answers: { ...before.answers, "activity-proposals": entries },
    };
    const withReworded = inputs.submissions.map((s) => (s.memberCode === keptMember ? reworded : s));
    expect(uncitedRequests(plan, withReworded, roles, [before]).map((i) => answerKey(i.evidence))).toContain(
      answerKey(link),
    );
    // Every other member's request is uncited or part of an activity as its outcome says; pledges are apart.
    const adopted = adopt(plan, who);
    const notRetained = latest.flatMap((s) =>
      memberOutcome(adopted, s, roles, [before])
        .requests.filter(
          (r) => r.status === "not-retained" || (r.status === "pending" && r.role !== "pledge"),
        )
        .map((r) => r.key),
    );
    expect(uncited.sort()).toEqual(notRetained.sort());
    expect(uncited.length).toBeGreaterThan(0);
  });

  it("holds only the member's own requests, and of the plan only the activities' number, title and kind", () => {
    const plan = adopt(drafted(), who);
    for (const submission of inputs.submissions) {
      const outcome = memberOutcome(plan, submission, roles);
      const own = inputsOf(submission, roles).filter(
        (i) => i.evidence.role !== "topic-score" && i.evidence.role !== "topic-ranking",
      );
      expect(outcome.requests.map((r) => r.key)).toEqual(own.map((i) => answerKey(i.evidence)));
      for (const r of outcome.requests) {
        expect(r.key.startsWith(`${submission.memberCode}/`)).toBe(true);
        for (const a of r.activities)
          expect(Object.keys(a).sort()).toEqual(["id", "kind", "number", "title"]);
      }
      expect(JSON.stringify(outcome)).not.toContain('"evidence"');
      const byQuestion = outcomesByQuestion(outcome);
      expect([...byQuestion.values()].flat().length).toBe(outcome.requests.length);
    }
  });
});
