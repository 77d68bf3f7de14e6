// The Work Plan store in memory: the same conditions as the DynamoDB adapter will write under.
import { editionOf, type WorkPlanStore } from "../../../../functions/core/work-plan/ports.ts";
import type { WorkPlan } from "../../../../functions/core/work-plan/work-plan.ts";

export const memoryWorkPlanStore = (): WorkPlanStore & { writes: number } => {
  const plans = new Map<string, WorkPlan[]>();
  const editions = (campaignId: string) => plans.get(campaignId) ?? [];
  const store = {
    writes: 0,
    async getWorkPlan(campaignId: string, edition?: number) {
      const list = editions(campaignId);
      const found = edition === undefined ? list.at(-1) : list.find((p) => p.edition === edition);
      return found && structuredClone(found);
    },
    async listWorkPlanEditions(campaignId: string) {
      return editions(campaignId).map(editionOf);
    },
    async putWorkPlan(plan: WorkPlan, expectedRev: number) {
      const list = editions(plan.campaignId);
      const stored = list.find((p) => p.edition === plan.edition);
      if (expectedRev === 0 ? stored !== undefined : stored?.rev !== expectedRev || stored.status !== "draft")
        return false;
      store.writes++;
      const copy = structuredClone(plan);
      plans.set(
        plan.campaignId,
        stored ? list.map((p) => (p.edition === plan.edition ? copy : p)) : [...list, copy],
      );
      return true;
    },
  };
  return store;
};
