// What every WorkPlanStore does, whatever keeps it.
import { describe, expect, it } from "vitest";
import type { WorkPlanStore } from "../../functions/core/ports.ts";
import { addActivity, adopt, nextDraft } from "../../functions/core/work-plan/plan-changes.ts";
import { emptyWorkPlan, freeText, TO_BE_DEFINED } from "../../functions/core/work-plan/work-plan.ts";

const by = (at: string) => ({ by: "secretariat@example.org", at });
const draft = (campaignId = "c1") => emptyWorkPlan(campaignId, by("2026-12-06T10:00:00.000Z"));
const withActivity = (plan: ReturnType<typeof draft>, title = "Taller RIAL") =>
  addActivity(
    plan,
    {
      kind: "rial-workshop",
      title: freeText("es", title),
      place: TO_BE_DEFINED,
      date: TO_BE_DEFINED,
      hosts: [],
      responsible: [],
      funding: [{ source: "rial-fund", money: { amount: 35000.5, currency: "USD" } }],
      serves: [],
    },
    by("2026-12-06T10:05:00.000Z"),
  );

export const workPlanContract = (open: () => Promise<WorkPlanStore>) =>
  describe("WorkPlanStore", () => {
    it("keeps a plan as written, and finds nothing for a campaign without one", async () => {
      const store = await open();
      const plan = withActivity(draft());
      expect(await store.putWorkPlan(draft(), 0)).toBe(true);
      expect(await store.putWorkPlan(plan, 1)).toBe(true);
      expect(await store.getWorkPlan("c1")).toEqual(plan);
      expect(await store.getWorkPlan("c1", 1)).toEqual(plan);
      expect(await store.getWorkPlan("c1", 2)).toBeUndefined();
      expect(await store.getWorkPlan("c2")).toBeUndefined();
      expect(await store.getWorkPlan("x".repeat(3000))).toBeUndefined();
      expect(await store.listWorkPlanEditions("c2")).toEqual([]);
    });

    it("writes only over the revision it was read at: two people editing, one of them is refused", async () => {
      const store = await open();
      await store.putWorkPlan(draft(), 0);
      // A second first edition, and two changes both based on revision 1: one of each is refused.
      expect(await store.putWorkPlan(draft(), 0)).toBe(false);
      expect(await store.putWorkPlan(withActivity(draft(), "Primera"), 1)).toBe(true);
      expect(await store.putWorkPlan(withActivity(draft(), "Segunda"), 1)).toBe(false);
      expect(await store.putWorkPlan(withActivity(draft(), "Tercera"), 5)).toBe(false);
      expect((await store.getWorkPlan("c1"))?.activities[0]?.title.texts.es).toBe("Primera");
    });

    it("never writes over an adopted edition; the next draft is a new edition, the newest one read", async () => {
      const store = await open();
      await store.putWorkPlan(draft(), 0);
      const edited = withActivity(draft());
      await store.putWorkPlan(edited, 1);
      const adopted = adopt(edited, by("2026-12-07T09:00:00.000Z"));
      expect(await store.putWorkPlan(adopted, edited.rev)).toBe(true);
      // Written over the adopted revision, a change is still refused.
      expect(await store.putWorkPlan({ ...adopted, rev: adopted.rev + 1 }, adopted.rev)).toBe(false);
      const next = nextDraft(adopted, by("2026-12-08T09:00:00.000Z"));
      expect(await store.putWorkPlan(next, 0)).toBe(true);
      expect(await store.getWorkPlan("c1")).toEqual(next);
      expect(await store.getWorkPlan("c1", 1)).toEqual(adopted);
      expect(await store.listWorkPlanEditions("c1")).toEqual([
        expect.objectContaining({ edition: 1, status: "adopted", rev: adopted.rev, activities: 1 }),
        expect.objectContaining({
          edition: 2,
          status: "draft",
          rev: adopted.rev + 1,
          basedOn: 1,
          activities: 1,
        }),
      ]);
    });

    it("keeps each campaign's plan apart, editions in number order past nine", async () => {
      const store = await open();
      await store.putWorkPlan(draft("c1"), 0);
      await store.putWorkPlan(draft("c10"), 0);
      let plan = withActivity(draft("c1"));
      await store.putWorkPlan(plan, 1);
      for (let i = 0; i < 10; i++) {
        const adopted = adopt(plan, by("2026-12-07T09:00:00.000Z"));
        await store.putWorkPlan(adopted, plan.rev);
        plan = nextDraft(adopted, by("2026-12-08T09:00:00.000Z"));
        await store.putWorkPlan(plan, 0);
      }
      expect((await store.getWorkPlan("c1"))?.edition).toBe(11);
      expect((await store.listWorkPlanEditions("c1")).map((e) => e.edition)).toEqual([
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
      ]);
      expect((await store.getWorkPlan("c10"))?.edition).toBe(1);
    });

    it("finds the edition last adopted: none while the first is a draft, the one a draft amends, the newest", async () => {
      const store = await open();
      const first = withActivity(draft());
      await store.putWorkPlan(draft(), 0);
      await store.putWorkPlan(first, 1);
      expect(await store.getAdoptedWorkPlan("c1")).toBeUndefined();
      expect(await store.getAdoptedWorkPlan("c2")).toBeUndefined();
      expect(await store.getAdoptedWorkPlan("x".repeat(3000))).toBeUndefined();
      const adopted = adopt(first, by("2026-12-07T09:00:00.000Z"));
      await store.putWorkPlan(adopted, first.rev);
      expect(await store.getAdoptedWorkPlan("c1")).toEqual(adopted);
      const amending = nextDraft(adopted, by("2026-12-08T09:00:00.000Z"));
      await store.putWorkPlan(amending, 0);
      expect(await store.getAdoptedWorkPlan("c1")).toEqual(adopted);
      const second = adopt(amending, by("2026-12-09T09:00:00.000Z"));
      await store.putWorkPlan(second, amending.rev);
      expect(await store.getAdoptedWorkPlan("c1")).toEqual(second);
    });
  });
