import { describe, expect, it } from "vitest";
import { submission } from "../../../support/factories.ts";
import { buildReport, INJECTION, MARKUP, submissions } from "./fixture.ts";

// Every expectation below is worked out by hand from fixture.ts: five members answered
// (Argentina, Brazil, Chile, COSATE, CEATAL), Mexico was invited and did not.
const report = buildReport();
const topic = (id: string) => report.topics.find((x) => x.id === id);
const question = (id: string) => report.questions.find((x) => x.id === id);

describe("the Inputs report: who was asked and who answered", () => {
  it("counts invited and answered by group and by subregion", () => {
    expect(report).toMatchObject({ invited: 6, answered: 5 });
    expect(report.groups).toEqual([
      { group: "government", invited: 4, answered: 3 },
      { group: "workers", invited: 1, answered: 1 },
      { group: "employers", invited: 1, answered: 1 },
    ]);
    expect(report.subregions).toEqual([
      { subregion: "north-america", invited: 1, answered: 0 },
      { subregion: "andean", invited: 1, answered: 1 },
      { subregion: "southern-cone", invited: 2, answered: 2 },
    ]);
  });

  it("lists respondents by group then name, and who did not answer", () => {
    expect(report.respondents.map((r) => r.code)).toEqual(["ARG", "BRA", "CHL", "COSATE", "CEATAL"]);
    expect(report.nonRespondents).toEqual([
      { code: "MEX", name: "Mexico", group: "government", subregion: "north-america" },
    ]);
  });

  it("uses only each member's latest submission", () => {
    const r = buildReport([
      submission("ARG", { scores: { alpha: 2 } }, 1),
      submission("ARG", { scores: { alpha: 9 } }, 3),
      submission("ARG", { scores: { alpha: 4 } }, 2),
    ]);
    expect(r.answered).toBe(1);
    expect(r.topics.find((x) => x.id === "alpha")?.average).toBe(9);
    expect(r.respondents[0]?.version).toBe(3);
  });

  it("ignores answers from members who were not invited", () => {
    expect(buildReport([submission("USA", { scores: { alpha: 10 } })]).answered).toBe(0);
  });

  it("gives the same report whatever order the store returns the submissions in", () => {
    const reversed = buildReport([...submissions].reverse());
    expect(JSON.stringify(reversed)).toBe(JSON.stringify(report));
  });
});

describe("the Inputs report: priority topics", () => {
  it("averages each topic over those who scored it, never counting a blank as zero", () => {
    // alpha: (8 + 6 + 5 + 1) / 4 = 5; delta: (1 + 5 + 2) / 3, Brazil left it blank and CEATAL scored nothing.
    expect(topic("alpha")).toMatchObject({ average: 5, count: 4, notAnswered: 1, topCount: 2 });
    expect(topic("delta")).toMatchObject({ count: 3, notAnswered: 2, topCount: 0 });
    expect(topic("delta")?.average).toBeCloseTo(8 / 3, 12);
    expect(question("scores")).toMatchObject({ answered: 4, notAnswered: 1, notAsked: 0 });
  });

  it("keeps governments, COSATE and CEATAL apart", () => {
    // beta: governments 4, 10, 5 → 19 / 3, ranked by Brazil and Chile; COSATE 1; CEATAL nothing.
    const beta = topic("beta");
    expect(beta?.byGroup.government.average).toBeCloseTo(19 / 3, 12);
    expect(beta?.byGroup.government).toMatchObject({ count: 3, topCount: 2 });
    expect(beta?.byGroup.workers).toEqual({ average: 1, count: 1, topCount: 0 });
    expect(beta?.byGroup.employers).toEqual({ average: undefined, count: 0, topCount: 0 });
  });

  it("gives every topic its average, count and top-n mentions per subregion", () => {
    // beta: Southern Cone 4 and 10 (Brazil ranked it), Andean 5 (Chile ranked it), North America none.
    expect(topic("beta")?.bySubregion).toMatchObject({
      "southern-cone": { average: 7, count: 2, topCount: 1 },
      andean: { average: 5, count: 1, topCount: 1 },
      "north-america": { average: undefined, count: 0, topCount: 0 },
      caribbean: { average: undefined, count: 0, topCount: 0 },
    });
  });

  it("sorts by average, breaks ties by top-n mentions, and lets full ties share a rank", () => {
    // alpha, beta and gamma all average 5; gamma is in three top twos, alpha and beta in two each.
    expect(report.topics.map((x) => [x.id, x.rank])).toEqual([
      ["gamma", 1],
      ["alpha", 2],
      ["beta", 2],
      ["delta", 4],
    ]);
    expect(report.priorities?.ranking).toMatchObject({ id: "top", n: 2 });
  });

  it("lines up each respondent's scores with the sorted topics, blanks left blank", () => {
    expect(report.respondents.find((r) => r.code === "BRA")?.topicScores).toEqual([6, 6, 10, undefined]);
  });

  it("averages other scales on their own items, a blank item counted as not answered", () => {
    const tools = report.scales.find((s) => s.question.id === "tools");
    expect(tools?.items.map((i) => [i.id, i.average, i.count, i.notAnswered])).toEqual([
      ["x", 4, 1, 4],
      ["y", undefined, 0, 5],
    ]);
  });
});

