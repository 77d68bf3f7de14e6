// Use cases of the Work Plan over its store: create, change under a revision, adopt, start the next draft.
//
// Every change reads the newest edition, refuses it if adopted or if the caller saw an older
// revision, applies a pure change from work-plan.ts or candidates.ts, checks the result, and writes
// it on condition: two people editing at once get a conflict, never a lost change.
import type { Member } from "../directory.ts";
import { Conflict, NotFound } from "../errors.ts";
import type { CampaignStore, Clock } from "../ports.ts";
import type { Questionnaire } from "../questionnaire/definition.ts";
import type { ResponseVersion } from "../responses.ts";
import { type Candidate } from "./candidates.ts";
import { acceptCandidate, discardCandidate } from "./candidate-choices.ts";
import { findInputRoles, indexInputs, type Evidence } from "./evidence.ts";
import type { WorkPlanStore } from "./ports.ts";
import {
  assertDraft,
  checkWorkPlan,
  emptyWorkPlan,
  type Actor,
  type PlanContext,
  type WorkPlan,
} from "./work-plan.ts";
import { adopt, editActivity, linkEvidence, nextDraft, type ActivityEdit } from "./plan-changes.ts";

export type WorkPlanPorts = { repository: WorkPlanStore; clock: Clock };

/** The members, topics and kept answers a campaign's plan may name. */
export const planContext = (
  questionnaire: Questionnaire,
  members: readonly Pick<Member, "code">[],
  submissions: readonly ResponseVersion[],
): PlanContext => {
  const roles = findInputRoles(questionnaire);
  return {
    memberCodes: new Set(members.map((m) => m.code)),
    topicIds: new Set(roles.topicIds),
    inputs: indexInputs(submissions, roles),
  };
};

export const readWorkPlan = async (ports: WorkPlanPorts, campaignId: string, edition?: number) => {
  const plan = await ports.repository.getWorkPlan(campaignId, edition);
  if (!plan)
    throw new NotFound(
      "work_plan_not_found",
      edition ? `This campaign's Work Plan has no edition ${edition}` : "This campaign has no Work Plan yet",
    );
  return plan;
};

/** The cycle's first draft, empty: candidates and activities are added to it afterwards. */
export const createWorkPlan = async (
  ports: { repository: WorkPlanStore & Pick<CampaignStore, "getCampaign">; clock: Clock },
  campaignId: string,
  by: string,
): Promise<WorkPlan> => {
  // A plan belongs to a campaign: an address naming none would leave a plan no page can show.
  if (!(await ports.repository.getCampaign(campaignId)))
    throw new NotFound("campaign_not_found", `No campaign ${campaignId}`);
  if (await ports.repository.getWorkPlan(campaignId))
    throw new Conflict("work_plan_exists", "This campaign already has a Work Plan");
  const plan = emptyWorkPlan(campaignId, { by, at: ports.clock.now().toISOString() });
  if (!(await ports.repository.putWorkPlan(plan, 0)))
    throw new Conflict("work_plan_exists", "This campaign already has a Work Plan");
  return plan;
};

export type Edit = {
  campaignId: string;
  /** The revision the person saw: a change based on an older one is refused, not merged. */
  baseRev: number;
  by: string;
  /** When given, every name, topic and evidence link of the result must exist in it. */
  context?: PlanContext;
};

const stale = (plan: WorkPlan) =>
  new Conflict(
    "work_plan_changed",
    "Someone changed the Work Plan meanwhile; reload it to see their change",
    {
      rev: plan.rev,
    },
  );

/** Reads the newest edition, applies `change`, checks and writes it on condition of its revision. */
export const updateWorkPlan = async (
  ports: WorkPlanPorts,
  edit: Edit,
  change: (plan: WorkPlan, who: Actor) => WorkPlan,
): Promise<WorkPlan> => {
  const plan = await readWorkPlan(ports, edit.campaignId);
  assertDraft(plan);
  if (plan.rev !== edit.baseRev) throw stale(plan);
  const next = checkWorkPlan(
    change(plan, { by: edit.by, at: ports.clock.now().toISOString() }),
    edit.context,
  );
  if (!(await ports.repository.putWorkPlan(next, plan.rev))) throw stale(plan);
  return next;
};

export const acceptCandidateInPlan = (
  ports: WorkPlanPorts,
  edit: Edit,
  candidate: Candidate,
  overrides?: ActivityEdit,
) => updateWorkPlan(ports, edit, (plan, who) => acceptCandidate(plan, candidate, who, overrides));

export const discardCandidateInPlan = (ports: WorkPlanPorts, edit: Edit, candidate: Candidate) =>
  updateWorkPlan(ports, edit, (plan, who) => discardCandidate(plan, candidate, who));

export const editActivityInPlan = (
  ports: WorkPlanPorts,
  edit: Edit,
  activityId: string,
  changes: ActivityEdit,
) => updateWorkPlan(ports, edit, (plan, who) => editActivity(plan, activityId, changes, who));

export const linkEvidenceInPlan = (
  ports: WorkPlanPorts,
  edit: Edit,
  activityId: string,
  links: readonly Evidence[],
) => updateWorkPlan(ports, edit, (plan, who) => linkEvidence(plan, activityId, links, who));

/** The meeting's decision: the edition is written once more, as adopted, and never again. */
export const adoptWorkPlan = (ports: WorkPlanPorts, edit: Edit) =>
  updateWorkPlan(ports, edit, (plan, who) => adopt(plan, who));

/** A new draft copying the adopted plan, to amend it; refused while a draft is open. */
export const startNextDraft = async (
  ports: WorkPlanPorts,
  campaignId: string,
  by: string,
): Promise<WorkPlan> => {
  const adopted = await readWorkPlan(ports, campaignId);
  const draft = nextDraft(adopted, { by, at: ports.clock.now().toISOString() });
  if (!(await ports.repository.putWorkPlan(draft, 0)))
    throw new Conflict("work_plan_draft_exists", "Someone started the next draft meanwhile");
  return draft;
};
