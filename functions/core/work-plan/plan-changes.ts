// Every change to a Work Plan as a pure function from plan to plan, each logged in its `changes`:
// activities added, edited, moved, removed, evidence linked, pledges confirmed, the plan adopted.
import { Conflict, NotFound, ValidationFailed } from "../errors.ts";
import { Evidence, evidenceKey, supportersOf, uniqueEvidence, type Supporter } from "./evidence.ts";
import {
  assertDraft,
  type Activity,
  type Actor,
  type Change,
  type FreeText,
  type Money,
  type WorkPlan,
} from "./work-plan.ts";

/** Applies one change to a draft, bumping its revision and logging who did what. */
export const changePlan = (
  plan: WorkPlan,
  who: Actor,
  action: string,
  change: (plan: WorkPlan) => WorkPlan,
  target?: string,
  detail?: string,
): WorkPlan => {
  assertDraft(plan);
  const next = change(plan);
  const rev = plan.rev + 1;
  const entry: Change = {
    rev,
    at: who.at,
    by: who.by,
    action,
    ...(target ? { target } : {}),
    ...(detail ? { detail } : {}),
  };
  return { ...next, rev, changes: [...plan.changes, entry] };
};

const findActivity = (plan: WorkPlan, id: string) => {
  const found = plan.activities.find((a) => a.id === id);
  if (!found) throw new NotFound("activity_not_found", `The Work Plan has no activity ${id}`);
  return found;
};

/** What an activity is given when written from scratch: nothing but what the Secretariat typed. */
export type ActivityDraft = Omit<Activity, "id" | "evidence" | "fromCandidates"> &
  Partial<Pick<Activity, "evidence" | "fromCandidates">>;

export const addActivity = (plan: WorkPlan, draft: ActivityDraft, who: Actor): WorkPlan => {
  const id = `a${plan.nextActivity}`;
  return changePlan(
    plan,
    who,
    "activity-added",
    (p) => ({
      ...p,
      nextActivity: p.nextActivity + 1,
      activities: [
        ...p.activities,
        {
          ...draft,
          id,
          evidence: uniqueEvidence(draft.evidence ?? []),
          fromCandidates: draft.fromCandidates ?? [],
        },
      ],
    }),
    id,
  );
};

/** The fields the Secretariat edits; evidence and origin change through their own operations. */
export type ActivityEdit = Partial<Omit<Activity, "id" | "evidence" | "fromCandidates">>;

export const editActivity = (plan: WorkPlan, id: string, edit: ActivityEdit, who: Actor): WorkPlan => {
  findActivity(plan, id);
  return changePlan(
    plan,
    who,
    "activity-edited",
    (p) => ({ ...p, activities: p.activities.map((a) => (a.id === id ? { ...a, ...edit } : a)) }),
    id,
    Object.keys(edit).sort().join(", "),
  );
};

export const removeActivity = (plan: WorkPlan, id: string, who: Actor): WorkPlan => {
  findActivity(plan, id);
  return changePlan(
    plan,
    who,
    "activity-removed",
    (p) => ({ ...p, activities: p.activities.filter((a) => a.id !== id) }),
    id,
  );
};

/** Puts an activity at a new position (from 0): the document numbers activities in this order. */
export const moveActivity = (plan: WorkPlan, id: string, position: number, who: Actor): WorkPlan => {
  const activity = findActivity(plan, id);
  return changePlan(
    plan,
    who,
    "activity-moved",
    (p) => {
      const rest = p.activities.filter((a) => a.id !== id);
      const at = Math.max(0, Math.min(rest.length, Math.trunc(position)));
      return { ...p, activities: [...rest.slice(0, at), activity, ...rest.slice(at)] };
    },
    id,
  );
};

export const linkEvidence = (
  plan: WorkPlan,
  id: string,
  links: readonly Evidence[],
  who: Actor,
): WorkPlan => {
  findActivity(plan, id);
  return changePlan(
    plan,
    who,
    "evidence-linked",
    (p) => ({
      ...p,
      activities: p.activities.map((a) =>
        a.id === id ? { ...a, evidence: uniqueEvidence([...a.evidence, ...links]) } : a,
      ),
    }),
    id,
    [...new Set(links.map((e) => `${e.memberCode} ${e.questionId}`))].join(", "),
  );
};

