// The "Inputs for the Planning Meeting": who was asked, who answered, and what they said, as plain data.
//
// One pass over the respondents, and for each one pass over the questions: the report stays linear in
// respondents × questions, so 10,000 replies compile as surely as 37.
import type { Campaign } from "../campaign.ts";
import { SUBREGIONS, type Member, type Subregion } from "../directory.ts";
import type { Language } from "../languages.ts";
import type { AnswerValue, Answers, GroupItem, Money } from "../questionnaire/answers.ts";
import { conditionHolds } from "../questionnaire/conditions.ts";
import {
  RESPONDENT_GROUPS,
  type Question,
  type Questionnaire,
  type RespondentGroup,
  type Section,
} from "../questionnaire/definition.ts";
import type { ResponseVersion } from "../responses.ts";
import { answerText, labelOf, simpleText } from "./answer-text.ts";
import { buildCooperation } from "./cooperation.ts";
import type {
  AllocationSummary,
  Attribution,
  Block,
  Cell,
  Chapter,
  ChoiceSummary,
  Column,
  Completion,
  Contributions,
  GroupTable,
  InKindOffer,
  InputsReport,
  ItemScore,
  NumberSummary,
  Pledge,
  QuestionRef,
  RespondentRow,
  ScaleSummary,
  Stat,
  TextSummary,
  Translate,
} from "./model.ts";
import { findRoles, type QuestionOf, type ReportRoles } from "./roles.ts";

export { answerText };
export type * from "./model.ts";

export type ReportInput = {
  campaign: Campaign;
  questionnaire: Questionnaire;
  members: Member[];
  submissions: ResponseVersion[];
  lang: Language;
  generatedAt: Date;
  t: Translate;
};

/** A member who answered, with the answers of its latest submission. */
export type Respondent = Attribution & {
  name: string;
  subregion: Subregion | undefined;
  answers: Answers;
  submission: ResponseVersion;
};

/** Called once per respondent for one question: `asked` is false when a condition hid it. */
type Visitor = (r: Respondent, value: AnswerValue | undefined, asked: boolean) => void;

type Entry = {
  section: Section;
  question: Question;
  ref: QuestionRef;
  completion: Completion;
  visitors: Visitor[];
};

const GROUPS = RESPONDENT_GROUPS;

const perGroup = <T>(make: () => T) =>
  Object.fromEntries(GROUPS.map((g) => [g, make()])) as Record<RespondentGroup, T>;
const perSubregion = <T>(make: () => T) =>
  Object.fromEntries(SUBREGIONS.map((s) => [s, make()])) as Record<Subregion, T>;

type Sums = { sum: number; count: number; top: number };
const sums = (): Sums => ({ sum: 0, count: 0, top: 0 });
const average = (s: { sum: number; count: number }) => (s.count ? s.sum / s.count : undefined);
const toStat = (s: Sums): Stat => ({ average: average(s), count: s.count, topCount: s.top });

