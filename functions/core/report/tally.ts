// Counting the report's findings: sums per group and subregion, and the tallies several kinds share.
import { SUBREGIONS, type Subregion } from "../directory.ts";
import { RESPONDENT_GROUPS, type RespondentGroup } from "../questionnaire/respondent-group.ts";
import type { Language } from "../languages.ts";
import type { ListItem } from "../questionnaire/definition.ts";
import type { Tally, TallyContext } from "../questionnaire/kinds/kind.ts";
import type { Respondent } from "./aggregation.ts";
import type { Attribution, Stat, TextSummary } from "./model.ts";

export const perGroup = <T>(make: () => T) =>
  Object.fromEntries(RESPONDENT_GROUPS.map((g) => [g, make()])) as Record<RespondentGroup, T>;
export const perSubregion = <T>(make: () => T) =>
  Object.fromEntries(SUBREGIONS.map((s) => [s, make()])) as Record<Subregion, T>;
export const perGroupFrom = <A, B>(from: Record<RespondentGroup, A>, f: (a: A) => B) =>
  Object.fromEntries(RESPONDENT_GROUPS.map((g) => [g, f(from[g])])) as Record<RespondentGroup, B>;
export const perSubregionFrom = <A, B>(from: Record<Subregion, A>, f: (a: A) => B) =>
  Object.fromEntries(SUBREGIONS.map((s) => [s, f(from[s])])) as Record<Subregion, B>;

export type Sums = { sum: number; count: number; top: number };
export const sums = (): Sums => ({ sum: 0, count: 0, top: 0 });
export const average = (s: { sum: number; count: number }) => (s.count ? s.sum / s.count : undefined);
export const toStat = (s: Sums): Stat => ({ average: average(s), count: s.count, topCount: s.top });

export const attribution = (r: Respondent): Attribution => ({
  code: r.code,
  member: r.member,
  group: r.group,
});

/** A list's items as the report names them. */
export const listed = (items: ListItem[], lang: Language) =>
  items.map((item) => ({ id: item.id, label: item.label[lang] }));

/** More first places wins, then more second places, and so on. */
const compareRanks = (a: number[], b: number[]) => {
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d) return d;
  }
  return 0;
};

/**
 * How often each option was picked, overall, by group and (for `ranks` > 0) by rank. `sorted` lists
 * of picks read best most-chosen first; single answers keep the questionnaire's order.
 */
export const choiceTally = (
  c: TallyContext,
  items: { id: string; label: string }[],
  { ranks, sorted }: { ranks: number; sorted: boolean },
): Tally<"choice"> => {
  const counts = items.map((option, i) => ({
    option,
    order: i,
    count: 0,
    byGroup: perGroup(() => 0),
    byRank: Array.from({ length: ranks }, () => 0),
  }));
  const index = new Map(counts.map((x) => [x.option.id, x]));
  return {
    visit: (r, value) => {
      if (value === undefined) return;
      const picks =
        typeof value === "boolean" ? [value ? "yes" : "no"] : Array.isArray(value) ? value : [value];
      const seen = new Set<string>();
      for (const [rank, id] of (picks as string[]).entries()) {
        const x = index.get(id);
        if (!x || seen.has(id)) continue;
        seen.add(id);
        x.count++;
        x.byGroup[r.group]++;
        if (rank < ranks) x.byRank[rank] = (x.byRank[rank] ?? 0) + 1;
      }
    },
    result: () => {
      const answered = c.completion.answered;
      const list = counts.map((x) => ({
        id: x.option.id,
        label: x.option.label,
        count: x.count,
        share: answered ? x.count / answered : undefined,
        byGroup: x.byGroup,
        byRank: x.byRank,
        order: x.order,
      }));
      if (sorted)
        list.sort((a, b) => b.count - a.count || compareRanks(b.byRank, a.byRank) || a.order - b.order);
      return {
        question: c.ref,
        completion: c.completion,
        ranks,
        options: list.map(({ order: _order, ...option }) => option),
      };
    },
  };
};

/** Every text answer, beside who gave it, in the respondents' order. */
export const textTally = (c: TallyContext): Tally<"text"> => {
  const answers: TextSummary["answers"] = [];
  return {
    visit: (r, value) => {
      if (typeof value === "string") answers.push({ ...attribution(r), text: value });
    },
    result: () => ({ question: c.ref, completion: c.completion, answers: c.inOrder(answers) }),
  };
};
