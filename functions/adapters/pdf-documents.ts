// Printable copies as PDF (pdfmake over pdfkit): the receipt of a submission, in the contact's language,
// and the compiled report in each of its languages.
//
// pdfmake lays out headings, wrapped paragraphs and page footers for us, and embeds its Roboto fonts,
// which cover the Latin script of the four languages (and Greek and Cyrillic a respondent may paste):
// a PDF reader never substitutes a font, so accents print as typed.
import { createRequire } from "node:module";
import { dirname } from "node:path";
import type { Content, DocumentDefinition } from "pdfmake";
import type { ReceiptDocument } from "../core/compose-email.ts";
import type { Documents } from "../core/ports.ts";
import type { RespondentGroup } from "../core/questionnaire/definition.ts";
import type { PrintedCell, PrintedPart, PrintedReport } from "../core/report/inputs-pdf.ts";
import { onFirstUse } from "./on-first-use.ts";

const require = createRequire(import.meta.url);

type PdfMake = typeof import("pdfmake");

/**
 * pdfmake, loaded on the first document (most requests of the functions that print never do), with its
 * Roboto fonts and nothing else readable: the one printer every PDF of ours comes from.
 */
export const pdfmake = onFirstUse(() =>
  import("pdfmake").then((m) => {
    const printer = ((m as { default?: PdfMake }).default ?? m) as PdfMake;
    const regular = require.resolve("pdfmake/fonts/Roboto/Roboto-Regular.ttf");
    const fonts = dirname(regular);
    printer.setFonts({
      Roboto: {
        normal: regular,
        bold: `${fonts}/Roboto-Medium.ttf`,
        italics: `${fonts}/Roboto-Italic.ttf`,
        bolditalics: `${fonts}/Roboto-MediumItalic.ttf`,
      },
    });
    // Only the fonts are ever read from disk, and nothing from the network: a document is built from
    // what respondents typed, which must never name a file or a URL the printer would fetch.
    printer.setLocalAccessPolicy((path) => path.startsWith(`${fonts}/`));
    printer.setUrlAccessPolicy(() => false);
    return printer;
  }),
);

/** The page every PDF of ours is printed on: A4, Roboto, the footer's words left and "page N of M" right. */
const a4Page = (
  info: { title: string; subject: string },
  lang: string,
  footer: string,
  pageOf: (page: number, pages: number) => string,
) =>
  ({
    info,
    language: lang,
    pageSize: "A4",
    pageMargins: [48, 56, 48, 64],
    defaultStyle: { font: "Roboto", fontSize: 10, lineHeight: 1.2 },
    footer: (page: number, pages: number): Content => ({
      margin: [48, 16, 48, 0],
      columns: [
        { text: footer, fontSize: 8 },
        { text: pageOf(page, pages), fontSize: 8, alignment: "right", width: "auto" },
      ],
    }),
  }) satisfies Partial<DocumentDefinition>;

const definition = (doc: ReceiptDocument, pageOf: (page: number, pages: number) => string) =>
  ({
    ...a4Page(
      { title: `${doc.title} — ${doc.receiptCode}`, subject: doc.receiptCode },
      doc.lang,
      doc.footer,
      pageOf,
    ),
    content: [
      { text: doc.title, fontSize: 15, bold: true, margin: [0, 0, 0, 8] },
      ...doc.lines.map((line) => ({ text: line, margin: [0, 0, 0, 4] as [number, number, number, number] })),
      { text: doc.footer, bold: true, margin: [0, 6, 0, 12] },
      ...doc.sections.flatMap((section): Content[] => [
        { text: section.title, fontSize: 12, bold: true, margin: [0, 10, 0, 4] },
        ...section.answers.flatMap((answer): Content[] => [
          { text: answer.label, bold: true, margin: [0, 6, 0, 2] },
          { text: answer.text, margin: [8, 0, 0, 2] },
        ]),
      ]),
      { text: doc.contact, margin: [0, 16, 0, 0], italics: true },
    ],
  }) satisfies DocumentDefinition;

/** The receipt as PDF bytes; `pageOf` words "page 2 of 5" in the document's language. */
export const receiptPdf = async (
  doc: ReceiptDocument,
  pageOf: (page: number, pages: number) => string,
): Promise<Uint8Array> => {
  const printer = await pdfmake();
  return new Uint8Array(await printer.createPdf(definition(doc, pageOf)).getBuffer());
};

type Margins = [number, number, number, number];
const BAR_WIDTH = 150;
const BAR_COLOR = "#2b6cb0";
/** Each respondent group's colour, as the HTML edition's (templates/report/inputs.html.hbs). */
const GROUP_COLORS: Record<RespondentGroup, string> = {
  government: "#0072b2",
  workers: "#e69f00",
  employers: "#009e73",
};

