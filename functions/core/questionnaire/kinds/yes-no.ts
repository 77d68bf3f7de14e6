// A yes-or-no question, as two radio buttons; the report counts each answer.
import * as z from "zod";
import type { DefinitionParts } from "../definition.ts";
import type { QuestionKind } from "./kind.ts";
import { choiceControl, line, sameIn } from "./document-parts.ts";
import { oneColumn, oneControl } from "./parts.ts";
import { choiceTally } from "../../report/tally.ts";

export const definition = (p: DefinitionParts) => z.strictObject({ ...p.base, type: z.literal("yes-no") });

export const yesNo: QuestionKind<"yes-no"> = {
  check: () => [],
  includable: false,
  answer: () => z.boolean(),
  fromForm: (_q, raw) => (raw === "yes" ? true : raw === "no" ? false : raw === "" ? undefined : raw),
  ...oneControl,
  view: (_q, { value }) => ({
    yes: value === true || value === "yes",
    no: value === false || value === "no",
  }),
  text: (_q, value, _lang, t) => t(value ? "common.yes" : "common.no"),
  columns: oneColumn,
  cell: (q, value, lang, t) => yesNo.text(q, value, lang, t),
  report: {
    block: "choice",
    tally: (_q, c) =>
      choiceTally(
        c,
        [
          { id: "yes", label: c.t("common.yes") },
          { id: "no", label: c.t("common.no") },
        ],
        { ranks: 0, sorted: false },
      ),
  },
  document: {
    write: (_q, value, c) => [
      line(
        choiceControl(
          c.tag,
          [
            { id: "yes", label: sameIn(c.t("common.yes")) },
            { id: "no", label: sameIn(c.t("common.no")) },
          ],
          c.lang,
          value === true ? "yes" : value === false ? "no" : undefined,
        ),
      ),
    ],
    read: (_q, found, tag) => found.text(tag),
  },
  demo: (_q, c) => (c.rng() < 0.5 ? "yes" : "no"),
};