/** Group order first (governments, workers, employers), then name in the report's language. */
export const byGroupThenName = (
  a: { group: RespondentGroup; name: string; code: string },
  b: { group: RespondentGroup; name: string; code: string },
) =>
  GROUPS.indexOf(a.group) - GROUPS.indexOf(b.group) ||
  a.name.localeCompare(b.name, "und") ||
  (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

/** An answer that holds something: submissions are normalised already, but a report must not trust that. */
const present = (value: AnswerValue | undefined): value is AnswerValue => {
  if (value === undefined || value === null) return false;
  if (typeof value === "string") return value.trim() !== "";
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === "object") return Object.keys(value).length > 0;
  return true;
};

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
  const results = wireAggregators(entries, entryOf, roles, members, lang, t, inOrder);
  const { columns, columnQuestions } = layoutColumns(q, lang);
  const priorityScale = roles.priorityScale;
  type Row = Omit<RespondentRow, "cells" | "topicScores"> & { all: Cell[]; scores: (number | undefined)[] };
  const rows = new Map<string, Row>();

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
        answers: submission.answers,
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
        all: columns.map((c, i) => cellOf(columnQuestions[i], c, r.answers[c.questionId], lang, t)),
        scores: priorityScale ? priorityScale.items.map((item) => scoreOf(scores, item.id)) : [],
      });
    }
  };

  const finish = (): InputsReport => {
    const scales = results.scales.map((s) => s());
    const priorities = scales.find((s) => s.question.id === priorityScale?.id);
    const allocations = results.allocations.map((a) => a());
    const tables = results.tables.map((g) => g());
    const texts = results.texts.map((x) => x());
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
      choices: results.choices.map((c) => c()),
      allocations,
      fundSplit: allocations.find((a) => a.question.id === roles.fundSplit?.id),
      numbers: results.numbers.map((n) => n()),
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

const scoreOf = (scores: Record<string, number> | undefined, id: string) => {
  const score = scores?.[id];
  return typeof score === "number" ? score : undefined;
};

/** Puts entries in the respondents' order, whatever order their submissions were visited in. */
type InOrder = <T extends { code: string }>(list: T[]) => T[];

/** Sets up one aggregator per question, by type and role, and returns how to read each result. */
const wireAggregators = (
  entries: Entry[],
  entryOf: Map<string, Entry>,
  roles: ReportRoles,
  members: Member[],
  lang: Language,
  t: Translate,
  inOrder: InOrder,
) => {
  const scales: (() => ScaleSummary)[] = [];
  const choices: (() => ChoiceSummary)[] = [];
  const allocations: (() => AllocationSummary)[] = [];
  const numbers: (() => NumberSummary)[] = [];
  const texts: (() => TextSummary)[] = [];
  const tables: (() => GroupTable)[] = [];
  const contactIds = new Set(roles.respondentSection?.questions.map((x) => x.id) ?? []);
  const coop = roles.cooperation;
  const cooperationIds = new Set(coop ? [coop.needs.id, coop.offers.id] : []);
  const rankingEntry = roles.priorityRanking && entryOf.get(roles.priorityRanking.id);
  const ranking = roles.priorityRanking &&
    rankingEntry && { ...rankingEntry.ref, n: roles.priorityRanking.n };

  for (const e of entries) {
    const { question: qn } = e;
    const add = <T>(list: (() => T)[], agg: { visit: Visitor; result: () => T }) => {
      e.visitors.push(agg.visit);
      list.push(agg.result);
    };
    switch (qn.type) {
      case "scale":
        add(scales, scaleAggregator(e, qn, qn === roles.priorityScale ? ranking : undefined, lang));
        break;
      case "single-choice":
      case "multiple-choice":
      case "top-n":
      case "yes-no":
        add(choices, choiceAggregator(e, qn, lang, t));
        break;
      case "allocation":
        add(allocations, allocationAggregator(e, qn, lang));
        break;
      case "number":
        add(numbers, numberAggregator(e));
        break;
      case "short-text":
      case "long-text":
        if (!contactIds.has(qn.id)) add(texts, textAggregator(e, inOrder));
        break;
      case "group":
        if (!cooperationIds.has(qn.id)) add(tables, tableAggregator(e, qn, lang, t, inOrder));
        break;
      case "money":
        break;
    }
  }

  const contributions = contributionsAggregator(
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
  return {
    scales,
    choices,
    allocations,
    numbers,
    texts,
    tables,
    contributions: contributions.result,
    cooperation,
  };
};

const attribution = (r: Respondent): Attribution => ({ code: r.code, member: r.member, group: r.group });

const scaleAggregator = (
  e: Entry,
  qn: QuestionOf<"scale">,
  ranking: (QuestionRef & { n: number }) | undefined,
  lang: Language,
) => {
  const items = qn.items.map((item, i) => ({
    item,
    number: i + 1,
    all: sums(),
    notAnswered: 0,
    byGroup: perGroup(sums),
    bySubregion: perSubregion(sums),
  }));
  const index = new Map(items.map((acc) => [acc.item.id, acc]));
  const visit: Visitor = (r, value, asked) => {
    const scores = value as Record<string, number> | undefined;
    if (asked) {
      for (const acc of items) {
        const score = scores?.[acc.item.id];
        if (typeof score !== "number") {
          acc.notAnswered++;
          continue;
        }
        for (const s of segments(acc, r)) {
          s.sum += score;
          s.count++;
        }
      }
    }
    // Ranking an item counts whether or not the respondent also scored it.
    const picks = ranking ? r.answers[ranking.id] : undefined;
    if (Array.isArray(picks)) {
      for (const id of new Set(picks as string[])) {
        const acc = index.get(id);
        if (acc) for (const s of segments(acc, r)) s.top++;
      }
    }
  };
  const result = (): ScaleSummary => {
    const scored: Omit<ItemScore, "rank">[] = items.map((acc) => ({
      id: acc.item.id,
      number: acc.number,
      label: acc.item.label[lang],
      tag: acc.item.tag,
      ...toStat(acc.all),
      notAnswered: acc.notAnswered,
      byGroup: perGroupFrom(acc.byGroup, toStat),
      bySubregion: perSubregionFrom(acc.bySubregion, toStat),
    }));
    scored.sort(
      (a, b) =>
        (b.average ?? -Infinity) - (a.average ?? -Infinity) || b.topCount - a.topCount || a.number - b.number,
    );
    const ranked: ItemScore[] = [];
    for (const [i, item] of scored.entries()) {
      const before = ranked[i - 1];
      const tied = before && before.average === item.average && before.topCount === item.topCount;
      const rank = item.average === undefined ? undefined : tied ? before.rank : i + 1;
      ranked.push({ ...item, rank });
    }
    return {
      question: e.ref,
      completion: e.completion,
      min: qn.min,
      max: qn.max,
      ranking,
      items: ranked,
    };
  };
  return { visit, result };
};

const segments = (
  acc: { all: Sums; byGroup: Record<RespondentGroup, Sums>; bySubregion: Record<Subregion, Sums> },
  r: Respondent,
) => [acc.all, acc.byGroup[r.group], ...(r.subregion ? [acc.bySubregion[r.subregion]] : [])];

const perGroupFrom = <A, B>(from: Record<RespondentGroup, A>, f: (a: A) => B) =>
  Object.fromEntries(GROUPS.map((g) => [g, f(from[g])])) as Record<RespondentGroup, B>;
const perSubregionFrom = <A, B>(from: Record<Subregion, A>, f: (a: A) => B) =>
  Object.fromEntries(SUBREGIONS.map((s) => [s, f(from[s])])) as Record<Subregion, B>;

const choiceAggregator = (
  e: Entry,
  qn: QuestionOf<"single-choice" | "multiple-choice" | "top-n" | "yes-no">,
  lang: Language,
  t: Translate,
) => {
  const ranks = qn.type === "top-n" ? qn.n : 0;
  const items: { id: string; label: string }[] =
    qn.type === "yes-no"
      ? [
          { id: "yes", label: t("common.yes") },
          { id: "no", label: t("common.no") },
        ]
      : (qn.type === "top-n" ? qn.items : qn.options).map((o) => ({ id: o.id, label: o.label[lang] }));
  const counts = items.map((option, i) => ({
    option,
    order: i,
    count: 0,
    byGroup: perGroup(() => 0),
    byRank: Array.from({ length: ranks }, () => 0),
  }));
  const index = new Map(counts.map((c) => [c.option.id, c]));
  const visit: Visitor = (r, value) => {
    if (value === undefined) return;
    const picks =
      typeof value === "boolean" ? [value ? "yes" : "no"] : Array.isArray(value) ? value : [value];
    const seen = new Set<string>();
    for (const [rank, id] of (picks as string[]).entries()) {
      const c = index.get(id);
      if (!c || seen.has(id)) continue;
      seen.add(id);
      c.count++;
      c.byGroup[r.group]++;
      if (rank < ranks) c.byRank[rank] = (c.byRank[rank] ?? 0) + 1;
    }
  };
  const result = (): ChoiceSummary => {
    const answered = e.completion.answered;
    const list = counts.map((c) => ({
      id: c.option.id,
      label: c.option.label,
      count: c.count,
      share: answered ? c.count / answered : undefined,
      byGroup: c.byGroup,
      byRank: c.byRank,
      order: c.order,
    }));
    // Lists of picks read best most-chosen first; single answers keep the questionnaire's order.
    if (qn.type === "multiple-choice" || qn.type === "top-n")
      list.sort((a, b) => b.count - a.count || compareRanks(b.byRank, a.byRank) || a.order - b.order);
    return {
      question: e.ref,
      completion: e.completion,
      ranks,
      options: list.map(({ order: _order, ...option }) => option),
    };
  };
  return { visit, result };
};

/** More first places wins, then more second places, and so on. */
const compareRanks = (a: number[], b: number[]) => {
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d) return d;
  }
  return 0;
};

