// The "Inputs for the Planning Meeting": who was asked, who answered, and what they said, as plain data.
//
// One pass over the respondents, and for each one pass over the questions: the report stays linear in
// respondents × questions, so 10,000 replies compile as surely as 37.
import { filesOf } from "../questionnaire/kinds/file.ts";
import type { Campaign } from "../campaign.ts";
import { SUBREGIONS, type Member } from "../directory.ts";
import type { Language } from "../languages.ts";
import type { AnswerValue } from "../questionnaire/answers.ts";
import { conditionHolds } from "../questionnaire/conditions.ts";
import { RESPONDENT_GROUPS, type Questionnaire, type RespondentGroup } from "../questionnaire/definition.ts";
import { kindOf } from "../questionnaire/kinds/index.ts";
import type { ResponseVersion } from "../responses.ts";
import { countedAnswers } from "../prefill.ts";
import { wireTallies, type Entry, type Respondent } from "./aggregation.ts";
import { answerText } from "./answer-text.ts";
import { cellOf, chapters, layoutColumns, present } from "./layout.ts";
import type { Cell, InputsReport, RespondentRow, Translate } from "./model.ts";
import { findRoles } from "./roles.ts";

export { answerText };
export type * from "./model.ts";
export type { Respondent } from "./aggregation.ts";

export type ReportInput = {
  campaign: Campaign;
  questionnaire: Questionnaire;
  members: Member[];
  submissions: ResponseVersion[];
  lang: Language;
  generatedAt: Date;
  t: Translate;
};

const GROUPS = RESPONDENT_GROUPS;

