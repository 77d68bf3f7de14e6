// The HTML report's cover and introduction: titles in the report's language, response rates by group and subregion.
import { formatters, groupName, historyLines, subregionName } from "../strings.ts";
import type { HtmlContext, TableView } from "./view.ts";

/** Each language has a report of its own, so the cover no longer pairs Spanish with English. */
export const coverView = ({ report, t }: HtmlContext) => ({
  title: report.titles[report.lang],
  /** The edition's earlier issues and this one, each with what it changed (none for a first issue). */
  history: historyLines(t, report),
  meeting: report.meeting,
  date: formatters(report.lang, report.timeZone).dateTime(report.generatedAt),
  questionnaire: `${report.questionnaire.title} (${report.questionnaire.id}, v${report.questionnaire.version})`,
});

export const introView = ({ report, t, int, pct }: HtmlContext) => {
  const rateRow = (label: string, invited: number, answered: number, segment = false) => ({
    segment,
    cells: [
      { text: label },
      { text: int(invited), num: true },
      { text: int(answered), num: true },
      { text: pct(invited ? answered / invited : undefined), num: true },
    ],
  });
  const rateHead = (first: string) => [
    { text: first },
    { text: t("report.invited"), num: true },
    { text: t("report.answered"), num: true },
    { text: t("report.response-rate"), num: true },
  ];
  return {
    answered: report.answered,
    invited: report.invited,
    groups: {
      caption: t("report.by-group"),
      head: rateHead(t("report.group")),
      rows: [
        ...report.groups.map((g) => rateRow(groupName(t, g.group), g.invited, g.answered)),
        rateRow(t("report.total"), report.invited, report.answered, true),
      ],
    } satisfies TableView,
    subregions: report.subregions.length
      ? ({
          caption: t("report.by-subregion"),
          head: rateHead(t("report.subregion")),
          rows: report.subregions.map((s) => rateRow(subregionName(t, s.subregion), s.invited, s.answered)),
        } satisfies TableView)
      : undefined,
  };
};
