// A PDF's text as the console's transcription screen shows it (adapters/pdf-text.ts), read from PDFs our
// own printer makes (pdfmake, as the receipts are): accents intact, headings and paragraphs apart, pages
// kept; the reader held to its limits; damaged, locked and foreign files refused as one "cannot read".
import { deflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import type { Content, DocumentDefinition } from "pdfmake";
import { pdfmake } from "../../../functions/adapters/pdf-documents.ts";
import { readPdfText, UnreadablePdf } from "../../../functions/adapters/pdf-text.ts";

/** A PDF from our printer (adapters/pdf-documents.ts), with its Roboto fonts; `more`: pdfkit's options. */
const printed = async (content: Content[], more: Record<string, unknown> = {}) =>
  new Uint8Array(await (await pdfmake()).createPdf({ content, ...more } as DocumentDefinition).getBuffer());

/** A one-page PDF written by hand around a Flate-compressed content stream, Helvetica for its text. */
const handWritten = (deflated: Buffer) => {
  const objects = [
    Buffer.from("<< /Type /Catalog /Pages 2 0 R >>"),
    Buffer.from("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
    Buffer.from(
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    ),
    Buffer.concat([
      Buffer.from(`<< /Length ${deflated.length} /Filter /FlateDecode >>\nstream\n`),
      deflated,
      Buffer.from("\nendstream"),
    ]),
    Buffer.from("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"),
  ];
  const parts = [Buffer.from("%PDF-1.4\n")];
  let length = parts[0]!.length;
  const offsets = objects.map((object, i) => {
    const part = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), object, Buffer.from("\nendobj\n")]);
    parts.push(part);
    length += part.length;
    return length - part.length;
  });
  const xref = offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("");
  parts.push(
    Buffer.from(
      `xref\n0 6\n0000000000 65535 f \n${xref}trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n${length}\n%%EOF`,
    ),
  );
  return new Uint8Array(Buffer.concat(parts));
};

const SENTENCE = "Fortalecer a cooperação técnica — ação nº 3: inspeção, formação e diálogo social, “já”.";

describe("a PDF's text", () => {
  it("reads each page in paragraphs, a wrapped paragraph whole, accents as typed", async () => {
    const bytes = await printed([
      { text: "Posição do Ministério do Trabalho", fontSize: 16, bold: true },
      "Resumo: prioridades para 2026.",
      // Spaced as Word spaces paragraphs, and as pdfmake leaves them, end to end.
      { text: `${SENTENCE} `.repeat(6).trim(), margin: [0, 0, 0, 8] },
      `${SENTENCE} `.repeat(3).trim(),
      { text: "Prioridades: ç, ã, õ, é, ñ, œ, ß, « guillemets ».", pageBreak: "before" },
    ]);
    const read = await readPdfText(bytes);
    expect(read).toEqual({
      pages: [
        [
          "Posição do Ministério do Trabalho",
          "Resumo: prioridades para 2026.",
          `${SENTENCE} `.repeat(6).trim(),
          `${SENTENCE} `.repeat(3).trim(),
        ],
        ["Prioridades: ç, ã, õ, é, ñ, œ, ß, « guillemets »."],
      ],
      pageCount: 2,
      cut: false,
    });
  });

  it("reads no more than its limit of pages, and says the rest was left", async () => {
    const bytes = await printed(
      Array.from({ length: 12 }, (_, i) => ({
        text: `Página ${i + 1}`,
        ...(i ? { pageBreak: "before" as const } : {}),
      })),
    );
    const read = await readPdfText(bytes, { pages: 5 });
    expect(read.pageCount).toBe(12);
    expect(read.cut).toBe(true);
    expect(read.pages).toEqual([["Página 1"], ["Página 2"], ["Página 3"], ["Página 4"], ["Página 5"]]);
  });

  it("reads no more than its limit of characters, cutting the last paragraph", async () => {
    const bytes = await printed([SENTENCE, { text: SENTENCE, pageBreak: "before" }, "Fim."]);
    const read = await readPdfText(bytes, { characters: SENTENCE.length + 10 });
    expect(read).toEqual({ pages: [[SENTENCE], [SENTENCE.slice(0, 10)]], pageCount: 2, cut: true });
  });

  it("stops after the page that passes its time, and says the rest was left", async () => {
    const bytes = await printed([SENTENCE, { text: "Fim.", pageBreak: "before" }]);
    expect(await readPdfText(bytes, { milliseconds: -1 })).toEqual({
      pages: [[SENTENCE]],
      pageCount: 2,
      cut: true,
    });
  });

  it("refuses a PDF whose compressed streams inflate past the limit, before PDF.js would hold them", async () => {
    // A page whose text is followed by 8 MB of spaces, deflated to a few kilobytes.
    const content = Buffer.concat([
      Buffer.from("BT /F1 24 Tf 72 700 Td (Inicio) Tj ET\n"),
      Buffer.alloc(8 * 1024 * 1024, 0x20),
    ]);
    const bomb = handWritten(deflateSync(content, { level: 9 }));
    expect(bomb.length).toBeLessThan(20_000);
    await expect(readPdfText(bomb, { inflated: 4 * 1024 * 1024 })).rejects.toBeInstanceOf(UnreadablePdf);
    // The same page within the limit reads.
    expect((await readPdfText(bomb, { inflated: 16 * 1024 * 1024 })).pages).toEqual([["Inicio"]]);
  });

  it("refuses what is not a PDF, an empty or damaged one, and one locked by a password", async () => {
    const real = await printed([SENTENCE]);
    const locked = await printed([SENTENCE], { userPassword: "segredo", version: "1.7" });
    const refused = [
      new Uint8Array(),
      new TextEncoder().encode("%PDF-1.4\n% minimal\n"),
      new TextEncoder().encode("<html><script>alert(1)</script></html>"),
      // A real PDF with its middle overwritten: no readable structure left.
      real.map((b, i) => (i > 20 && i < real.length - 10 ? 0x20 : b)),
      locked,
    ];
    for (const bytes of refused) await expect(readPdfText(bytes)).rejects.toBeInstanceOf(UnreadablePdf);
  });

  it("reads what it can of a PDF cut short, or refuses it: never another error", async () => {
    const real = await printed([SENTENCE, { text: SENTENCE, pageBreak: "before" }]);
    for (const end of [real.length - 200, Math.floor(real.length / 2), 400]) {
      const outcome = await readPdfText(real.subarray(0, end)).then(
        (read) => (read.pageCount <= 2 ? "read" : `read ${read.pageCount} pages`),
        (error: unknown) => (error instanceof UnreadablePdf ? "refused" : String(error)),
      );
      expect(["read", "refused"]).toContain(outcome);
    }
  });

  it("takes a Node Buffer, as the blob stores return", async () => {
    const bytes = await printed([SENTENCE]);
    expect((await readPdfText(Buffer.from(bytes))).pages).toEqual([[SENTENCE]]);
  });
});
