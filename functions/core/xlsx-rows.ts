// Reading the first sheet of an .xlsx that has something in it, as rows of text, in bounded memory:
// the zip's parts are inflated as a stream under a byte budget, and the sheet's XML is scanned as it
// arrives, keeping only cells that hold a value. A file of 16 KB can name a cell a million rows down
// or 16,384 columns across, and a part of 200 KB can inflate to a gigabyte: workbook libraries build
// every row and column up to the last one named, and inflate each part whole, which took the server
// from 267 MB to over 4 GB. Here a file costs what its values cost, up to SPREADSHEET_LIMITS.
import { createInflateRaw } from "node:zlib";
import { overLimit, SPREADSHEET_LIMITS } from "./spreadsheet-limits.ts";

/** Excel's own limit for the text of a cell: a longer one is cut there, never held whole. */
const CELL_CHARACTERS = 32_767;
/** No tag of a sheet is this long; one that is is not a spreadsheet, and is not kept growing. */
const TAG_CHARACTERS = 1024 * 1024;
const RATIO_CHECKED_FROM = 1024 * 1024;

/** A file that is not an .xlsx after all (broken zip, missing part): the caller says it is unreadable. */
class NotAWorkbook extends Error {}

// ---------------------------------------------------------------- the zip

type Entry = { name: string; method: number; packed: number; size: number; offset: number };

const u16 = (b: Uint8Array, at: number) => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
const u32 = (b: Uint8Array, at: number) => u16(b, at) + u16(b, at + 2) * 0x10000;

/** The zip's central directory: each part's name, method and declared sizes, nothing inflated. */
const entriesOf = (bytes: Uint8Array): Map<string, Entry> => {
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (u32(bytes, at) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end < 0) throw new NotAWorkbook("no end of central directory");
  const count = u16(bytes, end + 10);
  let at = u32(bytes, end + 16);
  const entries = new Map<string, Entry>();
  const names = new TextDecoder();
  for (let i = 0; i < count; i++) {
    if (u32(bytes, at) !== 0x02014b50) throw new NotAWorkbook("broken central directory");
    const nameLength = u16(bytes, at + 28);
    const name = names.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    entries.set(name.replace(/^\//, "").toLowerCase(), {
      name,
      method: u16(bytes, at + 10),
      packed: u32(bytes, at + 20),
      size: u32(bytes, at + 24),
      offset: u32(bytes, at + 42),
    });
    at += 46 + nameLength + u16(bytes, at + 30) + u16(bytes, at + 32);
  }
  return entries;
};

