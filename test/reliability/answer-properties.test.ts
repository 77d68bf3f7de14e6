// Properties of the questionnaire engine: every valid answer set is accepted and kept unchanged, in
// DynamoDB too; every invalid one gets errors at the question that is wrong, never an exception.
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHandlebarsViews } from "../../functions/adapters/handlebars-views.ts";
import { LANGUAGES } from "../../functions/core/languages.ts";
import type { Repository } from "../../functions/core/ports.ts";
import { validateAnswers, type Answers } from "../../functions/core/questionnaire/answers.ts";
import { loadQuestionnaire } from "../../functions/core/questionnaire/definition.ts";
import { answersFromForm } from "../../functions/core/questionnaire/form-input.ts";
import type { Response, ResponseVersion } from "../../functions/core/responses.ts";
import { answeredArb, invalidAnswerArb, questionnaireArb } from "../support/arbitraries.ts";
import { freshTable } from "../support/dynamo.ts";
import { questionnaireSource } from "../support/factories.ts";

const views = createHandlebarsViews(fileURLToPath(new URL("../../templates/", import.meta.url)));
const tried: Record<string, number> = {};
const count = (name: string) => (tried[name] = (tried[name] ?? 0) + 1);
afterAll(() => console.log(`answer properties, inputs tried: ${JSON.stringify(tried)}`));

/** Every error names a field and has words in each language, so the form can show it beside the field. */
const expectShowable = (errors: { path: string; code: string }[]) => {
  for (const e of errors) {
    expect(typeof e.path).toBe("string");
    for (const lang of LANGUAGES) expect(() => views.translate(lang, `errors.${e.code}`)).not.toThrow();
  }
};

describe("valid answers", () => {
  it("are accepted unchanged, as a submission and as a draft", () => {
    for (const mode of ["submit", "draft"] as const) {
      fc.assert(
        fc.property(answeredArb(mode), ({ questionnaire, answers }) => {
          count(`valid ${mode}`);
          expect(validateAnswers(questionnaire, answers, mode, "government")).toEqual({
            ok: true,
            value: answers,
          });
        }),
        { numRuns: 400 },
      );
    }
  });

  describe("in DynamoDB", () => {
    let repository: Repository;
    let run = 0;
    beforeAll(async () => {
      ({ repository } = await freshTable());
    });

    it("come back unchanged as the shared draft and as a kept submission", async () => {
      await fc.assert(
        fc.asyncProperty(answeredArb("submit"), async ({ questionnaire, answers }) => {
          count("stored and read back");
          const accepted = validateAnswers(questionnaire, answers, "submit", "government");
          expect(accepted.ok).toBe(true);
          const stored = (accepted as { value: Answers }).value;
          const campaignId = `c${++run}`;
          const author = { contactId: "focal-point", name: "Ana" };
          const response: Response = {
            campaignId,
            memberCode: "ARG",
            status: "submitted",
            version: 1,
            answers: stored,
            updatedAt: "2027-01-01T00:00:00.000Z",
            updatedBy: author,
            submittedAt: "2027-01-01T00:00:00.000Z",
            submittedVersion: 1,
          };
          const version = {
            campaignId,
            memberCode: "ARG",
            version: 1,
            answers: stored,
            submittedAt: response.updatedAt,
            submittedBy: author,
            questionnaireVersion: 1,
            receiptCode: `R${run}`,
          } as ResponseVersion;
          expect(await repository.saveResponse(response, 0)).toBe(true);
          await repository.putResponseVersion(version);
          expect(await repository.getResponse(campaignId, "ARG")).toEqual(response);
          expect(await repository.getResponseVersion(campaignId, "ARG", 1)).toEqual(version);
          expect((await repository.listLatestSubmissions(campaignId))[0]?.answers).toEqual(answers);
        }),
        { numRuns: 250 },
      );
    });
  });
});

