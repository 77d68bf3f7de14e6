import { describe, expect, it } from "vitest";
import { buildInputsReport } from "../../../../functions/core/report/inputs-report.ts";
import { campaign, member, question, questionnaire, submission, text } from "../../../support/factories.ts";

const q = questionnaire([
  question("scores", "scale", { items: "topics", min: 1, max: 10, required: true }),
  question("top", "top-n", { items: "topics", n: 2 }),
  question("achievements", "long-text"),
  question("host", "yes-no"),
  question("g", "group", { itemLabel: text("Item"), fields: [question("title", "short-text")] }),
]);

const members = [
  member("ARG"),
  member("BRA", { subregion: "southern-cone" }),
  member("CHL"),
  member("COSATE", { group: "workers", subregion: undefined }),
];

const report = (
  submissions = [
    submission("ARG", {
      scores: { alpha: 8, beta: 4, gamma: 6, delta: 1 },
      top: ["alpha", "gamma"],
      achievements: "More studies",
      host: true,
    }),
    submission("BRA", {
      scores: { alpha: 6, beta: 10, gamma: 6 },
      top: ["beta", "alpha"],
      g: [{ title: "A" }, { title: "B" }],
    }),
    submission("COSATE", {
      scores: { alpha: 1, beta: 1, gamma: 3, delta: 2 },
      achievements: "Social dialogue",
    }),
  ],
) =>
  buildInputsReport({
    campaign: campaign({ invited: ["ARG", "BRA", "CHL", "COSATE"] }),
    questionnaire: q,
    members,
    submissions,
    lang: "en",
    generatedAt: new Date("2026-03-01T12:00:00Z"),
    t: (key) => ({ "common.yes": "Yes", "common.no": "No" })[key] ?? key,
  });

describe("the Inputs report", () => {
  it("counts invited and answered by group", () => {
    expect(report().groups).toEqual([
      { group: "government", invited: 3, answered: 2 },
      { group: "workers", invited: 1, answered: 1 },
    ]);
    expect(report().nonRespondents.map((m) => m.code)).toEqual(["CHL"]);
  });

  it("averages each topic over those who scored it, never counting a blank as zero", () => {
    const topics = report().topics;
    // alpha: (8 + 6 + 1) / 3 = 5; delta: (1 + 2) / 2 = 1.5, BRA left it blank.
    expect(topics.find((t) => t.id === "alpha")).toMatchObject({ average: 5, count: 3, topCount: 2 });
    expect(topics.find((t) => t.id === "delta")).toMatchObject({ average: 1.5, count: 2, topCount: 0 });
    expect(topics.find((t) => t.id === "beta")?.byGroup).toEqual({
      government: { average: 7, count: 2 },
      workers: { average: 1, count: 1 },
      employers: { average: undefined, count: 0 },
    });
  });

  it("sorts topics by average score, highest first, ties broken by top-three mentions", () => {
    // alpha, beta and gamma all average 5; alpha is in two top threes, beta and gamma in one each.
    expect(report().topics.map((t) => t.id)).toEqual(["alpha", "beta", "gamma", "delta"]);
    const r = report([
      submission("ARG", { scores: { alpha: 3, beta: 9 } }),
      submission("BRA", { scores: { alpha: 4 } }),
    ]);
    expect(r.topics.map((t) => t.id).slice(0, 2)).toEqual(["beta", "alpha"]);
  });

  it("uses only each member's latest submission", () => {
    const r = report([
      submission("ARG", { scores: { alpha: 2 } }, 1),
      submission("ARG", { scores: { alpha: 9 } }, 3),
    ]);
    expect(r.answered).toBe(1);
    expect(r.topics.find((t) => t.id === "alpha")?.average).toBe(9);
    expect(r.respondents[0]?.version).toBe(3);
  });

  it("ignores answers from members who were not invited", () => {
    expect(report([submission("USA", { scores: { alpha: 10 } })]).answered).toBe(0);
  });

  it("lays out one row per respondent and one column per question or scored item", () => {
    const r = report();
    expect(r.columns.map((c) => c.itemId ?? c.questionId)).toEqual([
      "alpha",
      "beta",
      "gamma",
      "delta",
      "top",
      "achievements",
      "host",
      "g",
    ]);
    const arg = r.respondents.find((row) => row.code === "ARG");
    expect(arg?.cells).toEqual([8, 4, 6, 1, "1. alpha; 2. gamma", "More studies", "Yes", undefined]);
    const bra = r.respondents.find((row) => row.code === "BRA");
    expect(bra?.cells[7]).toBe("1. Question title: A\n2. Question title: B");
  });

  it("attributes every free-text answer to its member", () => {
    expect(report().texts.find((t) => t.questionId === "achievements")?.answers).toEqual([
      { member: "Member ARG", text: "More studies" },
      { member: "Member COSATE", text: "Social dialogue" },
    ]);
  });
});