const allocationAggregator = (e: Entry, qn: QuestionOf<"allocation">, lang: Language) => {
  const items = qn.items.map((item, i) => ({
    item,
    order: i,
    all: { sum: 0, count: 0 },
    byGroup: perGroup(() => ({ sum: 0, count: 0 })),
  }));
  const visit: Visitor = (r, value) => {
    if (value === undefined) return;
    const shares = value as Record<string, number>;
    for (const acc of items) {
      // The shares of one answer add up to the total, so an item left out of it was given nothing.
      const share = shares[acc.item.id] ?? 0;
      for (const s of [acc.all, acc.byGroup[r.group]]) {
        s.sum += share;
        s.count++;
      }
    }
  };
  const result = (): AllocationSummary => ({
    question: e.ref,
    completion: e.completion,
    total: qn.total,
    items: items
      .map((acc) => ({
        id: acc.item.id,
        label: acc.item.label[lang],
        average: average(acc.all),
        byGroup: perGroupFrom(acc.byGroup, (s) => ({ average: average(s), count: s.count })),
        order: acc.order,
      }))
      .sort((a, b) => (b.average ?? -1) - (a.average ?? -1) || a.order - b.order)
      .map(({ order: _order, ...item }) => item),
  });
  return { visit, result };
};

const numberAggregator = (e: Entry) => {
  const acc = { sum: 0, count: 0, min: Infinity, max: -Infinity };
  const visit: Visitor = (_r, value) => {
    if (typeof value !== "number") return;
    acc.sum += value;
    acc.count++;
    acc.min = Math.min(acc.min, value);
    acc.max = Math.max(acc.max, value);
  };
  const result = (): NumberSummary => ({
    question: e.ref,
    completion: e.completion,
    average: average(acc),
    min: acc.count ? acc.min : undefined,
    max: acc.count ? acc.max : undefined,
  });
  return { visit, result };
};

