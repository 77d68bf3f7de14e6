// The error summary names the question and the row or entry of each error, and links to a control.
import { describe, expect, it } from "vitest";
import { errorSummary } from "../../../functions/core/form-errors.ts";
import { question, questionnaire, text } from "../../support/factories.ts";

const q = questionnaire([
  question("scores", "scale", { items: "topics", min: 1, max: 5, required: true }),
  question("top", "top-n", { items: "topics", n: 2 }),
  question("pledge", "money", { currencies: ["USD"] }),
  question("proposals", "group", {
    itemLabel: text("Proposal"),
    maxItems: 3,
    fields: [question("title", "short-text", { maxLength: 10 }), question("year", "number")],
  }),
]);
const t = (key: string) => (key === "form.rank" ? "Priority {rank}" : key);

describe("the error summary", () => {
  it("names the entry and field of an error in a repeatable group and links to its input", () => {
    const [entry] = errorSummary(q, [{ path: "proposals.1.year", code: "not_a_number" }], "en", t);
    expect(entry).toMatchObject({
      label: "Question proposals",
      row: "Proposal 2 — Question year",
      target: "f-q-proposals-1-year",
    });
  });

  it("groups a scale's unanswered rows into one entry naming them, linked to the first", () => {
    const entries = errorSummary(
      q,
      [
        { path: "scores.beta", code: "required" },
        { path: "scores.delta", code: "required" },
        { path: "scores.alpha", code: "too_high", params: { max: 5 } },
      ],
      "pt",
      t,
    );
    expect(entries).toEqual([
      {
        target: "f-q-scores-beta",
        label: "Question scores (pt)",
        code: "missing_rows",
        params: { rows: "beta (pt); delta (pt)", count: 2 },
      },
      {
        target: "f-q-scores-alpha",
        label: "Question scores (pt)",
        row: "alpha (pt)",
        code: "too_high",
        params: { max: 5 },
      },
    ]);
  });

  it("links a rank to its select, a money error to its amount, a group-wide error to its first input", () => {
    const targets = errorSummary(
      q,
      [
        { path: "top.1", code: "invalid_choice" },
        { path: "pledge.amount", code: "too_low" },
        { path: "proposals", code: "too_few" },
      ],
      "en",
      t,
    ).map((e) => [e.target, e.row]);
    expect(targets).toEqual([
      ["f-q-top-2", "Priority 2"],
      ["f-q-pledge-amount", undefined],
      ["f-q-proposals-0-title", undefined],
    ]);
  });
});
