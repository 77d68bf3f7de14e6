// Files a member attaches to its answer (the `file` question kind): what a file is, told by its
// content and never by its name alone; how a name is made safe; how an answer refers to a stored file.
//
// Pure: the bytes come in, a verdict goes out. Office files are zip archives: their table of contents
// (the central directory) is read without inflating anything, so a zip bomb costs its size to read,
// never what it would unpack to.
import * as z from "zod";

/** What a file question may accept, each with the one content type it is served as. */
export const ATTACHMENT_TYPES = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  odt: "application/vnd.oasis.opendocument.text",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const;
export type AttachmentType = keyof typeof ATTACHMENT_TYPES;
export const ATTACHMENT_TYPE_NAMES = Object.keys(ATTACHMENT_TYPES) as [AttachmentType, ...AttachmentType[]];
export const AttachmentType = z.enum(ATTACHMENT_TYPE_NAMES);

/** The default largest file: a position paper with pictures, not a video. */
export const DEFAULT_MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

/**
 * What an archive may unpack to, and how much more than its packed size one entry may be: a real
 * office document stays far below both (text compresses about 10:1, deflate at most 1032:1).
 */
const MAX_UNPACKED_BYTES = 300 * 1024 * 1024;
const MAX_RATIO = 200;
const MAX_ENTRIES = 20_000;

/** Why a file is refused; each code has its message in the respondent's language (form.json errors.*). */
export type RefusedFile = "file_empty" | "file_type" | "file_too_large" | "file_unsafe";

export type Verdict = { ok: true; type: AttachmentType } | { ok: false; code: RefusedFile };

const ascii = (bytes: Uint8Array, from: number, length: number) =>
  String.fromCharCode(...bytes.subarray(from, from + length));

type ZipEntry = {
  name: string;
  method: number;
  packed: number;
  unpacked: number;
  offset: number;
};

/**
 * The entries of a zip archive's central directory, or why it is refused: unreadable (not a zip at
 * all) or unsafe (sizes or offsets that only a zip bomb or a crafted archive would have).
 */
const zipEntries = (b: Uint8Array): ZipEntry[] | "file_type" | "file_unsafe" => {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  // The end-of-central-directory record: in the last 22 bytes, or before a comment of up to 64 KB.
  let end = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 0xffff); i--)
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  if (end < 0) return "file_type";
  const count = view.getUint16(end + 10, true);
  const size = view.getUint32(end + 12, true);
  const start = view.getUint32(end + 16, true);
  // Zip64 (more than 65,535 entries or 4 GB) is no office document of ours.
  if (count === 0xffff || start === 0xffffffff || size === 0xffffffff) return "file_unsafe";
  if (count > MAX_ENTRIES) return "file_unsafe";
  if (start + size > end) return "file_type";
  const entries: ZipEntry[] = [];
  let at = start;
  for (let n = 0; n < count; n++) {
    if (at + 46 > end || view.getUint32(at, true) !== 0x02014b50) return "file_type";
    const nameLength = view.getUint16(at + 28, true);
    const extra = view.getUint16(at + 30, true);
    const comment = view.getUint16(at + 32, true);
    entries.push({
      method: view.getUint16(at + 10, true),
      packed: view.getUint32(at + 20, true),
      unpacked: view.getUint32(at + 24, true),
      offset: view.getUint32(at + 42, true),
      name: new TextDecoder().decode(b.subarray(at + 46, at + 46 + nameLength)),
    });
    at += 46 + nameLength + extra + comment;
  }
  let unpacked = 0;
  for (const e of entries) {
    unpacked += e.unpacked;
    if (e.unpacked > Math.max(1024, e.packed * MAX_RATIO)) return "file_unsafe";
  }
  if (unpacked > MAX_UNPACKED_BYTES) return "file_unsafe";
  // Each entry's data must lie apart from the others': overlapping entries unpack one stretch of
  // bytes many times over (the non-recursive zip bomb).
  const sorted = [...entries].sort((x, y) => x.offset - y.offset);
  for (let i = 0; i < sorted.length; i++) {
    const e = sorted[i]!;
    if (e.offset + 30 > start || view.getUint32(e.offset, true) !== 0x04034b50) return "file_type";
    const dataStart =
      e.offset + 30 + view.getUint16(e.offset + 26, true) + view.getUint16(e.offset + 28, true);
    const next = sorted[i + 1]?.offset ?? start;
    if (dataStart + e.packed > next) return "file_unsafe";
  }
  return entries;
};

const ODT_MIMETYPE = "application/vnd.oasis.opendocument.text";

