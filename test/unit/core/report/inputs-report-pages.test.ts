// The report built page by page, as storage returns submissions, is the report built from all at once.
import { describe, expect, it } from "vitest";
import type { ResponseVersion } from "../../../../functions/core/responses.ts";
import { renderInputsCsv } from "../../../../functions/core/report/inputs-csv.ts";
import { startInputsReport, type InputsReport } from "../../../../functions/core/report/inputs-report.ts";
import { campaign } from "../../../support/factories.ts";
import { buildReport, members, q, submissions, t } from "./fixture.ts";

const INVITED = ["ARG", "BRA", "CHL", "MEX", "COSATE", "CEATAL"];

/** The report as plain data: each row's cells read out, so two reports compare cell by cell. */
const plain = (report: InputsReport) => ({
  ...report,
  respondents: report.respondents.map((r) => ({ ...r, cells: r.cells(), some: r.cells([2, 0]) })),
});

const fromPages = (pages: Iterable<ResponseVersion[]>) => {
  const building = startInputsReport({
    campaign: campaign({ invited: INVITED }),
    questionnaire: q,
    members,
    lang: "en",
    generatedAt: new Date("2026-03-01T12:00:00Z"),
    t,
  });
  for (const page of pages) building.add(page);
  return building.finish();
};

/** A deep copy, so a page can be spoiled without touching the fixture. */
const copy = (page: ResponseVersion[]): ResponseVersion[] => structuredClone(page);

/**
 * Pages as storage would hand them over, each spoiled (answers emptied, names blanked) as soon as the
 * next one is asked for, or the report finished: whatever the report still held of a page would show.
 */
const spoiledPages = function* (pages: ResponseVersion[][]) {
  for (const page of pages) {
    const handed = copy(page);
    yield handed;
    for (const s of handed) {
      for (const key of Object.keys(s.answers)) delete s.answers[key];
      s.submittedBy.name = "spoiled";
      s.submittedAt = "spoiled";
    }
  }
};

describe("the report from submissions page by page", () => {
  const whole = buildReport(submissions, INVITED);

  it("is the report from all submissions at once, cell for cell, whatever the pages' order", () => {
    const [arg, bra, chl, cosate, ceatal] = submissions as [ResponseVersion, ...ResponseVersion[]];
    const splits: ResponseVersion[][][] = [
      [submissions],
      submissions.map((s) => [s]),
      [[ceatal!, chl!], [arg], [cosate!, bra!]],
      [...submissions].reverse().map((s) => [s]),
    ];
    for (const pages of splits) {
      const report = fromPages(pages.map(copy));
      expect(plain(report)).toEqual(plain(whole));
      expect(renderInputsCsv(report, t)).toEqual(renderInputsCsv(whole, t));
    }
  });

  it("holds nothing of a page once the next is asked for: spoiling it afterwards changes no cell", () => {
    const pages = [submissions.slice(3), submissions.slice(1, 3), submissions.slice(0, 1)];
    const report = fromPages(spoiledPages(pages));
    expect(plain(report)).toEqual(plain(whole));
    expect(renderInputsCsv(report, t)).toEqual(renderInputsCsv(whole, t));
  });

  it("refuses a member listed twice, which would count its answers twice", () => {
    expect(() => fromPages([submissions.slice(0, 2), submissions.slice(1, 2)])).toThrow(/listed twice/);
  });
});