describe("the Inputs report: choices, the Fund and contributions", () => {
  it("counts a conditional question's blanks apart from those it was never asked", () => {
    // host: governments only; Chile saw it and left it blank. host-offer: only if host is yes.
    expect(question("host")).toMatchObject({ answered: 2, notAnswered: 1, notAsked: 2 });
    expect(question("host-offer")).toMatchObject({ answered: 1, notAnswered: 0, notAsked: 4 });
    expect(question("pledge-year")).toMatchObject({ answered: 1, notAnswered: 2, notAsked: 2 });
  });

  it("distributes choices over those who answered", () => {
    const host = report.choices.find((c) => c.question.id === "host");
    expect(host?.options.map((o) => [o.label, o.count, o.share])).toEqual([
      ["Yes", 1, 0.5],
      ["No", 1, 0.5],
    ]);
    const inKind = report.choices.find((c) => c.question.id === "in-kind");
    expect(inKind?.options.map((o) => [o.id, o.count, o.share, o.byGroup])).toEqual([
      ["experts", 2, 1, { government: 1, workers: 1, employers: 0 }],
      ["venue", 1, 0.5, { government: 1, workers: 0, employers: 0 }],
      ["translation", 0, 0, { government: 0, workers: 0, employers: 0 }],
    ]);
  });

  it("counts top-n picks by rank", () => {
    const top = report.choices.find((c) => c.question.id === "top");
    // gamma: first for Chile and COSATE, second for Argentina; alpha: first for Argentina, second for Brazil.
    expect(top?.options.map((o) => [o.id, o.count, o.byRank])).toEqual([
      ["gamma", 3, [2, 1]],
      ["alpha", 2, [1, 1]],
      ["beta", 2, [1, 1]],
      ["delta", 0, [0, 0]],
    ]);
  });

  it("averages the Fund split over those who answered it, a tool left out of an answer at 0", () => {
    // a: (50 + 20 + 100) / 3; b: (50 + 30 + 0) / 3; c: (0 + 50 + 0) / 3: together, 100.
    const fund = report.fundSplit;
    expect(fund?.completion).toEqual({ answered: 3, notAnswered: 2, notAsked: 0 });
    expect(fund?.items.map((i) => i.id)).toEqual(["a", "b", "c"]);
    expect(fund?.items[0]?.average).toBeCloseTo(170 / 3, 12);
    expect(fund?.items[1]?.average).toBeCloseTo(80 / 3, 12);
    expect(fund?.items[2]?.average).toBeCloseTo(50 / 3, 12);
    expect(fund?.items.reduce((sum, i) => sum + (i.average ?? 0), 0)).toBeCloseTo(100, 9);
    expect(fund?.items[0]?.byGroup).toMatchObject({
      government: { average: 35, count: 2 },
      workers: { average: 100, count: 1 },
    });
  });

  it("lists hosting offers, pledges with totals per currency, and in-kind offers", () => {
    expect(report.hosting?.rows).toEqual([
      {
        code: "ARG",
        member: "Argentina",
        group: "government",
        item: 1,
        cells: ["WG1 meeting", "2027"],
        // Both fields are short texts: words the report shows translated where written in another language.
        texts: [{ text: "WG1 meeting" }, { text: "2027" }],
      },
    ]);
    const c = report.contributions;
    expect(c.pledges.map((p) => [p.code, p.amount, p.currency, p.year])).toEqual([
      ["ARG", 1000.1, "USD", 2026],
      ["BRA", 2000.2, "USD", undefined],
      ["CHL", 500, "EUR", undefined],
    ]);
    // 1000.1 + 2000.2 is 3000.2999999999997 in floating point: totals are counted in cents.
    expect(c.totals).toEqual([
      { currency: "EUR", amount: 500, count: 1 },
      { currency: "USD", amount: 3000.3, count: 2 },
    ]);
    expect(c.inKind).toEqual([
      {
        code: "ARG",
        member: "Argentina",
        group: "government",
        kinds: ["experts", "venue"],
        details: "Two experts",
      },
      { code: "COSATE", member: "Member COSATE", group: "workers", kinds: ["experts"], details: undefined },
    ]);
  });
});

