// The "Inputs for the Planning Meeting": who was asked, who answered, and what they said, as plain data.
import type { Campaign } from "../campaign.ts";
import type { Member, Subregion } from "../directory.ts";
import type { Language } from "../languages.ts";
import type { AnswerValue, GroupItem, Money } from "../questionnaire/answers.ts";
import {
  allQuestions,
  type ListItem,
  type Question,
  type Questionnaire,
  type RespondentGroup,
} from "../questionnaire/definition.ts";
import type { ResponseVersion } from "../responses.ts";

export type Translate = (key: string) => string;

export type Cell = string | number | undefined;

export type Column = { questionId: string; itemId?: string; header: string; section: string };

export type RespondentRow = {
  code: string;
  name: string;
  group: RespondentGroup;
  subregion: Subregion | undefined;
  version: number;
  submittedAt: string;
  submittedBy: string;
  cells: Cell[];
};

export type TopicScore = {
  id: string;
  label: string;
  tag: string | undefined;
  average: number | undefined;
  count: number;
  topCount: number;
  byGroup: Record<RespondentGroup, { average: number | undefined; count: number }>;
};

export type GroupCount = { group: RespondentGroup; invited: number; answered: number };

export type InputsReport = {
  lang: Language;
  campaignId: string;
  title: string;
  meeting: string | undefined;
  questionnaire: { id: string; version: number };
  generatedAt: string;
  invited: number;
  answered: number;
  groups: GroupCount[];
  topics: TopicScore[];
  columns: Column[];
  respondents: RespondentRow[];
  nonRespondents: { code: string; name: string; group: RespondentGroup }[];
  texts: { questionId: string; label: string; answers: { member: string; text: string }[] }[];
};

export type ReportInput = {
  campaign: Campaign;
  questionnaire: Questionnaire;
  members: Member[];
  submissions: ResponseVersion[];
  lang: Language;
  generatedAt: Date;
  t: Translate;
};

const GROUPS: RespondentGroup[] = ["government", "workers", "employers"];

const mean = (values: number[]) =>
  values.length ? values.reduce((a, b) => a + b, 0) / values.length : undefined;

export const buildInputsReport = (input: ReportInput): InputsReport => {
  const { campaign, questionnaire, members, lang, t } = input;
  const byCode = new Map(members.map((m) => [m.code, m]));
  const invited = campaign.invited
    .map((code) => byCode.get(code))
    .filter((m): m is Member => m !== undefined);
  const invitedCodes = new Set(invited.map((m) => m.code));
  // Only the latest submission of each invited member counts.
  const latest = new Map<string, ResponseVersion>();
  for (const s of input.submissions) {
    if (!invitedCodes.has(s.memberCode)) continue;
    const known = latest.get(s.memberCode);
    if (!known || known.version < s.version) latest.set(s.memberCode, s);
  }
  const answered = invited.filter((m) => latest.has(m.code));
  const columns = questionnaire.sections.flatMap((section) =>
    section.questions.flatMap((q) => columnsOf(q, section.title[lang], lang)),
  );

  const respondents: RespondentRow[] = answered
    .map((member) => {
      const s = latest.get(member.code) as ResponseVersion;
      return {
        code: member.code,
        name: member.name[lang],
        group: member.group,
        subregion: member.subregion,
        version: s.version,
        submittedAt: s.submittedAt,
        submittedBy: s.submittedBy.name,
        cells: columns.map((c) => cellOf(questionnaire, c, s.answers[c.questionId], lang, t)),
      };
    })
    .sort(byGroupThenName);

  return {
    lang,
    campaignId: campaign.id,
    title: campaign.title[lang],
    meeting: campaign.meeting,
    questionnaire: { id: questionnaire.id, version: questionnaire.version },
    generatedAt: input.generatedAt.toISOString(),
    invited: invited.length,
    answered: answered.length,
    groups: GROUPS.map((group) => ({
      group,
      invited: invited.filter((m) => m.group === group).length,
      answered: answered.filter((m) => m.group === group).length,
    })).filter((g) => g.invited > 0),
    topics: topicScores(questionnaire, answered, latest, lang),
    columns,
    respondents,
    nonRespondents: invited
      .filter((m) => !latest.has(m.code))
      .map((m) => ({ code: m.code, name: m.name[lang], group: m.group }))
      .sort(byGroupThenName),
    texts: allQuestions(questionnaire)
      .filter(({ question }) => question.type === "long-text")
      .map(({ question }) => ({
        questionId: question.id,
        label: question.label[lang],
        answers: answered.flatMap((m) => {
          const text = latest.get(m.code)?.answers[question.id];
          return typeof text === "string" ? [{ member: m.name[lang], text }] : [];
        }),
      })),
  };
};

