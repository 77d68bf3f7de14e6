import { describe, expect, it } from "vitest";
import { findRoles } from "../../../../functions/core/report/roles.ts";
import { defaultQuestionnairePath, readQuestionnaireFile } from "../../../../functions/local/content.ts";
import { items, question, questionnaire, text } from "../../../support/factories.ts";

describe("the report's roles of questions", () => {
  it("finds every role in the shipped questionnaire", () => {
    const roles = findRoles(readQuestionnaireFile(defaultQuestionnairePath));
    expect({
      respondent: roles.respondentSection?.id,
      rial: roles.rialSection?.id,
      scale: roles.priorityScale?.id,
      ranking: roles.priorityRanking?.id,
      achievements: roles.achievements?.id,
      fund: roles.fundSplit?.id,
      hosting: roles.hostingOffers?.id,
      pledges: roles.pledges.map((p) => [p.money.id, p.year?.id]),
      inKind: [roles.inKind?.offer.id, roles.inKind?.details?.id],
      cooperation: [
        roles.cooperation?.needs.id,
        roles.cooperation?.offers.id,
        roles.cooperation?.needTopic.id,
        roles.cooperation?.preferredProvider?.id,
        roles.cooperation?.needText?.id,
        roles.cooperation?.offerText?.id,
        roles.cooperation?.inPortfolio?.id,
      ],
    }).toEqual({
      respondent: "respondent",
      rial: "rial",
      scale: "topic-scores",
      ranking: "top-three",
      achievements: "expected-achievements",
      fund: "fund-split",
      hosting: "host-offer",
      pledges: [["fund-pledge", "fund-pledge-year"]],
      inKind: ["in-kind-contribution", "in-kind-details"],
      cooperation: [
        "cooperation-needs",
        "cooperation-offers",
        "topic",
        "preferred-provider",
        "description",
        "programme",
        "in-portfolio",
      ],
    });
  });

  it("recognises the priority topics by data: the scale whose items a top-n question ranks", () => {
    const roles = findRoles(
      questionnaire([
        question("usefulness", "scale", { items: items("x", "y"), min: 1, max: 5 }),
        question("interest", "scale", { items: "topics", min: 1, max: 10 }),
        question("ranking", "top-n", { items: "topics", n: 3 }),
      ]),
    );
    expect([roles.priorityScale?.id, roles.priorityRanking?.id]).toEqual(["interest", "ranking"]);
  });

  it("pairs needs and offers by their topic field and a year with its pledge by its condition", () => {
    const topicField = question("subject", "single-choice", { options: "topics" });
    const roles = findRoles(
      questionnaire([
        question("gift", "money", { currencies: ["USD"] }),
        question("when", "number", { when: { question: "gift", answered: true } }),
        question("our-needs", "group", { itemLabel: text("Need"), fields: [topicField] }),
        question("what-we-offer", "group", { itemLabel: text("Offer"), fields: [topicField] }),
      ]),
    );
    expect(roles.pledges.map((p) => [p.money.id, p.year?.id])).toEqual([["gift", "when"]]);
    expect([roles.cooperation?.needs.id, roles.cooperation?.offers.id]).toEqual([
      "our-needs",
      "what-we-offer",
    ]);
  });

  it("leaves out what a questionnaire does not ask", () => {
    const roles = findRoles(questionnaire([question("comments", "long-text")]));
    expect(roles).toMatchObject({
      priorityScale: undefined,
      fundSplit: undefined,
      hostingOffers: undefined,
      pledges: [],
      inKind: undefined,
      cooperation: undefined,
    });
    expect(roles.achievements?.id).toBe("comments");
  });
});
