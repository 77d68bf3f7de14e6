// Importing a directory of 10,000 members reads each member a bounded number of times (issue 19).
import { describe, expect, it } from "vitest";
import { planDirectoryImport } from "../../../functions/core/directory-import.ts";
import { counted, members, type Reads } from "../../support/scale.ts";

describe("importing a directory of 10,000 members", () => {
  it("compares each member with its own entry, reading the directory a few times, not once per member", () => {
    const n = 10_000;
    const directory = members(n);
    const rows = [
      ["Country", "Email"],
      ...directory.map((m) => [m.code, `new.${m.code.toLowerCase()}@example.org`]),
    ];
    const reads: Reads = { count: 0 };
    const plan = planDirectoryImport(rows, counted(directory, reads, 10 * n));
    if (!plan.ok) throw new Error(plan.error);

    expect(plan.value.counts).toMatchObject({ ok: n, errors: 0, members: n });
    // Every member's old focal point is replaced by the new address.
    expect(plan.value.removed).toHaveLength(n);
    expect(plan.value.removed[0]).toEqual({ memberCode: "AAA", email: "fp.aaa@example.org" });
    expect(reads.count).toBeLessThanOrEqual(10 * n);
  });
});
