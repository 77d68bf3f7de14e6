// The workbook writer reaches into exceljs' streaming writer: these fail if an exceljs upgrade moves
// or changes any member it relies on, before a report comes out broken or a compile hangs.
import { once } from "node:events";
import { PassThrough } from "node:stream";
import { inflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import {
  worksheetInternals,
  writeXlsx,
  type WorkbookInternals,
} from "../../../functions/adapters/xlsx/stream-writer.ts";
import { avg, numberedRows, type Row, type SheetEnd } from "../../../functions/core/report/workbook.ts";

/** Each part of a zip by name, inflated (read from the central directory, as Excel does). */
const unzip = (zip: Buffer): Map<string, string> => {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const parts = new Map<string, string>();
  let at = zip.readUInt32LE(end + 16);
  for (let i = zip.readUInt16LE(end + 10); i > 0; i--) {
    const [method, packed, nameLength] = [
      zip.readUInt16LE(at + 10),
      zip.readUInt32LE(at + 20),
      zip.readUInt16LE(at + 28),
    ];
    const name = zip.toString("utf8", at + 46, at + 46 + nameLength);
    const local = zip.readUInt32LE(at + 42);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + packed);
    parts.set(name, (method === 8 ? inflateRawSync(data) : data).toString("utf8"));
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return parts;
};

/** A streaming workbook whose output is read and thrown away, as the zip is made. */
const streamingWorkbook = () => {
  const sink = new PassThrough();
  sink.resume();
  return new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useSharedStrings: false, useStyles: true });
};

