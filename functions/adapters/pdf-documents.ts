// Printable copies as PDF (pdfmake over pdfkit): the receipt of a submission, in the contact's language.
//
// pdfmake lays out headings, wrapped paragraphs and page footers for us, and embeds its Roboto fonts,
// which cover the Latin script of the four languages (and Greek and Cyrillic a respondent may paste):
// a PDF reader never substitutes a font, so accents print as typed.
import { createRequire } from "node:module";
import { dirname } from "node:path";
import type { Content, DocumentDefinition } from "pdfmake";
import type { ReceiptDocument } from "../core/compose-email.ts";
import type { Documents } from "../core/ports.ts";

const require = createRequire(import.meta.url);

type PdfMake = typeof import("pdfmake");
let loading: Promise<PdfMake> | undefined;

/** pdfmake, loaded on the first document: most requests of the functions that print never do. */
const pdfmake = () =>
  (loading ??= import("pdfmake").then((m) => {
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
  }));

const definition = (doc: ReceiptDocument, pageOf: (page: number, pages: number) => string) =>
  ({
    info: { title: `${doc.title} — ${doc.receiptCode}`, subject: doc.receiptCode },
    language: doc.lang,
    pageSize: "A4",
    pageMargins: [48, 56, 48, 64],
    defaultStyle: { font: "Roboto", fontSize: 10, lineHeight: 1.2 },
    footer: (page: number, pages: number): Content => ({
      margin: [48, 16, 48, 0],
      columns: [
        { text: doc.footer, fontSize: 8 },
        { text: pageOf(page, pages), fontSize: 8, alignment: "right", width: "auto" },
      ],
    }),
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

/** The printer as the port core calls (Ports.documents). */
export const pdfDocuments: Pick<Documents, "receiptPdf"> = { receiptPdf };
