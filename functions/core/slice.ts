// One bounded piece of a long list, named by the key of the last item done: a job's work resumes from
// there, and items added or removed meanwhile neither shift the rest nor get skipped.

/** The items after `after` (a key; none: from the start), at most `limit` of them. */
export type Slice = { after?: string; limit: number };

/** Where a slice ended: the key to continue after (none once the list is done), how many are done of all. */
export type SliceEnd = { next?: string; through: number; total: number };

/** The slice's items in key order, and where it ended; the whole list when no slice is asked for. */
export const sliceOf = <T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  slice: Slice | undefined,
): { items: T[]; end: SliceEnd } => {
  if (!slice) return { items: [...items], end: { through: items.length, total: items.length } };
  const keyed = items.map((item) => ({ item, key: keyOf(item) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const after = slice.after;
  const start = after === undefined ? 0 : keyed.findIndex((k) => k.key > after);
  const from = start === -1 ? keyed.length : start;
  const taken = keyed.slice(from, from + slice.limit);
  const through = from + taken.length;
  const last = taken.at(-1);
  return {
    items: taken.map((k) => k.item),
    end:
      through < keyed.length && last
        ? { next: last.key, through, total: keyed.length }
        : { through, total: keyed.length },
  };
};
