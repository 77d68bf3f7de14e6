// The Work Plan as a document: every word, figure and translation note placed, ready for HTML or Word.
//
// Laid out like the 2018-2020 IACML Work Plan: an introduction computed from the cycle (the meeting,
// who answered), the activities numbered with their fields, the supporting initiatives, the
// international organisations' contributions, "Cuadro No. 1" (per source and in total, one line per
// currency, never summing currencies), and an annex tracing each activity to the members whose
// answers support it, with receipt code and version. Pure: the renderers only place what is here.
import type { Campaign } from "../campaign.ts";
import { secretariatIn } from "../campaign.ts";
import type { Member } from "../directory.ts";
import { formatters } from "../format.ts";
import type { Language } from "../languages.ts";
import type { Questionnaire } from "../questionnaire/definition.ts";
import type { Pledge, Translate } from "../report/model.ts";
import { fill } from "../report/strings.ts";
import type { ResponseVersion } from "../responses.ts";
import { buildBudget, sumByCurrency, type BudgetColumn, type InKind } from "./budget.ts";
import { findInputRoles, inputsOf, supportersOf } from "./evidence.ts";
import { numbered } from "./plan-changes.ts";
import { plain, showText, type PlanTranslations, type ShownText } from "./plan-translations.ts";
import { TO_BE_DEFINED, type Activity, type Money, type WorkPlan } from "./work-plan.ts";

export type { ShownText } from "./plan-translations.ts";

/** One labelled line of an activity: "Lugar de realización: Chile". */
export type ActivityField = { label: string; values: ShownText[] };

export type ActivityView = { number: number; title: ShownText; fields: ActivityField[] };

export type BudgetTable = {
  caption: string;
  subtitle: string;
  /** The first column's header, then one per source, then the row total. */
  head: string[];
  /** Each cell is its lines: one amount per currency, or who gives in kind. */
  rows: { number: number; title: ShownText; cells: string[][] }[];
  totals: { label: string; cells: string[][] };
  notes: string[];
};

export type AnnexEntry = {
  number: number;
  title: ShownText;
  supporters: { member: string; inputs: string; receipts: string[] }[];
};

export type WorkPlanDocument = {
  lang: Language;
  title: string;
  subtitle: string;
  status: string;
  /** Used as the file's name: plain letters, digits and dashes. */
  filename: string;
  headings: {
    contents: string;
    introduction: string;
    activities: string;
    initiatives: string;
    contributions: string;
    budget: string;
    annex: string;
    member: string;
    inputs: string;
    receipt: string;
  };
  introduction: string[];
  activities: ActivityView[];
  noActivities: string;
  initiatives: ShownText[];
  contributions: { organisation: ShownText; items: ShownText[] }[];
  none: string;
  budget: BudgetTable;
  annexIntro: string;
  annex: AnnexEntry[];
  annexNone: string;
  footer: string;
};

export type DocumentSources = {
  plan: WorkPlan;
  campaign: Pick<Campaign, "id" | "title" | "meeting" | "secretariat" | "timeZone">;
  questionnaire: Questionnaire;
  members: readonly Member[];
  /** Each member's latest submission: who answered, and the pledges the budget shows. */
  submissions: readonly ResponseVersion[];
  translations: PlanTranslations;
  lang: Language;
  t: Translate;
  generatedAt: Date;
};

/** "21 Ministries of Labor, COSATE and CEATAL": governments counted, the others named. */
const whoAnswered = (
  submissions: readonly ResponseVersion[],
  members: ReadonlyMap<string, Member>,
  lang: Language,
  t: Translate,
): string | undefined => {
  const answered = [...new Set(submissions.map((s) => s.memberCode))].flatMap((code) => {
    const m = members.get(code);
    return m ? [m] : [];
  });
  const governments = answered.filter((m) => m.group === "government").length;
  const others = answered
    .filter((m) => m.group !== "government")
    .sort((a, b) => (a.group < b.group ? 1 : a.group > b.group ? -1 : a.code < b.code ? -1 : 1))
    .map((m) => m.name[lang]);
  const parts = [
    ...(governments === 1
      ? [t("work-plan.intro.ministries-one")]
      : governments > 1
        ? [fill(t("work-plan.intro.ministries"), { count: governments }, lang)]
        : []),
    ...others,
  ];
  return parts.length ? new Intl.ListFormat(lang, { type: "conjunction" }).format(parts) : undefined;
};