describe("the Inputs report: bilateral cooperation", () => {
  const coop = report.cooperation;
  const byTopic = (id: string) => coop?.topics.find((x) => x.id === id);

  it("gathers needs and offers on the same topic, in the questionnaire's topic order", () => {
    expect(coop?.topics.map((x) => [x.id, x.needs.map((n) => n.code), x.offers.map((o) => o.code)])).toEqual([
      ["alpha", ["BRA"], ["COSATE"]],
      ["beta", ["ARG", "CHL"], ["BRA", "CHL"]],
      ["gamma", [], ["ARG"]],
      ["", ["CEATAL"], []],
    ]);
    expect(coop).toMatchObject({ needs: 4, offers: 4 });
  });

  it("counts a need as matched only by another member's offer", () => {
    // Brazil ← COSATE; Argentina ← Brazil, Chile; Chile ← Brazil (not itself); CEATAL named no topic.
    expect(coop?.matchedNeeds).toBe(3);
  });

  it("says whether the preferred provider, named in any language, offers that topic", () => {
    const [arg, chl] = byTopic("beta")?.needs ?? [];
    expect(arg).toMatchObject({
      preferredProvider: "Brasil",
      preferredOffers: true,
      description: "Inspection",
    });
    expect(chl).toMatchObject({ preferredProvider: "argentina", preferredOffers: false });
    expect(byTopic("alpha")?.needs[0]?.preferredOffers).toBeUndefined();
    expect(byTopic("beta")?.offers[0]).toMatchObject({ programme: "Digital inspection", inPortfolio: true });
  });
});

describe("the Inputs report: text and the answer table", () => {
  it("attributes every free-text answer to its member, as written", () => {
    expect(report.achievements?.answers).toEqual([
      { code: "ARG", member: "Argentina", group: "government", text: "More studies" },
      { code: "COSATE", member: "Member COSATE", group: "workers", text: "Social dialogue" },
      { code: "CEATAL", member: "Member CEATAL", group: "employers", text: INJECTION },
    ]);
    expect(report.texts.find((x) => x.question.id === "comments")?.answers).toEqual([
      { code: "CHL", member: "Chile", group: "government", text: MARKUP },
    ]);
  });

  it("keeps the respondent section beside each member rather than among the findings", () => {
    expect(report.contactColumns.map((c) => c.questionId)).toEqual(["language"]);
    expect(
      report.chapters.map((c) => [c.id, c.rial, c.blocks.map((b) => `${b.kind}:${b.questionId}`)]),
    ).toEqual([
      ["main", false, ["priorities:scores", "text:achievements"]],
      ["work-plan", false, ["choice:host", "hosting:host-offer", "contributions:pledge"]],
      ["rial", true, ["allocation:fund", "scale:tools", "cooperation:needs", "text:comments"]],
    ]);
  });

  it("lays out one row per respondent and one column per question, scored item or money part", () => {
    expect(report.columns.map((c) => [c.questionId, c.itemId ?? c.part ?? ""].join(":"))).toEqual([
      "language:",
      "scores:alpha",
      "scores:beta",
      "scores:gamma",
      "scores:delta",
      "top:",
      "achievements:",
      "host:",
      "host-offer:",
      "pledge:amount",
      "pledge:currency",
      "pledge-year:",
      "in-kind:",
      "in-kind-details:",
      "fund:a",
      "fund:b",
      "fund:c",
      "tools:x",
      "tools:y",
      "needs:",
      "offers:",
      "comments:",
    ]);
    const arg = report.respondents.find((r) => r.code === "ARG");
    expect(arg?.cells().slice(0, 14)).toEqual([
      "es",
      8,
      4,
      6,
      1,
      "1. alpha; 2. gamma",
      "More studies",
      "Yes",
      "1. Question event: WG1 meeting; Question period: 2027",
      1000.1,
      "USD",
      2026,
      "experts; venue",
      "Two experts",
    ]);
    // An allocation item left out of an answer is blank in the table: the table shows what was typed.
    expect(arg?.cells().slice(14, 19)).toEqual([50, 50, undefined, undefined, undefined]);
  });
});
