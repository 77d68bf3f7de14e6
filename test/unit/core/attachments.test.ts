// Attachments told by their content, with files built to hurt: an HTML page named .pdf, a program named
// .docx, zip bombs named .xlsx, an empty file, names with folders and direction-changing characters.
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import {
  attachmentHeaders,
  attachmentKey,
  readAttachmentRef,
  safeFileName,
  sniffAttachment,
  type AttachmentType,
} from "../../../functions/core/attachments.ts";

const ALL: AttachmentType[] = ["pdf", "docx", "odt", "xlsx"];
const MB = 1024 * 1024;
const sniff = (bytes: Uint8Array, name: string, accept = ALL, max = 20 * MB) =>
  sniffAttachment(bytes, name, accept, max);

const PDF = new TextEncoder().encode("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n");

const zip = async (
  files: Record<string, string | Uint8Array>,
  options: { store?: string[] } = {},
): Promise<Uint8Array> => {
  const z = new JSZip();
  for (const [name, content] of Object.entries(files))
    z.file(name, content, { compression: options.store?.includes(name) ? "STORE" : "DEFLATE" });
  return z.generateAsync({ type: "uint8array", compression: "DEFLATE" });
};

const CONTENT_TYPES =
  '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';
const docx = () => zip({ "[Content_Types].xml": CONTENT_TYPES, "word/document.xml": "<w:document/>" });
const xlsx = (extra: Record<string, string | Uint8Array> = {}) =>
  zip({ "[Content_Types].xml": CONTENT_TYPES, "xl/workbook.xml": "<workbook/>", ...extra });
const odt = () =>
  zip(
    { mimetype: "application/vnd.oasis.opendocument.text", "content.xml": "<office:document-content/>" },
    { store: ["mimetype"] },
  );

describe("what a file is, by its content", () => {
  it("takes a PDF, a Word, an OpenDocument text and an Excel workbook named as what they are", async () => {
    expect(sniff(PDF, "Posição.pdf")).toEqual({ ok: true, type: "pdf" });
    expect(sniff(await docx(), "Informe.DOCX")).toEqual({ ok: true, type: "docx" });
    expect(sniff(await odt(), "avis.odt")).toEqual({ ok: true, type: "odt" });
    expect(sniff(await xlsx(), "cifras.xlsx")).toEqual({ ok: true, type: "xlsx" });
  });

  it("refuses an HTML page named .pdf and a Windows program named .docx", () => {
    const html = new TextEncoder().encode("<!doctype html><script>alert(document.cookie)</script>");
    expect(sniff(html, "position.pdf")).toEqual({ ok: false, code: "file_type" });
    const exe = new Uint8Array([
      0x4d,
      0x5a,
      0x90,
      0x00,
      0x03,
      0x00,
      0x00,
      0x00,
      0x04,
      ...new Array(200).fill(0),
    ]);
    expect(sniff(exe, "position.docx")).toEqual({ ok: false, code: "file_type" });
  });

  it("refuses a real document behind another type's name, and a type the question does not take", async () => {
    expect(sniff(await docx(), "position.pdf")).toEqual({ ok: false, code: "file_type" });
    expect(sniff(PDF, "position.docx")).toEqual({ ok: false, code: "file_type" });
    expect(sniff(await xlsx(), "cifras.xlsx", ["pdf", "docx"])).toEqual({ ok: false, code: "file_type" });
    // A zip that is no office document, and a Word file with macros (a .docm renamed).
    expect(sniff(await zip({ "readme.txt": "hello" }), "a.docx")).toEqual({ ok: false, code: "file_type" });
    const docm = await zip({
      "[Content_Types].xml": CONTENT_TYPES,
      "word/document.xml": "<w:document/>",
      "word/vbaProject.bin": "macro",
    });
    expect(sniff(docm, "a.docx")).toEqual({ ok: false, code: "file_type" });
    // An OpenDocument spreadsheet is not a text, and its mimetype must be stored first, uncompressed.
    const ods = await zip(
      { mimetype: "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>" },
      { store: ["mimetype"] },
    );
    expect(sniff(ods, "a.odt")).toEqual({ ok: false, code: "file_type" });
  });

  it("refuses a zip bomb named .xlsx without unpacking it: one entry that inflates 1000 times", async () => {
    const bomb = await xlsx({ "xl/media/zeros.bin": new Uint8Array(20 * MB) });
    expect(bomb.length).toBeLessThan(100_000);
    expect(sniff(bomb, "budget.xlsx")).toEqual({ ok: false, code: "file_unsafe" });
  });

  it("refuses entries that overlap (the non-recursive zip bomb), found in the central directory", async () => {
    const bytes = await xlsx({ "xl/a.xml": "<a/>".repeat(100), "xl/b.xml": "<b/>".repeat(100) });
    // Point the last central-directory entry at the first entry's data.
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let last = -1;
    for (let i = 0; i < bytes.length - 4; i++) if (view.getUint32(i, true) === 0x02014b50) last = i;
    view.setUint32(last + 42, 0, true);
    expect(sniff(bytes, "budget.xlsx")).toEqual({ ok: false, code: "file_unsafe" });
  });

  it("refuses an empty file, a file over the limit, and a truncated archive", async () => {
    expect(sniff(new Uint8Array(0), "empty.pdf")).toEqual({ ok: false, code: "file_empty" });
    expect(sniff(PDF, "big.pdf", ALL, PDF.length - 1)).toEqual({ ok: false, code: "file_too_large" });
    const whole = await docx();
    expect(sniff(whole.subarray(0, whole.length - 30), "cut.docx")).toEqual({ ok: false, code: "file_type" });
    expect(sniff(new TextEncoder().encode("PK\u0003\u0004"), "tiny.docx")).toEqual({
      ok: false,
      code: "file_type",
    });
  });
});

