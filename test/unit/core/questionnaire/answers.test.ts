import { describe, expect, it } from "vitest";
import {
  answerSchema,
  draftSchema,
  submissionSchema,
  validateAnswers,
} from "../../../../functions/core/questionnaire/answers.ts";
import { items, question, questionnaire, text } from "../../../support/factories.ts";

const one = (q: object) => questionnaire([q]);

const submit = (
  q: ReturnType<typeof questionnaire>,
  answers: unknown,
  group: "government" | "workers" | "employers" = "government",
) => validateAnswers(q, answers, "submit", group);

const codesOf = (result: ReturnType<typeof submit>) =>
  result.ok ? [] : result.error.map((e) => `${e.path}:${e.code}`);

describe("answers to each question type", () => {
  it("single choice takes one of its options", () => {
    const q = one(question("c", "single-choice", { options: "topics", required: true }));
    expect(submit(q, { c: "beta" })).toEqual({ ok: true, value: { c: "beta" } });
    expect(codesOf(submit(q, { c: "omega" }))).toEqual(["c:invalid_choice"]);
    expect(codesOf(submit(q, {}))).toEqual(["c:required"]);
  });

  it("multiple choice respects max picks and refuses duplicates", () => {
    const q = one(question("m", "multiple-choice", { options: "topics", maxPicks: 2 }));
    expect(submit(q, { m: ["alpha", "gamma"] }).ok).toBe(true);
    expect(codesOf(submit(q, { m: ["alpha", "beta", "gamma"] }))).toEqual(["m:too_many"]);
    expect(codesOf(submit(q, { m: ["alpha", "alpha"] }))).toEqual(["m:duplicate"]);
  });

  it("a required scale needs every item scored within the range; a draft takes some", () => {
    const q = one(question("s", "scale", { items: items("a", "b"), min: 1, max: 10, required: true }));
    expect(submit(q, { s: { a: 10, b: 1 } }).ok).toBe(true);
    expect(codesOf(submit(q, { s: { a: 11, b: 0 } }))).toEqual(["s.a:too_high", "s.b:too_low"]);
    expect(codesOf(submit(q, { s: { a: 5 } }))).toEqual(["s.b:required"]);
    expect(validateAnswers(q, { s: { a: 5 } }, "draft", "government")).toEqual({
      ok: true,
      value: { s: { a: 5 } },
    });
    expect(codesOf(submit(q, { s: { a: 5.5, b: 2 } }))).toEqual(["s.a:not_a_number"]);
  });

  it("a required top-n needs exactly n distinct items; a draft may have fewer", () => {
    const q = one(question("t", "top-n", { items: "topics", n: 3, required: true }));
    expect(submit(q, { t: ["gamma", "alpha", "beta"] })).toEqual({
      ok: true,
      value: { t: ["gamma", "alpha", "beta"] },
    });
    expect(codesOf(submit(q, { t: ["gamma"] }))).toEqual(["t:too_few"]);
    expect(codesOf(submit(q, { t: ["gamma", "gamma", "beta"] }))).toEqual(["t:duplicate"]);
    expect(validateAnswers(q, { t: ["gamma"] }, "draft", "government").ok).toBe(true);
  });

  it("texts are trimmed, blank means unanswered, and the max length holds", () => {
    const q = questionnaire([
      question("s", "short-text", { maxLength: 5, required: true }),
      question("l", "long-text"),
    ]);
    expect(submit(q, { s: "  hola  ", l: "   " })).toEqual({ ok: true, value: { s: "hola" } });
    expect(codesOf(submit(q, { s: "abcdef" }))).toEqual(["s:too_long"]);
    const tooLong = submit(q, { s: "abcdef" });
    expect(!tooLong.ok && tooLong.error[0]?.params).toEqual({ max: 5 });
  });

  it("numbers respect min, max and integer", () => {
    const q = one(question("n", "number", { min: 2025, max: 2030, integer: true }));
    expect(submit(q, { n: 2026 }).ok).toBe(true);
    expect(codesOf(submit(q, { n: 2031 }))).toEqual(["n:too_high"]);
    expect(codesOf(submit(q, { n: 2026.5 }))).toEqual(["n:not_a_number"]);
    expect(codesOf(submit(q, { n: "two thousand" }))).toEqual(["n:not_a_number"]);
  });

  it("money has an amount of at least the minimum in an offered currency", () => {
    const q = one(question("p", "money", { currencies: ["USD"] }));
    expect(submit(q, { p: { amount: 25000, currency: "USD" } }).ok).toBe(true);
    expect(codesOf(submit(q, { p: { amount: -1, currency: "USD" } }))).toEqual(["p.amount:too_low"]);
    expect(codesOf(submit(q, { p: { amount: 10, currency: "EUR" } }))).toEqual(["p.currency:invalid_choice"]);
    // A currency chosen without an amount is no answer at all.
    expect(submit(q, { p: { currency: "USD" } })).toEqual({ ok: true, value: {} });
  });

  it("yes/no takes a boolean", () => {
    const q = one(question("y", "yes-no", { required: true }));
    expect(submit(q, { y: false })).toEqual({ ok: true, value: { y: false } });
    expect(codesOf(submit(q, { y: "maybe" }))).toEqual(["y:invalid"]);
  });

  it("an allocation must add up to its total on submission, not in a draft", () => {
    const q = one(question("f", "allocation", { items: items("a", "b", "c") }));
    expect(submit(q, { f: { a: 50, b: 30, c: 20 } }).ok).toBe(true);
    const off = submit(q, { f: { a: 50, b: 30 } });
    expect(!off.ok && off.error).toEqual([
      { path: "f", code: "allocation_total", params: { total: 100, sum: 80 } },
    ]);
    expect(validateAnswers(q, { f: { a: 50 } }, "draft", "government").ok).toBe(true);
  });

  it("a repeatable group checks each entry's fields and drops blank entries", () => {
    const q = one(
      question("g", "group", {
        maxItems: 2,
        itemLabel: text("Proposal"),
        fields: [
          question("title", "short-text", { required: true, maxLength: 10 }),
          question("topic", "single-choice", { options: "topics" }),
        ],
      }),
    );
    expect(
      submit(q, {
        g: [
          { title: "Study", topic: "alpha" },
          { title: "", topic: "" },
        ],
      }),
    ).toEqual({
      ok: true,
      value: { g: [{ title: "Study", topic: "alpha" }] },
    });
    expect(codesOf(submit(q, { g: [{ topic: "alpha" }] }))).toEqual(["g.0.title:required"]);
    expect(codesOf(submit(q, { g: [{ title: "a" }, { title: "b" }, { title: "c" }] }))).toEqual([
      "g:too_many",
    ]);
    expect(validateAnswers(q, { g: [{ topic: "alpha" }] }, "draft", "government").ok).toBe(true);
  });
});

