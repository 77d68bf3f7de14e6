// A scale: each item scored from min to max, as a table of radio buttons; the report ranks items by average.
import * as z from "zod";
import type { DefinitionParts } from "../definition.ts";
import type { QuestionKind, QuestionOf, Tally, TallyContext } from "./kind.ts";
import { choiceControl, note, readPerItem, sameIn } from "./document-parts.ts";
import { ids, itemNumbersText, readScores } from "./parts.ts";
import { itemColumns, itemControl, itemScore, itemView } from "./items.ts";
import type { Respondent } from "../../report/aggregation.ts";
import type { ItemScore } from "../../report/model.ts";
import {
  perGroup,
  perGroupFrom,
  perSubregion,
  perSubregionFrom,
  sums,
  toStat,
  type Sums,
} from "../../report/tally.ts";
import type { RespondentGroup } from "../definition.ts";
import type { Subregion } from "../../directory.ts";

export const definition = (p: DefinitionParts) =>
  z.strictObject({
    ...p.base,
    type: z.literal("scale"),
    items: p.items,
    min: z.int(),
    max: z.int(),
    minLabel: p.text.optional(),
    maxLabel: p.text.optional(),
  });

export const scale: QuestionKind<"scale"> = {
  check: (q) =>
    q.min >= q.max ? [{ at: "max", message: "expected max > min", code: "max_not_above_min" }] : [],
  includable: false,
  answer: (q, mode) => {
    const score = z.int().min(q.min).max(q.max);
    return (
      mode === "submit" && q.required
        ? z.record(z.enum(ids(q.items)), score)
        : z.partialRecord(z.enum(ids(q.items)), score)
    ) as z.ZodType<Record<string, number>>;
  },
  fromForm: (_q, raw) => readScores(raw),
  ...itemControl,
  view: (q, c) => {
    const scores = (c.value && typeof c.value === "object" ? c.value : {}) as Record<string, unknown>;
    const points = Array.from({ length: q.max - q.min + 1 }, (_, k) => q.min + k);
    return {
      minLabel: q.minLabel?.[c.lang],
      maxLabel: q.maxLabel?.[c.lang],
      points,
      items: q.items.map((i) => ({
        ...itemView(i, c),
        points: points.map((p) => ({ value: p, checked: String(scores[i.id]) === String(p) })),
        none: scores[i.id] === undefined || scores[i.id] === "",
      })),
    };
  },
  text: (q, value, lang) => itemNumbersText(q.items, value, lang),
  columns: itemColumns,
  cell: (q, value, lang, t, column) =>
    column?.itemId !== undefined ? itemScore(value, column.itemId) : scale.text(q, value, lang, t),
  report: { block: "scale", tally: scaleTally },
  document: {
    write: (q, value, c) => {
      const scores = (value ?? {}) as Record<string, number>;
      const points = Array.from({ length: q.max - q.min + 1 }, (_, k) => String(q.min + k)).map((p) => ({
        id: p,
        label: sameIn(p),
      }));
      const ends = [
        q.minLabel && `${q.min} = ${q.minLabel[c.lang]}`,
        q.maxLabel && `${q.max} = ${q.maxLabel[c.lang]}`,
      ];
      return [
        ...(ends.some(Boolean) ? [note(ends.filter(Boolean).join("; "))] : []),
        {
          block: "table",
          rows: q.items.map((i) => [
            [{ text: i.label[c.lang] }],
            [
              choiceControl(
                `${c.tag}/${i.id}`,
                points,
                c.lang,
                scores[i.id] === undefined ? undefined : String(scores[i.id]),
              ),
            ],
          ]),
        },
      ];
    },
    read: (q, found, tag) => readPerItem(q.items, found, tag),
  },
  demo: (q, c) =>
    Object.fromEntries(q.items.map((i) => [i.id, String(q.min + Math.floor(c.rng() * (q.max - q.min + 1)))])),
};

const segments = (
  acc: { all: Sums; byGroup: Record<RespondentGroup, Sums>; bySubregion: Record<Subregion, Sums> },
  r: Respondent,
) => [acc.all, acc.byGroup[r.group], ...(r.subregion ? [acc.bySubregion[r.subregion]] : [])];

/** Each item's average score, overall, by group and subregion, and how often a paired ranking picked it. */
function scaleTally(qn: QuestionOf<"scale">, c: TallyContext): Tally<"scale"> {
  const { ranking, lang } = c;
  const items = qn.items.map((item, i) => ({
    item,
    number: i + 1,
    all: sums(),
    notAnswered: 0,
    byGroup: perGroup(sums),
    bySubregion: perSubregion(sums),
  }));
  const index = new Map(items.map((acc) => [acc.item.id, acc]));
  return {
    visit: (r, value, asked) => {
      const scores = value as Record<string, number> | undefined;
      if (asked) {
        for (const acc of items) {
          const score = scores?.[acc.item.id];
          if (typeof score !== "number") {
            acc.notAnswered++;
            continue;
          }
          for (const s of segments(acc, r)) {
            s.sum += score;
            s.count++;
          }
        }
      }
      // Ranking an item counts whether or not the respondent also scored it.
      const picks = ranking ? r.answers[ranking.id] : undefined;
      if (Array.isArray(picks)) {
        for (const id of new Set(picks as string[])) {
          const acc = index.get(id);
          if (acc) for (const s of segments(acc, r)) s.top++;
        }
      }
    },
    result: () => {
      const scored: Omit<ItemScore, "rank">[] = items.map((acc) => ({
        id: acc.item.id,
        number: acc.number,
        label: acc.item.label[lang],
        tag: acc.item.tag,
        ...toStat(acc.all),
        notAnswered: acc.notAnswered,
        byGroup: perGroupFrom(acc.byGroup, toStat),
        bySubregion: perSubregionFrom(acc.bySubregion, toStat),
      }));
      scored.sort(
        (a, b) =>
          (b.average ?? -Infinity) - (a.average ?? -Infinity) ||
          b.topCount - a.topCount ||
          a.number - b.number,
      );
      const ranked: ItemScore[] = [];
      for (const [i, item] of scored.entries()) {
        const before = ranked[i - 1];
        const tied = before && before.average === item.average && before.topCount === item.topCount;
        const rank = item.average === undefined ? undefined : tied ? before.rank : i + 1;
        ranked.push({ ...item, rank });
      }
      return { question: c.ref, completion: c.completion, min: qn.min, max: qn.max, ranking, items: ranked };
    },
  };
}
