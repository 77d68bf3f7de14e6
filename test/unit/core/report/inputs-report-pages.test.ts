// The report built page by page, as storage returns submissions, is the report built from all at once.
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createHandlebarsViews } from "../../../../functions/adapters/handlebars-views.ts";
import { writeXlsx } from "../../../../functions/adapters/xlsx/stream-writer.ts";
import { compileInputsReport } from "../../../../functions/core/compile-inputs-report.ts";
import type { Ports, Repository } from "../../../../functions/core/ports.ts";
import type { ResponseVersion } from "../../../../functions/core/responses.ts";
import { renderInputsCsv } from "../../../../functions/core/report/inputs-csv.ts";
import {
  buildInputsReport,
  startInputsReport,
  type GroupTable,
  type InputsReport,
} from "../../../../functions/core/report/inputs-report.ts";
import { campaign } from "../../../support/factories.ts";
import { buildReport, members, q, submissions, t } from "./fixture.ts";

const INVITED = ["ARG", "BRA", "CHL", "MEX", "COSATE", "CEATAL"];

/** The report as plain data: each row's cells read out, so two reports compare cell by cell. */
const plain = (report: InputsReport) => ({
  ...report,
  respondents: report.respondents.map((r) => ({
    ...r,
    cells: r.cells(),
    some: r.cells([2, 0]),
    // Each free text's cell as it would read translated: rebuilt from what the report kept of the page.
    freeTexts: r.freeTexts.map((f) => ({ ...f, cellWith: f.cellWith((text) => `[${text}]`) })),
  })),
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

  // Each page is spoiled when the next is asked for: a compile that gathered every page before adding
  // them would report emptied answers.
  it("is what the compile stores, adding each page of storage before asking for the next", async () => {
    const pages = [submissions.slice(3), submissions.slice(1, 3), submissions.slice(0, 1)];
    const asked: number[] = [];
    const views = createHandlebarsViews(fileURLToPath(new URL("../../../../templates/", import.meta.url)));
    const generatedAt = new Date("2026-03-01T12:00:00Z");
    const repository = {
      getCampaign: async () => campaign({ invited: INVITED }),
      getQuestionnaire: async () => q,
      listMembers: async () => members,
      latestSubmissionPages: async function* () {
        let i = 0;
        for (const page of spoiledPages(pages)) {
          asked.push(i++);
          yield page;
        }
      },
      putReport: async () => undefined,
      listReports: async () => [],
      listKeptVersions: async () => submissions,
    } as unknown as Repository;
    const stored = new Map<string, Uint8Array>();
    const ports: Pick<Ports, "repository" | "blobs" | "views" | "workbooks" | "clock"> = {
      repository,
      blobs: {
        put: async (key: string, body: Uint8Array) => void stored.set(key, body),
      } as unknown as Ports["blobs"],
      views,
      workbooks: writeXlsx,
      clock: { now: () => generatedAt },
    };
    const compiled = await compileInputsReport(ports, "camp", "en");
    expect(asked).toEqual([0, 1, 2]);
    const translate = (key: string) => views.translate("en", key);
    const oneShot = buildInputsReport({
      campaign: campaign({ invited: INVITED }),
      questionnaire: q,
      members,
      submissions,
      lang: "en",
      generatedAt,
      t: translate,
    });
    // The compile adds the annex of receipt codes and the history of issues, which need the store, and
    // marks texts written in another language than the report's (a member's language is Spanish here):
    // the rest is the same.
    const { receipts, history: _history, ...withoutAnnex } = compiled.report;
    const unmarkedTable = (g: GroupTable): GroupTable => ({
      ...g,
      rows: g.rows.map((r) => ({ ...r, texts: r.texts?.map((x) => x && { text: x.text }) })),
    });
    const coop = withoutAnnex.cooperation;
    const unmarked = {
      ...withoutAnnex,
      texts: withoutAnnex.texts.map((x) => ({
        ...x,
        answers: x.answers.map(({ translation: _translation, ...a }) => a),
      })),
      tables: withoutAnnex.tables.map(unmarkedTable),
      hosting: withoutAnnex.hosting && unmarkedTable(withoutAnnex.hosting),
      cooperation: coop && {
        ...coop,
        topics: coop.topics.map((topic) => ({
          ...topic,
          needs: topic.needs.map(({ descriptionTranslation: _d, ...n }) => n),
          offers: topic.offers.map(({ programmeTranslation: _p, ...o }) => o),
        })),
      },
      contributions: {
        ...withoutAnnex.contributions,
        inKind: withoutAnnex.contributions.inKind.map(({ detailsTranslation: _d, ...k }) => k),
      },
      respondents: withoutAnnex.respondents.map((r) => ({ ...r, translations: new Map() })),
    };
    unmarked.achievements = unmarked.texts.find((x) => x.question.id === oneShot.achievements?.question.id);
    expect(plain(unmarked)).toEqual(plain(oneShot));
    expect(receipts?.included.map((r) => r.receiptCode)).toEqual(
      oneShot.respondents.map((r) => r.receiptCode),
    );
    expect(stored.get(compiled.files.csv)).toEqual(renderInputsCsv(compiled.report, translate));
  });
});
