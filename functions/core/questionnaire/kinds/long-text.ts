// A long text (several paragraphs); the report lists the answers beside who gave them.
import * as z from "zod";
import type { DefinitionParts } from "../definition.ts";
import type { QuestionKind } from "./kind.ts";
import { line, textControl } from "./document-parts.ts";
import { asWritten, isStorableText, issue, oneControl, readText, str } from "./parts.ts";
import { textTally } from "../../report/tally.ts";

export const definition = (p: DefinitionParts) =>
  z.strictObject({
    ...p.base,
    type: z.literal("long-text"),
    maxLength: z.int().positive().max(20_000).default(4000),
  });

export const longText: QuestionKind<"long-text"> = {
  check: () => [],
  includable: false,
  answer: (q) => z.string().max(q.maxLength).refine(isStorableText, issue("invalid")),
  fromForm: (_q, raw) => readText(raw),
  ...oneControl,
  view: (q, { value }) => ({
    value: str(value),
    maxLength: q.maxLength,
  }),
  ...asWritten,
  report: { block: "text", tally: (_q, c) => textTally(c) },
  document: {
    write: (_q, value, c) => [line(textControl(c.tag, value, true))],
    read: (_q, found, tag) => found.text(tag),
  },
  demo: (q, c) => c.text(q.maxLength, 1 + Math.floor(c.rng() * 3)),
  freeText: (_q, value) => (typeof value === "string" && value.trim() ? [value] : []),
};
