// "Cuadro No. 1": the Work Plan's budget by funding source, worked out from the activities' funding lines.
//
// Amounts of different currencies are never added together: every total is a list, one line per
// currency. Money is added in whole cents, so a column's total is exactly the sum of its lines.
import type { Pledge } from "../report/model.ts";
import {
  FUNDING_SOURCES,
  type FreeText,
  type FundingLine,
  type FundingSource,
  type Money,
  type WorkPlan,
} from "./work-plan.ts";
import { numbered } from "./plan-changes.ts";

/** A column: one per source, and one per named project, as the seed has "Proyecto de Canadá". */
export type BudgetColumn = { key: string; source: FundingSource; project: string | undefined };

/** Lines without an amount are named, not counted: a host's venue, "OEA". */
export type InKind = { memberCode: string | undefined; note: FreeText | undefined };

export type BudgetCell = { amounts: Money[]; inKind: InKind[] };

export type BudgetRow = { number: number; activityId: string; title: FreeText; cells: BudgetCell[] };

export type RialFundBalance = {
  currency: string;
  available: number | undefined;
  allocated: number;
  /** undefined when the Secretariat has not entered what is available in this currency. */
  remaining: number | undefined;
  overAllocated: boolean;
};

export type PledgeLine = {
  memberCode: string;
  member: string;
  questionId: string;
  money: Money;
  year: number | undefined;
  /** Pledged in the questionnaire; confirmed once the Secretariat says so. */
  status: "pledged" | "confirmed";
};

export type Budget = {
  columns: BudgetColumn[];
  rows: BudgetRow[];
  /** Per column, in the columns' order: one amount per currency, currencies in alphabetical order. */
  totals: Money[][];
  /** Every source together, per currency. */
  total: Money[];
  rialFund: RialFundBalance[];
  pledges: PledgeLine[];
  pledgeTotals: { status: PledgeLine["status"]; currency: string; amount: number; count: number }[];
};

const columnKey = (line: Pick<FundingLine, "source" | "project">) =>
  line.source === "project" ? `project:${line.project ?? ""}` : line.source;

/** Sums in whole cents, per currency, currencies in alphabetical order. */
export const sumByCurrency = (amounts: Iterable<Money>): Money[] => {
  const cents = new Map<string, number>();
  for (const m of amounts) cents.set(m.currency, (cents.get(m.currency) ?? 0) + Math.round(m.amount * 100));
  return [...cents]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([currency, c]) => ({ currency, amount: c / 100 }));
};

const amountIn = (list: Money[], currency: string) => list.find((m) => m.currency === currency)?.amount;

/**
 * The budget table of a plan. `pledges` are the questionnaire's (the report's contributions): each
 * shows as pledged until the plan confirms it. The RIAL Fund column always shows, as in the seed.
 */
export const buildBudget = (plan: WorkPlan, pledges: readonly Pledge[] = []): Budget => {
  const projects: string[] = [];
  for (const a of plan.activities)
    for (const line of a.funding)
      if (line.source === "project" && line.project && !projects.includes(line.project))
        projects.push(line.project);
  const used = new Set(plan.activities.flatMap((a) => a.funding.map(columnKey)));
  const columns: BudgetColumn[] = FUNDING_SOURCES.flatMap((source): BudgetColumn[] =>
    source === "project"
      ? projects.map((project) => ({ key: columnKey({ source, project }), source, project }))
      : source === "rial-fund" || used.has(source)
        ? [{ key: source, source, project: undefined }]
        : [],
  );
  const index = new Map(columns.map((c, i) => [c.key, i]));

  const rows: BudgetRow[] = numbered(plan).map(({ number, activity }) => {
    const lines = columns.map(() => ({ money: [] as Money[], inKind: [] as InKind[] }));
    for (const line of activity.funding) {
      const cell = lines[index.get(columnKey(line)) ?? -1];
      if (!cell) continue;
      if (line.money) cell.money.push(line.money);
      else cell.inKind.push({ memberCode: line.memberCode, note: line.note });
    }
    return {
      number,
      activityId: activity.id,
      title: activity.title,
      cells: lines.map((l) => ({ amounts: sumByCurrency(l.money), inKind: l.inKind })),
    };
  });

  const totals = columns.map((_, i) => sumByCurrency(rows.flatMap((r) => r.cells[i]?.amounts ?? [])));
  const allocated = totals[index.get("rial-fund") ?? -1] ?? [];
  const currencies = [
    ...new Set([...plan.rialFundAvailable.map((m) => m.currency), ...allocated.map((m) => m.currency)]),
  ].sort();
  const rialFund = currencies.map((currency): RialFundBalance => {
    const available = amountIn(plan.rialFundAvailable, currency);
    const spent = amountIn(allocated, currency) ?? 0;
    const remaining =
      available === undefined ? undefined : (Math.round(available * 100) - Math.round(spent * 100)) / 100;
    return {
      currency,
      available,
      allocated: spent,
      remaining,
      overAllocated: remaining === undefined ? spent > 0 : remaining < 0,
    };
  });

  const confirmed = new Set(plan.pledgeConfirmations.map((c) => `${c.memberCode}/${c.questionId}`));
  const pledgeLines: PledgeLine[] = pledges.map((p) => ({
    memberCode: p.code,
    member: p.member,
    questionId: p.questionId,
    money: { amount: p.amount, currency: p.currency },
    year: p.year,
    status: confirmed.has(`${p.code}/${p.questionId}`) ? "confirmed" : "pledged",
  }));
  const pledgeTotals = (["confirmed", "pledged"] as const).flatMap((status) => {
    const mine = pledgeLines.filter((p) => p.status === status);
    return sumByCurrency(mine.map((p) => p.money)).map((m) => ({
      status,
      ...m,
      count: mine.filter((p) => p.money.currency === m.currency).length,
    }));
  });

  return {
    columns,
    rows,
    totals,
    total: sumByCurrency(totals.flat()),
    rialFund,
    pledges: pledgeLines,
    pledgeTotals,
  };
};
