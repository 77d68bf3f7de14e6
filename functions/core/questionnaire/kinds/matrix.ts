// A matrix: one choice per row among the same columns ("how useful is each tool"), and optionally a row
// the respondent names; the form is a table of radio buttons, the report one choice chart per row.
import * as z from "zod";
import { ListItem, type DefinitionParts } from "../definition.ts";
import type { ShapeError, QuestionKind, QuestionOf, Tally, TallyContext, ViewContext } from "./kind.ts";
import { choiceControl, itemIdOf, readPerItem, textControl } from "./document-parts.ts";
import { ids, isStorableText, issue, labelOf, readText, str } from "./parts.ts";
import { itemView } from "./items.ts";
import { choiceTally, listed } from "../../report/tally.ts";
import type { ChoiceSummary, Completion } from "../../report/model.ts";
import type { Language } from "../../languages.ts";

/** The answer's keys for the named row: its choice and what the respondent calls it. */
export const OTHER = "other";
export const OTHER_NAME = "other-name";
const OTHER_MAX = 200;

export const definition = (p: DefinitionParts) =>
  z.strictObject({
    ...p.base,
    type: z.literal("matrix"),
    /** The rows: a list's name or the rows themselves. */
    items: p.items,
    /** The choices every row offers, in order ("very useful", "useful", …, "don't know"). */
    columns: z.array(ListItem).min(2),
    /** The label of a last row whose subject the respondent writes in ("Another tool: name it"). */
    other: p.text.optional(),
  });

type Matrix = QuestionOf<"matrix">;
type Choices = Record<string, string>;

const choicesOf = (value: unknown) =>
  (value && typeof value === "object" && !Array.isArray(value) ? value : {}) as Record<string, unknown>;

const isRow = (q: Matrix, key: string | undefined) => key !== undefined && q.items.some((i) => i.id === key);
const isOther = (q: Matrix, key: string | undefined) =>
  q.other !== undefined && (key === OTHER || key === OTHER_NAME);

/** The finding of each row in the report, as the row's key below the question ("tools.portfolio"). */
const findingIds = (q: Matrix) => [
  ...q.items.map((i) => `${q.id}.${i.id}`),
  ...(q.other ? [`${q.id}.${OTHER}`] : []),
];