const textAggregator = (e: Entry, inOrder: InOrder) => {
  const answers: TextSummary["answers"] = [];
  const visit: Visitor = (r, value) => {
    if (typeof value === "string") answers.push({ ...attribution(r), text: value });
  };
  return {
    visit,
    result: (): TextSummary => ({ question: e.ref, completion: e.completion, answers: inOrder(answers) }),
  };
};

const tableAggregator = (
  e: Entry,
  qn: QuestionOf<"group">,
  lang: Language,
  t: Translate,
  inOrder: InOrder,
) => {
  const rows: GroupTable["rows"] = [];
  const visit: Visitor = (r, value) => {
    if (!Array.isArray(value)) return;
    for (const [i, item] of (value as GroupItem[]).entries()) {
      rows.push({
        ...attribution(r),
        item: i + 1,
        cells: qn.fields.map((f) => {
          const v = item[f.id];
          if (v === undefined) return undefined;
          return f.type === "number" && typeof v === "number" ? v : simpleText(f, v, lang, t);
        }),
      });
    }
  };
  const result = (): GroupTable => ({
    question: e.ref,
    completion: e.completion,
    fields: qn.fields.map((f) => ({ id: f.id, label: f.label[lang] })),
    rows: inOrder(rows),
  });
  return { visit, result };
};

