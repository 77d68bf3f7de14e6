// A member's "What became of your inputs": its own requests only, each in an activity, merged or not retained, in its language.
import { describe, expect, it } from "vitest";
import { createHandlebarsViews } from "../../../../functions/adapters/handlebars-views.ts";
import { inMemoryWorkPlanStore } from "../../../../functions/adapters/in-memory/work-plans.ts";
import type { Language } from "../../../../functions/core/languages.ts";
import { findInputRoles, inputsOf } from "../../../../functions/core/work-plan/evidence.ts";
import { buildOutcomesView, lastAdoptedPlan } from "../../../../functions/core/work-plan/member-outcomes.ts";
import { nextDraft } from "../../../../functions/core/work-plan/plan-changes.ts";
import type { WorkPlan } from "../../../../functions/core/work-plan/work-plan.ts";
import { demoInputs } from "./demo.ts";
import { seedPlan, SEED_ACTIVITIES } from "./seed-plan.ts";
import { carriedFromLastCycle } from "../../../support/factories.ts";

const views = createHandlebarsViews(new URL("../../../../templates/", import.meta.url).pathname, {
  strict: true,
});
const inputs = demoInputs();
const roles = findInputRoles(inputs.questionnaire);
const adopted = seedPlan("c1");
const versionsOf = (code: string) => inputs.submissions.filter((s) => s.memberCode === code);
const viewFor = (plan: WorkPlan, code: string, lang: Language) =>
  buildOutcomesView(
    plan,
    inputs.questionnaire,
    versionsOf(code),
    lang,
    (key) => views.translate(lang, key),
    new Map(),
    "America/New_York",
  );

// A member whose proposal activity 1 cites, and one whose proposal no activity cites.
const cited = adopted.activities[0]!.evidence[0]!;
const citedCodes = new Set(adopted.activities.flatMap((a) => a.evidence.map((e) => e.memberCode)));
const uncited = inputs.submissions.find(
  (s) =>
    !citedCodes.has(s.memberCode) && inputsOf(s, roles).some((i) => i.evidence.role === "activity-proposal"),
)!.memberCode;

describe("what became of a member's inputs, on its form", () => {
  it("shows nothing while the plan is a draft", () => {
    expect(viewFor(seedPlan("c1", { adopted: false }), cited.memberCode, "en")).toBeUndefined();
    expect(viewFor(adopted, "ZZZ", "en")).toBeUndefined();
  });

  it("names the activity a proposal became part of, in the member's language", () => {
    const view = viewFor(adopted, cited.memberCode, "fr")!;
    expect(view.title).toBe("Ce que sont devenues vos contributions");
    expect(view.intro).toContain(versionsOf(cited.memberCode)[0]!.receiptCode);
    const row = view.rows.find((r) => r.kind === "in-activity")!;
    expect(row.request).toMatch(/^Proposition d’activité \d+ : /);
    expect(row.status).toBe(
      `Fait partie de l’activité 1 : ${SEED_ACTIVITIES[0]!.title} — Non traduit (original en espagnol)`,
    );
  });

  it("says 'not retained' for a proposal no activity cites, and lists only the member's own", () => {
    const view = viewFor(adopted, uncited, "es")!;
    const proposals = view.rows.filter((r) => r.request.startsWith("Propuesta de actividad"));
    expect(proposals.length).toBeGreaterThan(0);
    expect(proposals.every((r) => r.status === "No retenido en este Plan de Trabajo")).toBe(true);
    const own = inputsOf(versionsOf(uncited)[0]!, roles).filter((i) => !i.evidence.role.startsWith("topic-"));
    expect(view.rows).toHaveLength(own.length);
    // Nothing another member wrote: every quoted word is this member's own.
    const mine = own.flatMap((i) => i.words.map((w) => w.text.slice(0, 40)));
    for (const r of view.rows.filter((x) => x.request.includes(": ") && !/\d{4}\)$/.test(x.request)))
      expect(mine.some((w) => r.request.includes(w)) || /\$|US/.test(r.request)).toBe(true);
  });

  it("reads the plan last adopted, not a draft amending it", async () => {
    const store = inMemoryWorkPlanStore();
    await store.putWorkPlan(adopted, 0);
    const draft = nextDraft(adopted, { by: "secretariat@example.org", at: "2026-06-01T00:00:00Z" });
    await store.putWorkPlan(draft, 0);
    expect((await store.getWorkPlan("c1"))?.status).toBe("draft");
    expect(await lastAdoptedPlan({ repository: store }, "c1")).toMatchObject({
      edition: 1,
      status: "adopted",
    });
  });

  it("lists no request the member carried over from last cycle and never confirmed", () => {
    const [submission] = versionsOf(uncited);
    const carried = {
      ...submission!,
      carriedOver: carriedFromLastCycle(Object.keys(submission!.answers)),
    };
    const view = buildOutcomesView(
      adopted,
      inputs.questionnaire,
      [carried],
      "es",
      (key) => views.translate("es", key),
      new Map(),
      "America/New_York",
    );
    expect(view?.rows ?? []).toEqual([]);
  });
});