/** Group order first (governments, workers, employers), then name in the report's language. */
export const byGroupThenName = (
  a: { group: RespondentGroup; name: string; code: string },
  b: { group: RespondentGroup; name: string; code: string },
) =>
  GROUPS.indexOf(a.group) - GROUPS.indexOf(b.group) ||
  a.name.localeCompare(b.name, "und") ||
  (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

/** Everything a compile knows before it reads a submission. */
export type ReportSetup = Omit<ReportInput, "submissions">;

/** The report from every submission at once: only the latest of each member counts. */
export const buildInputsReport = (input: ReportInput): InputsReport => {
  const latest = new Map<string, ResponseVersion>();
  for (const s of input.submissions) {
    const known = latest.get(s.memberCode);
    if (!known || known.version < s.version) latest.set(s.memberCode, s);
  }
  const report = startInputsReport(input);
  report.add([...latest.values()]);
  return report.finish();
};

/**
 * The report from submissions as storage hands them over, page by page. Each submission is visited
 * once, as it arrives: the aggregates keep counters, the lists the report prints (texts, tables,
 * pledges, offers) and each respondent's row of cells, never the submission itself, so a page can go
 * as soon as it is added. Pages may come in any order; the report is the same.
 */
export const startInputsReport = (input: ReportSetup) => {
  const { campaign, questionnaire: q, members, lang, t } = input;
  const roles = findRoles(q);
  const byCode = new Map(members.map((m) => [m.code, m]));
  const invited = [...new Set(campaign.invited)].flatMap((code) => {
    const m = byCode.get(code);
    return m ? [m] : [];
  });
  // A fixed order makes the compile deterministic whatever order the store returns.
  const ordered = invited
    .map((m) => ({ member: m, code: m.code, group: m.group, name: m.name[lang] }))
    .sort(byGroupThenName);
  const position = new Map(ordered.map((o, i) => [o.code, i]));
  const place = (code: string) => position.get(code) ?? Infinity;
  const inOrder = <T extends { code: string }>(list: T[]): T[] =>
    list.sort((a, b) => place(a.code) - place(b.code));

  const entries: Entry[] = q.sections.flatMap((section) =>
    section.questions.map((question) => ({
      section,
      question,
      ref: {
        id: question.id,
        label: question.label[lang],
        section: section.title[lang],
        type: question.type,
      },
      completion: { answered: 0, notAnswered: 0, notAsked: 0 },
      visitors: [],
    })),
  );
  const entryOf = new Map(entries.map((e) => [e.question.id, e]));
  const results = wireTallies(entries, entryOf, roles, members, lang, t, inOrder);
  const { columns, columnQuestions } = layoutColumns(q, lang);
  const priorityScale = roles.priorityScale;
  // As the translate job reads them: a person's own words, outside the respondent's details.
  const respondentIds = new Set(roles.respondentSection?.questions.map((x) => x.id) ?? []);
  const freeTextColumns = columns.flatMap((c, i) => {
    const question = columnQuestions[i];
    return question && kindOf(question).freeText && !respondentIds.has(c.questionId) ? [i] : [];
  });
  type Row = Omit<RespondentRow, "cells" | "topicScores" | "translations"> & {
    all: Cell[];
    scores: (number | undefined)[];
  };
  const rows = new Map<string, Row>();
  const fileQuestions = columnQuestions.filter((x) => x.type === "file").map((x) => x.id);

  const add = (submissions: ResponseVersion[]) => {
    for (const submission of submissions) {
      const m = position.has(submission.memberCode) ? byCode.get(submission.memberCode) : undefined;
      if (!m) continue;
      // Storage lists one latest submission per member: a second one would be counted twice.
      if (rows.has(m.code)) throw new Error(`Member ${m.code} was listed twice among the latest submissions`);
      const r: Respondent = {
        code: m.code,
        member: m.name[lang],
        name: m.name[lang],
        group: m.group,
        subregion: m.subregion,
        // A carried-over answer the member did not confirm is not the member's answer to this campaign.
        answers: countedAnswers(submission),
        submission,
      };
      for (const e of entries) {
        const raw = r.answers[e.question.id];
        const value = present(raw) ? raw : undefined;
        // Conditions only look at earlier answers, so the final answers decide as the form did.
        const asked =
          value !== undefined ||
          (conditionHolds(e.section.when, r.answers, r.group) &&
            conditionHolds(e.question.when, r.answers, r.group));
        if (value !== undefined) e.completion.answered++;
        else if (asked) e.completion.notAnswered++;
        else e.completion.notAsked++;
        for (const visit of e.visitors) visit(r, value, asked);
      }
      const scores = priorityScale
        ? (r.answers[priorityScale.id] as Record<string, number> | undefined)
        : undefined;
      rows.set(m.code, {
        code: r.code,
        member: r.member,
        name: r.name,
        group: r.group,
        subregion: r.subregion,
        version: submission.version,
        submittedAt: submission.submittedAt,
        submittedBy: submission.submittedBy.name,
        receiptCode: submission.receiptCode,
        all: columns.map((c, i) => cellOf(columnQuestions[i], c, r.answers[c.questionId], lang, t)),
        scores: priorityScale ? priorityScale.items.map((item) => scoreOf(scores, item.id)) : [],
        ...filesOfAnswers(fileQuestions, r.answers),
        freeTexts: freeTextColumns.flatMap((i) => {
          const question = columnQuestions[i];
          const column = columns[i];
          const raw = column && r.answers[column.questionId];
          if (!question || !column || !present(raw)) return [];
          const texts = kindOf(question).freeText?.(question, raw) ?? [];
          return texts.length
            ? [
                {
                  column: i,
                  texts,
                  cellWith: (replace: (text: string) => string) =>
                    cellOf(question, column, replaceTexts(raw, new Set(texts), replace), lang, t),
                },
              ]
            : [];
        }),
      });
    }
  };

  const finish = (): InputsReport => {
    const { findings } = results;
    const scales = findings.scale.flatMap((found) => found());
    const priorities = scales.find((s) => s.question.id === priorityScale?.id);
    const allocations = findings.allocation.flatMap((found) => found());
    const tables = findings.table.flatMap((found) => found());
    const texts = findings.text.flatMap((found) => found());
    const contactIds = new Set(roles.respondentSection?.questions.map((x) => x.id) ?? []);
    const answered = (m: Member) => rows.has(m.code);
    const respondents: RespondentRow[] = ordered.flatMap(({ code }) => {
      const row = rows.get(code);
      if (!row) return [];
      const { all, scores, ...rest } = row;
      return [
        {
          ...rest,
          cells: (only?: number[]) => (only ? only.map((i) => all[i]) : all),
          // Ranked order: item numbers count from 1 in the questionnaire's order.
          topicScores: priorities ? priorities.items.map((item) => scores[item.number - 1]) : [],
          translations: new Map(),
        },
      ];
    });

    return {
      lang,
      campaignId: campaign.id,
      title: campaign.title[lang],
      titles: campaign.title,
      meeting: campaign.meeting,
      timeZone: campaign.timeZone,
      questionnaire: { id: q.id, version: q.version, title: q.title[lang] },
      generatedAt: input.generatedAt.toISOString(),
      invited: invited.length,
      answered: respondents.length,
      groups: GROUPS.map((group) => ({
        group,
        invited: invited.filter((m) => m.group === group).length,
        answered: invited.filter((m) => m.group === group && answered(m)).length,
      })).filter((g) => g.invited > 0),
      subregions: SUBREGIONS.map((subregion) => ({
        subregion,
        invited: invited.filter((m) => m.subregion === subregion).length,
        answered: invited.filter((m) => m.subregion === subregion && answered(m)).length,
      })).filter((s) => s.invited > 0),
      questions: entries.map((e) => ({ ...e.ref, ...e.completion, required: e.question.required })),
      chapters: chapters(q, roles, lang),
      priorities,
      topics: priorities?.items ?? [],
      scales,
      choices: findings.choice.flatMap((found) => found()),
      allocations,
      fundSplit: allocations.find((a) => a.question.id === roles.fundSplit?.id),
      numbers: findings.number.flatMap((found) => found()),
      achievements: texts.find((x) => x.question.id === roles.achievements?.id),
      texts,
      tables: tables.filter((g) => g.question.id !== roles.hostingOffers?.id),
      hosting: tables.find((g) => g.question.id === roles.hostingOffers?.id),
      contributions: results.contributions(),
      cooperation: results.cooperation?.(),
      contactColumns: columns.flatMap((c) =>
        contactIds.has(c.questionId) ? [{ questionId: c.questionId, header: c.header }] : [],
      ),
      columns,
      freeTextColumns,
      respondents,
      nonRespondents: ordered
        .filter((o) => !rows.has(o.code))
        .map(({ member: m }) => ({
          code: m.code,
          name: m.name[lang],
          group: m.group,
          subregion: m.subregion,
        })),
    };
  };
  return { add, finish };
};

/** The answer with each of the given texts in it (a text, or a field of a group's entry) replaced. */
const replaceTexts = (
  value: AnswerValue,
  texts: Set<string>,
  replace: (text: string) => string,
): AnswerValue => {
  const one = <V>(v: V): V => (typeof v === "string" && texts.has(v) ? (replace(v) as V) : v);
  if (typeof value === "string") return one(value);
  if (!Array.isArray(value)) return value;
  return value.map((entry: unknown) =>
    entry && typeof entry === "object" && !Array.isArray(entry)
      ? Object.fromEntries(Object.entries(entry).map(([k, v]) => [k, one(v)]))
      : one(entry),
  ) as AnswerValue;
};

const scoreOf = (scores: Record<string, number> | undefined, id: string) => {
  const score = scores?.[id];
  return typeof score === "number" ? score : undefined;
};

/** The files a member's answers name, by question; nothing when it attached none. */
const filesOfAnswers = (questionIds: string[], answers: Record<string, unknown>) => {
  const files = Object.fromEntries(
    questionIds.flatMap((id) => {
      const named = filesOf(answers[id]).map((f) => ({ id: f.id, name: f.name }));
      return named.length ? [[id, named]] : [];
    }),
  );
  return Object.keys(files).length ? { files } : {};
};