export const matrix: QuestionKind<"matrix"> = {
  check: (q) => {
    const errors: ShapeError[] = [];
    const seen = new Set<string>();
    for (const c of q.columns) {
      if (seen.has(c.id))
        errors.push({
          at: "columns",
          message: `expected unique ids; "${c.id}" is used twice`,
          code: "duplicate_id",
          params: { id: c.id },
        });
      seen.add(c.id);
    }
    // The named row's keys sit beside the rows' in one answer.
    if (q.other)
      for (const key of [OTHER, OTHER_NAME])
        if (q.items.some((i) => i.id === key))
          errors.push({
            at: "items",
            message: `expected no row "${key}" beside "other": the named row uses it`,
            code: "row_beside_other",
            params: { row: key },
          });
    return errors;
  },
  includable: false,
  answer: (q, mode) => {
    const choice = z.enum(ids(q.columns));
    const strict = mode === "submit" && q.required;
    // A row left out reads as "required" (missing text), a choice that is not a column as such.
    const answered = z.string().pipe(choice);
    const shape: Record<string, z.ZodType<string | undefined>> = Object.fromEntries(
      q.items.map((i) => [i.id, strict ? answered : choice.optional()]),
    );
    if (q.other) {
      shape[OTHER] = choice.optional();
      shape[OTHER_NAME] = z.string().max(OTHER_MAX).refine(isStorableText, issue("invalid")).optional();
    }
    const rows = z.strictObject(shape) as unknown as z.ZodType<Choices>;
    if (mode === "draft") return rows;
    // A named row counts once it has both its name and its choice; a draft may hold either alone.
    return rows.superRefine((value, ctx) => {
      if (value[OTHER_NAME] !== undefined && value[OTHER] === undefined)
        ctx.addIssue({ code: "custom", path: [OTHER], input: value, params: { code: "other_choice" } });
      if (value[OTHER] !== undefined && value[OTHER_NAME] === undefined)
        ctx.addIssue({ code: "custom", path: [OTHER_NAME], input: value, params: { code: "other_name" } });
    });
  },
  fromForm: (_q, raw) => {
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) return raw;
    const posted = raw as Record<string, unknown>;
    return OTHER_NAME in posted ? { ...posted, [OTHER_NAME]: readText(posted[OTHER_NAME]) } : posted;
  },
  rowKeys: (q) => [...q.items.map((i) => i.id), ...(q.other ? [OTHER] : [])],
  ownsRow: (q, [first]) => isRow(q, first) || isOther(q, first),
  control: (q, anchor, _path, [first]) => {
    const row = isRow(q, first) || isOther(q, first) ? first : q.items[0]?.id;
    return `f-${anchor}-${row ?? ""}`;
  },
  rowLabel: (q, [first], lang) =>
    isRow(q, first)
      ? q.items.find((i) => i.id === first)?.label[lang]
      : isOther(q, first)
        ? q.other?.[lang]
        : undefined,
  view: (q, c) => {
    const value = choicesOf(c.value);
    const header = (id: string) => `c-${c.anchor}-${id}`;
    const row = (key: string, name: string, controlId: string, labelId: string) => ({
      choices: q.columns.map((col, k) => ({
        id: k === 0 ? controlId : undefined,
        name,
        value: col.id,
        label: col.label[c.lang],
        labelledBy: `${labelId} ${header(col.id)}`,
        checked: value[key] === col.id,
      })),
    });
    return {
      columns: q.columns.map((col) => ({ id: header(col.id), label: col.label[c.lang] })),
      rows: q.items.map((i) => {
        const base = itemView(i, c);
        const labelId = `r-${c.anchor}-${i.id}`;
        return { ...base, labelId, ...row(i.id, base.name, base.controlId, labelId) };
      }),
      other: q.other && otherView(q, c, row),
    };
  },
  text: (q, value, lang) => lines(q, value as Choices, lang).join("\n"),
  // One column per row, so each row's choices can be filtered and counted.
  columns: (q, lang) => [
    ...q.items.map((i) => ({
      itemId: i.id,
      item: i.label[lang],
      header: `${q.label[lang]} — ${i.label[lang]}`,
    })),
    ...(q.other
      ? [{ itemId: OTHER, item: q.other[lang], header: `${q.label[lang]} — ${q.other[lang]}` }]
      : []),
  ],
  cell: (q, value, lang, t, column) => {
    const choices = value as Choices;
    if (column?.itemId === undefined) return matrix.text(q, value, lang, t);
    if (column.itemId === OTHER) return otherLine(q, choices, lang);
    const picked = choices[column.itemId];
    return picked === undefined ? undefined : labelOf(q.columns, picked, lang);
  },
  report: { block: "choice", ids: findingIds, tally: matrixTally },
  document: {
    write: (q, value, c) => {
      const choices = choicesOf(value);
      return [
        {
          block: "table",
          rows: [
            ...q.items.map((i) => [
              [{ text: i.label[c.lang] }],
              [choiceControl(`${c.tag}/${i.id}`, q.columns, c.lang, choices[i.id])],
            ]),
            ...(q.other
              ? [
                  [
                    [
                      { text: `${q.other[c.lang]}: ` },
                      textControl(`${c.tag}/${OTHER_NAME}`, choices[OTHER_NAME]),
                    ],
                    [choiceControl(`${c.tag}/${OTHER}`, q.columns, c.lang, choices[OTHER])],
                  ],
                ]
              : []),
          ],
        },
      ];
    },
    read: (q, found, tag) => {
      const rows = readPerItem(q.items, found, tag, q.columns) ?? {};
      const other = q.other ? found.text(`${tag}/${OTHER}`) : undefined;
      const name = q.other ? found.text(`${tag}/${OTHER_NAME}`) : undefined;
      if (!Object.keys(rows).length && other === undefined && name === undefined) return undefined;
      return {
        ...Object.fromEntries(Object.entries(rows).filter(([, v]) => v !== "")),
        ...(other ? { [OTHER]: itemIdOf(q.columns, other) } : {}),
        ...(name ? { [OTHER_NAME]: name } : {}),
      };
    },
  },
  demo: (q, c) => {
    const answer: Record<string, string> = Object.fromEntries(
      q.items.map((i) => [i.id, c.pick(q.columns).id]),
    );
    if (q.other && c.rng() < 0.3) {
      answer[OTHER] = c.pick(q.columns).id;
      answer[OTHER_NAME] = c.text(OTHER_MAX, 1);
    }
    return answer;
  },
};

