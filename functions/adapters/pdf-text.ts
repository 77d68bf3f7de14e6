// A PDF's text for a person to transcribe (the console's side-by-side screen): page by page, in paragraphs.
//
// PDF.js (Mozilla's reader, in unpdf's build for servers: plain JavaScript, no worker thread, no canvas)
// runs in the Lambda as it does here; Debian's pdftotext is no option there. A PDF is a program a
// stranger wrote, so the reader is held short: the upload's size limit first (core/word-replies.ts), then
// no compressed stream inflating past PDF_LIMITS.inflated, at most PDF_LIMITS.pages pages and
// PDF_LIMITS.characters characters read for PDF_LIMITS.milliseconds, no `eval` of its fonts,
// nothing fetched (no font or CMap URL is given), and whatever fails is one BadRequest the console
// words as "could not be read", never a 500.
import { constants, inflateSync } from "node:zlib";
import { BadRequest } from "../core/errors.ts";
import type { Documents, PdfText } from "../core/ports.ts";

/**
 * How much of a PDF is read: a reply runs to a few pages; past these, it is downloaded and read whole.
 * `inflated`: the bytes its compressed streams may hold once inflated, all together (PDF.js holds a
 * stream whole in memory: 100 MB inflated from a 100 KB file took 405 MB, and the console has 512 MB).
 * `milliseconds`: the reading stops after the page that passes it (the console's timeout is 20 s).
 */
export const PDF_LIMITS = { pages: 200, characters: 400_000, inflated: 64 * 1024 * 1024, milliseconds: 8000 };

/** Why a PDF's text is not shown; the console words it (replies.console.pdf_no_text). */
export class UnreadablePdf extends BadRequest {
  constructor(message: string) {
    super("pdf_unreadable", message);
  }
}

type Unpdf = typeof import("unpdf");
let loading: Promise<Unpdf> | undefined;

/** unpdf (PDF.js, 1.6 MB), loaded on the first PDF shown: built beside the console's bundle (cdk/functions.ts). */
const unpdf = () => (loading ??= import("unpdf"));

/** One piece of text as PDF.js lays it out: a marked-content item has no `str`. */
type Item = { str?: string; hasEOL?: boolean; width?: number; height?: number; transform?: number[] };

type Line = { text: string; y?: number; right?: number; height: number };

/**
 * A page's lines gathered into paragraphs. A paragraph ends at an empty line; before a gap down to the
 * next line wider than one and a half lines, or a gap up (a new column); where the type size changes
 * (a heading); and after a line that stops short of the page's widest (a paragraph's last line). Lines
 * of a paragraph are joined by a space, so a sentence the PDF wrapped reads, and is searched, whole.
 */
export const paragraphsOf = (items: readonly Item[]): string[] => {
  const lines: Line[] = [];
  let line: Line = { text: "", height: 0 };
  for (const item of items) {
    if (typeof item.str !== "string") continue;
    const x = item.transform?.[4];
    if (item.str.trim()) {
      line.y ??= item.transform?.[5];
      line.height = Math.max(line.height, item.height ?? 0);
      if (x !== undefined) line.right = Math.max(line.right ?? x, x + (item.width ?? 0));
    }
    line.text += item.str;
    if (item.hasEOL) {
      lines.push(line);
      line = { text: "", height: 0 };
    }
  }
  lines.push(line);
  const widest = lines.reduce((most, l) => Math.max(most, l.right ?? 0), 0);
  const paragraphs: string[] = [];
  let current: string[] = [];
  let previous: Omit<Line, "text"> | undefined;
  for (const { text, ...at } of lines) {
    const words = text.replace(/\s+/g, " ").trim();
    const height = Math.max(previous?.height ?? 0, at.height, 1);
    const gap = previous?.y !== undefined && at.y !== undefined ? previous.y - at.y : undefined;
    const breaks =
      !words ||
      (previous &&
        ((gap !== undefined && (gap < 0 || gap > 1.5 * height)) ||
          Math.abs(previous.height - at.height) > 0.5 ||
          (previous.right ?? widest) < 0.8 * widest));
    if (breaks && current.length) {
      paragraphs.push(current.join(" "));
      current = [];
    }
    if (words) current.push(words);
    previous = words ? at : undefined;
  }
  if (current.length) paragraphs.push(current.join(" "));
  return paragraphs;
};