describe("answer schemas", () => {
  it("are built once for a stored (frozen) question, and anew for one still being edited", () => {
    const shortText = () => one(question("s", "short-text", { maxLength: 5 })).sections[0]!.questions[0]!;
    const stored = Object.freeze(shortText());
    expect(answerSchema(stored, "draft")).toBe(answerSchema(stored, "draft"));
    expect(answerSchema(stored, "submit")).not.toBe(answerSchema(stored, "draft"));
    // A question being edited is not frozen: its limit is the one it has now.
    const edited = shortText();
    const before = answerSchema(edited, "draft");
    expect(before).not.toBe(answerSchema(edited, "draft"));
    (edited as { maxLength: number }).maxLength = 10;
    expect(answerSchema(edited, "draft").safeParse("abcdefgh").success).toBe(true);
    expect(before.safeParse("abcdefgh").success).toBe(false);
    // The kept schema still checks what it checked.
    expect(answerSchema(stored, "draft").safeParse("abcdefgh").success).toBe(false);
  });
});

describe("conditions", () => {
  const conditional = questionnaire([
    question("host", "yes-no"),
    question("picks", "multiple-choice", { options: "topics" }),
    question("pledge", "money", { currencies: ["USD"], when: { group: ["government"] } }),
    question("venue", "short-text", { required: true, when: { question: "host", equals: true } }),
    question("why-alpha", "long-text", { required: true, when: { question: "picks", includes: "alpha" } }),
    question("year", "number", { required: true, when: { question: "pledge", answered: true } }),
    question("either", "short-text", {
      required: true,
      when: { any: [{ question: "host", equals: true }, { group: ["workers"] }] },
    }),
    question("both", "short-text", {
      required: true,
      when: { all: [{ question: "host", equals: true }, { not: { group: ["employers"] } }] },
    }),
  ]);

  it("on the respondent's group: workers and employers skip government-only questions", () => {
    const asWorkers = submit(
      conditional,
      { pledge: { amount: 10, currency: "USD" }, either: "x" },
      "workers",
    );
    expect(asWorkers).toEqual({ ok: true, value: { either: "x" } });
  });

  it("on an earlier answer being equal to a value", () => {
    expect(codesOf(submit(conditional, { host: true, both: "b", either: "e" }))).toEqual(["venue:required"]);
    expect(submit(conditional, { host: false, venue: "Lima" })).toEqual({ ok: true, value: { host: false } });
  });

  it("on a multiple-choice answer including an option", () => {
    expect(codesOf(submit(conditional, { picks: ["alpha"] }))).toEqual(["why-alpha:required"]);
    expect(submit(conditional, { picks: ["beta"] }).ok).toBe(true);
  });

  it("on an earlier question being answered", () => {
    expect(codesOf(submit(conditional, { pledge: { amount: 5, currency: "USD" } }))).toEqual([
      "year:required",
    ]);
  });

  it("combining conditions with any, all and not", () => {
    expect(codesOf(submit(conditional, {}, "workers"))).toEqual(["either:required"]);
    expect(codesOf(submit(conditional, { host: true, venue: "v", either: "e" }, "employers"))).toEqual([]);
    expect(codesOf(submit(conditional, { host: true, venue: "v", either: "e" }, "government"))).toEqual([
      "both:required",
    ]);
  });

  it("a whole section can be conditional", () => {
    const q = questionnaire([question("a", "yes-no")], {
      sections: [
        { id: "one", title: text("One"), questions: [question("a", "yes-no")] },
        {
          id: "gov",
          title: text("Gov"),
          when: { group: ["government"] },
          questions: [question("b", "short-text", { required: true })],
        },
      ],
    });
    expect(codesOf(submit(q, {}, "government"))).toEqual(["b:required"]);
    expect(submit(q, { b: "dropped" }, "employers")).toEqual({ ok: true, value: {} });
  });

  it("a draft keeps answers to questions that are hidden for now", () => {
    expect(validateAnswers(conditional, { host: false, venue: "Lima" }, "draft", "government")).toEqual({
      ok: true,
      value: { host: false, venue: "Lima" },
    });
  });
});

