// A number (optionally whole, within bounds); the report gives its average, lowest and highest.
import * as z from "zod";
import type { DefinitionParts } from "../definition.ts";
import type { QuestionKind, Tally, TallyContext } from "./kind.ts";
import { line, note, textControl } from "./document-parts.ts";
import { oneColumn, oneControl, readNumber, storableNumber, str } from "./parts.ts";
import { average } from "../../report/tally.ts";

export const definition = (p: DefinitionParts) =>
  z.strictObject({
    ...p.base,
    type: z.literal("number"),
    min: z.number().optional(),
    max: z.number().optional(),
    integer: z.boolean().default(false),
  });

export const number: QuestionKind<"number"> = {
  check: (q) =>
    q.min !== undefined && q.max !== undefined && q.min > q.max
      ? [{ at: "max", message: "expected max >= min", code: "max_below_min" }]
      : [],
  includable: false,
  answer: (q) => storableNumber(q.integer ? z.int() : z.number(), q.min, q.max),
  fromForm: (_q, raw) => readNumber(raw),
  ...oneControl,
  view: (q, { value }) => ({ value: str(value), min: q.min, max: q.max, integer: q.integer }),
  text: (_q, value) => String(value),
  columns: oneColumn,
  // Numbers stay numbers in a spreadsheet, so they can be summed and sorted.
  cell: (_q, value) => (typeof value === "number" ? value : String(value)),
  report: { block: "number", tally: (_q, c) => numberTally(c) },
  document: {
    write: (q, value, c) => [
      line(textControl(c.tag, value)),
      ...(q.min !== undefined || q.max !== undefined
        ? [note([q.min, q.max].map((b) => (b === undefined ? "…" : String(b))).join(" – "))]
        : []),
    ],
    read: (_q, found, tag) => found.text(tag),
  },
  demo: (q, c) => {
    const min = q.min ?? 0;
    const max = q.max ?? min + 100;
    return String(Math.round(min + c.rng() * (max - min)));
  },
};

/** The average, lowest and highest of the answers. */
function numberTally(c: TallyContext): Tally<"number"> {
  const acc = { sum: 0, count: 0, min: Infinity, max: -Infinity };
  return {
    visit: (_r, value) => {
      if (typeof value !== "number") return;
      acc.sum += value;
      acc.count++;
      acc.min = Math.min(acc.min, value);
      acc.max = Math.max(acc.max, value);
    },
    result: () => ({
      question: c.ref,
      completion: c.completion,
      average: average(acc),
      min: acc.count ? acc.min : undefined,
      max: acc.count ? acc.max : undefined,
    }),
  };
}
