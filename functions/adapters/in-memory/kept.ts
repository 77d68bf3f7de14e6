// How the in-memory stores keep things: copies in and out, as a database would, sorted as DynamoDB sorts.

/** A copy: a caller changing what it wrote or read never changes what is stored. */
export const copy = <T>(value: T): T => structuredClone(value);

/** Ascending by a string key, as DynamoDB returns a partition's items by sort key. */
export const bySortKey =
  <T>(sortKey: (item: T) => string) =>
  (a: T, b: T) => {
    const [x, y] = [sortKey(a), sortKey(b)];
    return x < y ? -1 : x > y ? 1 : 0;
  };

/** Numbers as the table writes them into keys, so they sort as numbers. */
export const pad = (n: number) => String(n).padStart(6, "0");
