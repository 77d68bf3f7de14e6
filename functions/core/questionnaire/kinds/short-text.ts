// A short text (one line, or an email address); the report lists the answers beside who gave them.
import * as z from "zod";
import { EmailAddress } from "../../email-address.ts";
import type { DefinitionParts } from "../definition.ts";
import type { QuestionKind } from "./kind.ts";
import { line, textControl } from "./document-parts.ts";
import { asWritten, isStorableText, issue, oneControl, readText, str } from "./parts.ts";
import { textTally } from "../../report/tally.ts";

export const definition = (p: DefinitionParts) =>
  z.strictObject({
    ...p.base,
    type: z.literal("short-text"),
    maxLength: z.int().positive().max(1000).default(300),
    /** An answer that must be an email address, checked as the directory checks one. */
    format: z.literal("email").optional(),
  });

export const shortText: QuestionKind<"short-text"> = {
  check: () => [],
  includable: false,
  answer: (q) => {
    const text = z.string().max(q.maxLength).refine(isStorableText, issue("invalid"));
    return q.format === "email"
      ? text.refine((v) => EmailAddress.safeParse(v).success, issue("invalid_email"))
      : text;
  },
  fromForm: (_q, raw) => readText(raw),
  ...oneControl,
  view: (q, { value }) => ({
    isEmail: q.format === "email",
    value: str(value),
    maxLength: q.maxLength,
  }),
  ...asWritten,
  report: { block: "text", tally: (_q, c) => textTally(c) },
  document: {
    write: (_q, value, c) => [line(textControl(c.tag, value))],
    read: (_q, found, tag) => found.text(tag),
  },
  demo: (q, c) => {
    if (q.id.includes("email")) return c.who.email;
    if (q.id.includes("name")) return c.who.name;
    return c.text(q.maxLength, 1);
  },
  // An email address is no one's words.
  freeText: (q, value) => (q.format !== "email" && typeof value === "string" && value.trim() ? [value] : []),
};
