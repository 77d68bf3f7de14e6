// A file to attach ("your institution's position paper"): PDF, Word, OpenDocument or Excel, checked by
// content when uploaded (core/attachments.ts); the answer names the stored files, the report lists them.
import * as z from "zod";
import {
  ATTACHMENT_TYPE_NAMES,
  AttachmentType,
  DEFAULT_MAX_ATTACHMENT_BYTES,
  isAttachmentRef,
  readAttachmentRef,
  sizeText,
  type AttachmentRef,
} from "../../attachments.ts";
import type { DefinitionParts } from "../definition.ts";
import { note } from "./document-parts.ts";
import type { QuestionKind } from "./kind.ts";
import { asArray, issue, noDuplicates, oneColumn, oneControl } from "./parts.ts";

/** The most a question may take: beyond it, a member's files belong in one archive or several questions. */
export const MAX_FILES_PER_QUESTION = 10;

export const definition = (_p: DefinitionParts) =>
  z.strictObject({
    ..._p.base,
    type: z.literal("file"),
    /** The types it takes; the editor writes them as codes ("PDF, DOCX"), any case. */
    accept: z
      .array(
        z
          .string()
          .transform((s) => s.toLowerCase())
          .pipe(AttachmentType),
      )
      .min(1)
      .default([...ATTACHMENT_TYPE_NAMES]),
    maxBytes: z.int().positive().max(DEFAULT_MAX_ATTACHMENT_BYTES).default(DEFAULT_MAX_ATTACHMENT_BYTES),
    maxFiles: z.int().positive().max(MAX_FILES_PER_QUESTION).default(1),
  });

/** The stored files an answer names, in its order. */
export const filesOf = (value: unknown): AttachmentRef[] =>
  asArray(value as never).flatMap((v) => {
    const ref = typeof v === "string" ? readAttachmentRef(v) : undefined;
    return ref ? [ref] : [];
  });

/** What the file input takes: extensions and content types, a hint to the browser's file picker only. */
const ACCEPT_ATTRIBUTE: Record<AttachmentType, string> = {
  pdf: ".pdf,application/pdf",
  docx: ".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  odt: ".odt,application/vnd.oasis.opendocument.text",
  xlsx: ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

export const file: QuestionKind<"file"> = {
  check: () => [],
  // A Word document carries no files: it names those attached and says where to attach more; a reply
  // read back never changes the files (undefined: nothing of this question is in the document).
  document: {
    write: (_q, value, c) => [
      note(c.t("document.file_note")),
      ...filesOf(value).map((f) => note(`· ${f.name}`)),
    ],
    read: () => undefined,
  },
  includable: false,
  answer: (q) =>
    z
      .array(z.string().refine(isAttachmentRef, issue("invalid")))
      .refine(noDuplicates, issue("duplicate"))
      .refine((refs) => refs.length <= q.maxFiles, issue("too_many_files", { max: q.maxFiles }))
      .refine(
        (refs) => filesOf(refs).every((f) => q.accept.includes(f.type) && f.size <= q.maxBytes),
        issue("file_type", { types: q.accept.join(", ").toUpperCase() }),
      ),
  fromForm: (_q, raw) => asArray(raw as never).filter((v) => v !== ""),
  ...oneControl,
  view: (q, { lang, value }) => {
    const files = filesOf(value);
    return {
      files: files.map((f) => ({
        ref: `${f.id}:${f.type}:${f.size}:${f.name}`,
        id: f.id,
        name: f.name,
        size: sizeText(f.size, lang),
      })),
      accept: q.accept.map((t) => ACCEPT_ATTRIBUTE[t]).join(","),
      types: q.accept.join(", ").toUpperCase(),
      maxSize: sizeText(q.maxBytes, lang),
      maxBytes: q.maxBytes,
      maxFiles: q.maxFiles,
      multiple: q.maxFiles - files.length > 1,
      full: files.length >= q.maxFiles,
    };
  },
  text: (_q, value) =>
    filesOf(value)
      .map((f) => f.name)
      .join("; "),
  columns: oneColumn,
  cell: (q, value, lang, t) => file.text(q, value, lang, t),
  // Listed with each member's answers (with links in the HTML edition): a file has no figure to add up.
  report: undefined,
  // A file as the form names one after its upload (the demo's questionnaire asks for none).
  demo: (q, c) => {
    const id = Array.from(
      { length: 22 },
      () => "abcdefghijklmnopqrstuvwxyz0123456789"[Math.floor(c.rng() * 36)],
    ).join("");
    const type = c.pick(q.accept);
    return [`${id}:${type}:${1000 + Math.floor(c.rng() * 900_000)}:${c.who.name} ${q.id}.${type}`];
  },
};
