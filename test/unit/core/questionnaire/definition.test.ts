import { describe, expect, it } from "vitest";
import { loadQuestionnaire } from "../../../../functions/core/questionnaire/definition.ts";
import { items, question, questionnaireSource, text } from "../../../support/factories.ts";

const errorsOf = (source: unknown) => {
  const loaded = loadQuestionnaire(source);
  if (loaded.ok) throw new Error("expected the definition to be rejected");
  return loaded.error;
};

describe("loading a questionnaire definition", () => {
  it("accepts every question type and resolves named lists into items", () => {
    const loaded = loadQuestionnaire(
      questionnaireSource([
        question("choice", "single-choice", { options: "topics" }),
        question("picks", "multiple-choice", { options: items("a", "b", "c"), maxPicks: 2 }),
        question("scores", "scale", { items: "topics", min: 1, max: 10 }),
        question("top", "top-n", { items: "topics", n: 3 }),
        question("short", "short-text"),
        question("long", "long-text", { maxLength: 50 }),
        question("count", "number", { min: 0, integer: true }),
        question("pledge", "money", { currencies: ["USD"] }),
        question("host", "yes-no"),
        question("split", "allocation", { items: "topics" }),
        question("proposals", "group", {
          itemLabel: text("Proposal"),
          fields: [
            question("title", "short-text", { required: true }),
            question("topic", "single-choice", { options: "topics" }),
          ],
        }),
      ]),
    );
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    const [choice, , , , short] = loaded.value.sections[0]?.questions ?? [];
    expect(choice?.type === "single-choice" && choice.options.map((o) => o.id)).toEqual([
      "alpha",
      "beta",
      "gamma",
      "delta",
    ]);
    expect(short?.type === "short-text" && short.maxLength).toBe(300);
  });

  it("names the path of a missing translation", () => {
    const source = questionnaireSource([
      { ...question("q1", "short-text"), label: { es: "Hola", en: "Hello", fr: "Bonjour" } },
    ]);
    expect(errorsOf(source)).toContainEqual(
      expect.objectContaining({
        path: "sections[0].questions[0].label.pt",
        message: expect.stringContaining("pt"),
      }),
    );
  });

  it("names the path of an unknown question type", () => {
    const errors = errorsOf(questionnaireSource([question("q1", "slider")]));
    expect(errors[0]?.path).toBe("sections[0].questions[0].type");
  });

  it("rejects a reference to a list that does not exist", () => {
    expect(
      errorsOf(questionnaireSource([question("q1", "single-choice", { options: "countries" })])),
    ).toContainEqual(
      expect.objectContaining({
        path: "sections[0].questions[0].options",
        message: expect.stringContaining('"countries"'),
      }),
    );
  });

  it("rejects a condition on a question asked later", () => {
    const errors = errorsOf(
      questionnaireSource([
        question("first", "short-text", { when: { question: "second", answered: true } }),
        question("second", "yes-no"),
      ]),
    );
    expect(errors).toContainEqual(
      expect.objectContaining({
        path: "sections[0].questions[0].when",
        message: expect.stringContaining('"second"'),
      }),
    );
  });

  it("rejects duplicate question ids, impossible scales and top-n larger than its list", () => {
    const errors = errorsOf(
      questionnaireSource([
        question("same", "yes-no"),
        question("same", "yes-no"),
        question("scale", "scale", { items: "topics", min: 5, max: 5 }),
        question("top", "top-n", { items: "topics", n: 9 }),
      ]),
    );
    expect(errors.map((e) => e.path)).toEqual(
      expect.arrayContaining([
        "sections[0].questions[1].id",
        "sections[0].questions[2].max",
        "sections[0].questions[3].n",
      ]),
    );
  });

  it("rejects an id that is not kebab-case and an unexpected key", () => {
    const errors = errorsOf(questionnaireSource([{ ...question("Bad Id", "yes-no"), colour: "red" }]));
    expect(errors.map((e) => e.path)).toContain("sections[0].questions[0].id");
  });

  it("rejects a condition inside a group field", () => {
    const errors = errorsOf(
      questionnaireSource([
        question("host", "yes-no"),
        question("g", "group", {
          itemLabel: text("Item"),
          fields: [question("x", "short-text", { when: { question: "host", equals: true } })],
        }),
      ]),
    );
    expect(errors).toContainEqual(
      expect.objectContaining({
        path: "sections[0].questions[1].fields[0].when",
        message: expect.any(String),
      }),
    );
  });
});
