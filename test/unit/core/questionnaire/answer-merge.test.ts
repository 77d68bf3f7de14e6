// The merge by question: two people edit one answer from a common page; whatever either wrote and
// nobody later changed survives, and only a question both changed needs a person to decide.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  answerBase,
  fingerprint,
  mergeAnswers,
  valuesAfterConflict,
  type AnswerBase,
} from "../../../../functions/core/questionnaire/answer-merge.ts";
import type { Answers } from "../../../../functions/core/questionnaire/answers.ts";
import { answersFromForm } from "../../../../functions/core/questionnaire/form-input.ts";
import { allQuestions, type Questionnaire } from "../../../../functions/core/questionnaire/definition.ts";
import { answerArb, answersArb, questionnaireArb } from "../../../support/arbitraries.ts";
import { question, questionnaire } from "../../../support/factories.ts";

type Edit = { kind: "keep" } | { kind: "clear" } | { kind: "set"; value: unknown };

/** For each question, leave it, clear it or give it another valid answer. */
const editsArb = (q: Questionnaire): fc.Arbitrary<Record<string, Edit>> =>
  fc.record(
    Object.fromEntries(
      allQuestions(q).map(({ question: x }) => [
        x.id,
        fc.oneof(
          { weight: 3, arbitrary: fc.constant<Edit>({ kind: "keep" }) },
          { weight: 1, arbitrary: fc.constant<Edit>({ kind: "clear" }) },
          { weight: 2, arbitrary: answerArb(x, "draft").map((value): Edit => ({ kind: "set", value })) },
        ),
      ]),
    ),
  );

const apply = (answers: Answers, edits: Record<string, Edit>): Record<string, unknown> => {
  const out: Record<string, unknown> = { ...answers };
  for (const [id, edit] of Object.entries(edits)) {
    if (edit.kind === "clear") delete out[id];
    if (edit.kind === "set") out[id] = edit.value;
  }
  return out;
};

const everything = (q: Questionnaire) => new Set(allQuestions(q).map(({ question: x }) => x.id));

/** One person's save, doing what the conflict page says when there is one: check, then save again. */
const save = (q: Questionnaire, base: AnswerBase, typed: Record<string, unknown>, stored: Answers) => {
  const editable = everything(q);
  const first = mergeAnswers(q, { base, typed, stored, editable });
  if (!first.conflicts.length) return { merged: first.merged, conflicted: false };
  const shown = valuesAfterConflict(q, { base, typed, stored, editable });
  const again = mergeAnswers(q, { base: answerBase(q, stored), typed: shown, stored, editable });
  expect(again.conflicts).toEqual([]);
  return { merged: again.merged, conflicted: true };
};

const entries = (q: Questionnaire, id: string, value: unknown) => {
  const x = allQuestions(q).find((e) => e.question.id === id)!.question;
  const fp = fingerprint(x, value);
  return fp === "-" ? [] : fp.split(".");
};