describe("a file's name, key and headers", () => {
  it("keeps letters of every language, drops folders, control and direction-changing characters", () => {
    expect(safeFileName("../../etc/passwd.pdf", "pdf")).toBe("passwd.pdf");
    expect(safeFileName("C:\\Users\\ana\\Informe técnico.docx", "docx")).toBe("Informe técnico.docx");
    // "‮fdp.exe" reads as "exe.pdf" on screen: the override goes, the real extension is the type's.
    expect(safeFileName("Posição \u202Efdp.exe", "pdf")).toBe("Posição fdp.pdf");
    expect(safeFileName("..", "odt")).toBe("attachment.odt");
    expect(safeFileName("a\u0000b<c>:d.xlsx", "xlsx")).toBe("ab_c__d.xlsx");
    expect(safeFileName(`${"é".repeat(300)}.pdf`, "pdf")).toBe(`${"é".repeat(110)}.pdf`);
    // Decomposed accents (as macOS names files) become the composed ones people type.
    expect(safeFileName("Opinia\u0303o.pdf", "pdf")).toBe("Opinião.pdf");
  });

  it("reads back what an answer holds, and refuses a name with a folder in it", () => {
    expect(readAttachmentRef("abcdefghijklmnopqrstuv:pdf:1200:Posição do Ministério.pdf")).toEqual({
      id: "abcdefghijklmnopqrstuv",
      type: "pdf",
      size: 1200,
      name: "Posição do Ministério.pdf",
    });
    expect(readAttachmentRef("abcdefghijklmnopqrstuv:pdf:1200:../x.pdf")).toBeUndefined();
    expect(readAttachmentRef("abcdefghijklmnopqrstuv:html:1200:x.html")).toBeUndefined();
  });

  it("keeps a file under its campaign and member only", () => {
    expect(attachmentKey("c1", "BRA", "abc_-1")).toBe("attachments/c1/BRA/abc_-1");
    expect(() => attachmentKey("c1", "../ARG", "abc")).toThrow();
    expect(() => attachmentKey("c1", "BRA", "a/b")).toThrow();
  });

  it("is always served as a download, of its own type, never sniffed", () => {
    const h = attachmentHeaders({ id: "x".repeat(20), type: "pdf", size: 3, name: 'Posição "final".pdf' });
    expect(h["content-type"]).toBe("application/pdf");
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["content-disposition"]).toBe(
      `attachment; filename="Posi__o _final_.pdf"; filename*=UTF-8''Posi%C3%A7%C3%A3o%20%22final%22.pdf`,
    );
  });
});
