// A repeatable group: entries of the same simple fields ("a proposal": title, topic, cost); the report
// shows one table row per entry.
import * as z from "zod";
import type { AnswerValue, GroupItem, SimpleAnswer } from "../answers.ts";
import type { DefinitionParts } from "../definition.ts";
import type { QuestionKind, ShapeError, Tally } from "./kind.ts";
import { line } from "./document-parts.ts";
import { anchorOf, asArray, emptyToUndefined, oneColumn, str, stripUndefined } from "./parts.ts";
import { simpleKindOf } from "./simple.ts";
import { attribution } from "../../report/tally.ts";
import type { GroupTable } from "../../report/model.ts";

export const definition = <Field extends z.ZodType>(p: DefinitionParts, field: Field) =>
  z.strictObject({
    ...p.base,
    type: z.literal("group"),
    fields: z.array(field).min(1),
    minItems: z.int().nonnegative().default(0),
    maxItems: z.int().positive().default(10),
    itemLabel: p.text,
  });

const isEntry = (first: string | undefined): first is string => first !== undefined && /^\d+$/.test(first);

export const group: QuestionKind<"group"> = {
  check: (q) => {
    const errors: ShapeError[] = [];
    const seen = new Set<string>();
    for (const f of q.fields) {
      if (seen.has(f.id))
        errors.push({
          at: "fields",
          message: `expected unique ids; "${f.id}" is used twice`,
          code: "duplicate_id",
          params: { id: f.id },
        });
      seen.add(f.id);
    }
    q.fields.forEach((f, j) => {
      if (f.when)
        errors.push({
          at: `fields[${j}].when`,
          message: "expected no condition inside a group",
          code: "condition_in_group",
        });
      // A file is uploaded for its question on the form; an entry's fields have no upload of their own.
      if (f.type === "file")
        errors.push({
          at: `fields[${j}].type`,
          message: "expected no file field inside a group",
          code: "file_in_group",
        });
    });
    if (q.minItems > q.maxItems)
      errors.push({ at: "minItems", message: "expected minItems <= maxItems", code: "min_items_above_max" });
    return errors;
  },
  includable: false,
  answer: (q, mode) => {
    const shape: Record<string, z.ZodType<SimpleAnswer | undefined>> = {};
    for (const field of q.fields) {
      const schema = z.preprocess(
        emptyToUndefined,
        simpleKindOf(field).answer(field, mode) as z.ZodType<SimpleAnswer>,
      );
      shape[field.id] = mode === "submit" && field.required ? schema : schema.optional();
    }
    const list = z.array(z.strictObject(shape)).max(q.maxItems);
    const bounded = mode === "submit" && q.required ? list.min(Math.max(1, q.minItems)) : list;
    return bounded.transform((items) => items.map(stripUndefined)) as z.ZodType<GroupItem[]>;
  },
  fromForm: (q, raw) =>
    asArray(raw).map((item) => {
      if (!item || typeof item !== "object") return item;
      const fields = item as Record<string, unknown>;
      return Object.fromEntries(q.fields.map((f) => [f.id, simpleKindOf(f).fromForm(f, fields[f.id])]));
    }),
  rowKeys: () => undefined,
  // An error inside an entry's field is shown at that field.
  ownsRow: (q, sub) => {
    const [first] = sub;
    return first !== undefined && q.fields.some((f) => sub.join(".").startsWith(`${first}.${f.id}`));
  },
  control: (q, anchor, path, [first, second, ...rest]) => {
    const index = isEntry(first) ? first : "0";
    const field = q.fields.find((f) => f.id === second) ?? q.fields[0];
    if (!field) return anchor;
    const fieldPath = `${path}.${index}.${field.id}`;
    return simpleKindOf(field).control(
      field,
      anchorOf(fieldPath),
      fieldPath,
      field.id === second ? rest : [],
    );
  },
  rowLabel: (q, [first, second, ...rest], lang, t) => {
    if (!isEntry(first)) return undefined;
    const entry = `${q.itemLabel[lang]} ${Number(first) + 1}`;
    const field = q.fields.find((f) => f.id === second);
    if (!field) return entry;
    const inner = simpleKindOf(field).rowLabel(field, rest, lang, t);
    return [entry, field.label[lang], inner].filter(Boolean).join(" — ");
  },
  view: (q, c) => {
    const filled = (Array.isArray(c.value) ? (c.value as Record<string, unknown>[]) : []).filter(
      (row) =>
        row &&
        typeof row === "object" &&
        Object.values(row).some((v) => str(v) !== "" || Array.isArray(v) || (v && typeof v === "object")),
    );
    // Filled rows, then blank ones (one, or more after "add another"), so nothing needs JavaScript.
    const count = Math.min(q.maxItems, Math.max(filled.length + 1 + c.extraRows, q.minItems));
    return {
      blankRows: count - filled.length,
      canAdd: count < q.maxItems,
      rows: Array.from({ length: count }, (_, i) => ({
        number: i + 1,
        index: i,
        filled: i < filled.length,
        groupId: q.id,
        itemLabel: q.itemLabel[c.lang],
        fields: q.fields.map((f) =>
          c.field(
            f,
            filled[i]?.[f.id],
            c.errors.filter(
              (e) => e.path === `${c.path}.${i}.${f.id}` || e.path.startsWith(`${c.path}.${i}.${f.id}.`),
            ),
            `${c.name}[${i}][${f.id}]`,
            `${q.itemLabel[c.lang]} ${i + 1}`,
          ),
        ),
      })),
    };
  },
  text: (q, value, lang, t) =>
    (value as GroupItem[])
      .map(
        (item, i) =>
          `${i + 1}. ` +
          q.fields
            .filter((f) => item[f.id] !== undefined)
            .map((f) => `${f.label[lang]}: ${simpleKindOf(f).text(f, item[f.id] as AnswerValue, lang, t)}`)
            .join("; "),
      )
      .join("\n"),
  columns: oneColumn,
  cell: (q, value, lang, t) => group.text(q, value, lang, t),
  report: {
    block: "table",
    tally: (q, c): Tally<"table"> => {
      const rows: GroupTable["rows"] = [];
      return {
        visit: (r, value) => {
          if (!Array.isArray(value)) return;
          for (const [i, item] of (value as GroupItem[]).entries()) {
            rows.push({
              ...attribution(r),
              item: i + 1,
              cells: q.fields.map((f) => {
                const v = item[f.id];
                return v === undefined ? undefined : simpleKindOf(f).cell(f, v, c.lang, c.t);
              }),
              // The words written in each field, which the report shows translated (attachTranslations).
              texts: q.fields.map((f) => {
                const v = item[f.id];
                const [text] = v === undefined ? [] : (simpleKindOf(f).freeText?.(f, v) ?? []);
                return text === undefined ? undefined : { text };
              }),
            });
          }
        },
        result: () => ({
          question: c.ref,
          completion: c.completion,
          fields: q.fields.map((f) => ({ id: f.id, label: f.label[c.lang] })),
          rows: c.inOrder(rows),
        }),
      };
    },
  },
  document: {
    write: (q, value, c) => {
      const entries = Array.isArray(value) ? (value as GroupItem[]) : [];
      // The entries given, and blank ones to add more: a copied control would carry a tag twice.
      const count = Math.min(q.maxItems, Math.max(entries.length + 2, q.minItems, 1));
      return Array.from({ length: count }, (_, i) => [
        line({ text: `${q.itemLabel[c.lang]} ${i + 1}`, bold: true }),
        ...q.fields.flatMap((f) => [
          line(`${f.label[c.lang]}${f.required ? " *" : ""}`),
          ...c.field(f, entries[i]?.[f.id], `${c.tag}/${i}/${f.id}`),
        ]),
      ]).flat();
    },
    read: (q, found, tag) => {
      const entries: Record<string, unknown>[] = [];
      let any = false;
      // A few places past the most a group takes, so an entry too many is read and refused, not lost.
      for (let i = 0; i < q.maxItems + 5; i++) {
        const fields = q.fields.map(
          (f) => [f.id, simpleKindOf(f).document.read(f, found, `${tag}/${i}/${f.id}`)] as const,
        );
        if (fields.every(([, v]) => v === undefined)) continue;
        any = true;
        entries.push(Object.fromEntries(fields.filter(([, v]) => v !== undefined)));
      }
      return any ? entries : undefined;
    },
  },
  demo: (q, c) =>
    Array.from({ length: 1 + Math.floor(c.rng() * Math.min(2, q.maxItems)) }, () =>
      Object.fromEntries(q.fields.map((f) => [f.id, c.field(f)])),
    ),
  // Each entry's text fields (a proposal's title and description, a need, an offer), entry by entry.
  freeText: (q, value) =>
    (Array.isArray(value) ? (value as GroupItem[]) : []).flatMap((item) =>
      q.fields.flatMap((f) => {
        const v = item[f.id];
        return v === undefined ? [] : (simpleKindOf(f).freeText?.(f, v) ?? []);
      }),
    ),
};