/** The type of an office archive by what it holds: its parts, or (OpenDocument) its stored mimetype. */
const officeType = (b: Uint8Array, entries: ZipEntry[]): AttachmentType | undefined => {
  const names = new Set(entries.map((e) => e.name));
  // Macros are code a reader's office suite would offer to run: a .docm is not a .docx.
  if ([...names].some((n) => /vbaProject\.bin$/i.test(n))) return undefined;
  if (names.has("[Content_Types].xml")) {
    if (names.has("word/document.xml")) return "docx";
    if (names.has("xl/workbook.xml")) return "xlsx";
    return undefined;
  }
  // OpenDocument: the first entry is `mimetype`, stored uncompressed, holding the document's type.
  const first = entries.find((e) => e.offset === 0);
  if (first?.name !== "mimetype" || first.method !== 0 || first.packed !== ODT_MIMETYPE.length)
    return undefined;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const data = 30 + view.getUint16(26, true) + view.getUint16(28, true);
  return ascii(b, data, first.packed) === ODT_MIMETYPE ? "odt" : undefined;
};

/** The extension a name ends with, lower-cased ("" when none). */
export const extensionOf = (name: string) => /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1]?.toLowerCase() ?? "";

/**
 * What a file is, by its content: a PDF, a Word or OpenDocument text, an Excel workbook, of the types
 * `accept` allows and no larger than `maxBytes`. Its name must say the same type: a Word file named
 * .pdf is refused, as a reader would open it with the wrong program.
 */
export const sniffAttachment = (
  bytes: Uint8Array,
  name: string,
  accept: readonly AttachmentType[],
  maxBytes: number,
): Verdict => {
  if (bytes.length === 0) return { ok: false, code: "file_empty" };
  if (bytes.length > maxBytes) return { ok: false, code: "file_too_large" };
  let type: AttachmentType | undefined;
  if (bytes.length >= 5 && ascii(bytes, 0, 5) === "%PDF-") type = "pdf";
  else if (bytes.length >= 4 && ascii(bytes, 0, 4) === "PK\u0003\u0004") {
    const entries = zipEntries(bytes);
    if (entries === "file_unsafe") return { ok: false, code: "file_unsafe" };
    if (entries !== "file_type") type = officeType(bytes, entries);
  }
  if (!type || !accept.includes(type) || extensionOf(name) !== type) return { ok: false, code: "file_type" };
  return { ok: true, type };
};

/**
 * A file's name as it may be shown and saved: no folders (`../`), no control or direction-changing
 * characters, none that Windows refuses, at most 120 characters, ending with the type's extension.
 * Letters of every language stay as typed.
 */
export const safeFileName = (name: string, type: AttachmentType): string => {
  const base = (name.split(/[/\\]/).pop() ?? "")
    .normalize("NFC")
    // Control characters, and the bidirectional overrides that make "\u202Efdp.exe" read "exe.pdf".
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "")
    .replace(/[<>:"|?*]/g, "_")
    .replace(/^[.\s]+/, "")
    .trim();
  const stem = base
    .replace(/\.[A-Za-z0-9]{1,8}$/, "")
    .slice(0, 110)
    .trim();
  return `${stem || "attachment"}.${type}`;
};

/** A stored file as an answer holds it: `id:type:size:name`, a string like any other answer's. */
export type AttachmentRef = { id: string; type: AttachmentType; size: number; name: string };

// eslint-disable-next-line no-control-regex -- a name holds no control characters
const REF = /^([A-Za-z0-9_-]{16,64}):(pdf|docx|odt|xlsx):(\d{1,10}):([^\u0000-\u001f/\\]{1,130})$/;

export const isAttachmentRef = (value: unknown): value is string =>
  typeof value === "string" && REF.test(value);

export const readAttachmentRef = (value: string): AttachmentRef | undefined => {
  const m = REF.exec(value);
  if (!m) return undefined;
  return { id: m[1]!, type: m[2] as AttachmentType, size: Number(m[3]), name: m[4]! };
};

export const attachmentRef = (a: AttachmentRef) => `${a.id}:${a.type}:${a.size}:${a.name}`;

/**
 * Where a member's file is kept: under its campaign and member, by an id no one can guess. A file is
 * never overwritten or moved: each submitted version's answer names the files it had, so every
 * version keeps its own, and removing a file from the draft leaves earlier versions theirs.
 */
export const attachmentKey = (campaignId: string, memberCode: string, id: string) => {
  for (const part of [campaignId, memberCode, id])
    if (!/^[A-Za-z0-9_-]+$/.test(part)) throw new Error(`Not a safe key part: ${part}`);
  return `attachments/${campaignId}/${memberCode}/${id}`;
};

/** Headers a stored file is served with: always a download, never a type a browser would run. */
export const attachmentHeaders = (ref: AttachmentRef): Record<string, string> => {
  const fallback = ref.name.replace(/[^A-Za-z0-9._ -]/g, "_");
  return {
    "content-type": ATTACHMENT_TYPES[ref.type],
    "content-disposition": `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(ref.name)}`,
    "x-content-type-options": "nosniff",
    "cache-control": "private, no-store",
    "content-security-policy": "default-src 'none'; sandbox",
  };
};

/** A size as people read it: "850 KB", "12.4 MB". */
export const sizeText = (bytes: number, locale: string) =>
  bytes < 1024 * 1024
    ? `${new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(Math.max(1, bytes / 1024))} KB`
    : `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(bytes / 1024 / 1024)} MB`;