const contributionsAggregator = (
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

/** The document's chapters: one per section of the questionnaire, each question placed once. */
const chapters = (q: Questionnaire, roles: ReportRoles, lang: Language): Chapter[] => {
  const contributionIds = [
    ...roles.pledges.flatMap((p) => [p.money.id, ...(p.year ? [p.year.id] : [])]),
    ...(roles.inKind
      ? [roles.inKind.offer.id, ...(roles.inKind.details ? [roles.inKind.details.id] : [])]
      : []),
  ];
  let contributionsPlaced = false;
  const blockOf = (qn: Question): Block | undefined => {
    const questionId = qn.id;
    if (contributionIds.includes(questionId)) {
      if (contributionsPlaced) return undefined;
      contributionsPlaced = true;
      return { kind: "contributions", questionId };
    }
    if (qn === roles.priorityScale) return { kind: "priorities", questionId };
    if (qn === roles.priorityRanking) return undefined;
    if (qn === roles.hostingOffers) return { kind: "hosting", questionId };
    if (qn === roles.cooperation?.needs) return { kind: "cooperation", questionId };
    if (qn === roles.cooperation?.offers) return undefined;
    switch (qn.type) {
      case "scale":
        return { kind: "scale", questionId };
      case "allocation":
        return { kind: "allocation", questionId };
      case "number":
        return { kind: "number", questionId };
      case "group":
        return { kind: "table", questionId };
      case "short-text":
      case "long-text":
        return { kind: "text", questionId };
      case "money":
        return undefined;
      default:
        return { kind: "choice", questionId };
    }
  };
  return q.sections
    .filter((s) => s !== roles.respondentSection)
    .map((s) => ({
      id: s.id,
      title: s.title[lang],
      rial: s === roles.rialSection,
      blocks: s.questions.flatMap((qn) => {
        const block = blockOf(qn);
        return block ? [block] : [];
      }),
    }))
    .filter((c) => c.blocks.length > 0);
};

/** One column per question; one per scored item; amount and currency apart so amounts stay numbers. */
const layoutColumns = (q: Questionnaire, lang: Language) => {
  const columns: Column[] = [];
  const columnQuestions: Question[] = [];
  for (const section of q.sections) {
    for (const qn of section.questions) {
      const push = (c: Omit<Column, "questionId" | "section" | "question">) => {
        columns.push({ questionId: qn.id, section: section.title[lang], question: qn.label[lang], ...c });
        columnQuestions.push(qn);
      };
      if (qn.type === "scale" || qn.type === "allocation") {
        for (const item of qn.items)
          push({
            itemId: item.id,
            item: item.label[lang],
            header: `${qn.label[lang]} — ${item.label[lang]}`,
          });
      } else if (qn.type === "money") {
        push({ part: "amount", header: qn.label[lang] });
        push({ part: "currency", header: `${qn.label[lang]} — ${qn.currencies.join("/")}` });
      } else push({ header: qn.label[lang] });
    }
  }
  return { columns, columnQuestions };
};

/** One answer as a spreadsheet cell: numbers stay numbers, everything else readable text. */
const cellOf = (
  question: Question | undefined,
  column: Column,
  value: AnswerValue | undefined,
  lang: Language,
  t: Translate,
): Cell => {
  if (!question || !present(value)) return undefined;
  if (column.itemId !== undefined) return scoreOf(value as Record<string, number>, column.itemId);
  if (column.part) {
    const money = value as Money;
    return column.part === "amount" ? money.amount : money.currency;
  }
  if (question.type === "number" && typeof value === "number") return value;
  return answerText(question, value, lang, t);
};
