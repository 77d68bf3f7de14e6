// One question's findings as rows of a sheet: a distribution, scores, shares, a figure or a table.
import type { Language } from "../../languages.ts";
import type { RespondentGroup } from "../../questionnaire/definition.ts";
import type {
  AllocationSummary,
  ChoiceSummary,
  GroupTable,
  NumberSummary,
  ScaleSummary,
  Translate,
} from "../model.ts";
import { completionLine, fill, groupName, shownText } from "../strings.ts";
import { avg, pct, type ConditionalFormat, type Lines, type Row } from "../workbook.ts";

/** Data bars down one column over the rows from `fromRow`, if any were written. */
const dataBars = (
  formats: ConditionalFormat[],
  column: number,
  fromRow: number,
  toRow: number,
  max: number,
) => {
  if (toRow >= fromRow) formats.push({ kind: "data-bar", column, fromRow, toRow, max });
};

export function* choiceBlock(s: Lines, c: ChoiceSummary, groups: RespondentGroup[], t: Translate) {
  yield s.title(c.question.label);
  const ranks = Array.from({ length: c.ranks }, (_, i) => fill(t("report.ranked"), { n: i + 1 }));
  yield s.header([
    t("report.option"),
    t("report.mentions"),
    t("report.share-of-answers"),
    ...groups.map((g) => groupName(t, g)),
    ...ranks,
  ]);
  for (const o of c.options)
    yield s.add([o.label, o.count, pct(o.share), ...groups.map((g) => o.byGroup[g]), ...o.byRank]);
  yield s.note(completionLine(t, c.completion));
}

export function* scaleBlock(
  s: Lines,
  formats: ConditionalFormat[],
  c: ScaleSummary,
  groups: RespondentGroup[],
  t: Translate,
): Generator<Row> {
  yield s.title(`${c.question.label} (${c.min}–${c.max})`);
  yield s.header([
    t("report.item"),
    t("report.average"),
    t("report.scores"),
    t("report.not-scored"),
    ...groups.map((g) => `${groupName(t, g)}: ${t("report.average")}`),
  ]);
  const first = s.last + 1;
  for (const i of c.items)
    yield s.add([
      i.label,
      avg(i.average),
      i.count,
      i.notAnswered,
      ...groups.map((g) => avg(i.byGroup[g].average)),
    ]);
  dataBars(formats, 2, first, s.last, c.max);
  yield s.note(completionLine(t, c.completion));
}

export function* allocationBlock(
  s: Lines,
  formats: ConditionalFormat[],
  c: AllocationSummary,
  groups: RespondentGroup[],
  t: Translate,
): Generator<Row> {
  yield s.title(c.question.label);
  yield s.header([
    t("report.item"),
    fill(t("report.average-share"), { total: c.total }),
    ...groups.map((g) => `${groupName(t, g)}: ${t("report.mean")}`),
  ]);
  const first = s.last + 1;
  for (const i of c.items)
    yield s.add([i.label, avg(i.average), ...groups.map((g) => avg(i.byGroup[g].average))]);
  dataBars(formats, 2, first, s.last, c.total);
  yield s.note(completionLine(t, c.completion));
}

export function* numberBlock(s: Lines, c: NumberSummary, t: Translate) {
  yield s.title(c.question.label);
  yield s.header([t("report.average"), t("report.minimum"), t("report.maximum"), t("report.answered")]);
  yield s.add([avg(c.average), c.min, c.max, c.completion.answered]);
  yield s.note(completionLine(t, c.completion));
}

/**
 * A repeated group's entries, one row each, with who gave them. A field written in another language
 * shows in the report's (as the Comments sheet does), and two columns after the fields say, for each
 * such field, what the translation is and what was written.
 */
export function* tableBlock(s: Lines, g: GroupTable, t: Translate, lang: Language) {
  yield s.title(g.question.label);
  const translated = g.fields.flatMap((f, i) => (g.rows.some((r) => r.texts?.[i]?.translation) ? [i] : []));
  yield s.header([
    t("report.member"),
    t("report.code"),
    t("report.group"),
    "#",
    ...g.fields.map((f) => f.label),
    ...translated.flatMap((i) => [
      `${g.fields[i]?.label} — ${t("report.translation.column")}`,
      `${g.fields[i]?.label} — ${t("report.translation.column-original")}`,
    ]),
  ]);
  for (const r of g.rows) {
    const shown = (i: number) => {
      const free = r.texts?.[i];
      return free?.translation ? shownText(t, lang, free) : undefined;
    };
    yield s.add([
      r.member,
      r.code,
      groupName(t, r.group),
      r.item,
      ...r.cells.map((c, i) => shown(i)?.text ?? c),
      ...translated.flatMap((i) => {
        const x = shown(i);
        return [x?.note, x?.original?.text];
      }),
    ]);
  }
  if (!g.rows.length) yield s.note(t("report.none"));
  yield s.note(completionLine(t, g.completion));
}
