// The HTML report's appendices: topic list; scores by topic, group and subregion; the member heat map;
// who answered; the submissions compiled and their receipt codes; every answer (rendered apart, a batch of members at a time: member-answers.ts).
import { SUBREGIONS, type Subregion } from "../../directory.ts";
import type { ItemScore } from "../model.ts";
import { supersededLine } from "../sheets/receipts.ts";
import { groupName, subregionName } from "../strings.ts";
import { heat, type HtmlContext, type TableView } from "./view.ts";

export type AppendixView = {
  id: string;
  title: string;
  notes: string[];
  tables: TableView[];
  members?: boolean;
};

export const appendixViews = (ctx: HtmlContext): AppendixView[] => {
  const { report, t, groups, listed, elsewhere, num, int, when } = ctx;
  const p = report.priorities;
  const subregions: Subregion[] = SUBREGIONS.filter((s) => report.subregions.some((c) => c.subregion === s));
  const out: AppendixView[] = [];
  if (p) {
    const byNumber = [...p.items].sort((a, b) => a.number - b.number);
    out.push({
      id: "appendix-topics",
      title: t("report.appendix-topics"),
      notes: [],
      tables: [
        {
          head: [
            { text: t("report.number"), num: true },
            { text: t("report.topic") },
            { text: t("report.tag") },
          ],
          rows: byNumber.map((i) => ({
            cells: [{ text: String(i.number), num: true }, { text: i.label }, { text: i.tag ?? "" }],
          })),
        },
      ],
    });
    const segmentCell = (stat: { average: number | undefined; count: number }) => ({
      text: stat.count ? `${num(stat.average)} (${int(stat.count)})` : "–",
      num: true,
      heat: heat(stat.average, p.min, p.max),
    });
    out.push({
      id: "appendix-scores",
      title: t("report.appendix-scores"),
      notes: [t("report.appendix-scores-intro")],
      tables: [
        {
          head: [
            { text: t("report.topic") },
            { text: t("report.all"), num: true },
            ...groups.map((g) => ({ text: groupName(t, g), num: true })),
            ...subregions.map((s) => ({ text: subregionName(t, s), num: true })),
          ],
          rows: p.items.map((i: ItemScore) => ({
            cells: [
              { text: `${i.number}. ${i.label}` },
              segmentCell(i),
              ...groups.map((g) => segmentCell(i.byGroup[g])),
              ...subregions.map((s) => segmentCell(i.bySubregion[s])),
            ],
          })),
        },
      ],
    });
    const place = (r: { subregion: Subregion | undefined }) =>
      r.subregion ? SUBREGIONS.indexOf(r.subregion) : SUBREGIONS.length;
    out.push({
      id: "appendix-heat-map",
      title: t("report.appendix-heat-map"),
      notes: [listed ? t("report.appendix-heat-map-intro") : elsewhere("heat-map")],
      tables: listed
        ? [
            {
              head: [
                { text: t("report.member") },
                { text: t("report.subregion") },
                ...p.items.map((i) => ({ text: String(i.number), num: true })),
              ],
              rows: [...report.respondents]
                .sort((a, b) => place(a) - place(b))
                .map((r) => ({
                  cells: [
                    { text: r.name },
                    { text: r.subregion ? subregionName(t, r.subregion) : groupName(t, r.group) },
                    ...r.topicScores.map((score) => ({
                      text: score === undefined ? "" : String(score),
                      num: true,
                      heat: heat(score, p.min, p.max),
                    })),
                  ],
                })),
            },
          ]
        : [],
    });
  }
  out.push({
    id: "appendix-respondents",
    title: t("report.appendix-respondents"),
    notes: [],
    tables: [
      {
        caption: t("report.respondents"),
        head: [
          { text: t("report.member") },
          { text: t("report.group") },
          { text: t("report.submitted-at") },
          { text: t("report.submitted-by") },
        ],
        rows: report.respondents.map((r) => ({
          cells: [
            { text: r.name },
            { text: groupName(t, r.group) },
            { text: when(r.submittedAt) },
            { text: r.submittedBy },
          ],
        })),
      },
      {
        caption: t("report.non-respondents"),
        head: [{ text: t("report.member") }, { text: t("report.group") }, { text: t("report.subregion") }],
        rows: report.nonRespondents.map((m) => ({
          cells: [{ text: m.name }, { text: groupName(t, m.group) }, { text: subregionName(t, m.subregion) }],
        })),
      },
    ],
  });
  const annex = report.receipts;
  if (annex) {
    const receiptHead = [
      { text: t("report.member") },
      { text: t("report.code") },
      { text: t("report.submission"), num: true },
      { text: t("report.receipt-code") },
    ];
    out.push({
      id: "appendix-receipts",
      title: t("report.appendix-receipts"),
      notes: [t("report.appendix-receipts-intro")],
      tables: [
        {
          caption: t("report.sheet.receipts"),
          head: receiptHead,
          rows: annex.included.map((r) => ({
            cells: [
              { text: r.name },
              { text: r.code },
              { text: String(r.number), num: true },
              { text: r.receiptCode },
            ],
          })),
        },
        {
          caption: supersededLine(report, t),
          head: [receiptHead[0]!, receiptHead[1]!, receiptHead[3]!],
          rows: annex.superseded.map((r) => ({
            cells: [{ text: r.name }, { text: r.code }, { text: r.receiptCode }],
          })),
        },
      ],
    });
  }
  out.push({
    id: "appendix-answers",
    title: t("report.appendix-answers"),
    notes: listed ? [] : [elsewhere("all-answers")],
    tables: [],
    // Rendered apart, a batch at a time: see renderInputsHtml.
    members: listed,
  });
  return out;
};
