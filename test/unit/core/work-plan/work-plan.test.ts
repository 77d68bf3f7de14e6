// The Work Plan's pure changes and its schema: what the console may send, what a plan may hold.
import { describe, expect, it } from "vitest";
import { NotFound, ValidationFailed } from "../../../../functions/core/errors.ts";
import { proposeCandidates, type Candidate } from "../../../../functions/core/work-plan/candidates.ts";
import {
  acceptCandidate,
  candidateById,
  mergeCandidates,
} from "../../../../functions/core/work-plan/candidate-choices.ts";
import { evidenceKey } from "../../../../functions/core/work-plan/evidence.ts";
import {
  ActivityEditInput,
  ActivityInput,
  checkWorkPlan,
  emptyWorkPlan,
  freeText,
  parseInput,
  readIn,
  TO_BE_DEFINED,
  WORK_PLAN_MAX_BYTES,
  type WorkPlan,
} from "../../../../functions/core/work-plan/work-plan.ts";
import {
  addActivity,
  annexOf,
  editActivity,
  linkEvidence,
  moveActivity,
  removeActivity,
  setFreeSections,
  setRialFundAvailable,
  unlinkEvidence,
} from "../../../../functions/core/work-plan/plan-changes.ts";
import { demoInputs } from "./demo.ts";

const who = { by: "secretariat@example.org", at: "2026-04-01T10:00:00.000Z" };
const inputs = demoInputs();
const candidates = proposeCandidates(inputs);

const written = (title: string) => ({
  kind: "study" as const,
  title: freeText("es", title),
  place: TO_BE_DEFINED,
  date: TO_BE_DEFINED,
  hosts: [],
  responsible: [],
  funding: [],
  serves: [],
});

const threeActivities = () =>
  ["Uno", "Dos", "Tres"].reduce(
    (plan, title) => addActivity(plan, written(title), who),
    emptyWorkPlan("c1", who),
  );

const titles = (plan: WorkPlan) => plan.activities.map((a) => a.title.texts.es);

describe("changing a draft", () => {
  it("numbers activities in order, moves and removes them, never reusing an id", () => {
    let plan = threeActivities();
    plan = moveActivity(plan, "a3", 0, who);
    expect(titles(plan)).toEqual(["Tres", "Uno", "Dos"]);
    plan = removeActivity(plan, "a1", who);
    plan = addActivity(plan, written("Cuatro"), who);
    expect(plan.activities.map((a) => a.id)).toEqual(["a3", "a2", "a4"]);
    expect(() => removeActivity(plan, "a1", who)).toThrow(NotFound);
    expect(plan.rev).toBe(plan.changes.length);
  });

  it("links evidence once however often it is linked, and unlinks it by key", () => {
    const links = (candidates[0] as Candidate).evidence;
    let plan = linkEvidence(threeActivities(), "a2", [...links, ...links], who);
    plan = linkEvidence(plan, "a2", links.slice(0, 1), who);
    expect(plan.activities[1]?.evidence).toEqual(links);
    plan = unlinkEvidence(plan, "a2", [evidenceKey(links[0]!)], who);
    expect(plan.activities[1]?.evidence).toEqual(links.slice(1));
  });

  it("logs who changed what: the fields an edit touched, whose answers a link cites", () => {
    const link = (candidates[0] as Candidate).evidence[0]!;
    let plan = editActivity(threeActivities(), "a2", { kind: "rial-workshop", hosts: ["ARG"] }, who);
    plan = linkEvidence(plan, "a2", [link], who);
    expect(plan.changes.slice(-2)).toEqual([
      { rev: 5, at: who.at, by: who.by, action: "activity-edited", target: "a2", detail: "hosts, kind" },
      {
        rev: 6,
        at: who.at,
        by: who.by,
        action: "evidence-linked",
        target: "a2",
        detail: `${link.memberCode} ${link.questionId}`,
      },
    ]);
  });

  it("reads a free text in the reader's language when translated, else as written", () => {
    const text = { original: "es" as const, texts: { es: "Taller", en: "Workshop" } };
    expect(readIn(text, "en")).toEqual({ text: "Workshop", lang: "en", original: false });
    expect(readIn(text, "es")).toEqual({ text: "Taller", lang: "es", original: true });
    expect(readIn(text, "pt")).toEqual({ text: "Taller", lang: "es", original: true });
  });

  it("keeps supporting initiatives and organisations' contributions as free sections", () => {
    const plan = setFreeSections(
      emptyWorkPlan("c1", who),
      {
        supportingInitiatives: [
          { text: freeText("es", "Continuar la actualización de la base de datos de la CISS") },
        ],
        organisationContributions: [
          { organisation: freeText("es", "OIT"), text: freeText("es", "Tres áreas prioritarias") },
        ],
      },
      who,
    );
    expect(checkWorkPlan(plan).supportingInitiatives).toHaveLength(1);
  });

  it("refuses the RIAL Fund's available amount twice in one currency", () => {
    const money = { amount: 104000, currency: "USD" };
    expect(() => setRialFundAvailable(emptyWorkPlan("c1", who), [money, money], who)).toThrow(
      ValidationFailed,
    );
  });

  it("refuses a plan too large to store as one item", () => {
    const long = "x".repeat(5000);
    let plan = emptyWorkPlan("c1", who);
    for (let i = 0; i < 80; i++)
      plan = addActivity(plan, { ...written(long), description: freeText("es", long) }, who);
    expect(() => checkWorkPlan(plan)).toThrow(
      expect.objectContaining({
        fieldErrors: [
          expect.objectContaining({
            code: "work_plan_too_large",
            params: expect.objectContaining({ max: WORK_PLAN_MAX_BYTES }),
          }),
        ],
      }),
    );
  });

  it("holds every demo candidate accepted, with all its evidence, well within one item", () => {
    const plan = candidates.reduce((p, c) => acceptCandidate(p, c, who), emptyWorkPlan("c1", who));
    const bytes = Buffer.byteLength(JSON.stringify(checkWorkPlan(plan)));
    expect(bytes).toBeLessThan(WORK_PLAN_MAX_BYTES / 2);
  });
});

