// The report as the HTML document people read and print: every figure formatted in the page's parts
// (html/*.ts: cover and introduction, chapters of figures and listings, appendices, every member's
// answers), so the template only places text (always escaped) and the geometry of inline SVG bars.
import { appendixViews } from "./html/appendices.ts";
import { chapterViews } from "./html/chapters.ts";
import { memberAnswers } from "./html/member-answers.ts";
import { coverView, introView } from "./html/summary.ts";
import { htmlContext } from "./html/view.ts";
import type { InputsReport, Translate } from "./model.ts";
import { memo } from "./strings.ts";

export { LISTING_LIMIT } from "./html/view.ts";
export type { BlockView, ChartView, TableView } from "./html/view.ts";

export const buildInputsHtmlView = (report: InputsReport, translate: Translate) => {
  const t = memo(translate);
  const ctx = htmlContext(report, t);
  const chapters = chapterViews(ctx);
  const appendices = appendixViews(ctx);
  const toc = [
    { id: "introduction", label: t("report.introduction") },
    ...chapters.map((c) => ({ id: c.id, label: `${c.number}. ${c.title}` })),
    ...appendices.map((a) => ({ id: a.id, label: a.title })),
  ];
  return {
    lang: report.lang,
    documentTitle: `${t("report.cover-title")} — ${report.title}`,
    cover: coverView(ctx),
    toc,
    intro: introView(ctx),
    chapters,
    appendices,
  };
};

export type InputsHtmlView = ReturnType<typeof buildInputsHtmlView>;

/**
 * Where the page template leaves room for one chapter's blocks or one appendix's contents, in the
 * order of the page; respondents' text is escaped, so it can never make one.
 */
export const PART_MARKER = "<!--consulta:part-->";
const MEMBERS_PER_BATCH = 25;

/**
 * The whole HTML document as UTF-8. The page is rendered without the contents of its chapters and
 * appendices, which are then rendered a block, a table or a batch of members at a time and encoded
 * at once: memory holds the bytes of the document and one part as text, never the whole document
 * as one string.
 */
export const renderInputsHtml = (
  report: InputsReport,
  translate: Translate,
  render: (template: string, context: object) => string,
  /** The accessibility statement's absolute address (the file is read offline); the page adds ?lang=. */
  statementUrl?: string,
): Uint8Array => {
  const t = memo(translate);
  const { lang } = report;
  const view = buildInputsHtmlView(report, t);
  const pieces = render("report/inputs.html", { ...view, statementUrl }).split(PART_MARKER);
  const parts: (() => Iterable<string>)[] = [
    ...view.chapters.map(
      (c) =>
        function* () {
          for (const block of c.blocks) yield render("report/inputs-part.html", { lang, blocks: [block] });
        },
    ),
    ...view.appendices.map(
      (a) =>
        function* () {
          for (const table of a.tables) yield render("report/inputs-part.html", { lang, tables: [table] });
          if (!a.members) return;
          for (let from = 0; from < report.respondents.length; from += MEMBERS_PER_BATCH) {
            const members = memberAnswers(report, t, from, from + MEMBERS_PER_BATCH);
            yield render("report/inputs-members.html", { lang, members });
          }
        },
    ),
  ];
  if (pieces.length !== parts.length + 1)
    throw new Error(`report/inputs.html has ${pieces.length - 1} parts, the report ${parts.length}`);
  const chunks: Buffer[] = [];
  pieces.forEach((piece, i) => {
    chunks.push(Buffer.from(piece));
    for (const text of parts[i]?.() ?? []) chunks.push(Buffer.from(text));
  });
  return Buffer.concat(chunks);
};
