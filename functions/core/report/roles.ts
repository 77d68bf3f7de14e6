// Which question plays which part in the report (priority topics, Fund split, hosting, pledges, cooperation).
//
// The questionnaire definition has no `report.role` key, so the report recognises its questions from
// their type and data first, and from their id when the data alone is ambiguous; every rule falls back
// to "not there", and the report then simply leaves that table out. A `role` key on questions
// (`role: hosting-offers`, `role: fund-split`, …) in questionnaire/definition.ts would make this
// explicit and let the Secretariat write questionnaires the report understands without these guesses.
import type {
  Condition,
  Question,
  Questionnaire,
  Section,
  SimpleQuestion,
} from "../questionnaire/definition.ts";

export type QuestionOf<T extends Question["type"]> = Extract<Question, { type: T }>;
type FieldOf<T extends SimpleQuestion["type"]> = Extract<SimpleQuestion, { type: T }>;
type TextQuestion = QuestionOf<"short-text"> | QuestionOf<"long-text">;

export type CooperationRoles = {
  needs: QuestionOf<"group">;
  offers: QuestionOf<"group">;
  /** The single-choice fields, over the same options, that say what each need or offer is about. */
  needTopic: FieldOf<"single-choice">;
  offerTopic: FieldOf<"single-choice">;
  needText: SimpleQuestion | undefined;
  preferredProvider: SimpleQuestion | undefined;
  offerText: SimpleQuestion | undefined;
  inPortfolio: FieldOf<"yes-no"> | undefined;
};

export type ReportRoles = {
  /** Answers that describe who replied (focal point, language): shown beside the member, not as findings. */
  respondentSection: Section | undefined;
  /** The section about RIAL: its findings get their own sheet. */
  rialSection: Section | undefined;
  priorityScale: QuestionOf<"scale"> | undefined;
  priorityRanking: QuestionOf<"top-n"> | undefined;
  achievements: TextQuestion | undefined;
  fundSplit: QuestionOf<"allocation"> | undefined;
  hostingOffers: QuestionOf<"group"> | undefined;
  /** Every money question is a pledge; its year is a number question asked only when it is answered. */
  pledges: { money: QuestionOf<"money">; year: QuestionOf<"number"> | undefined }[];
  inKind: { offer: QuestionOf<"multiple-choice">; details: TextQuestion | undefined } | undefined;
  cooperation: CooperationRoles | undefined;
};

const sameIds = (a: { id: string }[], b: { id: string }[]) =>
  a.length === b.length && a.every((item, i) => item.id === b[i]?.id);

const isType =
  <T extends Question["type"]>(type: T) =>
  (q: Question): q is QuestionOf<T> =>
    q.type === type;

const isText = (q: Question): q is TextQuestion => q.type === "short-text" || q.type === "long-text";

/** The question with the preferred id if it has the right type, else the first candidate. */
const preferId = <Q extends Question>(candidates: Q[], id: string): Q | undefined =>
  candidates.find((q) => q.id === id) ?? candidates[0];

/** Ids of the questions a condition looks at. */
const conditionRefs = (c: Condition | undefined): string[] => {
  if (!c) return [];
  if ("all" in c) return c.all.flatMap(conditionRefs);
  if ("any" in c) return c.any.flatMap(conditionRefs);
  if ("not" in c) return conditionRefs(c.not);
  return "question" in c ? [c.question] : [];
};

const dependsOn = (q: Question, id: string) => conditionRefs(q.when).includes(id);

export const findRoles = (q: Questionnaire): ReportRoles => {
  const all = q.sections.flatMap((section) => section.questions.map((question) => ({ section, question })));
  const questions = all.map((e) => e.question);
  const sectionOf = (id: string | undefined) => all.find((e) => e.question.id === id)?.section;

  const scales = questions.filter(isType("scale"));
  const rankings = questions.filter(isType("top-n"));
  // The priority topics are the scored items that a top-n question also ranks.
  const ranked = scales.filter((s) => rankings.some((r) => sameIds(r.items, s.items)));
  const priorityScale = preferId(ranked.length ? ranked : scales, "topic-scores");
  const priorityRanking = priorityScale
    ? preferId(
        rankings.filter((r) => sameIds(r.items, priorityScale.items)),
        "top-three",
      )
    : undefined;

  const longTexts = questions.filter(isType("long-text"));
  const achievements =
    longTexts.find((t) => t.id === "expected-achievements") ??
    longTexts.find((t) => t.required) ??
    longTexts[0];

  const groups = questions.filter(isType("group"));
  const hostingOffers = preferId(
    groups.filter((g) => g.id.includes("host")),
    "host-offer",
  );
  const cooperation = findCooperation(groups.filter((g) => g !== hostingOffers));

  const numbers = questions.filter(isType("number"));
  const pledges = questions.filter(isType("money")).map((money) => ({
    money,
    year: numbers.find((n) => dependsOn(n, money.id)) ?? numbers.find((n) => n.id === `${money.id}-year`),
  }));

  const offer = preferId(
    questions.filter(isType("multiple-choice")).filter((m) => m.id.includes("in-kind")),
    "in-kind-contribution",
  );
  const inKind = offer
    ? { offer, details: questions.filter(isText).find((t) => dependsOn(t, offer.id)) }
    : undefined;

  const fundSplit = preferId(questions.filter(isType("allocation")), "fund-split");
  return {
    respondentSection: q.sections.find((s) => s.id === "respondent"),
    rialSection:
      q.sections.find((s) => s.id === "rial") ?? sectionOf(fundSplit?.id) ?? sectionOf(cooperation?.needs.id),
    priorityScale,
    priorityRanking,
    achievements,
    fundSplit,
    hostingOffers,
    pledges,
    inKind,
    cooperation,
  };
};

/** Needs and offers are two groups whose single-choice fields pick from the same list of topics. */
const findCooperation = (groups: QuestionOf<"group">[]): CooperationRoles | undefined => {
  const topicField = (g: QuestionOf<"group">) =>
    g.fields.find((f): f is FieldOf<"single-choice"> => f.type === "single-choice");
  const needs = preferId(
    groups.filter((g) => g.id.includes("need") && topicField(g)),
    "cooperation-needs",
  );
  const needTopic = needs && topicField(needs);
  if (!needs || !needTopic) return undefined;
  const offers = preferId(
    groups.filter(
      (g) =>
        g !== needs && g.id.includes("offer") && sameIds(topicField(g)?.options ?? [], needTopic.options),
    ),
    "cooperation-offers",
  );
  const offerTopic = offers && topicField(offers);
  if (!offers || !offerTopic) return undefined;
  const texts = (g: QuestionOf<"group">) =>
    g.fields.filter((f) => f.type === "short-text" || f.type === "long-text");
  const preferredProvider = texts(needs).find((f) => f.id.includes("provider"));
  return {
    needs,
    offers,
    needTopic,
    offerTopic,
    preferredProvider,
    needText:
      texts(needs).find((f) => f.id === "description") ?? texts(needs).find((f) => f !== preferredProvider),
    offerText: texts(offers)[0],
    inPortfolio: offers.fields.find((f): f is FieldOf<"yes-no"> => f.type === "yes-no"),
  };
};
