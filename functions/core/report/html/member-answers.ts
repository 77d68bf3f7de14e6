// The HTML report's last appendix: every answer of each member, question by question.
import type { InputsReport, Translate } from "../model.ts";
import { groupName, shownFreeText } from "../strings.ts";
import type { Translated } from "./view.ts";

export type MemberAnswers = {
  id: string;
  name: string;
  meta: string;
  /** `links`: a file question's files, each linked where the report knows the console's address. */
  answers: (Translated & { label: string; links?: { name: string; href?: string }[] })[];
};

/**
 * Every answer of the members `from` to `to`, question by question; the scored items of one
 * question are folded into one answer.
 */
export const memberAnswers = (
  report: InputsReport,
  t: Translate,
  from: number,
  to: number,
): MemberAnswers[] => {
  // Columns of one question (scored items, money parts) are read together.
  const spans: { label: string; from: number; to: number }[] = [];
  report.columns.forEach((c, i) => {
    const last = spans[spans.length - 1];
    if (last && report.columns[last.from]?.questionId === c.questionId) last.to = i;
    else spans.push({ label: c.question, from: i, to: i });
  });
  return report.respondents.slice(from, to).map((r) => {
    const cells = r.cells();
    return {
      id: `member-${r.code}`,
      name: r.name,
      meta: `${groupName(t, r.group)} · ${r.code} · ${t("report.version")} ${r.version}`,
      answers: spans.flatMap((s) => {
        const parts: string[] = [];
        let items = false;
        for (let i = s.from; i <= s.to; i++) {
          const v = cells[i];
          const column = report.columns[i];
          if (v === undefined || !column) continue;
          items ||= column.item !== undefined;
          parts.push(column.item !== undefined ? `${column.item}: ${v}` : String(v));
        }
        if (!parts.length) return [];
        const files = r.files?.[report.columns[s.from]?.questionId ?? ""];
        const links = files?.map((f) => ({
          name: f.name,
          ...(report.attachmentsUrl
            ? { href: `${report.attachmentsUrl}/${encodeURIComponent(r.code)}/${encodeURIComponent(f.id)}` }
            : {}),
        }));
        const text = parts.join(items ? "\n" : " ");
        // A person's words in another language: in the report's where translated, marked either way.
        const translation = s.from === s.to ? r.translations.get(s.from) : undefined;
        return [
          {
            label: s.label,
            ...(translation ? shownFreeText(t, report.lang, { text, translation }) : { text }),
            ...(links ? { links } : {}),
          },
        ];
      }),
    };
  });
};