/** Inflates the parts of one file, all of them together under the unpacked-bytes budget. */
const partReader = (bytes: Uint8Array) => {
  const entries = entriesOf(bytes);
  let budget: number = SPREADSHEET_LIMITS.unpackedBytes;

  async function* read(entry: Entry): AsyncGenerator<Uint8Array> {
    // The declared sizes are checked before anything is inflated...
    if (entry.size > budget) throw overLimit("unpackedBytes");
    if (entry.size > RATIO_CHECKED_FROM && entry.size > entry.packed * SPREADSHEET_LIMITS.compressionRatio)
      throw overLimit("compressionRatio");
    if (u32(bytes, entry.offset) !== 0x04034b50) throw new NotAWorkbook("broken local header");
    const start = entry.offset + 30 + u16(bytes, entry.offset + 26) + u16(bytes, entry.offset + 28);
    const packed = bytes.subarray(start, start + entry.packed);
    if (entry.method === 0) {
      budget -= packed.length;
      if (budget < 0) throw overLimit("unpackedBytes");
      yield packed;
      return;
    }
    if (entry.method !== 8) throw new NotAWorkbook(`compression method ${entry.method}`);
    // ...and what inflates is counted as it comes, so a header that lies buys nothing.
    const inflater = createInflateRaw();
    inflater.end(packed);
    let inflated = 0;
    try {
      for await (const chunk of inflater as AsyncIterable<Buffer>) {
        budget -= chunk.length;
        inflated += chunk.length;
        if (budget < 0) throw overLimit("unpackedBytes");
        if (inflated > entry.size) throw new NotAWorkbook(`${entry.name} is larger than its header says`);
        yield chunk;
      }
    } finally {
      inflater.destroy();
    }
  }

  return {
    /** A part by its path in the zip, or undefined if the file has none. */
    part: (path: string) => {
      const entry = entries.get(path.replace(/^\//, "").toLowerCase());
      return entry ? read(entry) : undefined;
    },
  };
};

// ---------------------------------------------------------------- the XML

type Tag = { name: string; attributes: string; opens: boolean; closes: boolean };

const attribute = (attributes: string, name: string): string | undefined => {
  const match = new RegExp(`(?:^|\\s)(?:\\w+:)?${name}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(attributes);
  return match ? decodeEntities(match[2] ?? match[3] ?? "") : undefined;
};

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
const decodeEntities = (text: string) =>
  text.includes("&")
    ? text.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, name: string) => {
        if (name.startsWith("#")) {
          const code = name[1] === "x" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
          return code <= 0x10ffff ? String.fromCodePoint(code) : "";
        }
        return ENTITIES[name] ?? whole;
      })
    : text;

/**
 * Calls `tag` for each element's start and end and `text` for the text between, as the part
 * inflates: only a chunk and an unfinished tag are ever held.
 */
const scan = async (
  chunks: AsyncIterable<Uint8Array>,
  on: { tag(tag: Tag): void; text(text: string): void },
) => {
  const decoder = new TextDecoder();
  let pending = "";
  const consume = (text: string) => {
    let at = 0;
    for (;;) {
      const open = text.indexOf("<", at);
      if (open < 0) {
        if (at < text.length) on.text(text.slice(at));
        return "";
      }
      if (open > at) on.text(text.slice(at, open));
      const close = text.indexOf(">", open);
      if (close < 0) return text.slice(open);
      const inside = text.slice(open + 1, close);
      at = close + 1;
      if (inside.startsWith("?") || inside.startsWith("!")) continue;
      const closes = inside.startsWith("/") || inside.endsWith("/");
      const body = inside.replace(/^\/|\/$/g, "");
      const space = body.search(/\s/);
      const qualified = space < 0 ? body : body.slice(0, space);
      on.tag({
        name: qualified.slice(qualified.indexOf(":") + 1), // x:row is a row
        attributes: space < 0 ? "" : body.slice(space),
        opens: !inside.startsWith("/"),
        closes,
      });
    }
  };
  for await (const chunk of chunks) {
    pending = consume(pending + decoder.decode(chunk, { stream: true }));
    if (pending.length > TAG_CHARACTERS) throw new NotAWorkbook("a tag longer than any sheet has");
  }
  consume(pending + decoder.decode());
};

const tags = async (chunks: AsyncIterable<Uint8Array>, each: (tag: Tag) => void) =>
  scan(chunks, { tag: each, text: () => {} });

// ---------------------------------------------------------------- the workbook

const isDateFormat = (code: string) =>
  /[ymdhMsb]+/.test(code.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, ""));
const DATE_FORMAT_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

const resolvePath = (from: string, target: string) => {
  if (target.startsWith("/")) return target.slice(1);
  const parts = from.split("/").slice(0, -1);
  for (const part of target.split("/")) {
    if (part === "..") parts.pop();
    else if (part !== ".") parts.push(part);
  }
  return parts.join("/");
};

/** A cell's place: "XFD12" is row 12, column 16,384. */
const placeOf = (reference: string) => {
  const match = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(reference);
  if (!match) return undefined;
  let column = 0;
  for (const letter of (match[1] as string).toUpperCase()) column = column * 26 + letter.charCodeAt(0) - 64;
  return { row: Number(match[2]), column };
};

/** A value waiting for the shared strings: the index of its string. */
type Shared = { shared: number };
type Value = string | Shared;

/** Each row holding a value, by its number; each row's cells by column (1-based), holes for empty ones. */
type SheetCells = Map<number, Value[]>;

const readSheet = async (
  chunks: AsyncIterable<Uint8Array>,
  dateStyles: Set<number>,
  date1904: boolean,
): Promise<{ cells: SheetCells; merges: string[] }> => {
  const cells: SheetCells = new Map();
  const merges: string[] = [];
  let count = 0;
  let row = 0;
  let column = 0;
  let cell: { type: string; style: number; value?: string; inline?: string } | undefined;
  let collecting: "value" | "inline" | undefined;
  let phonetic = false;
  let text = "";

  const keep = (value: Value) => {
    if (row > SPREADSHEET_LIMITS.rows) throw overLimit("rows");
    if (column > SPREADSHEET_LIMITS.columns) throw overLimit("columns");
    if (++count > SPREADSHEET_LIMITS.cells) throw overLimit("cells");
    let values = cells.get(row);
    if (!values) cells.set(row, (values = []));
    values[column - 1] = value;
  };

  const finish = () => {
    if (!cell) return;
    const { type, style, value, inline } = cell;
    cell = undefined;
    if (type === "inlineStr") return inline === undefined ? undefined : keep(inline);
    if (value === undefined) return;
    if (type === "s") return keep({ shared: Number(value) });
    if (type === "str") return keep(value);
    if (type === "b") return keep(value.trim() === "1" ? "true" : "false");
    if (type === "e") return keep("");
    if (type === "d") {
      const date = new Date(value);
      return keep(Number.isNaN(date.getTime()) ? value : date.toISOString().slice(0, 10));
    }
    const number = parseFloat(value);
    if (dateStyles.has(style) && Number.isFinite(number)) {
      const date = new Date(Math.round((number - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
      return keep(Number.isNaN(date.getTime()) ? String(number) : date.toISOString().slice(0, 10));
    }
    return keep(String(number));
  };

  await scan(chunks, {
    tag: (t) => {
      switch (t.name) {
        case "row":
          if (t.opens) {
            const r = Number(attribute(t.attributes, "r"));
            row = Number.isInteger(r) && r > 0 ? r : row + 1;
            column = 0;
          }
          break;
        case "c":
          if (t.opens) {
            const place = placeOf(attribute(t.attributes, "r") ?? "");
            if (place) [row, column] = [place.row, place.column];
            else column += 1;
            cell = {
              type: attribute(t.attributes, "t") ?? "n",
              style: Number(attribute(t.attributes, "s") ?? 0),
            };
          }
          if (t.closes) finish();
          break;
        case "v":
          if (t.opens && !t.closes) [collecting, text] = ["value", ""];
          else if (cell && collecting === "value")
            [cell.value, collecting] = [decodeEntities(text), undefined];
          break;
        case "is":
          if (t.opens && !t.closes) [collecting, text] = ["inline", ""];
          else if (cell && collecting === "inline")
            [cell.inline, collecting] = [decodeEntities(text), undefined];
          break;
        case "rPh":
          phonetic = t.opens && !t.closes;
          break;
        case "mergeCell": {
          const ref = attribute(t.attributes, "ref");
          if (ref && merges.length < SPREADSHEET_LIMITS.cells) merges.push(ref);
          break;
        }
      }
    },
    text: (s) => {
      if (collecting && !phonetic && text.length < CELL_CHARACTERS) text += s;
    },
  });
  return { cells, merges };
};

/**
 * A merged range shows its first cell's value in each of its cells, as Excel does (a country merged
 * over its two contacts' rows names both); only over the rows and columns the import reads.
 */
const spreadMerges = (cells: SheetCells, merges: string[]) => {
  const lastRow = Math.max(0, ...cells.keys());
  let count = [...cells.values()].reduce((n, values) => n + values.filter((v) => v !== undefined).length, 0);
  for (const ref of merges) {
    const [from, to] = ref.split(":").map((r) => placeOf(r));
    if (!from || !to) continue;
    const value = cells.get(from.row)?.[from.column - 1];
    if (value === undefined) continue;
    for (let row = from.row; row <= Math.min(to.row, lastRow); row++) {
      for (let column = from.column; column <= Math.min(to.column, SPREADSHEET_LIMITS.columns); column++) {
        if (row === from.row && column === from.column) continue;
        if (++count > SPREADSHEET_LIMITS.cells) throw overLimit("cells");
        let values = cells.get(row);
        if (!values) cells.set(row, (values = []));
        values[column - 1] = value;
      }
    }
  }
};

/** The rows of the first sheet holding a value, each row's cells as text ("" for an empty one). */
export const readXlsxRows = async (bytes: Uint8Array): Promise<string[][]> => {
  try {
    return await readWorkbook(bytes);
  } catch (error) {
    if (error instanceof NotAWorkbook)
      throw new Error(`Not an .xlsx file: ${error.message}`, { cause: error });
    throw error;
  }
};

const required = (part: AsyncIterable<Uint8Array> | undefined, path: string) => {
  if (!part) throw new NotAWorkbook(`no ${path}`);
  return part;
};

const readWorkbook = async (bytes: Uint8Array): Promise<string[][]> => {
  const zip = partReader(bytes);
  const workbookPath = "xl/workbook.xml";
  const relationsPath = "xl/_rels/workbook.xml.rels";

  const sheetIds: string[] = [];
  let date1904 = false;
  await tags(required(zip.part(workbookPath), workbookPath), (t) => {
    if (t.name === "sheet" && t.opens) sheetIds.push(attribute(t.attributes, "id") ?? "");
    if (t.name === "workbookPr" && t.opens) {
      const value = attribute(t.attributes, "date1904");
      date1904 = value === "1" || value === "true";
    }
  });
  const targets = new Map<string, string>();
  let sharedStringsPath: string | undefined;
  let stylesPath: string | undefined;
  await tags(required(zip.part(relationsPath), relationsPath), (t) => {
    if (t.name !== "Relationship" || !t.opens) return;
    const target = resolvePath(workbookPath, attribute(t.attributes, "Target") ?? "");
    const type = attribute(t.attributes, "Type") ?? "";
    targets.set(attribute(t.attributes, "Id") ?? "", target);
    if (type.endsWith("/sharedStrings")) sharedStringsPath = target;
    if (type.endsWith("/styles")) stylesPath = target;
  });

  // The styles whose number format is a date: their numbers are dates, shown as YYYY-MM-DD.
  const dateStyles = new Set<number>();
  const styles = stylesPath ? zip.part(stylesPath) : undefined;
  if (styles) {
    const dateFormats = new Set(DATE_FORMAT_IDS);
    let inCellFormats = false;
    let index = 0;
    await tags(styles, (t) => {
      if (t.name === "numFmt" && t.opens && isDateFormat(attribute(t.attributes, "formatCode") ?? ""))
        dateFormats.add(Number(attribute(t.attributes, "numFmtId")));
      if (t.name === "cellXfs") inCellFormats = t.opens && !t.closes;
      if (t.name === "xf" && t.opens && inCellFormats) {
        if (dateFormats.has(Number(attribute(t.attributes, "numFmtId")))) dateStyles.add(index);
        index++;
      }
    });
  }

  for (const id of sheetIds) {
    const path = targets.get(id);
    const sheet = path ? zip.part(path) : undefined;
    if (!sheet) continue;
    const { cells, merges } = await readSheet(sheet, dateStyles, date1904);
    if (!cells.size) continue;
    spreadMerges(cells, merges);

    // Only the strings this sheet uses are kept, however large the workbook's table is.
    const wanted = new Set<number>();
    for (const values of cells.values())
      for (const value of values) if (typeof value === "object") wanted.add(value.shared);
    const strings = new Map<number, string>();
    const table = sharedStringsPath ? zip.part(sharedStringsPath) : undefined;
    if (wanted.size && table) {
      let index = 0;
      await sharedStrings(table, (text) => {
        if (wanted.has(index)) strings.set(index, text);
        index++;
      });
    }

    const rows: string[][] = [];
    const lastRow = Math.max(...cells.keys());
    for (let r = 1; r <= lastRow; r++) {
      const values = cells.get(r) ?? [];
      rows.push(
        Array.from(values, (v) =>
          v === undefined ? "" : typeof v === "string" ? v : (strings.get(v.shared) ?? ""),
        ),
      );
    }
    return rows;
  }
  return [];
};

/** Each shared string in order: the text of its runs, without the phonetic guide of East Asian text. */
const sharedStrings = async (chunks: AsyncIterable<Uint8Array>, each: (text: string) => void) => {
  let inItem = false;
  let inText = false;
  let phonetic = false;
  let text = "";
  await scan(chunks, {
    tag: (t) => {
      if (t.name === "si") {
        if (t.opens && !t.closes) [inItem, text] = [true, ""];
        else if (t.closes) {
          each(t.opens ? "" : decodeEntities(text));
          inItem = false;
        }
      } else if (t.name === "rPh") phonetic = t.opens && !t.closes;
      else if (t.name === "t") inText = t.opens && !t.closes;
    },
    text: (s) => {
      if (inItem && inText && !phonetic && text.length < CELL_CHARACTERS) text += s;
    },
  });
};
