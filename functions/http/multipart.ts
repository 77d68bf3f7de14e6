// Reading a multipart/form-data upload (the directory spreadsheet, or the respondent's form with its
// files) from an API Gateway event.
import type busboy from "busboy";
import { onFirstUse } from "../adapters/on-first-use.ts";
import { BadRequest, UnsupportedMediaType } from "../core/errors.ts";
import { bodyBytes, formText, header, type HttpEvent } from "./request.ts";

/**
 * busboy, loaded with the first multipart body: only uploads and forms with files send one (issue 19;
 * in Lambda it is built beside the bundle, cdk/functions.ts BESIDE).
 */
const busboyModule = onFirstUse(() => import("busboy").then((m) => m.default));

export type Upload = {
  fields: Record<string, string>;
  files: { field: string; filename: string; bytes: Uint8Array }[];
};

export const multipartBody = async (event: HttpEvent, limit: number): Promise<Upload> => {
  const type = header(event, "content-type") ?? "";
  if (!type.toLowerCase().startsWith("multipart/form-data"))
    throw new UnsupportedMediaType("multipart/form-data");
  const bytes = bodyBytes(event, limit);
  const busboy = await busboyModule();
  return new Promise((resolve, reject) => {
    const upload: Upload = { fields: {}, files: [] };
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: { "content-type": type },
        // Browsers send a file's name as UTF-8 ("posição.pdf"); busboy would read it as Latin-1.
        defParamCharset: "utf8",
        limits: { files: 1, fields: 20, fileSize: limit },
      });
    } catch {
      reject(new BadRequest("bad_request", "The upload could not be read"));
      return;
    }
    parser.on("field", (name, value) => (upload.fields[name] = value));
    parser.on("file", (field, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () =>
        upload.files.push({ field, filename: info.filename ?? "upload", bytes: Buffer.concat(chunks) }),
      );
    });
    parser.on("error", () => reject(new BadRequest("bad_request", "The upload could not be read")));
    parser.on("close", () => resolve(upload));
    parser.end(bytes);
  });
};

/** A file of a form: `truncated` when it was larger than the limit and only its start was read. */
export type FormFile = { field: string; filename: string; bytes: Uint8Array; truncated: boolean };

/** Where a form read from multipart keeps its files: a key no field name can be. */
export const FORM_FILES = Symbol("files");

/**
 * A whole HTML form posted as multipart/form-data: its fields read as an URL-encoded form is (nested
 * names), its files beside them under FORM_FILES. A file over `fileBytes` is cut there and marked,
 * so the page can say so beside its question and keep every field typed elsewhere.
 */
export const multipartForm = async (
  event: HttpEvent,
  limit: number,
  options: { files: number; fileBytes: number },
): Promise<Record<string, unknown> & { [FORM_FILES]: FormFile[] }> => {
  const type = header(event, "content-type") ?? "";
  if (!type.toLowerCase().startsWith("multipart/form-data"))
    throw new UnsupportedMediaType("multipart/form-data");
  const bytes = bodyBytes(event, limit);
  const busboy = await busboyModule();
  return new Promise((resolve, reject) => {
    const fields = new URLSearchParams();
    const files: FormFile[] = [];
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: { "content-type": type },
        defParamCharset: "utf8",
        limits: { files: options.files, fields: 5000, fileSize: options.fileBytes },
      });
    } catch {
      reject(new BadRequest("bad_request", "The upload could not be read"));
      return;
    }
    parser.on("field", (name, value) => fields.append(name, value));
    parser.on("file", (field, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () =>
        files.push({
          field,
          filename: info.filename ?? "",
          bytes: Buffer.concat(chunks),
          truncated: (stream as { truncated?: boolean }).truncated === true,
        }),
      );
    });
    parser.on("error", () => reject(new BadRequest("bad_request", "The upload could not be read")));
    parser.on("close", () => {
      formText(fields.toString()).then(
        (form) => resolve(Object.assign(form, { [FORM_FILES]: files })),
        (error: unknown) =>
          reject(
            error instanceof Error ? error : new BadRequest("bad_request", "The form could not be read"),
          ),
      );
    });
    parser.end(bytes);
  });
};
