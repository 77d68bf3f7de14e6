// Where each question shows in the report: chapters of blocks, and the columns of "All answers".
import type { Language } from "../languages.ts";
import type { AnswerValue } from "../questionnaire/answers.ts";
import type { Question, Questionnaire } from "../questionnaire/definition.ts";
import { kindOf } from "../questionnaire/kinds/index.ts";
import type { Block, Cell, Chapter, Column, Translate } from "./model.ts";
import type { ReportRoles } from "./roles.ts";

/** An answer that holds something: submissions are normalised already, but a report must not trust that. */
export const present = (value: AnswerValue | undefined): value is AnswerValue => {
  if (value === undefined || value === null) return false;
  if (typeof value === "string") return value.trim() !== "";
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === "object") return Object.keys(value).length > 0;
  return true;
};

/** The document's chapters: one per section of the questionnaire, each question placed once. */
export const chapters = (q: Questionnaire, roles: ReportRoles, lang: Language): Chapter[] => {
  const contributionIds = [
    ...roles.pledges.flatMap((p) => [p.money.id, ...(p.year ? [p.year.id] : [])]),
    ...(roles.inKind
      ? [roles.inKind.offer.id, ...(roles.inKind.details ? [roles.inKind.details.id] : [])]
      : []),
  ];
  let contributionsPlaced = false;
  const blocksOf = (qn: Question): Block[] => {
    const questionId = qn.id;
    if (contributionIds.includes(questionId)) {
      if (contributionsPlaced) return [];
      contributionsPlaced = true;
      return [{ kind: "contributions", questionId }];
    }
    if (qn === roles.priorityScale) return [{ kind: "priorities", questionId }];
    if (qn === roles.priorityRanking) return [];
    if (qn === roles.hostingOffers) return [{ kind: "hosting", questionId }];
    if (qn === roles.cooperation?.needs) return [{ kind: "cooperation", questionId }];
    if (qn === roles.cooperation?.offers) return [];
    // Any other question shows in the block its kind's findings go to (none: only a role shows it),
    // once per finding.
    const part = kindOf(qn).report;
    if (!part) return [];
    return (part.ids?.(qn) ?? [questionId]).map((id) => ({ kind: part.block, questionId: id }));
  };
  return q.sections
    .filter((s) => s !== roles.respondentSection)
    .map((s) => ({
      id: s.id,
      title: s.title[lang],
      rial: s === roles.rialSection,
      blocks: s.questions.flatMap(blocksOf),
    }))
    .filter((c) => c.blocks.length > 0);
};

/** The columns of "All answers", each question's as its kind lays them out, with the question of each. */
export const layoutColumns = (q: Questionnaire, lang: Language) => {
  const columns: Column[] = [];
  const columnQuestions: Question[] = [];
  for (const section of q.sections) {
    for (const qn of section.questions) {
      for (const c of kindOf(qn).columns(qn, lang)) {
        columns.push({ questionId: qn.id, section: section.title[lang], question: qn.label[lang], ...c });
        columnQuestions.push(qn);
      }
    }
  }
  return { columns, columnQuestions };
};

/** One answer as a spreadsheet cell: numbers stay numbers, everything else readable text. */
export const cellOf = (
  question: Question | undefined,
  column: Column,
  value: AnswerValue | undefined,
  lang: Language,
  t: Translate,
): Cell => (question && present(value) ? kindOf(question).cell(question, value, lang, t, column) : undefined);
