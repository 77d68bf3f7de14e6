// Cuadro No. 1: totals per source are the sums of the activities' lines, one per currency, never mixed.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Pledge } from "../../../../functions/core/report/model.ts";
import { buildBudget, sumByCurrency } from "../../../../functions/core/work-plan/budget.ts";
import {
  emptyWorkPlan,
  freeText,
  TO_BE_DEFINED,
  WorkPlan,
  type FundingLine,
} from "../../../../functions/core/work-plan/work-plan.ts";
import {
  addActivity,
  confirmPledge,
  setRialFundAvailable,
} from "../../../../functions/core/work-plan/plan-changes.ts";

const who = { by: "secretariat@example.org", at: "2026-04-01T10:00:00.000Z" };
const usd = (amount: number) => ({ amount, currency: "USD" });
const CANADA = "Proyecto de Canadá para la RIAL";
const rial = (amount: number): FundingLine => ({ source: "rial-fund", money: usd(amount) });
const canada = (amount: number): FundingLine => ({ source: "project", project: CANADA, money: usd(amount) });
const host = (memberCode: string): FundingLine => ({ source: "host-in-kind", memberCode });
const oas: FundingLine = { source: "oas" };

const planWith = (activities: { title: string; funding: FundingLine[] }[]) =>
  activities.reduce(
    (plan, a) =>
      addActivity(
        plan,
        {
          kind: "other",
          title: freeText("es", a.title),
          place: TO_BE_DEFINED,
          date: TO_BE_DEFINED,
          hosts: [],
          responsible: [],
          funding: a.funding,
          serves: [],
        },
        who,
      ),
    emptyWorkPlan("c1", who),
  );

