// forEachConcurrently: every item once, never more than the limit at a time, a failure stops new work.
import { describe, expect, it } from "vitest";
import { forEachConcurrently } from "../../../functions/core/concurrently.ts";

const tick = () => new Promise((r) => setTimeout(r, 1));

describe("forEachConcurrently", () => {
  it("works on every item once, at most `limit` at a time", async () => {
    const seen: number[] = [];
    let running = 0;
    let peak = 0;
    await forEachConcurrently([...Array(50).keys()], 4, async (n) => {
      peak = Math.max(peak, ++running);
      await tick();
      seen.push(n);
      running--;
    });
    expect(seen.sort((a, b) => a - b)).toEqual([...Array(50).keys()]);
    expect(peak).toBe(4);
  });

  it("after a failure starts nothing new, lets running work finish, then throws the failure", async () => {
    const finished: number[] = [];
    const started: number[] = [];
    const run = forEachConcurrently([...Array(20).keys()], 3, async (n) => {
      started.push(n);
      await tick();
      if (n === 4) throw new Error("DynamoDB unavailable");
      await tick();
      finished.push(n);
    });
    await expect(run).rejects.toThrow("DynamoDB unavailable");
    expect(started.length).toBeLessThan(20);
    // Everything started, except the one that failed, had finished by the time the failure was thrown.
    expect(finished.sort((a, b) => a - b)).toEqual(started.filter((n) => n !== 4).sort((a, b) => a - b));
  });

  it("does nothing with no items", async () => {
    await expect(
      forEachConcurrently([], 8, () => Promise.reject(new Error("called"))),
    ).resolves.toBeUndefined();
  });
});
