// A single choice: one option of a list, as radio buttons; the report counts each option.
import * as z from "zod";
import type { DefinitionParts } from "../definition.ts";
import type { QuestionKind } from "./kind.ts";
import { choiceControl, itemIdOf, line } from "./document-parts.ts";
import { ids, labelOf, oneColumn, oneControl } from "./parts.ts";
import { choiceTally, listed } from "../../report/tally.ts";

export const definition = (p: DefinitionParts) =>
  z.strictObject({ ...p.base, type: z.literal("single-choice"), options: p.items });

export const singleChoice: QuestionKind<"single-choice"> = {
  check: () => [],
  includable: false,
  answer: (q) => z.enum(ids(q.options)),
  fromForm: (_q, raw) => raw,
  ...oneControl,
  view: (q, { lang, value }) => ({
    options: q.options.map((i) => ({ id: i.id, label: i.label[lang], checked: value === i.id })),
  }),
  text: (q, value, lang) => labelOf(q.options, value as string, lang),
  columns: oneColumn,
  cell: (q, value, lang, t) => singleChoice.text(q, value, lang, t),
  report: {
    block: "choice",
    tally: (q, c) => choiceTally(c, listed(q.options, c.lang), { ranks: 0, sorted: false }),
  },
  document: {
    write: (q, value, c) => [line(choiceControl(c.tag, q.options, c.lang, value))],
    read: (q, found, tag) => itemIdOf(q.options, found.text(tag)),
  },
  demo: (q, c) => (q.id === "reply-language" ? c.lang : c.pick(q.options).id),
};
