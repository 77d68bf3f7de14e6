// The annex of receipt codes as core works it out: numbers as the receipts give them, and what a new issue supersedes.
import { describe, expect, it } from "vitest";
import { compiledReceipts, receiptAnnex } from "../../../../functions/core/report/receipt-annex.ts";
import { buildReport } from "./fixture.ts";

describe("the annex of receipt codes", () => {
  const report = buildReport();
  const codes = compiledReceipts(receiptAnnex(report, [], undefined));

  it("lists each compiled member's code, numbered among its submissions, drafts not counted", () => {
    const [first] = report.respondents;
    // Two earlier submissions of the first member kept: this one is its third.
    const kept = [
      { memberCode: first!.code, version: first!.version - 5 },
      { memberCode: first!.code, version: first!.version - 2 },
      { memberCode: first!.code, version: first!.version },
      { memberCode: "OTHER", version: 1 },
    ];
    const annex = receiptAnnex(report, kept, undefined);
    expect(annex.included.map((r) => r.code)).toEqual(report.respondents.map((r) => r.code));
    expect(annex.included[0]).toMatchObject({ number: 3, receiptCode: first!.receiptCode });
    expect(annex.included.slice(1).every((r) => r.number === 1)).toBe(true);
    expect(annex).toMatchObject({ superseded: [], previousIssue: undefined });
  });

  it("supersedes the previous issue's codes this one no longer compiles, and nothing else", () => {
    const [a, b] = report.respondents;
    const previous = {
      generatedAt: "2026-02-01T00:00:00.000Z",
      receipts: { ...codes, [a!.code]: "OLD0-OLD0-OLD0", GONE: "GONE-GONE-GONE" },
    };
    const annex = receiptAnnex(report, [], previous);
    expect(annex.previousIssue).toBe(previous.generatedAt);
    // A member no longer invited is named by its code: the report no longer knows its name.
    expect(annex.superseded).toEqual(
      [
        { code: a!.code, name: a!.name, receiptCode: "OLD0-OLD0-OLD0" },
        { code: "GONE", name: "GONE", receiptCode: "GONE-GONE-GONE" },
      ].sort((x, y) => x.name.localeCompare(y.name, "und")),
    );
    expect(annex.superseded.some((s) => s.code === b!.code)).toBe(false);
    expect(
      receiptAnnex(report, [], { generatedAt: previous.generatedAt, receipts: codes }).superseded,
    ).toEqual([]);
  });
});
