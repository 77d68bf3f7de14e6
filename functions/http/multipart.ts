// Reading a multipart/form-data upload (the directory spreadsheet) from an API Gateway event.
import busboy from "busboy";
import { BadRequest, UnsupportedMediaType } from "../core/errors.ts";
import { bodyBytes, header, type HttpEvent } from "./request.ts";

export type Upload = {
  fields: Record<string, string>;
  files: { field: string; filename: string; bytes: Uint8Array }[];
};

export const multipartBody = (event: HttpEvent, limit: number): Promise<Upload> => {
  const type = header(event, "content-type") ?? "";
  if (!type.toLowerCase().startsWith("multipart/form-data"))
    throw new UnsupportedMediaType("multipart/form-data");
  const bytes = bodyBytes(event, limit);
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
