// A multiple choice: any number of options (up to maxPicks), as checkboxes; the report counts each option.
import * as z from "zod";
import type { DefinitionParts } from "../definition.ts";
import type { QuestionKind } from "./kind.ts";
import { line, note } from "./document-parts.ts";
import { asArray, ids, issue, labelOf, noDuplicates, oneColumn, oneControl, pickedIds } from "./parts.ts";
import { choiceTally, listed } from "../../report/tally.ts";

export const definition = (p: DefinitionParts) =>
  z.strictObject({
    ...p.base,
    type: z.literal("multiple-choice"),
    options: p.items,
    maxPicks: z.int().positive().optional(),
  });

export const multipleChoice: QuestionKind<"multiple-choice"> = {
  check: (q) =>
    q.maxPicks !== undefined && q.maxPicks > q.options.length
      ? [
          {
            at: "maxPicks",
            message: `expected maxPicks <= the ${q.options.length} options`,
            code: "max_picks_above_options",
            params: { count: q.options.length },
          },
        ]
      : [],
  includable: true,
  answer: (q) => {
    const picks = z.array(z.enum(ids(q.options)));
    return (q.maxPicks ? picks.max(q.maxPicks) : picks).refine(noDuplicates, issue("duplicate"));
  },
  fromForm: (_q, raw) => asArray(raw).filter((v) => v !== ""),
  ...oneControl,
  view: (q, { lang, value }) => {
    const picked = pickedIds(value);
    return {
      maxPicks: q.maxPicks,
      options: q.options.map((i) => ({ id: i.id, label: i.label[lang], checked: picked.includes(i.id) })),
    };
  },
  text: (q, value, lang) => (value as string[]).map((id) => labelOf(q.options, id, lang)).join("; "),
  columns: oneColumn,
  cell: (q, value, lang, t) => multipleChoice.text(q, value, lang, t),
  report: {
    block: "choice",
    tally: (q, c) => choiceTally(c, listed(q.options, c.lang), { ranks: 0, sorted: true }),
  },
  document: {
    write: (q, value, c) => {
      const picked = pickedIds(value);
      return [
        ...(q.maxPicks ? [note(c.t("document.max_picks").replace("{n}", String(q.maxPicks)))] : []),
        ...q.options.map((o) =>
          line(
            { control: "check", tag: `${c.tag}/${o.id}`, checked: picked.includes(o.id) },
            ` ${o.label[c.lang]}`,
          ),
        ),
      ];
    },
    read: (q, found, tag) => {
      const states = q.options.map((o) => [o.id, found.checked(`${tag}/${o.id}`)] as const);
      if (states.every(([, checked]) => checked === undefined)) return undefined;
      return states.filter(([, checked]) => checked).map(([id]) => id);
    },
  },
  demo: (q, c) => {
    const max = q.maxPicks ?? q.options.length;
    return c
      .shuffle(q.options)
      .slice(0, 1 + Math.floor(c.rng() * Math.min(max, 3)))
      .map((o) => o.id);
  },
};