type RowView = (key: string, name: string, controlId: string, labelId: string) => object;

/** The named row: a text box for its name in the row's header, then the same radio buttons. */
const otherView = (q: Matrix, c: ViewContext, row: RowView) => {
  const label = q.other?.[c.lang] ?? "";
  const controlId = `f-${c.anchor}-${OTHER}`;
  const labelId = `r-${c.anchor}-${OTHER}`;
  const error = c.rowError(OTHER, label) ?? c.rowError(OTHER_NAME, label);
  return {
    label,
    labelId,
    error,
    nameId: `f-${c.anchor}-${OTHER_NAME}`,
    nameField: `${c.name}[${OTHER_NAME}]`,
    nameValue: str(choicesOf(c.value)[OTHER_NAME]),
    maxLength: OTHER_MAX,
    ...row(OTHER, `${c.name}[${OTHER}]`, controlId, labelId),
  };
};

/** The named row as text: its name and its choice, whichever it has. */
const otherLine = (q: Matrix, value: Choices, lang: Language) => {
  const name = value[OTHER_NAME];
  const picked = value[OTHER];
  if (name === undefined && picked === undefined) return undefined;
  const choice = picked === undefined ? undefined : labelOf(q.columns, picked, lang);
  return [name ?? q.other?.[lang], choice].filter(Boolean).join(": ");
};

/** Each answered row as "Row: choice", in the questionnaire's order, the named row last. */
const lines = (q: Matrix, value: Choices, lang: Language) => [
  ...q.items.flatMap((i) => {
    const picked = value[i.id];
    return picked === undefined ? [] : [`${i.label[lang]}: ${labelOf(q.columns, picked, lang)}`];
  }),
  ...(q.other ? [otherLine(q, value, lang)].filter((l) => l !== undefined) : []),
];

/**
 * One choice finding per row (the named row too), each counting its row's choices over those who
 * answered that row: a row left blank is not a choice, and the question's own count would hide it.
 */
function matrixTally(q: Matrix, c: TallyContext): Tally<"choice"> {
  const columns = listed(q.columns, c.lang);
  const rows = [
    ...q.items.map((i) => ({ key: i.id, label: i.label[c.lang] })),
    ...(q.other ? [{ key: OTHER, label: q.other[c.lang] }] : []),
  ].map((row, k) => {
    const completion: Completion = { answered: 0, notAnswered: 0, notAsked: 0 };
    const ref = { ...c.ref, id: findingIds(q)[k] ?? row.key, label: `${c.ref.label} — ${row.label}` };
    return {
      ...row,
      completion,
      tally: choiceTally({ ...c, ref, completion }, columns, { ranks: 0, sorted: false }),
    };
  });
  return {
    visit: (r, value, asked) => {
      const choices = choicesOf(value);
      for (const row of rows) {
        const picked = choices[row.key];
        if (typeof picked === "string") row.completion.answered++;
        else if (asked) row.completion.notAnswered++;
        else row.completion.notAsked++;
        row.tally.visit(r, typeof picked === "string" ? picked : undefined, asked);
      }
    },
    result: () => rows.map((row) => row.tally.result() as ChoiceSummary),
  };
}
