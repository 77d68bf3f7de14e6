// An allocation: a total (100 %) shared among items; the report gives each item's average share.
import * as z from "zod";
import type { DefinitionParts } from "../definition.ts";
import type { QuestionKind, QuestionOf, Tally, TallyContext } from "./kind.ts";
import { note, readPerItem, textControl } from "./document-parts.ts";
import { ids, itemNumbersText, readScores, storableNumber, str, sum } from "./parts.ts";
import { itemColumns, itemControl, itemScore, itemView } from "./items.ts";
import { average, perGroup, perGroupFrom } from "../../report/tally.ts";

export const definition = (p: DefinitionParts) =>
  z.strictObject({
    ...p.base,
    type: z.literal("allocation"),
    items: p.items,
    total: z.number().positive().default(100),
  });

export const allocation: QuestionKind<"allocation"> = {
  check: () => [],
  includable: false,
  answer: (q, mode) => {
    const shares = z.partialRecord(z.enum(ids(q.items)), storableNumber(z.number(), 0, q.total)) as z.ZodType<
      Record<string, number>
    >;
    if (mode === "draft") return shares;
    return shares.superRefine((value, ctx) => {
      const total = sum(Object.values(value));
      if (Math.abs(total - q.total) > 1e-9) {
        ctx.addIssue({
          code: "custom",
          input: value,
          params: { code: "allocation_total", total: q.total, sum: total },
        });
      }
    });
  },
  fromForm: (_q, raw) => readScores(raw),
  ...itemControl,
  view: (q, c) => {
    const shares = (c.value && typeof c.value === "object" ? c.value : {}) as Record<string, unknown>;
    return {
      total: q.total,
      items: q.items.map((i) => ({ ...itemView(i, c), value: str(shares[i.id]) })),
    };
  },
  text: (q, value, lang) => itemNumbersText(q.items, value, lang),
  columns: itemColumns,
  cell: (q, value, lang, t, column) =>
    column?.itemId !== undefined ? itemScore(value, column.itemId) : allocation.text(q, value, lang, t),
  report: { block: "allocation", tally: allocationTally },
  document: {
    write: (q, value, c) => {
      const shares = (value ?? {}) as Record<string, number>;
      return [
        note(c.t("document.allocation_total").replace("{total}", String(q.total))),
        {
          block: "table",
          rows: q.items.map((i) => [
            [{ text: i.label[c.lang] }],
            [textControl(`${c.tag}/${i.id}`, shares[i.id])],
          ]),
        },
      ];
    },
    read: (q, found, tag) => readPerItem(q.items, found, tag),
  },
  demo: (q, c) => {
    // Whole percentages that add up exactly to the total.
    const weights = q.items.map(() => c.rng() + 0.1);
    const total = weights.reduce((a, b) => a + b, 0);
    const shares = weights.map((w) => Math.floor((w / total) * q.total));
    shares[0] = (shares[0] ?? 0) + q.total - shares.reduce((a, b) => a + b, 0);
    return Object.fromEntries(q.items.map((i, k) => [i.id, String(shares[k])]));
  },
};

/** Each item's average share over those who answered, overall and by group, largest first. */
function allocationTally(qn: QuestionOf<"allocation">, c: TallyContext): Tally<"allocation"> {
  const items = qn.items.map((item, i) => ({
    item,
    order: i,
    all: { sum: 0, count: 0 },
    byGroup: perGroup(() => ({ sum: 0, count: 0 })),
  }));
  return {
    visit: (r, value) => {
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
    },
    result: () => ({
      question: c.ref,
      completion: c.completion,
      total: qn.total,
      items: items
        .map((acc) => ({
          id: acc.item.id,
          label: acc.item.label[c.lang],
          average: average(acc.all),
          byGroup: perGroupFrom(acc.byGroup, (s) => ({ average: average(s), count: s.count })),
          order: acc.order,
        }))
        .sort((a, b) => (b.average ?? -1) - (a.average ?? -1) || a.order - b.order)
        .map(({ order: _order, ...item }) => item),
    }),
  };
}
