// The next cycle's form, beside each question answered last time: what became of the member's own requests there.
import { describe, expect, it } from "vitest";
import { createHandlebarsViews } from "../../../../functions/adapters/handlebars-views.ts";
import { createInMemoryRepository } from "../../../../functions/adapters/in-memory/index.ts";
import type { Language } from "../../../../functions/core/languages.ts";
import type { Repository } from "../../../../functions/core/ports.ts";
import type { ResponseVersion } from "../../../../functions/core/responses.ts";
import { findInputRoles, inputsOf } from "../../../../functions/core/work-plan/evidence.ts";
import {
  lastCycleNotes,
  lastCycleNotesFor,
  type NotePart,
} from "../../../../functions/core/work-plan/last-cycle.ts";
import { nextDraft } from "../../../../functions/core/work-plan/plan-changes.ts";
import { demoInputs } from "./demo.ts";
import { SEED_ACTIVITIES, seedPlan } from "./seed-plan.ts";

const views = createHandlebarsViews(new URL("../../../../templates/", import.meta.url).pathname, {
  strict: true,
});
const inputs = demoInputs();
const roles = findInputRoles(inputs.questionnaire);
const adopted = seedPlan("last-cycle");
const versionsOf = (code: string) =>
  inputs.submissions.filter((s) => s.memberCode === code).map((s) => ({ ...s, campaignId: "last-cycle" }));
const notesFor = (code: string, lang: Language, plan = adopted, versions = versionsOf(code)) =>
  lastCycleNotes(plan, inputs.questionnaire, versions, lang, (key) => views.translate(lang, key));
const textOf = (parts: NotePart[] | undefined) => parts?.map((p) => p.text).join("");

// A member whose proposal activity 1 cites, and one whose proposals no activity cites.
const cited = adopted.activities[0]!.evidence[0]!;
const citedCodes = new Set(adopted.activities.flatMap((a) => a.evidence.map((e) => e.memberCode)));
const uncited = inputs.submissions.find(
  (s) =>
    !citedCodes.has(s.memberCode) && inputsOf(s, roles).some((i) => i.evidence.role === "activity-proposal"),
)!.memberCode;
const proposals = roles.proposals!.question.id;

/** A repository counting the reads the form's look back makes. */
const counted = () => {
  const repository = createInMemoryRepository();
  const reads: string[] = [];
  const watched = new Proxy(repository, {
    get: (target, name: keyof Repository) => {
      const method = target[name];
      return typeof method === "function" && /^(get|list)/.test(String(name))
        ? (...args: unknown[]) => {
            reads.push(String(name));
            return (method as (...a: unknown[]) => unknown).apply(target, args);
          }
        : method;
    },
  });
  return { repository, watched, reads };
};

describe("last cycle's outcomes beside the questions", () => {
  it("says, beside the proposals, the activity the member's proposal became part of, in its language", () => {
    const notes = notesFor(cited.memberCode, "en");
    const note = textOf(notes.get(cited.questionId));
    expect(note).toMatch(/^Last cycle/);
    expect(note).toContain(`part of activity 1 “${SEED_ACTIVITIES[0]!.title}”`);
    expect(textOf(notesFor(cited.memberCode, "fr").get(cited.questionId))).toContain(
      `fait partie de l’activité 1 « ${SEED_ACTIVITIES[0]!.title} »`,
    );
    // The title, written in Spanish, says so: the page marks it up in its own language.
    expect(notes.get(cited.questionId)).toContainEqual({ text: SEED_ACTIVITIES[0]!.title, lang: "es" });
    expect(notesFor(cited.memberCode, "es").get(cited.questionId)).toContainEqual({
      text: SEED_ACTIVITIES[0]!.title,
    });
  });

  it("says 'not retained' for another member's proposals, and none of the first member's activity", () => {
    const notes = notesFor(uncited, "es");
    const note = textOf(notes.get(proposals));
    expect(note).toContain("no retenido en el Plan de Trabajo");
    expect(note).not.toContain("parte de la actividad");
    // Only questions the member asked something in, each from its own requests.
    const asked = new Set(
      inputsOf(versionsOf(uncited).at(-1)!, roles)
        .filter((i) => !i.evidence.role.startsWith("topic-"))
        .map((i) => i.evidence.questionId),
    );
    expect(new Set(notes.keys())).toEqual(asked);
  });

  it("says nothing while last cycle's plan is a draft, or to a member who did not submit", () => {
    expect(notesFor(cited.memberCode, "en", seedPlan("last-cycle", { adopted: false })).size).toBe(0);
    const t = (key: string) => views.translate("en", key);
    expect(lastCycleNotes(undefined, inputs.questionnaire, versionsOf(cited.memberCode), "en", t).size).toBe(
      0,
    );
    expect(notesFor("ZZZ", "en").size).toBe(0);
  });

  it("counts only confirmed answers: a request carried into last cycle and never confirmed shows nothing", () => {
    const [latest] = versionsOf(uncited);
    const carried: ResponseVersion = {
      ...latest!,
      carriedOver: {
        campaignId: "two-cycles-ago",
        campaignTitle: {
          es: "Hace dos ciclos",
          en: "Two cycles ago",
          fr: "Il y a deux cycles",
          pt: "Dois ciclos atrás",
        },
        version: 1,
        submittedAt: "2025-01-01T00:00:00.000Z",
        questionnaireVersion: 1,
        questions: [proposals],
        confirmed: [],
      },
    };
    expect(notesFor(uncited, "es", adopted, [carried]).has(proposals)).toBe(false);
  });

  it("reads the earlier campaign's plan last adopted and the member's own versions, two reads, only with prefillFrom", async () => {
    const { repository, watched, reads } = counted();
    await repository.putWorkPlan(adopted, 0);
    // A draft amending it is open: the adopted edition still counts, read in the same one read.
    await repository.putWorkPlan(
      nextDraft(adopted, { by: "secretariat@example.org", at: "2026-06-01T00:00:00Z" }),
      0,
    );
    for (const v of [...versionsOf(cited.memberCode), ...versionsOf(uncited)])
      await repository.putResponseVersion(v);
    const ports = { repository: watched, views };
    const none = await lastCycleNotesFor(ports, {}, cited.memberCode, inputs.questionnaire, "en");
    expect(none).toBeUndefined();
    expect(reads).toEqual([]);
    const notes = await lastCycleNotesFor(
      ports,
      { prefillFrom: "last-cycle" },
      cited.memberCode,
      inputs.questionnaire,
      "en",
    );
    expect(reads.sort()).toEqual(["getAdoptedWorkPlan", "listResponseVersions"]);
    expect(textOf(notes?.get(cited.questionId))).toContain("part of activity 1");
    const theirs = await lastCycleNotesFor(
      ports,
      { prefillFrom: "last-cycle" },
      uncited,
      inputs.questionnaire,
      "en",
    );
    expect(textOf(theirs?.get(proposals))).not.toContain("part of activity 1");
  });
});
