// Candidate activities from the compiled inputs: fixed rules, the members' own words, every link real.
import { describe, expect, it } from "vitest";
import { Conflict } from "../../../../functions/core/errors.ts";
import type { Answers, GroupItem } from "../../../../functions/core/questionnaire/answers.ts";
import { proposeCandidates, type Candidate } from "../../../../functions/core/work-plan/candidates.ts";
import {
  acceptCandidate,
  discardCandidate,
  editCandidate,
  mergeCandidates,
  openCandidates,
} from "../../../../functions/core/work-plan/candidate-choices.ts";
import {
  evidenceErrors,
  evidenceKey,
  findInputRoles,
  indexInputs,
  inputsOf,
} from "../../../../functions/core/work-plan/evidence.ts";
import { emptyWorkPlan } from "../../../../functions/core/work-plan/work-plan.ts";
import {
  buildReport,
  members as fixtureMembers,
  q as fixtureQ,
  submissions as fixtureSubs,
} from "../report/fixture.ts";
import { compile, demoInputs } from "./demo.ts";
import { carriedFromLastCycle } from "../../../support/factories.ts";

const who = { by: "secretariat@example.org", at: "2026-04-01T10:00:00.000Z" };

describe("candidates from the report's hand-worked fixture", () => {
  const candidates = proposeCandidates({
    report: buildReport(),
    questionnaire: fixtureQ,
    submissions: fixtureSubs,
    members: fixtureMembers,
  });
  const byId = (id: string) => candidates.find((c) => c.id === id);

  it("proposes the top topics of each group, then hosting offers, then needs matched with offers", () => {
    // Governments: alpha and beta average 19/3 with two top mentions each (alpha first in the list), gamma 17/3.
    // Workers (COSATE alone): gamma 3, delta 2, then alpha and beta at 1, alpha first. Employers scored nothing.
    expect(candidates.map((c) => c.id)).toEqual([
      "topic:alpha",
      "topic:gamma",
      "topic:beta",
      "topic:delta",
      "host:ARG:1",
      "cooperation:alpha",
      "cooperation:beta",
    ]);
    expect(byId("topic:alpha")?.standings).toEqual([
      { topic: "alpha", group: "government", rank: 1, average: 19 / 3, count: 3, topCount: 2 },
      { topic: "alpha", group: "workers", rank: 3, average: 1, count: 1, topCount: 0 },
    ]);
  });

  it("cites, for a top topic, the members who ranked it or scored it at least at their group's average", () => {
    const links = (id: string) => byId(id)?.evidence.map((e) => `${e.memberCode} ${e.role}`);
    // alpha: governments average 19/3 (Argentina gave 8), workers 1 (COSATE gave 1); Brazil ranked it too.
    expect(links("topic:alpha")).toEqual([
      "ARG topic-score",
      "ARG topic-ranking",
      "BRA topic-ranking",
      "COSATE topic-score",
    ]);
    // beta: only Brazil's 10 reaches the governments' 19/3; Chile ranked it without scoring it high.
    expect(links("topic:beta")).toEqual(["BRA topic-score", "BRA topic-ranking", "CHL topic-ranking"]);
  });

  it("takes a hosting offer's event and period in the host's words, and the host in kind", () => {
    expect(byId("host:ARG:1")).toMatchObject({
      title: { original: "es", texts: { es: "WG1 meeting" } },
      titleFrom: { memberCode: "ARG" },
      date: { original: "es", texts: { es: "2027" } },
      place: { texts: { en: "Argentina" } },
      hosts: ["ARG"],
      funding: [{ source: "host-in-kind", memberCode: "ARG" }],
    });
  });

  it("pairs needs with offers from other members on the same topic", () => {
    // beta: Argentina and Chile need it; Brazil and Chile offer it (Chile can serve Argentina).
    expect(byId("cooperation:beta")).toMatchObject({
      kind: "bilateral-cooperation-call",
      serves: ["beta"],
      responsible: ["BRA", "CHL"],
    });
    expect(byId("cooperation:beta")?.evidence.map((e) => `${e.memberCode} ${e.role} ${e.entry}`)).toEqual([
      "ARG cooperation-need 1",
      "CHL cooperation-need 1",
      "BRA cooperation-offer 1",
      "CHL cooperation-offer 1",
    ]);
    expect(byId("cooperation:beta")?.quotes.map((x) => x.text)).toEqual([
      "Brasil",
      "Inspection",
      "argentina",
      "Digital inspection",
      "Labour courts",
    ]);
  });
});