/** The questionnaire's pledges, as the report counts them, for the budget's pledged and confirmed lines. */
const pledgesOf = (
  submissions: readonly ResponseVersion[],
  questionnaire: Questionnaire,
  members: ReadonlyMap<string, Member>,
  lang: Language,
): Pledge[] => {
  const roles = findInputRoles(questionnaire);
  return submissions.flatMap((s) =>
    inputsOf(s, roles).flatMap((input): Pledge[] => {
      const m = members.get(s.memberCode);
      if (input.evidence.role !== "pledge" || !input.money || !m) return [];
      return [
        {
          code: m.code,
          member: m.name[lang],
          group: m.group,
          questionId: input.evidence.questionId,
          label: input.evidence.questionId,
          amount: input.money.amount,
          currency: input.money.currency,
          year: input.year,
        },
      ];
    }),
  );
};

const slug = (text: string) =>
  text
    .normalize("NFKD")
    .replace(/[^\w\s-]/g, "")
    .trim()
    .replace(/[\s_]+/g, "-")
    .toLowerCase()
    .slice(0, 60);

export const buildWorkPlanDocument = (src: DocumentSources): WorkPlanDocument => {
  const { plan, campaign, questionnaire, lang, t, translations } = src;
  const format = formatters(lang, campaign.timeZone);
  const money = (m: Money) => format.money(m.amount, m.currency);
  const moneyList = (list: Money[]) => list.map(money);
  const members = new Map(src.members.map((m) => [m.code, m]));
  const nameOf = (code: string) => members.get(code)?.name[lang] ?? code;
  const shown = (text: Parameters<typeof showText>[0]) => showText(text, lang, translations, t);
  const topics = new Map(
    (findInputRoles(questionnaire).priorityScale?.items ?? []).map((i) => [i.id, i.label[lang]]),
  );
  const tbd = plain(t("work-plan.to-be-defined"), lang);
  const sourceName = (c: { source: BudgetColumn["source"]; project?: string | undefined }) =>
    c.source === "project" ? (c.project ?? t("work-plan.source.project")) : t(`work-plan.source.${c.source}`);

  const fundingLine = (line: Activity["funding"][number]): ShownText[] => {
    const source = sourceName(line);
    const who = line.memberCode ? nameOf(line.memberCode) : undefined;
    const text = line.money
      ? fill(t("work-plan.funding-line"), {
          source: who ? `${source} (${who})` : source,
          amount: money(line.money),
        })
      : who
        ? fill(t("work-plan.funding-line"), { source, amount: who })
        : source;
    return [plain(text, lang), ...(line.note ? [shown(line.note)] : [])];
  };

  const activities: ActivityView[] = numbered(plan).map(({ number, activity: a }) => {
    const fields: ActivityField[] = [
      { label: t("work-plan.field.kind"), values: [plain(t(`work-plan.kind.${a.kind}`), lang)] },
      ...(a.description ? [{ label: t("work-plan.field.description"), values: [shown(a.description)] }] : []),
      { label: t("work-plan.field.place"), values: [a.place === TO_BE_DEFINED ? tbd : shown(a.place)] },
      { label: t("work-plan.field.date"), values: [a.date === TO_BE_DEFINED ? tbd : shown(a.date)] },
      ...(a.hosts.length
        ? [{ label: t("work-plan.field.hosts"), values: [plain(a.hosts.map(nameOf).join(", "), lang)] }]
        : []),
      ...(a.responsible.length
        ? [
            {
              label: t("work-plan.field.responsible"),
              values: [plain(a.responsible.map(nameOf).join(", "), lang)],
            },
          ]
        : []),
      {
        label: t("work-plan.field.funding"),
        values: a.funding.length ? a.funding.flatMap(fundingLine) : [tbd],
      },
      ...(a.serves.length
        ? [
            {
              label: t("work-plan.field.serves"),
              values: a.serves.map((id) => plain(topics.get(id) ?? id, lang)),
            },
          ]
        : []),
    ];
    return { number, title: shown(a.title), fields };
  });

  const pledges = pledgesOf(src.submissions, questionnaire, members, lang);
  const budget = buildBudget(plan, pledges);
  const inKindText = (column: BudgetColumn, k: InKind) =>
    k.memberCode ? nameOf(k.memberCode) : k.note ? shown(k.note).text : sourceName(column);
  const budgetRows = budget.rows.map((row) => ({
    number: row.number,
    title: shown(row.title),
    cells: [
      ...row.cells.map((cell, i) => {
        const column = budget.columns[i];
        return [
          ...moneyList(cell.amounts),
          ...(column ? [...new Set(cell.inKind.map((k) => inKindText(column, k)))] : []),
        ];
      }),
      moneyList(sumByCurrency(row.cells.flatMap((c) => c.amounts))),
    ],
  }));
  const budgetNotes = [
    ...budget.rialFund.map((r) => {
      const params = {
        available: r.available === undefined ? "" : money({ amount: r.available, currency: r.currency }),
        allocated: money({ amount: r.allocated, currency: r.currency }),
        remaining: r.remaining === undefined ? "" : money({ amount: r.remaining, currency: r.currency }),
      };
      return fill(
        t(
          r.available === undefined
            ? "work-plan.budget.rial-unknown"
            : r.overAllocated
              ? "work-plan.budget.rial-over"
              : "work-plan.budget.rial-available",
        ),
        params,
      );
    }),
    ...budget.pledgeTotals.map((p) =>
      fill(
        t(`work-plan.budget.${p.status}`),
        { amount: money({ amount: p.amount, currency: p.currency }), count: p.count },
        lang,
      ),
    ),
    t("work-plan.budget.currencies"),
  ];

  const who = whoAnswered(src.submissions, members, lang, t);
  const secretariat = secretariatIn(campaign.secretariat, lang).name;
  const title = campaign.title[lang];
  const introduction = [
    campaign.meeting
      ? fill(t("work-plan.intro.meeting"), { meeting: campaign.meeting })
      : fill(t("work-plan.intro.cycle"), { title }),
    fill(t("work-plan.intro.contents"), { count: plan.activities.length }, lang),
    who
      ? fill(t("work-plan.intro.questionnaire"), { secretariat, who })
      : fill(t("work-plan.intro.nobody"), { secretariat }),
  ];

  const status =
    plan.status === "adopted" && plan.adoptedAt
      ? fill(t("work-plan.status.adopted"), {
          date: format.dateTime(plan.adoptedAt),
          edition: plan.edition,
        })
      : fill(t("work-plan.status.draft"), { edition: plan.edition, rev: plan.rev });

  const annex: AnnexEntry[] = numbered(plan).map(({ number, activity }) => ({
    number,
    title: shown(activity.title),
    supporters: supportersOf(activity.evidence).map((s) => ({
      // "Argentina (ARG)"; COSATE's and CEATAL's names already end with their code.
      member: nameOf(s.memberCode).includes(s.memberCode)
        ? nameOf(s.memberCode)
        : `${nameOf(s.memberCode)} (${s.memberCode})`,
      inputs: s.roles.map((r) => t(`work-plan.role.${r}`)).join(", "),
      receipts: s.submissions.map((x) =>
        fill(t("work-plan.annex.receipt-line"), { version: x.version, code: x.receiptCode }),
      ),
    })),
  }));

  const documentTitle = t("work-plan.title");
  return {
    lang,
    title: documentTitle,
    subtitle: title,
    status,
    filename: `${slug(documentTitle)}-${slug(campaign.id)}-${plan.edition}-${lang}`,
    headings: {
      contents: t("work-plan.contents"),
      introduction: t("work-plan.introduction"),
      activities: t("work-plan.activities"),
      initiatives: t("work-plan.initiatives"),
      contributions: t("work-plan.contributions"),
      budget: t("work-plan.budget.heading"),
      annex: t("work-plan.annex.heading"),
      member: t("work-plan.annex.member"),
      inputs: t("work-plan.annex.inputs"),
      receipt: t("work-plan.annex.receipt"),
    },
    introduction,
    activities,
    noActivities: t("work-plan.no-activities"),
    initiatives: plan.supportingInitiatives.map((i) => shown(i.text)),
    contributions: plan.organisationContributions.reduce<WorkPlanDocument["contributions"]>((list, c) => {
      // Consecutive contributions of one organisation are listed under it once, as the seed does.
      const organisation = shown(c.organisation);
      const last = list.at(-1);
      if (last && last.organisation.text === organisation.text) last.items.push(shown(c.text));
      else list.push({ organisation, items: [shown(c.text)] });
      return list;
    }, []),
    none: t("work-plan.none"),
    budget: {
      caption: t("work-plan.budget.caption"),
      subtitle: t("work-plan.budget.subtitle"),
      head: [
        t("work-plan.budget.activity"),
        ...budget.columns.map(sourceName),
        t("work-plan.budget.row-total"),
      ],
      rows: budgetRows,
      totals: {
        label: t("work-plan.budget.total"),
        cells: [...budget.totals.map(moneyList), moneyList(budget.total)],
      },
      notes: budgetNotes,
    },
    annexIntro: t("work-plan.annex.intro"),
    annex,
    annexNone: t("work-plan.annex.none"),
    footer: fill(t("work-plan.footer"), { date: format.dateTime(src.generatedAt.toISOString()) }),
  };
};
