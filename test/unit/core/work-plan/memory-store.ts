// The Work Plan store in memory, counting the writes it accepts.
import { inMemoryWorkPlanStore } from "../../../../functions/adapters/in-memory/work-plans.ts";
import type { WorkPlanStore } from "../../../../functions/core/work-plan/ports.ts";

export const memoryWorkPlanStore = (): WorkPlanStore & { writes: number } => {
  const inner = inMemoryWorkPlanStore();
  const store = {
    writes: 0,
    getWorkPlan: inner.getWorkPlan,
    getAdoptedWorkPlan: inner.getAdoptedWorkPlan,
    listWorkPlanEditions: inner.listWorkPlanEditions,
    putWorkPlan: async (...args: Parameters<WorkPlanStore["putWorkPlan"]>) => {
      const written = await inner.putWorkPlan(...args);
      if (written) store.writes++;
      return written;
    },
  };
  return store;
};