describe("the derived schemas", () => {
  it("are zod schemas: the submission one rejects what the draft one accepts", () => {
    const q = one(question("s", "short-text", { required: true }));
    expect(draftSchema(q, "government").safeParse({}).success).toBe(true);
    expect(submissionSchema(q, "government").safeParse({}).success).toBe(false);
  });

  it("ignore answers to questions the questionnaire does not have", () => {
    const q = one(question("s", "short-text"));
    expect(submit(q, { s: "x", injected: "y" })).toEqual({ ok: true, value: { s: "x" } });
  });

  it("reject a body that is not an object, without throwing", () => {
    const q = one(question("s", "short-text"));
    expect(submit(q, "not an object").ok).toBe(false);
    expect(submit(q, [1, 2]).ok).toBe(false);
  });
});

describe("an answer that must be an email address", () => {
  const q = questionnaire([question("email", "short-text", { maxLength: 254, format: "email" })]);

  it("is refused with its own message when it is not one, as the directory refuses it", () => {
    for (const typed of ["ana.goncalves@trabalho,gov.br", "ana.goncalves", "ana@", "ana @trabalho.gov.br"]) {
      const result = validateAnswers(q, { email: typed }, "draft", "government");
      expect(result.ok ? [] : result.error, typed).toEqual([
        { path: "email", code: "invalid_email", params: {} },
      ]);
    }
    expect(validateAnswers(q, { email: "ana.goncalves@trabalho.gov.br" }, "submit", "government").ok).toBe(
      true,
    );
  });
});