describe("two people saving from the same page", () => {
  it("keeps every value someone wrote and nobody later changed", () => {
    const scenario = questionnaireArb.chain((q) =>
      fc.record({
        q: fc.constant(q),
        loaded: answersArb(q, "draft"),
        first: editsArb(q),
        second: editsArb(q),
      }),
    );
    fc.assert(
      fc.property(scenario, ({ q, loaded, first, second }) => {
        const base = answerBase(q, loaded);
        const typed1 = apply(loaded, first);
        const typed2 = apply(loaded, second);
        const after1 = save(q, base, typed1, loaded).merged as Answers;
        const after2 = save(q, base, typed2, after1).merged as Answers;
        const lost: string[] = [];
        for (const { question: x } of allQuestions(q)) {
          const id = x.id;
          const fp = (v: unknown) => fingerprint(x, v);
          const changed1 = fp(typed1[id]) !== base[id];
          const changed2 = fp(typed2[id]) !== base[id];
          if (x.type === "group") {
            const final = entries(q, id, after2[id]);
            const was = entries(q, id, loaded[id]);
            const mine1 = entries(q, id, typed1[id]);
            const mine2 = entries(q, id, typed2[id]);
            const added = [...mine1, ...mine2].filter((e) => !was.includes(e));
            const untouched = was.filter((e) => mine1.includes(e) && mine2.includes(e));
            lost.push(...[...added, ...untouched].filter((e) => !final.includes(e)).map((e) => `${id}:${e}`));
          } else {
            const expected = changed2 ? fp(typed2[id]) : changed1 ? fp(typed1[id]) : base[id];
            if (fp(after2[id]) !== expected) lost.push(id);
          }
        }
        expect(lost).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

describe("merging one save", () => {
  const q = questionnaire([
    question("position", "short-text", { maxLength: 100 }),
    question("scores", "scale", { items: "topics", min: 1, max: 10 }),
    question("year", "number", { integer: true }),
    question("proposals", "group", {
      itemLabel: { es: "Propuesta", en: "Proposal", fr: "Proposition", pt: "Proposta" },
      maxItems: 5,
      fields: [question("title", "short-text", { maxLength: 100 })],
    }),
  ]);
  const all = everything(q);

  it("keeps a colleague's answer to a question this page left alone", () => {
    const base = answerBase(q, {});
    const stored: Answers = { scores: { alpha: 10 } };
    const typed = { position: "Director", scores: {}, year: "", proposals: [{ title: "" }] };
    const { merged, conflicts } = mergeAnswers(q, { base, typed, stored, editable: all });
    expect(conflicts).toEqual([]);
    expect(merged).toEqual({ scores: { alpha: 10 }, position: "Director" });
  });

  it('reads a typed value as stored: "2 027" in a number field is no change from 2027', () => {
    const stored: Answers = { year: 2027 };
    const { changed } = mergeAnswers(q, {
      base: answerBase(q, stored),
      typed: answersFromForm(q, { year: "2 027", scores: {} }),
      stored,
      editable: all,
    });
    expect(changed).toEqual([]);
  });

  it("is a conflict only where both changed the same question to different values", () => {
    const loaded: Answers = { position: "Adviser" };
    const base = answerBase(q, loaded);
    const stored: Answers = { position: "Minister's adviser" };
    const mine = mergeAnswers(q, { base, typed: { position: "Director" }, stored, editable: all });
    expect(mine.conflicts).toEqual(["position"]);
    const same = mergeAnswers(q, { base, typed: { position: "Minister's adviser" }, stored, editable: all });
    expect(same.conflicts).toEqual([]);
  });

  it("keeps entries both people added to a repeatable group, and drops the one this person removed", () => {
    const loaded: Answers = { proposals: [{ title: "A" }, { title: "B" }] };
    const base = answerBase(q, loaded);
    const stored: Answers = { proposals: [{ title: "A" }, { title: "B" }, { title: "Carla's" }] };
    const typed = { proposals: [{ title: "B" }, { title: "Ana's" }, { title: "" }] };
    const { merged, conflicts } = mergeAnswers(q, { base, typed, stored, editable: all });
    expect(conflicts).toEqual([]);
    expect(merged.proposals).toEqual([{ title: "B" }, { title: "Carla's" }, { title: "Ana's" }]);
  });

  it("keeps a copy of a repeated entry both people kept, when each removed one copy", () => {
    const loaded: Answers = { proposals: [{ title: "Same" }, { title: "Same" }] };
    const base = answerBase(q, loaded);
    const stored: Answers = { proposals: [{ title: "Same" }] };
    const { merged } = mergeAnswers(q, {
      base,
      typed: { proposals: [{ title: "Same" }] },
      stored,
      editable: all,
    });
    expect(merged.proposals).toEqual([{ title: "Same" }]);
  });

  it("changes nothing outside the questions this person may edit", () => {
    const base = answerBase(q, {});
    const { merged } = mergeAnswers(q, {
      base,
      typed: { position: "Written by a contributor", scores: { beta: 3 } },
      stored: {},
      editable: new Set(["scores"]),
    });
    expect(merged).toEqual({ scores: { beta: 3 } });
  });
});