/** Drops links by evidence key (evidence.ts evidenceKey). */
export const unlinkEvidence = (plan: WorkPlan, id: string, keys: readonly string[], who: Actor): WorkPlan => {
  findActivity(plan, id);
  const drop = new Set(keys);
  return changePlan(
    plan,
    who,
    "evidence-unlinked",
    (p) => ({
      ...p,
      activities: p.activities.map((a) =>
        a.id === id ? { ...a, evidence: a.evidence.filter((e) => !drop.has(evidenceKey(e))) } : a,
      ),
    }),
    id,
  );
};

export const setFreeSections = (
  plan: WorkPlan,
  sections: Pick<WorkPlan, "supportingInitiatives" | "organisationContributions">,
  who: Actor,
): WorkPlan => changePlan(plan, who, "sections-edited", (p) => ({ ...p, ...sections }));

export const setRialFundAvailable = (plan: WorkPlan, available: Money[], who: Actor): WorkPlan => {
  const currencies = available.map((m) => m.currency);
  if (new Set(currencies).size !== currencies.length)
    throw new ValidationFailed([{ path: "rialFundAvailable", code: "duplicate" }]);
  return changePlan(plan, who, "rial-fund-set", (p) => ({ ...p, rialFundAvailable: available }));
};

/** Marks a pledge confirmed, or back to pledged; the questionnaire's amount is never changed here. */
export const confirmPledge = (
  plan: WorkPlan,
  pledge: { memberCode: string; questionId: string },
  confirmed: boolean,
  who: Actor,
): WorkPlan => {
  const same = (c: { memberCode: string; questionId: string }) =>
    c.memberCode === pledge.memberCode && c.questionId === pledge.questionId;
  return changePlan(
    plan,
    who,
    confirmed ? "pledge-confirmed" : "pledge-unconfirmed",
    (p) => ({
      ...p,
      pledgeConfirmations: [
        ...p.pledgeConfirmations.filter((c) => !same(c)),
        ...(confirmed ? [{ ...pledge, at: who.at, by: who.by }] : []),
      ],
    }),
    `${pledge.memberCode}/${pledge.questionId}`,
  );
};

/** Marks requests (by answer key, evidence.ts answerKey) as still under consideration, or not. */
export const setPending = (plan: WorkPlan, keys: readonly string[], pending: boolean, who: Actor): WorkPlan =>
  changePlan(plan, who, pending ? "marked-pending" : "unmarked-pending", (p) => {
    const set = new Set(p.pending);
    for (const k of keys)
      if (pending) set.add(k);
      else set.delete(k);
    return { ...p, pending: [...set] };
  });

/** The meeting's decision: from here on this edition never changes. */
export const adopt = (plan: WorkPlan, who: Actor): WorkPlan => {
  if (!plan.activities.length) throw new ValidationFailed([{ path: "activities", code: "required" }]);
  return {
    ...changePlan(plan, who, "adopted", (p) => p),
    status: "adopted",
    adoptedAt: who.at,
    adoptedBy: who.by,
  };
};

/** A new draft to amend an adopted plan: a copy of it, as the next edition, with its own log. */
export const nextDraft = (adopted: WorkPlan, who: Actor): WorkPlan => {
  if (adopted.status !== "adopted")
    throw new Conflict("work_plan_draft_exists", `Edition ${adopted.edition} is still a draft`, {
      edition: adopted.edition,
    });
  const { adoptedAt: _at, adoptedBy: _by, ...rest } = adopted;
  // Revisions go on rising from the adopted edition's: a page still open on it, whose posts name only a
  // revision, is then stale on the new draft instead of landing on it.
  const rev = adopted.rev + 1;
  return {
    ...rest,
    edition: adopted.edition + 1,
    basedOn: adopted.edition,
    rev,
    status: "draft",
    createdAt: who.at,
    createdBy: who.by,
    changes: [{ rev, at: who.at, by: who.by, action: "copied", target: `edition ${adopted.edition}` }],
  };
};

/** Activities numbered as the document numbers them, from 1. */
export const numbered = (plan: Pick<WorkPlan, "activities">) =>
  plan.activities.map((activity, i) => ({ number: i + 1, activity }));

/** The annex: for each activity, by number, the members whose linked answers support it. */
export const annexOf = (
  plan: Pick<WorkPlan, "activities">,
): { number: number; activityId: string; title: FreeText; supporters: Supporter[] }[] =>
  numbered(plan).map(({ number, activity }) => ({
    number,
    activityId: activity.id,
    title: activity.title,
    supporters: supportersOf(activity.evidence),
  }));
