// What became of each request: for one member, its own proposals, offers and pledges, and their fate.
//
// Built from one member's own submission and the plan alone, so it cannot carry another member's
// answers: of the plan it names only activities (number, title, kind), which are public once adopted.
import type { ResponseVersion } from "../responses.ts";
import {
  answerKey,
  evidenceKey,
  inputsOf,
  REQUEST_ROLES,
  type Evidence,
  type InputRoles,
  type MemberInput,
} from "./evidence.ts";
import { type ActivityKind, type FreeText, type WorkPlan } from "./work-plan.ts";
import { numbered } from "./plan-changes.ts";

export type ActivityRef = { number: number; id: string; title: FreeText; kind: ActivityKind };

export type RequestStatus =
  /** Linked as evidence of one or more activities of the adopted plan. */
  | "in-activity"
  /** A pledge the Secretariat confirmed, though no activity cites it. */
  | "confirmed"
  /** No adopted plan yet, or the Secretariat keeps it under consideration, or a pledge not yet confirmed. */
  | "pending"
  | "not-retained";

export type RequestOutcome = Omit<MemberInput, "evidence"> & {
  key: string;
  role: MemberInput["evidence"]["role"];
  questionId: string;
  entry: number | undefined;
  status: RequestStatus;
  activities: ActivityRef[];
  /** For a pledge: whether the Secretariat confirmed it. */
  confirmed?: boolean;
};

export type MemberOutcome = {
  memberCode: string;
  version: number;
  receiptCode: string;
  /** The adopted edition the statuses come from; undefined while no plan is adopted. */
  edition: number | undefined;
  requests: RequestOutcome[];
};

/** What a request says, apart from where it sits: two submissions saying the same make one request. */
const said = (input: MemberInput) =>
  JSON.stringify([input.topic, input.words, input.money ?? null, input.year ?? null, input.picks ?? null]);

/**
 * Which activities of `plan` (draft or adopted) cite each of `submission`'s answers, by answer key. A
 * link to one of the member's `earlier` submissions (a reopened answer, submitted again after the plan
 * cited it) still counts for the same answer if it says exactly the same thing.
 */
const activitiesCiting = (
  plan: WorkPlan | undefined,
  submission: ResponseVersion,
  current: readonly MemberInput[],
  roles: InputRoles,
  earlier: readonly ResponseVersion[],
): Map<string, ActivityRef[]> => {
  const currentSaid = new Map(current.map((i) => [answerKey(i.evidence), said(i)]));
  const earlierSaid = new Map(
    earlier
      .filter((s) => s.memberCode === submission.memberCode && s.version !== submission.version)
      .flatMap((s) => inputsOf(s, roles))
      .map((i) => [evidenceKey(i.evidence), said(i)]),
  );
  const sameAsNow = (e: Evidence) => {
    const before = earlierSaid.get(evidenceKey(e));
    return before !== undefined && before === currentSaid.get(answerKey(e));
  };
  const cites = (e: Evidence) =>
    e.memberCode === submission.memberCode && (e.version === submission.version || sameAsNow(e));
  const activities = new Map<string, ActivityRef[]>();
  for (const { number, activity } of plan ? numbered(plan) : []) {
    for (const e of activity.evidence) {
      if (!cites(e)) continue;
      const list = activities.get(answerKey(e)) ?? [];
      if (!list.some((a) => a.id === activity.id))
        list.push({ number, id: activity.id, title: activity.title, kind: activity.kind });
      activities.set(answerKey(e), list);
    }
  }
  return activities;
};

/**
 * What members asked or offered in their latest `submissions` that no activity of `plan` cites yet,
 * pledges apart (confirmed on their own): what the Secretariat may keep under consideration. Cited
 * by the same rule as a member's outcome, so the console never lists as left out what the member's
 * page says is part of an activity.
 */
export const uncitedRequests = (
  plan: WorkPlan | undefined,
  submissions: readonly ResponseVersion[],
  roles: InputRoles,
  earlier: readonly ResponseVersion[] = [],
): MemberInput[] =>
  submissions.flatMap((submission) => {
    const current = inputsOf(submission, roles);
    const cited = activitiesCiting(plan, submission, current, roles, earlier);
    return current.filter(
      (i) =>
        i.evidence.role !== "pledge" &&
        REQUEST_ROLES.includes(i.evidence.role) &&
        !cited.has(answerKey(i.evidence)),
    );
  });

/**
 * The outcome of each request in `submission` (the member's own, as the report counted it) under
 * `plan`, which counts only once adopted: a draft is still being discussed, so everything is pending.
 * Earlier submissions count as `activitiesCiting` says.
 */
export const memberOutcome = (
  plan: WorkPlan | undefined,
  submission: ResponseVersion,
  roles: InputRoles,
  earlier: readonly ResponseVersion[] = [],
): MemberOutcome => {
  const adopted = plan?.status === "adopted" ? plan : undefined;
  const current = inputsOf(submission, roles);
  const activities = activitiesCiting(adopted, submission, current, roles, earlier);
  const confirmed = new Set(
    (adopted?.pledgeConfirmations ?? [])
      .filter((c) => c.memberCode === submission.memberCode)
      .map((c) => c.questionId),
  );
  const pending = new Set(adopted?.pending ?? []);

  const requests = current
    .filter((input) => REQUEST_ROLES.includes(input.evidence.role))
    .map(({ evidence, ...rest }): RequestOutcome => {
      const key = answerKey(evidence);
      const linked = activities.get(key) ?? [];
      const pledge = evidence.role === "pledge";
      const isConfirmed = pledge && confirmed.has(evidence.questionId);
      const status: RequestStatus = !adopted
        ? "pending"
        : linked.length
          ? "in-activity"
          : isConfirmed
            ? "confirmed"
            : pending.has(key) || pledge
              ? "pending"
              : "not-retained";
      return {
        ...rest,
        key,
        role: evidence.role,
        questionId: evidence.questionId,
        entry: evidence.entry,
        status,
        activities: linked,
        ...(pledge ? { confirmed: isConfirmed } : {}),
      };
    });
  return {
    memberCode: submission.memberCode,
    version: submission.version,
    receiptCode: submission.receiptCode,
    edition: adopted?.edition,
    requests,
  };
};

/** The outcomes by question: what the next cycle's form shows beside each question answered last time. */
export const outcomesByQuestion = (outcome: MemberOutcome): Map<string, RequestOutcome[]> => {
  const map = new Map<string, RequestOutcome[]>();
  for (const r of outcome.requests) map.set(r.questionId, [...(map.get(r.questionId) ?? []), r]);
  return map;
};
