import { describe, expect, it } from "vitest";
import { answersFromForm, readNumber } from "../../../../functions/core/questionnaire/form-input.ts";
import { question, questionnaire, text } from "../../../support/factories.ts";

describe("reading a posted HTML form", () => {
  const q = questionnaire([
    question("scores", "scale", { items: "topics", min: 1, max: 10 }),
    question("top", "top-n", { items: "topics", n: 3 }),
    question("picks", "multiple-choice", { options: "topics" }),
    question("host", "yes-no"),
    question("pledge", "money", { currencies: ["USD"] }),
    question("g", "group", {
      itemLabel: text("Item"),
      fields: [question("title", "short-text"), question("n", "number")],
    }),
  ]);

  it("turns strings into the answer's types and keeps what it cannot read as typed", () => {
    const form = {
      scores: { alpha: "7", beta: "" },
      top: ["gamma", "", "alpha"],
      picks: "beta",
      host: "yes",
      pledge: { amount: "25 000", currency: "USD" },
      g: { "0": { title: "Study", n: "abc" } },
      other: "ignored",
    };
    expect(answersFromForm(q, form)).toEqual({
      scores: { alpha: 7, beta: undefined },
      top: ["gamma", "alpha"],
      picks: ["beta"],
      host: true,
      pledge: { amount: 25000, currency: "USD" },
      g: [{ title: "Study", n: "abc" }],
    });
  });

  it("reads numbers as people in the four languages write them", () => {
    expect(readNumber("12,5")).toBe(12.5);
    expect(readNumber("10,000")).toBe(10000);
    expect(readNumber("1.234,56")).toBe(1234.56);
    expect(readNumber("1,234.56")).toBe(1234.56);
    expect(readNumber("1 500")).toBe(1500);
    expect(readNumber("")).toBeUndefined();
    expect(readNumber("about ten")).toBe("about ten");
  });
});