/** A table's type size: a heat map of twenty topics must still fit the page's width. */
const tableFont = (columns: number) => (columns > 10 ? 6 : columns > 6 ? 7 : 9);

const cell = (c: PrintedCell, bold = false): Content => ({
  text: c.text,
  ...(c.num ? { alignment: "right" as const } : {}),
  ...(bold ? { bold: true } : {}),
});

const part = (p: PrintedPart): Content[] => {
  switch (p.kind) {
    case "title":
      return [{ text: p.text, fontSize: 20, bold: true, margin: [0, 120, 0, 16] }];
    case "heading":
      return [
        {
          text: p.text,
          fontSize: p.level === 1 ? 15 : p.level === 2 ? 12.5 : 11,
          bold: true,
          margin: p.level === 1 ? [0, 18, 0, 8] : [0, 10, 0, 4],
          ...(p.level === 1 ? { pageBreak: "before" as const } : {}),
        },
      ];
    case "paragraph":
      return [
        {
          text: p.text,
          margin: [0, 0, 0, 5] as Margins,
          ...(p.style === "note" ? { fontSize: 8.5, color: "#444444" } : {}),
          ...(p.style === "meta" ? { fontSize: 8.5, italics: true } : {}),
          ...(p.style === "strong" ? { bold: true } : {}),
        },
      ];
    case "quote":
      return [
        {
          unbreakable: true,
          margin: [8, 2, 0, 6],
          stack: [
            { text: p.who, bold: true, fontSize: 9 },
            { text: p.text },
            ...(p.note ? [{ text: p.note, fontSize: 8, italics: true, color: "#444444" }] : []),
            ...(p.original ? [{ text: p.original, fontSize: 8.5, color: "#444444" }] : []),
          ],
        },
      ];
    case "bars":
      return [
        { text: p.caption, fontSize: 8.5, italics: true, margin: [0, 2, 0, 2] },
        ...(p.legend
          ? [
              {
                columns: p.legend.map(({ label, group }) => ({
                  text: label,
                  bold: true,
                  color: GROUP_COLORS[group],
                  fontSize: 8.5,
                  width: "auto" as const,
                  margin: [0, 0, 12, 4] as Margins,
                })),
              },
            ]
          : []),
        {
          layout: "noBorders",
          margin: [0, 0, 0, 8],
          table: {
            widths: ["*", BAR_WIDTH, "auto"],
            dontBreakRows: true,
            body: p.bars.map((b): Content[] => [
              { text: b.detail ? `${b.label}\n${b.detail}` : b.label, fontSize: 8.5 },
              {
                canvas: (b.series ?? [{ share: b.share, group: undefined }]).map(({ share, group }, k) => ({
                  type: "rect" as const,
                  x: 0,
                  y: 2 + k * 10,
                  w: Math.max(0.5, share * BAR_WIDTH),
                  h: 8,
                  color: group ? GROUP_COLORS[group] : BAR_COLOR,
                })),
              },
              { text: b.value, fontSize: 8.5, alignment: "right" },
            ]),
          },
        },
      ];
    case "table": {
      const columns = p.head.length;
      const fontSize = tableFont(columns);
      return [
        ...(p.caption ? [{ text: p.caption, bold: true, fontSize: 9, margin: [0, 4, 0, 2] as Margins }] : []),
        {
          layout: "lightHorizontalLines",
          fontSize,
          margin: [0, 0, 0, 8],
          table: {
            headerRows: 1,
            dontBreakRows: true,
            // Figures take the width they need; the text columns share the rest.
            widths: p.head.map((c) => (c.num ? "auto" : "*")),
            body: [
              p.head.map((c) => cell(c, true)),
              ...p.rows.map((r) => r.cells.map((c) => cell(c, r.total))),
            ],
          },
        },
      ];
    }
    case "answers":
      return p.answers.flatMap((a): Content[] => [
        { text: a.label, bold: true, fontSize: 9, margin: [0, 4, 0, 1] },
        { text: a.text, margin: [8, 0, 0, 2] },
      ]);
  }
};

/** The compiled report (core/report/inputs-pdf.ts) as PDF bytes, in the report's language. */
export const reportPdf = async (doc: PrintedReport): Promise<Uint8Array> => {
  const printer = await pdfmake();
  const definition: DocumentDefinition = {
    ...a4Page({ title: doc.title, subject: doc.title }, doc.lang, doc.footer, (page, pages) =>
      doc.pageOf.replace("{page}", String(page)).replace("{pages}", String(pages)),
    ),
    content: doc.parts.flatMap(part),
  };
  return new Uint8Array(await printer.createPdf(definition).getBuffer());
};

/** The printer as the port core calls (Ports.documents). */
export const pdfDocuments: Pick<Documents, "receiptPdf" | "reportPdf"> = { receiptPdf, reportPdf };