describe("candidates from the demo's compiled inputs", () => {
  const inputs = demoInputs();
  const candidates = proposeCandidates(inputs);
  const roles = findInputRoles(inputs.questionnaire);
  const index = indexInputs(inputs.submissions, roles);
  const answersOf = new Map(inputs.submissions.map((s) => [s.memberCode, s.answers]));

  it("finds candidates of every rule", () => {
    expect(new Set(candidates.map((c) => c.rule))).toEqual(
      new Set(["top-topic", "proposals", "hosting", "cooperation"]),
    );
    expect(new Set(candidates.map((c) => c.id)).size).toBe(candidates.length);
  });

  it("gives the same candidates in the same order for the same inputs, whatever order submissions come in", () => {
    const reversed = [...inputs.submissions].reverse();
    const again = proposeCandidates({
      ...inputs,
      submissions: reversed,
      report: compile(inputs.questionnaire, inputs.members, reversed),
      members: [...inputs.members].reverse(),
    });
    expect(JSON.stringify(again)).toBe(JSON.stringify(candidates));
  });

  it("links each candidate only to answers the members submitted, with their receipt codes", () => {
    const respondents = new Set(inputs.report.respondents.map((r) => r.code));
    for (const c of candidates) {
      expect(c.evidence.length, c.id).toBeGreaterThan(0);
      expect(evidenceErrors(c.evidence, index, c.id)).toEqual([]);
      for (const e of c.evidence) {
        expect(respondents.has(e.memberCode)).toBe(true);
        const submission = inputs.submissions.find((s) => s.memberCode === e.memberCode);
        expect(e.receiptCode).toBe(submission?.receiptCode);
        expect(e.receiptCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      }
    }
  });

  it("never invents text: a title is a topic's own label or the words of the member it names", () => {
    const topics = new Map(roles.priorityScale?.items.map((t) => [t.id, t.label]));
    for (const c of candidates) {
      // Either the questionnaire's label of the topic, in all four languages, or a quote of the member named.
      const from = c.titleFrom;
      const own = "memberCode" in from ? c.title.texts[c.title.original] : undefined;
      const source =
        "topic" in from
          ? topics.get(from.topic)
          : c.quotes.find((x) => x.memberCode === from.memberCode && x.text === own) && c.title.texts;
      expect(c.title.texts, c.id).toEqual(source);
      for (const quote of c.quotes) {
        const answers = answersOf.get(quote.memberCode) as Answers;
        const entries = answers[quote.evidence.questionId] as GroupItem[] | string;
        const written = Array.isArray(entries)
          ? entries[(quote.evidence.entry ?? 0) - 1]?.[quote.field]
          : answers[quote.field];
        expect(written, `${c.id} ${quote.memberCode}`).toBe(quote.text);
        expect(quote.lang).toBe(inputs.members.find((m) => m.code === quote.memberCode)?.language);
      }
    }
  });

  it("gathers activity proposals by the topic they name", () => {
    for (const c of candidates.filter((x) => x.id.startsWith("proposals:"))) {
      const topic = c.id.slice("proposals:".length);
      expect(c.serves).toEqual([topic]);
      for (const e of c.evidence) {
        const entry = (answersOf.get(e.memberCode)?.["activity-proposals"] as GroupItem[])[
          (e.entry ?? 0) - 1
        ];
        expect(entry?.topic).toBe(topic);
      }
    }
  });
});

describe("the Secretariat's operations on candidates", () => {
  const candidates = proposeCandidates(demoInputs());
  const [first, second] = candidates.filter((c) => c.rule === "proposals") as [Candidate, Candidate];
  const keys = (c: Candidate) => new Set(c.evidence.map(evidenceKey));

  it("merging two candidates unions their evidence, each link once", () => {
    const merged = mergeCandidates(first, second);
    expect(keys(merged)).toEqual(new Set([...keys(first), ...keys(second)]));
    expect(merged.evidence.length).toBe(keys(merged).size);
    expect(merged.sources).toEqual([first.id, second.id]);
    expect(merged.title).toEqual(first.title);
    expect(mergeCandidates(merged, first).evidence).toEqual(merged.evidence);
    expect(merged.serves).toEqual([...first.serves, ...second.serves]);
  });

  it("merging any two of the demo's candidates unions their evidence and what they serve", () => {
    for (const a of candidates)
      for (const b of candidates) {
        const merged = mergeCandidates(a, b);
        expect(keys(merged)).toEqual(new Set([...keys(a), ...keys(b)]));
        expect(merged.evidence.length).toBe(keys(merged).size);
        expect(new Set(merged.serves)).toEqual(new Set([...a.serves, ...b.serves]));
        expect(new Set(merged.sources)).toEqual(new Set([...a.sources, ...b.sources]));
      }
  });

  it("editing keeps the evidence and quotes, and says it was edited", () => {
    const title = { original: "en" as const, texts: { en: "Workshop on labour inspection" } };
    const edited = editCandidate(first, { title, kind: "rial-workshop" });
    expect(edited).toMatchObject({ title, kind: "rial-workshop", edited: true });
    expect(edited.evidence).toEqual(first.evidence);
    expect(edited.quotes).toEqual(first.quotes);
  });

  it("accepting makes an activity with the candidate's evidence; an accepted or discarded candidate is offered no more", () => {
    let plan = emptyWorkPlan("c1", who);
    const merged = mergeCandidates(first, second);
    plan = acceptCandidate(plan, merged, who, { kind: "study" });
    expect(plan.activities[0]).toMatchObject({
      id: "a1",
      kind: "study",
      title: first.title,
      place: "to-be-defined",
      evidence: merged.evidence,
      fromCandidates: [first.id, second.id],
    });
    expect(plan.activities[0]?.description).toBeUndefined();
    const third = candidates.find((c) => c.rule === "hosting") as Candidate;
    plan = discardCandidate(plan, third, who);
    const open = openCandidates(candidates, plan).map((c) => c.id);
    expect(open).not.toContain(first.id);
    expect(open).not.toContain(second.id);
    expect(open).not.toContain(third.id);
    expect(open.length).toBe(candidates.length - 3);
    expect(() => acceptCandidate(plan, first, who)).toThrow(Conflict);
    expect(() => discardCandidate(plan, third, who)).toThrow(Conflict);
    expect(plan.changes.map((c) => c.action)).toEqual(["created", "activity-added", "candidate-discarded"]);
  });
});

describe("answers carried over from last cycle", () => {
  it("are no input until the member confirms them: no candidate, no link, no pledge", () => {
    const arg = fixtureSubs.find((s) => s.memberCode === "ARG")!;
    const carried = {
      ...arg,
      carriedOver: carriedFromLastCycle(Object.keys(arg.answers)),
    };
    const roles = findInputRoles(fixtureQ);
    expect(inputsOf(arg, roles).length).toBeGreaterThan(0);
    expect(inputsOf(carried, roles)).toEqual([]);
    const ids = proposeCandidates({
      report: buildReport(),
      questionnaire: fixtureQ,
      submissions: fixtureSubs.map((s) => (s === arg ? carried : s)),
      members: fixtureMembers,
    }).map((c) => c.id);
    expect(ids).not.toContain("host:ARG:1");
  });
});