describe("what the console sends", () => {
  it("is checked at the edge, each problem named beside its field in the form's codes", () => {
    const bad = {
      ...written("Taller"),
      kind: "party",
      title: { original: "fr", texts: { es: "Taller" } },
      funding: [
        { source: "project", money: { amount: 1.005, currency: "USD" } },
        { source: "rial-fund" },
        { source: "oas", project: "Canada" },
      ],
    };
    expect(() => parseInput(ActivityInput, bad, "activity")).toThrow(
      expect.objectContaining({
        fieldErrors: expect.arrayContaining([
          { path: "activity.kind", code: "invalid_choice" },
          { path: "activity.title.texts", code: "original_required" },
          { path: "activity.funding.0.money.amount", code: "too_many_decimals" },
          { path: "activity.funding.0.project", code: "required" },
          { path: "activity.funding.1.money", code: "required" },
          { path: "activity.funding.2.project", code: "project_only" },
        ]),
      }),
    );
    const { place: _place, ...noPlace } = written("Taller");
    expect(() => parseInput(ActivityInput, { ...noPlace, hosts: "ARG" }, "activity")).toThrow(
      expect.objectContaining({
        fieldErrors: [
          { path: "activity.place", code: "required" },
          { path: "activity.hosts", code: "invalid" },
        ],
      }),
    );
    expect(parseInput(ActivityEditInput, { date: freeText("en", "May 2027") }, "activity")).toEqual({
      date: freeText("en", "May 2027"),
    });
    expect(() => parseInput(ActivityEditInput, { id: "a9" }, "activity")).toThrow(ValidationFailed);
  });

  it("names a merged candidate by its parts' ids, merged again the same way", () => {
    const [a, b, c] = candidates as [Candidate, Candidate, Candidate];
    const merged = mergeCandidates(mergeCandidates(a, b), c);
    expect(candidateById(candidates, merged.id)).toEqual(merged);
    expect(candidateById(candidates, a.id)).toBe(a);
    expect(() => candidateById(candidates, `${a.id}+nothing`)).toThrow(NotFound);
  });
});

describe("the annex", () => {
  it("traces each activity, by number, to the members whose answers it links, with receipt codes", () => {
    const [topic, host] = [
      candidates.find((c) => c.rule === "top-topic"),
      candidates.find((c) => c.rule === "hosting"),
    ] as [Candidate, Candidate];
    let plan = acceptCandidate(emptyWorkPlan("c1", who), topic, who);
    plan = addActivity(plan, written("Sin insumos"), who);
    plan = acceptCandidate(plan, host, who);
    const annex = annexOf(plan);
    expect(annex.map((a) => [a.number, a.activityId, a.supporters.length > 0])).toEqual([
      [1, "a1", true],
      [2, "a2", false],
      [3, "a3", true],
    ]);
    const hostMember = host.hosts[0];
    const submission = inputs.submissions.find((s) => s.memberCode === hostMember);
    expect(annex[2]?.supporters).toEqual([
      {
        memberCode: hostMember,
        submissions: [{ version: submission?.version, receiptCode: submission?.receiptCode }],
        roles: ["hosting-offer"],
        links: 1,
      },
    ]);
  });
});
