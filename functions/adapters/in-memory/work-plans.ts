// Work Plans in memory: the same conditions as the DynamoDB store writes under.
import type { WorkPlanStore } from "../../core/ports.ts";
import { editionOf } from "../../core/work-plan/ports.ts";
import type { WorkPlan } from "../../core/work-plan/work-plan.ts";
import { copy } from "./kept.ts";

export const inMemoryWorkPlanStore = (): WorkPlanStore => {
  // Each campaign's editions, oldest first.
  const plans = new Map<string, WorkPlan[]>();
  const editions = (campaignId: string) => plans.get(campaignId) ?? [];
  return {
    getWorkPlan: async (campaignId, edition) => {
      const list = editions(campaignId);
      return copy(edition === undefined ? list.at(-1) : list.find((p) => p.edition === edition));
    },
    getAdoptedWorkPlan: async (campaignId) =>
      copy(editions(campaignId).findLast((p) => p.status === "adopted")),
    listWorkPlanEditions: async (campaignId) => editions(campaignId).map(editionOf),
    putWorkPlan: async (plan, expectedRev) => {
      const list = editions(plan.campaignId);
      const stored = list.find((p) => p.edition === plan.edition);
      const fresh = expectedRev === 0 && !stored;
      const over = expectedRev !== 0 && stored?.rev === expectedRev && stored.status === "draft";
      if (!fresh && !over) return false;
      const kept = copy(plan);
      plans.set(
        plan.campaignId,
        [...list.filter((p) => p.edition !== plan.edition), kept].sort((a, b) => a.edition - b.edition),
      );
      return true;
    },
  };
};
