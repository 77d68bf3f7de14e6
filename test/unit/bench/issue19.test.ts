// Issue 19's gathered table: every target in the issue's order, measured or "not run".
import { describe, expect, it } from "vitest";
import { TARGETS, targetsTable } from "../../../bench/issue19.ts";

describe("issue 19 targets table", () => {
  it("lists every target in order, and says 'not run' for a target nobody measured", () => {
    const lines = targetsTable([]).split("\n").slice(2);
    expect(lines).toHaveLength(TARGETS.length);
    lines.forEach((line, i) => {
      expect(line).toContain(TARGETS[i]!.target);
      expect(line).toContain("not run");
    });
  });

  it("shows a measured row with its floor, its ratio and whether it is met", () => {
    const table = targetsTable([
      {
        id: "campaign-status",
        measured: "11 ms",
        floor: "100 ms",
        ratio: 0.11,
        met: true,
        bench: "campaign-status",
        quick: true,
      },
      { id: "form-cpu", measured: "10 ms", floor: "4 ms", ratio: 2.5, met: false, bench: "cold-start" },
    ]);
    expect(table).toContain("| 11 ms | 100 ms | 0.11× | met | campaign-status (quick) |");
    expect(table).toContain("| 10 ms | 4 ms | 2.50× | **missed** | cold-start |");
    expect(table.match(/not run/g)).toHaveLength(TARGETS.length - 2);
  });

  it("gives every measured row one line, so a target measured twice shows both", () => {
    const row = { id: "cold-import", floor: "1.3×", ratio: 2, met: false } as const;
    const table = targetsTable([
      { ...row, measured: "respondent-form 2.00×" },
      { ...row, measured: "worst of 21 bundles" },
    ]);
    expect(table).toContain("respondent-form 2.00×");
    expect(table).toContain("worst of 21 bundles");
  });
});
