// A top-n ranking: n selects, first to n-th, over a list; the report counts picks by rank.
import * as z from "zod";
import type { DefinitionParts } from "../definition.ts";
import type { QuestionKind } from "./kind.ts";
import { choiceControl, itemIdOf, line } from "./document-parts.ts";
import { asArray, ids, issue, labelOf, noDuplicates, oneColumn, pickedIds } from "./parts.ts";
import { choiceTally, listed } from "../../report/tally.ts";

export const definition = (p: DefinitionParts) =>
  z.strictObject({ ...p.base, type: z.literal("top-n"), items: p.items, n: z.int().positive() });

const rankKeys = (n: number) => Array.from({ length: n }, (_, k) => String(k));

export const topN: QuestionKind<"top-n"> = {
  check: (q) =>
    q.n > q.items.length
      ? [
          {
            at: "n",
            message: `expected n <= the ${q.items.length} items`,
            code: "n_above_items",
            params: { count: q.items.length },
          },
        ]
      : [],
  includable: false,
  answer: (q, mode) => {
    const picks = z.array(z.enum(ids(q.items))).max(q.n);
    return (mode === "submit" && q.required ? picks.min(q.n) : picks).refine(
      noDuplicates,
      issue("duplicate"),
    );
  },
  fromForm: (_q, raw) => asArray(raw).filter((v) => v !== ""),
  rowKeys: (q) => rankKeys(q.n),
  ownsRow: (q, [first]) => first !== undefined && rankKeys(q.n).includes(first),
  control: (q, anchor, _path, [first]) => {
    const rows = rankKeys(q.n);
    const row = first !== undefined && rows.includes(first) ? first : rows[0];
    return `f-${anchor}-${Number(row ?? 0) + 1}`;
  },
  rowLabel: (_q, [first], _lang, t) =>
    first !== undefined && /^\d+$/.test(first)
      ? t("form.rank").replace("{rank}", String(Number(first) + 1))
      : undefined,
  view: (q, { lang, t, value, name, rowError }) => {
    const picks = pickedIds(value);
    return {
      selects: Array.from({ length: q.n }, (_, k) => ({
        rank: k + 1,
        name: `${name}[${k}]`,
        error: rowError(String(k), t("form.rank").replace("{rank}", String(k + 1))),
        options: q.items.map((i) => ({ id: i.id, label: i.label[lang], selected: picks[k] === i.id })),
      })),
    };
  },
  text: (q, value, lang) =>
    (value as string[]).map((id, i) => `${i + 1}. ${labelOf(q.items, id, lang)}`).join("; "),
  columns: oneColumn,
  cell: (q, value, lang, t) => topN.text(q, value, lang, t),
  report: {
    block: "choice",
    tally: (q, c) => choiceTally(c, listed(q.items, c.lang), { ranks: q.n, sorted: true }),
  },
  document: {
    write: (q, value, c) => {
      const picks = pickedIds(value);
      return rankKeys(q.n).map((k) =>
        line(`${Number(k) + 1}. `, choiceControl(`${c.tag}/${k}`, q.items, c.lang, picks[Number(k)])),
      );
    },
    read: (q, found, tag) => {
      const ranks = rankKeys(q.n).map((k) => found.text(`${tag}/${k}`));
      if (ranks.every((r) => r === undefined)) return undefined;
      return ranks.map((r) => itemIdOf(q.items, r) ?? "");
    },
  },
  demo: (q, c) =>
    c
      .shuffle(q.items)
      .slice(0, q.n)
      .map((i) => i.id),
};
