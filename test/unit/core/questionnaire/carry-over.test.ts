// Carrying last cycle's answers over: only into questions that still mean the same.
import { describe, expect, it } from "vitest";
import { carryOverAnswers } from "../../../../functions/core/questionnaire/carry-over.ts";
import { items, question, questionnaire, text } from "../../../support/factories.ts";

const earlier = questionnaire([
  question("topics", "top-n", { items: "topics", n: 2 }),
  question("tools", "single-choice", { options: items("webinar", "study") }),
  question("budget", "number", { min: 0, max: 100 }),
  question("comments", "long-text"),
  question("dropped", "yes-no"),
]);
const answers = {
  topics: ["alpha", "beta"],
  tools: "study",
  budget: 80,
  comments: "Seguir con la RIAL",
  dropped: true,
};

describe("carrying answers over from an earlier campaign", () => {
  it("keeps every answer when the questionnaire was copied unchanged", () => {
    const carried = carryOverAnswers(earlier, earlier, answers);
    expect(carried.questions.sort()).toEqual(["budget", "comments", "dropped", "tools", "topics"]);
    expect(carried.answers).toEqual(answers);
  });

  it("keeps answers to reworded questions, drops those whose choices or limits changed", () => {
    const next = questionnaire([
      question("topics", "top-n", { items: "topics", n: 3 }),
      question("tools", "single-choice", { options: items("webinar", "study", "visit") }),
      question("budget", "number", {
        min: 0,
        max: 100,
        label: text("Budget, reworded"),
        help: text("New help"),
      }),
      question("comments", "short-text"),
      question("new-one", "yes-no"),
    ]);
    const carried = carryOverAnswers(earlier, next, answers);
    expect(carried.questions).toEqual(["budget"]);
    expect(carried.answers).toEqual({ budget: 80 });
  });

  it("drops an answer the new definition would refuse", () => {
    const carried = carryOverAnswers(earlier, earlier, { ...answers, budget: 500 });
    expect(carried.questions).not.toContain("budget");
  });

  it("never carries a file: its bytes are kept under the earlier campaign, which this one cannot read", () => {
    const withFile = questionnaire([question("paper", "file", { accept: ["pdf"], maxFiles: 1 })]);
    const carried = carryOverAnswers(withFile, withFile, {
      paper: ["AbCdEfGhIjKlMnOp:pdf:1200:posicion.pdf"],
    });
    expect(carried.questions).toEqual([]);
  });
});
