// Adding up the report's findings: each question's kind tallies its answers (kinds/<kind>.ts), the
// report's roles (pledges, in-kind offers, cooperation) add theirs; one visit per respondent and question.
import type { Member, Subregion } from "../directory.ts";
import type { Language } from "../languages.ts";
import type { AnswerValue, Answers, Money } from "../questionnaire/answers.ts";
import type { Question, Section } from "../questionnaire/definition.ts";
import { kindOf } from "../questionnaire/kinds/index.ts";
import type { Findings, FindingsBlock } from "../questionnaire/kinds/kind.ts";
import type { ResponseVersion } from "../responses.ts";
import { labelOf } from "./answer-text.ts";
import { buildCooperation } from "./cooperation.ts";
import type {
  Attribution,
  Completion,
  Contributions,
  InKindOffer,
  InputsReport,
  Pledge,
  QuestionRef,
  Translate,
} from "./model.ts";
import type { QuestionOf, ReportRoles } from "./roles.ts";
import { attribution } from "./tally.ts";

/** A member who answered, with the answers of its latest submission. */
export type Respondent = Attribution & {
  name: string;
  subregion: Subregion | undefined;
  answers: Answers;
  submission: ResponseVersion;
};

/** Called once per respondent for one question: `asked` is false when a condition hid it. */
export type Visitor = (r: Respondent, value: AnswerValue | undefined, asked: boolean) => void;

/** Puts entries in the respondents' order, whatever order their submissions were visited in. */
export type InOrder = <T extends { code: string }>(list: T[]) => T[];

/** One question of the report, with its completion so far and whoever visits its answers. */
export type Entry = {
  section: Section;
  question: Question;
  ref: QuestionRef;
  completion: Completion;
  visitors: Visitor[];
};

type FindingsLists = { [B in FindingsBlock]: (() => Findings[B][])[] };

/** Sets up each question's tally (by its kind) and each role's, and returns how to read each result. */
export const wireTallies = (
  entries: Entry[],
  entryOf: Map<string, Entry>,
  roles: ReportRoles,
  members: Member[],
  lang: Language,
  t: Translate,
  inOrder: InOrder,
) => {
  const findings: FindingsLists = { scale: [], choice: [], allocation: [], number: [], text: [], table: [] };
  const contactIds = new Set(roles.respondentSection?.questions.map((x) => x.id) ?? []);
  const coop = roles.cooperation;
  const cooperationIds = new Set(coop ? [coop.needs.id, coop.offers.id] : []);
  const rankingEntry = roles.priorityRanking && entryOf.get(roles.priorityRanking.id);
  const ranking = roles.priorityRanking &&
    rankingEntry && { ...rankingEntry.ref, n: roles.priorityRanking.n };

  for (const e of entries) {
    const { question: qn } = e;
    const part = kindOf(qn).report;
    if (!part) continue;
    // Roles show these elsewhere: the respondent's contact details beside the member, cooperation apart.
    if (part.block === "text" && contactIds.has(qn.id)) continue;
    if (part.block === "table" && cooperationIds.has(qn.id)) continue;
    const tally = part.tally(qn, {
      ref: e.ref,
      completion: e.completion,
      lang,
      t,
      inOrder,
      ranking: qn === roles.priorityScale ? ranking : undefined,
    });
    e.visitors.push(tally.visit);
    (findings[part.block] as (() => unknown[])[]).push(() => [tally.result()].flat());
  }

  const contributions = contributionsTally(
    roles,
    lang,
    roles.inKind && entryOf.get(roles.inKind.offer.id)?.ref,
    inOrder,
  );
  for (const { money } of roles.pledges)
    entryOf.get(money.id)?.visitors.push(contributions.visitPledge(money));
  if (roles.inKind) entryOf.get(roles.inKind.offer.id)?.visitors.push(contributions.visitInKind);

  let cooperation: (() => InputsReport["cooperation"]) | undefined;
  if (coop) {
    const needsEntry = entryOf.get(coop.needs.id);
    const offersEntry = entryOf.get(coop.offers.id);
    if (needsEntry && offersEntry) {
      const agg = buildCooperation(coop, members, lang, needsEntry.ref, offersEntry.ref, t, inOrder);
      needsEntry.visitors.push(agg.visitNeeds);
      offersEntry.visitors.push(agg.visitOffers);
      cooperation = agg.result;
    }
  }
  return { findings, contributions: contributions.result, cooperation };
};

const contributionsTally = (
  roles: ReportRoles,
  lang: Language,
  inKindQuestion: QuestionRef | undefined,
  inOrder: InOrder,
) => {
  const pledges: Pledge[] = [];
  const inKind: InKindOffer[] = [];
  const visitPledge =
    (money: QuestionOf<"money">): Visitor =>
    (r, value) => {
      if (value === undefined) return;
      const { amount, currency } = value as Money;
      if (typeof amount !== "number") return;
      const year = roles.pledges.find((p) => p.money === money)?.year;
      const y = year ? r.answers[year.id] : undefined;
      pledges.push({
        ...attribution(r),
        questionId: money.id,
        label: money.label[lang],
        amount,
        currency,
        year: typeof y === "number" ? y : undefined,
      });
    };
  const visitInKind: Visitor = (r, value) => {
    const role = roles.inKind;
    if (!role || !Array.isArray(value)) return;
    const details = role.details ? r.answers[role.details.id] : undefined;
    inKind.push({
      ...attribution(r),
      kinds: (value as string[]).map((id) => labelOf(role.offer.options, id, lang)),
      details: typeof details === "string" ? details : undefined,
    });
  };
  const result = (): Contributions => {
    inOrder(pledges);
    inOrder(inKind);
    const totals = new Map<string, { amount: number; count: number }>();
    for (const p of pledges) {
      const total = totals.get(p.currency) ?? { amount: 0, count: 0 };
      total.amount += p.amount;
      total.count++;
      totals.set(p.currency, total);
    }
    return {
      pledges,
      totals: [...totals]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        // Money is counted in cents: adding many decimal amounts must not leave 0.30000000000000004.
        .map(([currency, t]) => ({ currency, amount: Math.round(t.amount * 100) / 100, count: t.count })),
      inKind,
      inKindQuestion,
    };
  };
  return { visitPledge, visitInKind, result };
};
