// The store the Work Plan needs (declared with the other stores in core/ports/), and an edition's summary.
import type { WorkPlanEdition } from "../ports/work-plans.ts";
import type { WorkPlan } from "./work-plan.ts";

export type { WorkPlanEdition, WorkPlanStore } from "../ports/work-plans.ts";

export const editionOf = (plan: WorkPlan): WorkPlanEdition => ({
  campaignId: plan.campaignId,
  edition: plan.edition,
  rev: plan.rev,
  status: plan.status,
  basedOn: plan.basedOn,
  createdAt: plan.createdAt,
  createdBy: plan.createdBy,
  adoptedAt: plan.adoptedAt,
  adoptedBy: plan.adoptedBy,
  activities: plan.activities.length,
});
