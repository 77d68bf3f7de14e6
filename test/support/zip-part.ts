// One part of a zip file (an .xlsx or .docx) as text, read from its central directory: for tests that
// check markup a workbook library does not read back (sheet protection, content controls).
import { inflateRawSync } from "node:zlib";

export const zipPart = (zip: Uint8Array, name: string): string | undefined => {
  const bytes = Buffer.from(zip);
  const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error("not a zip file");
  let at = bytes.readUInt32LE(end + 16);
  for (let i = 0; i < bytes.readUInt16LE(end + 10); i++) {
    const method = bytes.readUInt16LE(at + 10);
    const packed = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const skip = nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    const local = bytes.readUInt32LE(at + 42);
    if (bytes.toString("utf8", at + 46, at + 46 + nameLength) === name) {
      const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
      const data = bytes.subarray(start, start + packed);
      return (method === 0 ? data : inflateRawSync(data)).toString("utf8");
    }
    at += 46 + skip;
  }
  return undefined;
};