describe("the budget of the 2018-2020 Work Plan, rebuilt from its activities", () => {
  // The seed's Cuadro No. 1, line by line.
  const plan = planWith([
    { title: "Taller RIAL – Mejorar cumplimiento de la legislación", funding: [canada(34000), host("CRI")] },
    { title: "Taller RIAL – Destrezas del futuro", funding: [rial(35000), host("CHL")] },
    { title: "Estudio RIAL – Transversalización de género", funding: [canada(14000)] },
    { title: "Taller RIAL – Transversalización de género", funding: [canada(40000), host("ARG")] },
    { title: "Reunión Virtual de Autoridades", funding: [oas] },
    { title: "Reunión de Grupos de Trabajo y 1a Preparatoria", funding: [rial(5000), host("ECU")] },
    { title: "Actividades 11a Convocatoria RIAL (2018)", funding: [rial(40000), canada(5000), oas] },
    { title: "Actividades 12a Convocatoria RIAL (2019)", funding: [rial(24000), canada(20000), oas] },
    { title: "Actividades 13a Convocatoria RIAL (2020)", funding: [canada(20000), oas] },
  ]);
  const budget = buildBudget(setRialFundAvailable(plan, [usd(104000)], who));

  it("has the seed's columns and totals: $104.000 from the RIAL Fund, $133.000 from Canada's project", () => {
    expect(budget.columns.map((c) => c.key)).toEqual([
      "rial-fund",
      `project:${CANADA}`,
      "host-in-kind",
      "oas",
    ]);
    expect(budget.totals).toEqual([[usd(104000)], [usd(133000)], [], []]);
    expect(budget.total).toEqual([usd(237000)]);
    expect(budget.rows[1]?.cells[2]?.inKind).toEqual([{ memberCode: "CHL", note: undefined }]);
    expect(budget.rows.map((r) => r.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it("sets what the plan allocates from the RIAL Fund against what it has", () => {
    expect(budget.rialFund).toEqual([
      { currency: "USD", available: 104000, allocated: 104000, remaining: 0, overAllocated: false },
    ]);
    const over = buildBudget(
      setRialFundAvailable(plan, [usd(100000), { amount: 5000, currency: "EUR" }], who),
    );
    expect(over.rialFund).toEqual([
      { currency: "EUR", available: 5000, allocated: 0, remaining: 5000, overAllocated: false },
      { currency: "USD", available: 100000, allocated: 104000, remaining: -4000, overAllocated: true },
    ]);
    expect(buildBudget(plan).rialFund).toEqual([
      { currency: "USD", available: undefined, allocated: 104000, remaining: undefined, overAllocated: true },
    ]);
  });
});

describe("pledges in the budget", () => {
  const pledge = (code: string, amount: number, currency = "USD"): Pledge => ({
    code,
    member: code,
    group: "government",
    questionId: "fund-pledge",
    label: "Pledge",
    amount,
    currency,
    year: 2027,
  });
  const pledges = [pledge("ARG", 1000.1), pledge("BRA", 2000.2), pledge("CHL", 500, "EUR")];

  it("shows each pledge as pledged until the Secretariat confirms it, totals per status and currency", () => {
    const plan = emptyWorkPlan("c1", who);
    expect(buildBudget(plan, pledges).pledgeTotals).toEqual([
      { status: "pledged", currency: "EUR", amount: 500, count: 1 },
      { status: "pledged", currency: "USD", amount: 3000.3, count: 2 },
    ]);
    const confirmed = confirmPledge(plan, { memberCode: "BRA", questionId: "fund-pledge" }, true, who);
    const budget = buildBudget(confirmed, pledges);
    expect(budget.pledges.map((p) => `${p.memberCode} ${p.status}`)).toEqual([
      "ARG pledged",
      "BRA confirmed",
      "CHL pledged",
    ]);
    expect(budget.pledgeTotals).toEqual([
      { status: "confirmed", currency: "USD", amount: 2000.2, count: 1 },
      { status: "pledged", currency: "EUR", amount: 500, count: 1 },
      { status: "pledged", currency: "USD", amount: 1000.1, count: 1 },
    ]);
    const undone = confirmPledge(confirmed, { memberCode: "BRA", questionId: "fund-pledge" }, false, who);
    expect(buildBudget(undone, pledges).pledges.every((p) => p.status === "pledged")).toBe(true);
  });
});

describe("the budget of any plan", () => {
  const currency = fc.constantFrom("USD", "EUR", "CAD");
  const cents = fc.integer({ min: 0, max: 10_000_000_00 }).map((c) => c / 100);
  const line: fc.Arbitrary<FundingLine> = fc.oneof(
    fc.record({ source: fc.constant("rial-fund" as const), money: fc.record({ amount: cents, currency }) }),
    fc.record({
      source: fc.constant("project" as const),
      project: fc.constantFrom("Canada", "EU", "Brasil"),
      money: fc.record({ amount: cents, currency }),
    }),
    fc.record(
      {
        source: fc.constantFrom("host-in-kind" as const, "oas" as const, "other" as const),
        money: fc.record({ amount: cents, currency }),
      },
      { requiredKeys: ["source"] },
    ),
  );
  const activities = fc.array(
    fc.record({ title: fc.constant("Activity"), funding: fc.array(line, { maxLength: 6 }) }),
    { maxLength: 12 },
  );

  it("totals each source, per currency, as exactly the sum of its lines in cents, and never adds currencies", () => {
    fc.assert(
      fc.property(activities, (list) => {
        const plan = planWith(list);
        expect(WorkPlan.safeParse(plan).success).toBe(true);
        const budget = buildBudget(plan);
        budget.columns.forEach((column, i) => {
          const lines = list.flatMap((a) =>
            a.funding.filter(
              (l) => l.source === column.source && (l.source !== "project" || l.project === column.project),
            ),
          );
          const expected = new Map<string, number>();
          for (const l of lines)
            if (l.money)
              expected.set(
                l.money.currency,
                (expected.get(l.money.currency) ?? 0) + Math.round(l.money.amount * 100),
              );
          const totals = budget.totals[i] ?? [];
          expect(totals.map((m) => m.currency)).toEqual([...expected.keys()].sort());
          for (const m of totals) expect(Math.round(m.amount * 100)).toBe(expected.get(m.currency));
        });
        // Row by row, cells hold one amount per currency too.
        for (const row of budget.rows)
          for (const cell of row.cells)
            expect(new Set(cell.amounts.map((m) => m.currency)).size).toBe(cell.amounts.length);
        expect(budget.total).toEqual(sumByCurrency(budget.totals.flat()));
      }),
      { numRuns: 200 },
    );
  });
});
