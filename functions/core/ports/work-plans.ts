// The Work Plan's store: one plan per campaign, kept edition by edition, written under a revision.
import type { WorkPlan } from "../work-plan/work-plan.ts";

/** What a list of editions shows: enough to pick one, without every activity. */
export type WorkPlanEdition = Pick<
  WorkPlan,
  | "campaignId"
  | "edition"
  | "rev"
  | "status"
  | "basedOn"
  | "createdAt"
  | "createdBy"
  | "adoptedAt"
  | "adoptedBy"
> & { activities: number };

export interface WorkPlanStore {
  /** One edition, or the newest (the draft being written, else the plan last adopted) when none is named. */
  getWorkPlan(campaignId: string, edition?: number): Promise<WorkPlan | undefined>;
  /**
   * The edition last adopted, in one read: the newest if adopted, else the one the open draft amends
   * (a draft is only ever started over the newest edition, once adopted, so it is the one before).
   */
  getAdoptedWorkPlan(campaignId: string): Promise<WorkPlan | undefined>;
  /** Every edition of a campaign's plan, oldest first. */
  listWorkPlanEditions(campaignId: string): Promise<WorkPlanEdition[]>;
  /**
   * Writes an edition if the stored one is still at `expectedRev` and still a draft (0: the edition
   * must not exist yet). False when someone wrote first or the edition is adopted: nothing is overwritten.
   */
  putWorkPlan(plan: WorkPlan, expectedRev: number): Promise<boolean>;
}
