// Tests at 10,000 members: codes for that many, and lists that count how often their elements are read,
// so a test asserts that work grows with the lists, not with their square, without a stopwatch.
import type { Member } from "../../functions/core/directory.ts";
import { member } from "./factories.ts";

const letter = (n: number) => String.fromCharCode(65 + (n % 26));
/**
 * Three-letter codes AAA, AAB, ...: 17,574 of them. AND and THE are left out: the directory import
 * reads those words in a member's name as filler, so a cell holding only them names nobody.
 */
const CODES = Array.from(
  { length: 26 ** 3 },
  (_, i) => letter(Math.floor(i / 676)) + letter(Math.floor(i / 26)) + letter(i),
).filter((c) => c !== "AND" && c !== "THE");

/** `count` members, each with one focal point, governments, workers and employers in turn. */
export const members = (count: number): Member[] =>
  CODES.slice(0, count).map((code, i) =>
    member(code, i % 3 === 0 ? {} : { group: i % 3 === 1 ? "workers" : "employers", subregion: undefined }),
  );

export type Reads = { count: number };

/**
 * The same list, each read of one of its elements counted. Past `budget` reads it throws, so code
 * that scans a list once per item fails in a moment instead of running for minutes. Copies of the
 * list (slice, spread) are not counted: the code under test reads the list it was given.
 */
export const counted = <T>(items: T[], reads: Reads, budget = Number.POSITIVE_INFINITY): T[] =>
  new Proxy(items, {
    get(target, property, receiver) {
      if (typeof property === "string" && /^\d+$/.test(property) && ++reads.count > budget) {
        throw new Error(`More than ${budget} reads of list elements: the work grows faster than the lists`);
      }
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
