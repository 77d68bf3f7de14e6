// An amount of money in one of the given currencies; the report shows it among the pledges (roles.ts).
import * as z from "zod";
import { formatMoney } from "../../format.ts";
import type { DefinitionParts } from "../definition.ts";
import type { Money } from "../answers.ts";
import type { QuestionKind } from "./kind.ts";
import { choiceControl, currencyItems, itemIdOf, line, textControl } from "./document-parts.ts";
import { readNumber, storableNumber, str } from "./parts.ts";

export const definition = (p: DefinitionParts) =>
  z.strictObject({
    ...p.base,
    type: z.literal("money"),
    currencies: z.array(z.string().regex(/^[A-Z]{3}$/, "expected an ISO 4217 code such as USD")).min(1),
    min: z.number().default(0),
  });

export const money: QuestionKind<"money"> = {
  check: () => [],
  includable: false,
  answer: (q) =>
    z.strictObject({
      amount: storableNumber(z.number(), q.min),
      currency: z.enum(q.currencies as [string, ...string[]]),
    }),
  fromForm: (_q, raw) => {
    if (raw && typeof raw === "object" && !Array.isArray(raw)) {
      const { amount, currency } = raw as Record<string, unknown>;
      return { amount: readNumber(amount), currency };
    }
    return raw;
  },
  rowKeys: () => undefined,
  ownsRow: () => false,
  control: (_q, anchor, _path, [first]) => `f-${anchor}-${first === "currency" ? "currency" : "amount"}`,
  rowLabel: () => undefined,
  view: (q, { value }) => {
    const amount = (value && typeof value === "object" ? value : {}) as Record<string, unknown>;
    return {
      amount: str(amount.amount),
      currencies: q.currencies.map((c) => ({
        code: c,
        selected: amount.currency === c || q.currencies.length === 1,
      })),
    };
  },
  text: (_q, value, lang) => {
    const { amount, currency } = value as Money;
    return formatMoney(amount, currency, lang);
  },
  // Amount and currency apart, so amounts stay numbers.
  columns: (q, lang) => [
    { part: "amount", header: q.label[lang] },
    { part: "currency", header: `${q.label[lang]} — ${q.currencies.join("/")}` },
  ],
  cell: (q, value, lang, t, column) =>
    column?.part === "amount"
      ? (value as Money).amount
      : column?.part === "currency"
        ? (value as Money).currency
        : money.text(q, value, lang, t),
  // Money shows as pledges, a role of the report (roles.ts), not as findings of its own.
  report: undefined,
  document: {
    write: (q, value, c) => {
      const given = (value ?? {}) as Partial<Money>;
      const only = q.currencies.length === 1 ? q.currencies[0] : undefined;
      return [
        line(
          textControl(`${c.tag}/amount`, given.amount),
          " ",
          only
            ? { text: only }
            : choiceControl(`${c.tag}/currency`, currencyItems(q.currencies), c.lang, given.currency),
        ),
      ];
    },
    read: (q, found, tag) => {
      const amount = found.text(`${tag}/amount`);
      const currency = found.text(`${tag}/currency`);
      if (amount === undefined && currency === undefined) return undefined;
      return {
        amount: amount ?? "",
        currency:
          q.currencies.length === 1 ? q.currencies[0] : itemIdOf(currencyItems(q.currencies), currency),
      };
    },
  },
  demo: (q, c) => ({ amount: String(1000 * (1 + Math.floor(c.rng() * 50))), currency: q.currencies[0] }),
};
