// Small .xlsx files built to cost a reader far more than their size: cells at the far edges of a
// sheet, parts that inflate a thousandfold, a shared-strings table of a million entries. Written
// byte by byte (a zip of deflated XML parts), so each can say what it likes in its headers.
import { once } from "node:events";
import { crc32, createDeflateRaw, deflateRawSync } from "node:zlib";

type Part = { name: string; packed: Uint8Array; size: number; crc: number; declaredSize?: number };

const packed = (name: string, text: string): Part => {
  const bytes = Buffer.from(text);
  return { name, packed: deflateRawSync(bytes), size: bytes.length, crc: crc32(bytes) };
};

/** A part of `head`, then `filler` `times` over, then `tail`, deflated as it is made: never held whole. */
const repeated = async (name: string, head: string, filler: string, times: number, tail: string) => {
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on("data", (chunk: Buffer) => out.push(chunk));
  let size = 0;
  let crc = 0;
  const write = async (text: string) => {
    const bytes = Buffer.from(text);
    size += bytes.length;
    crc = crc32(bytes, crc);
    if (!deflate.write(bytes)) await once(deflate, "drain");
  };
  await write(head);
  const block = filler.repeat(Math.max(1, Math.floor((1 << 20) / filler.length)));
  const perBlock = block.length / filler.length;
  for (let done = 0; done < times; done += perBlock) {
    await write(times - done >= perBlock ? block : filler.repeat(times - done));
  }
  await write(tail);
  deflate.end();
  await once(deflate, "end");
  return { name, packed: Buffer.concat(out), size, crc };
};

const zip = (parts: Part[]): Uint8Array => {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name);
    const declared = part.declaredSize ?? part.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8); // deflated
    local.writeUInt32LE(part.crc >>> 0, 14);
    local.writeUInt32LE(part.packed.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(part.crc >>> 0, 16);
    central.writeUInt32LE(part.packed.length, 20);
    central.writeUInt32LE(declared, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, Buffer.from(part.packed));
    centrals.push(central, name);
    offset += local.length + name.length + part.packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
};

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** A workbook of one sheet, with a shared-strings table if one is given. */
const workbook = (sheet: Part, sharedStrings?: Part) =>
  zip([
    packed(
      "[Content_Types].xml",
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>${sharedStrings ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' : ""}</Types>`,
    ),
    packed(
      "_rels/.rels",
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    packed(
      "xl/workbook.xml",
      `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${RELS}"><sheets><sheet name="Directory" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    packed(
      "xl/_rels/workbook.xml.rels",
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${RELS}/worksheet" Target="worksheets/sheet1.xml"/>${sharedStrings ? `<Relationship Id="rId2" Type="${RELS}/sharedStrings" Target="sharedStrings.xml"/>` : ""}</Relationships>`,
    ),
    sheet,
    ...(sharedStrings ? [sharedStrings] : []),
  ]);

const sheetXml = (rows: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}"><sheetData>${rows}</sheetData></worksheet>`;

const HEADER = `<row r="1"><c r="A1" t="inlineStr"><is><t>Country</t></is></c><c r="B1" t="inlineStr"><is><t>Email</t></is></c></row>`;

/** 2,000 rows, each with one value in the sheet's last column, XFD: about 16 KB. */
export const farColumnCells = () => {
  let rows = HEADER;
  for (let r = 2; r <= 2001; r++) rows += `<row r="${r}"><c r="XFD${r}"><v>${r}</v></c></row>`;
  return workbook(packed("xl/worksheets/sheet1.xml", sheetXml(rows)));
};

/** One value in the sheet's last row, 1,048,576: about 1 KB. */
export const lastRowCell = () =>
  workbook(
    packed(
      "xl/worksheets/sheet1.xml",
      sheetXml(`${HEADER}<row r="1048576"><c r="A1048576"><v>1</v></c></row>`),
    ),
  );

/**
 * A sheet whose XML inflates to `megabytes` of blank space between two rows, from under 1/1000 of
 * that; with `lying`, its headers claim it inflates to 1 KB.
 */
export const zipBomb = async (megabytes = 220, lying = false) => {
  const sheet = await repeated(
    "xl/worksheets/sheet1.xml",
    `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}"><sheetData>${HEADER}`,
    " ".repeat(1024),
    megabytes * 1024,
    `</sheetData></worksheet>`,
  );
  return workbook(lying ? { ...sheet, declaredSize: 1024 } : sheet);
};

/**
 * A sheet of a few values whose workbook's shared-strings table holds `count` strings; with `lying`,
 * its headers claim the table inflates to 1 KB.
 */
export const hugeSharedStrings = async (count = 1_500_000, lying = false) => {
  const table = await repeated(
    "xl/sharedStrings.xml",
    `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}" count="${count + 2}" uniqueCount="${count + 2}"><si><t>Country</t></si><si><t>Email</t></si>`,
    "<si><t>ARG</t></si>",
    count,
    "</sst>",
  );
  const rows = `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2" t="s"><v>${count + 1}</v></c></row>`;
  return workbook(
    packed("xl/worksheets/sheet1.xml", sheetXml(rows)),
    lying ? { ...table, declaredSize: 1024 } : table,
  );
};