/**
 * The bytes a PDF's Flate streams hold once inflated, found by their `stream` and `endstream` keywords and
 * inflated here with a cap, so a compression bomb is refused before PDF.js would inflate it whole. A
 * stream that is no zlib data (a JPEG, an encrypted one) counts as nothing: PDF.js never inflates it either.
 */
const inflatedSize = (bytes: Uint8Array, cap: number) => {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  let total = 0;
  for (const start of text.matchAll(/(?<!end)stream\r?\n/g)) {
    const from = start.index + start[0].length;
    const to = text.indexOf("endstream", from);
    if (to < 0) break;
    try {
      total += inflateSync(bytes.subarray(from, to), {
        maxOutputLength: Math.max(1, cap - total + 1),
        finishFlush: constants.Z_SYNC_FLUSH,
      }).length;
    } catch (error) {
      if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") return Infinity;
    }
    if (total > cap) return total;
  }
  return total;
};

/**
 * The text of a PDF, page by page in paragraphs, up to PDF_LIMITS; `cut` says pages or characters were
 * left out. Refused (UnreadablePdf): anything PDF.js cannot open (damaged, not a PDF, protected by a
 * password). A PDF of scanned images opens and has no text: its pages come back empty.
 */
export const readPdfText = async (
  bytes: Uint8Array,
  within: Partial<typeof PDF_LIMITS> = {},
): Promise<PdfText> => {
  const limits = { ...PDF_LIMITS, ...within };
  if (inflatedSize(bytes, limits.inflated) > limits.inflated)
    throw new UnreadablePdf("The PDF's streams inflate beyond the limit");
  const { getDocumentProxy } = await unpdf();
  const started = Date.now();
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // A copy, as a plain Uint8Array: PDF.js refuses a Buffer, and may take over (detach) what it is given.
    pdf = await getDocumentProxy(new Uint8Array(bytes), {
      isEvalSupported: false,
      useSystemFonts: false,
      disableFontFace: true,
      isOffscreenCanvasSupported: false,
      enableXfa: false,
      // Nothing read from disk or the network: unpdf would point these at an installed pdfjs-dist.
      standardFontDataUrl: undefined,
      cMapUrl: undefined,
      // Its warnings about a damaged file are the file's, not ours: not in the function's log.
      verbosity: 0,
    });
  } catch (error) {
    throw new UnreadablePdf(
      `The PDF could not be opened: ${(error as Error).name}: ${(error as Error).message}`,
    );
  }
  try {
    const pages: string[][] = [];
    let characters = 0;
    let full = false;
    for (let number = 1; number <= Math.min(pdf.numPages, limits.pages) && !full; number++) {
      const page = await pdf.getPage(number);
      const content = await page.getTextContent();
      page.cleanup();
      const kept: string[] = [];
      for (const paragraph of paragraphsOf(content.items as Item[])) {
        const room = limits.characters - characters;
        if (paragraph.length > room) {
          if (room > 0) kept.push(paragraph.slice(0, room));
          full = true;
          break;
        }
        kept.push(paragraph);
        characters += paragraph.length;
      }
      if (kept.length || !full) pages.push(kept);
      if (Date.now() - started > limits.milliseconds) break;
    }
    return { pages, pageCount: pdf.numPages, cut: full || pages.length < pdf.numPages };
  } catch (error) {
    throw new UnreadablePdf(
      `The PDF's text could not be read: ${(error as Error).name}: ${(error as Error).message}`,
    );
  } finally {
    await pdf.destroy();
  }
};

/** The PDF reader of the documents port (Ports.documents), given to the console only. */
export const pdfText: Pick<Documents, "readPdfText"> = { readPdfText };