describe("invalid answers", () => {
  const spoiledArb = (mode: "submit" | "draft") =>
    answeredArb(mode).chain(({ questionnaire, answers }) => {
      const questions = questionnaire.sections.flatMap((s) => s.questions);
      return fc.constantFrom(...questions).chain((question) =>
        invalidAnswerArb(question).map((bad) => ({
          questionnaire,
          answers: { ...answers, [question.id]: bad } as Record<string, unknown>,
          spoiled: question.id,
        })),
      );
    });

  it("get errors at the spoiled question and nowhere else, never an exception", () => {
    for (const mode of ["submit", "draft"] as const) {
      fc.assert(
        fc.property(spoiledArb(mode), ({ questionnaire, answers, spoiled }) => {
          count(`spoiled ${mode}`);
          const result = validateAnswers(questionnaire, answers, mode, "government");
          expect(result.ok).toBe(false);
          const errors = result.ok ? [] : result.error;
          expect(errors.length).toBeGreaterThan(0);
          for (const e of errors) expect(e.path === spoiled || e.path.startsWith(`${spoiled}.`)).toBe(true);
          expectShowable(errors);
        }),
        { numRuns: 600 },
      );
    }
  });

  it("a submission missing a required answer names that question", () => {
    fc.assert(
      fc.property(
        answeredArb("submit").filter(({ questionnaire }) =>
          questionnaire.sections[0]!.questions.some((q) => q.required),
        ),
        ({ questionnaire, answers }) => {
          count("required left out");
          const required = questionnaire.sections[0]!.questions.find((q) => q.required)!;
          const { [required.id]: _left, ...rest } = answers;
          const result = validateAnswers(questionnaire, rest, "submit", "government");
          expect(result.ok ? [] : result.error).toContainEqual(
            expect.objectContaining({ path: required.id, code: "required" }),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it("anything at all, posted or parsed from JSON, gets a result and never an exception", () => {
    fc.assert(
      fc.property(
        questionnaireArb,
        fc.oneof(
          fc.anything({ withNullPrototype: true, withBoxedValues: true }),
          fc.object(),
          fc.jsonValue(),
        ),
        fc.constantFrom("submit" as const, "draft" as const),
        (questionnaire, input, mode) => {
          count("anything");
          const fromForm = answersFromForm(
            questionnaire,
            input && typeof input === "object" ? (input as Record<string, unknown>) : {},
          );
          for (const result of [
            validateAnswers(questionnaire, input, mode, "government"),
            validateAnswers(questionnaire, fromForm, mode, "government"),
          ]) {
            expect(typeof result.ok).toBe("boolean");
            expectShowable(result.ok ? [] : result.error);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe("questionnaire definitions", () => {
  it("anything as a definition gets a questionnaire or errors naming a path, never an exception", () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.jsonValue()), (raw) => {
        count("definition: anything");
        const loaded = loadQuestionnaire(raw);
        for (const e of loaded.ok ? [] : loaded.error) expect(typeof e.message).toBe("string");
      }),
      { numRuns: 500 },
    );
  });

  it("a valid definition with one node spoiled is refused with that node's path", () => {
    const spoilers: [string, (q: Record<string, unknown>) => void][] = [
      ["type", (q) => (q.type = "essay")],
      ["id", (q) => (q.id = "Not Kebab")],
      // Every plain object has a "constructor": as an id it would read as answered when it is not.
      ["built-in id", (q) => (q.id = "constructor")],
      ["label", (q) => delete (q.label as Record<string, unknown>).fr],
      ["required", (q) => (q.required = "yes")],
      ["unexpected", (q) => (q.colour = "red")],
    ];
    fc.assert(
      fc.property(fc.constantFrom(...spoilers), ([where, spoil]) => {
        count("definition: spoiled");
        const source = questionnaireSource([
          { id: "name", type: "short-text", label: { es: "a", en: "a", fr: "a", pt: "a" } },
        ]) as { sections: { questions: Record<string, unknown>[] }[] };
        spoil(source.sections[0]!.questions[0]!);
        const loaded = loadQuestionnaire(source);
        expect(loaded.ok).toBe(false);
        const paths = loaded.ok ? [] : loaded.error.map((e) => e.path);
        expect(paths.some((p) => p.startsWith("sections[0].questions[0]"))).toBe(true);
        expect(where).toBeTruthy();
      }),
      { numRuns: 50 },
    );
  });
});