const byGroupThenName = (
  a: { group: RespondentGroup; name: string },
  b: { group: RespondentGroup; name: string },
) => GROUPS.indexOf(a.group) - GROUPS.indexOf(b.group) || a.name.localeCompare(b.name);

/** Scores of the first scale question whose items a top-n question also ranks: the priority topics. */
const topicScores = (
  q: Questionnaire,
  answered: Member[],
  latest: Map<string, ResponseVersion>,
  lang: Language,
): TopicScore[] => {
  const questions = allQuestions(q).map((e) => e.question);
  const scale = questions.find(
    (s): s is Extract<Question, { type: "scale" }> =>
      s.type === "scale" && questions.some((t) => t.type === "top-n" && sameItems(t.items, s.items)),
  );
  if (!scale) return [];
  const top = questions.find(
    (t): t is Extract<Question, { type: "top-n" }> => t.type === "top-n" && sameItems(t.items, scale.items),
  );
  return scale.items
    .map((item) => {
      const scoresOf = (members: Member[]) =>
        members.flatMap((m) => {
          const value = latest.get(m.code)?.answers[scale.id] as Record<string, number> | undefined;
          const score = value?.[item.id];
          return typeof score === "number" ? [score] : [];
        });
      const all = scoresOf(answered);
      const byGroup = Object.fromEntries(
        GROUPS.map((g) => {
          const scores = scoresOf(answered.filter((m) => m.group === g));
          return [g, { average: mean(scores), count: scores.length }];
        }),
      ) as TopicScore["byGroup"];
      const topCount = top
        ? answered.filter((m) => {
            const picks = latest.get(m.code)?.answers[top.id];
            return Array.isArray(picks) && (picks as string[]).includes(item.id);
          }).length
        : 0;
      return {
        id: item.id,
        label: item.label[lang],
        tag: item.tag,
        average: mean(all),
        count: all.length,
        topCount,
        byGroup,
      };
    })
    .sort((a, b) => (b.average ?? -1) - (a.average ?? -1) || b.topCount - a.topCount);
};

const sameItems = (a: ListItem[], b: ListItem[]) =>
  a.length === b.length && a.every((item, i) => item.id === b[i]?.id);

const columnsOf = (q: Question, section: string, lang: Language): Column[] => {
  if (q.type === "scale" || q.type === "allocation") {
    return q.items.map((item) => ({
      questionId: q.id,
      itemId: item.id,
      header: `${q.label[lang]} — ${item.label[lang]}`,
      section,
    }));
  }
  return [{ questionId: q.id, header: q.label[lang], section }];
};

const labelOf = (items: ListItem[], id: string, lang: Language) =>
  items.find((i) => i.id === id)?.label[lang] ?? id;

/** One answer as a spreadsheet cell: numbers stay numbers, everything else readable text. */
const cellOf = (
  q: Questionnaire,
  column: Column,
  value: AnswerValue | undefined,
  lang: Language,
  t: Translate,
): Cell => {
  if (value === undefined) return undefined;
  const question = allQuestions(q).find((e) => e.question.id === column.questionId)?.question;
  if (!question) return undefined;
  if (column.itemId !== undefined) {
    const score = (value as Record<string, number>)[column.itemId];
    return typeof score === "number" ? score : undefined;
  }
  if (question.type === "number" && typeof value === "number") return value;
  return answerText(question, value, lang, t);
};

/** Any answer as readable text in the given language. */
export const answerText = (question: Question, value: AnswerValue, lang: Language, t: Translate): string => {
  if (question.type !== "group") return simpleText(question, value, lang, t);
  return (value as GroupItem[])
    .map(
      (item, i) =>
        `${i + 1}. ` +
        question.fields
          .filter((f) => item[f.id] !== undefined)
          .map((f) => `${f.label[lang]}: ${simpleText(f, item[f.id] as AnswerValue, lang, t)}`)
          .join("; "),
    )
    .join("\n");
};

const simpleText = (
  q: Exclude<Question, { type: "group" }>,
  value: AnswerValue,
  lang: Language,
  t: Translate,
): string => {
  switch (q.type) {
    case "single-choice":
      return labelOf(q.options, value as string, lang);
    case "multiple-choice":
      return (value as string[]).map((id) => labelOf(q.options, id, lang)).join("; ");
    case "top-n":
      return (value as string[]).map((id, i) => `${i + 1}. ${labelOf(q.items, id, lang)}`).join("; ");
    case "scale":
    case "allocation":
      return Object.entries(value as Record<string, number>)
        .map(([id, n]) => `${labelOf(q.items, id, lang)}: ${n}`)
        .join("; ");
    case "money": {
      const money = value as Money;
      return `${money.amount} ${money.currency}`;
    }
    case "yes-no":
      return t(value ? "common.yes" : "common.no");
    default:
      return String(value);
  }
};