describe("what the workbook writer uses of exceljs' streaming writer", () => {
  it("registers a style and gives back its id (styles.addStyleModel)", () => {
    const styles = (streamingWorkbook() as unknown as WorkbookInternals).styles;
    expect(typeof styles.addStyleModel).toBe("function");
    const bold = styles.addStyleModel({ font: { bold: true } });
    const italic = styles.addStyleModel({ font: { italic: true } });
    expect(Number.isInteger(bold) && Number.isInteger(italic)).toBe(true);
    expect(bold).toBeGreaterThan(0); // 0 is the default style
    expect(italic).not.toBe(bold);
  });

  it("writes a sheet's head on demand, and calls _writeConditionalFormatting once as it commits", async () => {
    const book = streamingWorkbook();
    const ws = book.addWorksheet("One");
    const w = worksheetInternals(ws); // throws if a method is gone
    expect(w.startedData).toBe(false);
    const written: string[] = [];
    const write = w.stream.write.bind(w.stream);
    // exceljs writes its own parts as strings or as its StringBuf; the writer writes strings.
    w.stream.write = (text: string | { toBuffer(): Buffer }) => {
      written.push(typeof text === "string" ? text : text.toBuffer().toString("utf8"));
      return write(text as string);
    };
    ws.columns = [{ width: 12 }];
    w._writeColumns();
    w._writeOpenSheetData();
    w.startedData = true;
    expect(written.join("")).toMatch(/^<cols><col [^>]*width="12[^>]*\/><\/cols><sheetData>$/);
    let formatted = 0;
    w._writeConditionalFormatting = () => {
      formatted++;
      w.stream.write("<!--formats-->");
    };
    const zipped = once(w.stream as unknown as NodeJS.EventEmitter, "zipped");
    ws.commit();
    await zipped; // the sheet's part tells when the zip has taken all of it
    expect(formatted).toBe(1);
    // The head is not written twice: startedData set by hand is what the commit reads.
    const sheet = written.join("");
    expect(sheet.match(/<sheetData>/g)).toHaveLength(1);
    expect(sheet.indexOf("</sheetData>")).toBeLessThan(sheet.indexOf("<!--formats-->"));
    await book.commit();
  });

  it("pipes a sheet's part into the zip's entry stream, which says when it needs to drain", async () => {
    const book = streamingWorkbook();
    const w = worksheetInternals(book.addWorksheet("One"));
    w._writeColumns();
    w._writeOpenSheetData();
    w.startedData = true;
    for (let i = 0; i < 2000; i++) w.stream.write(`<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`);
    let pipe: unknown;
    for (let tries = 0; tries < 1000 && !pipe; tries++) {
      pipe = w.stream.pipes?.[0];
      if (!pipe) await new Promise((resolve) => setImmediate(resolve));
    }
    expect(pipe).toBeDefined();
    const entry = pipe as {
      writableNeedDrain?: boolean;
      _writableState?: { needDrain: boolean };
      once: unknown;
    };
    expect(typeof (entry.writableNeedDrain ?? entry._writableState?.needDrain)).toBe("boolean");
    expect(typeof entry.once).toBe("function");
    const zipped = once(w.stream as unknown as NodeJS.EventEmitter, "zipped");
    (book.getWorksheet("One") as ExcelJS.Worksheet).commit();
    await zipped;
    await book.commit();
  });
});

describe("the workbook writer", () => {
  const rows = function* (): Generator<Row, SheetEnd> {
    const s = numberedRows();
    yield s.header(["Item", "Average"]);
    const first = s.last + 1;
    for (let i = 0; i < 3000; i++) yield s.add([`item ${i} & <more>`, avg(i / 10)]);
    const filter = s.filter(2);
    yield s.note("=1+1");
    return {
      filter,
      formats: [{ kind: "data-bar", column: 2, fromRow: first, toRow: s.last - 1, max: 300 }],
    };
  };

  it("puts columns, rows, filter and conditional formats where SpreadsheetML wants them", async () => {
    const parts = unzip(
      await writeXlsx({
        creator: "Consulta",
        created: new Date("2026-03-01T15:30:00Z"),
        sheets: [
          { name: "Scores: 2026/27", columns: [{ width: 40 }, { width: 10 }], frozen: { x: 1, y: 1 }, rows },
        ],
      }),
    );
    const sheet = parts.get("xl/worksheets/sheet1.xml") ?? "";
    const order = [
      "<sheetViews>",
      "<cols>",
      "<sheetData>",
      '<row r="1">',
      '<row r="3002">',
      "</sheetData>",
      "<autoFilter",
      "<conditionalFormatting",
      "<pageSetup",
    ];
    const places = order.map((tag) => sheet.indexOf(tag));
    expect(places.every((p) => p >= 0)).toBe(true);
    expect([...places].sort((a, b) => a - b)).toEqual(places);
    expect(sheet).toContain('<autoFilter ref="A1:B3001"/>');
    expect(sheet).toContain('<conditionalFormatting sqref="B2:B3001"><cfRule type="dataBar" priority="1">');
    expect(sheet).not.toContain("extLst"); // no pointer to an Excel 2010 extension never written
    expect(sheet).toContain("<t>item 0 &amp; &lt;more&gt;</t>");
    expect(sheet).toContain('t="inlineStr"><is><t>=1+1</t></is>'); // text, never a formula

    // And exceljs reads it back as written.
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(
      (await writeXlsx({
        creator: "Consulta",
        created: new Date(),
        sheets: [{ name: "S", columns: [{ width: 40 }, { width: 10 }], rows }],
      })) as unknown as ArrayBuffer,
    );
    const ws = book.getWorksheet("S");
    expect(ws?.getCell("A1").font?.bold).toBe(true);
    expect(ws?.getCell("B3").value).toBe(0.1);
    expect(ws?.getCell("B3").numFmt).toBe("0.0");
    expect(ws?.rowCount).toBe(3002);
    expect(book.worksheets.map((s) => s.name)).toEqual(["S"]);
  });

  it("names a sheet as Excel allows", async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(
      (await writeXlsx({
        creator: "Consulta",
        created: new Date(),
        sheets: [{ name: "Scores: 2026/27 [draft] and a name far too long", columns: [], rows }],
      })) as unknown as ArrayBuffer,
    );
    expect(book.worksheets[0]?.name).toBe("Scores  2026 27  draft  and a n");
  });
});
