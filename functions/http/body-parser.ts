// The one body parser: a request's body read by its media type (an HTML form, an upload, JSON) before
// the handler runs, into the request context; a type the route does not take is a 415.
import type middy from "@middy/core";
import type { APIGatewayProxyResultV2 } from "aws-lambda";
import { UnsupportedMediaType } from "../core/errors.ts";
import type { RequestContext } from "./handler.ts";
import { multipartBody, multipartForm } from "./multipart.ts";
import { formBody, header, jsonBody, type HttpEvent } from "./request.ts";

export type BodyKind = "form" | "multipart" | "json";

export type BodyOptions = {
  /** The media types the route takes; the first is the one a 415 names. */
  accepts: [BodyKind, ...BodyKind[]];
  /** A request without a body is fine (the handler sees undefined) rather than the wrong media type. */
  optional?: boolean;
  /**
   * A multipart post is a whole form with at most `files` files (multipart.ts multipartForm): the
   * body and each file may be as large as the configured MAX_UPLOAD_BYTES.
   */
  formFiles?: { files: number };
  /**
   * A larger limit for an upload's file (multipart) than for forms and JSON: a document sent back. The
   * body may pass it by the form's own fields (FORM_FIELDS_ALLOWANCE), as a form with files may.
   */
  uploadLimit?: number;
};

const kindOf = (event: HttpEvent): BodyKind | undefined => {
  const type = (header(event, "content-type") ?? "").split(";")[0]?.trim().toLowerCase();
  if (type === "application/x-www-form-urlencoded") return "form";
  if (type === "multipart/form-data") return "multipart";
  if (type === "application/json") return "json";
  return undefined;
};

const MEDIA_TYPES: Record<BodyKind, string> = {
  form: "application/x-www-form-urlencoded",
  multipart: "multipart/form-data",
  json: "application/json",
};

/** What a multipart body may hold beyond its files' limit: the form's own fields and the parts' headers. */
const FORM_FIELDS_ALLOWANCE = 256 * 1024;

/** Reads the body as the kind of request it is; an upload's one file is the field `upload`. */
export const parseBody = async (
  event: HttpEvent,
  kind: BodyKind,
  limit: number,
  formFiles?: { files: number; limit: number },
): Promise<unknown> => {
  if (kind === "json") return jsonBody(event, limit);
  if (kind === "form") return formBody(event, limit);
  // The body may pass a file's limit by the form's own fields: a file just over its limit is then cut
  // and marked, and refused beside its field in the person's language, not by a bare 413.
  if (formFiles)
    return multipartForm(event, formFiles.limit + FORM_FIELDS_ALLOWANCE, {
      files: formFiles.files,
      fileBytes: formFiles.limit,
    });
  const upload = await multipartBody(event, limit);
  return { ...upload.fields, upload: upload.files[0] };
};

export const bodyParser = (
  options: BodyOptions,
  limit: () => number,
  uploadLimit: () => number = limit,
): middy.MiddlewareObj<HttpEvent, APIGatewayProxyResultV2, Error, RequestContext> => ({
  before: async ({ event, context }) => {
    const method = event.requestContext.http.method;
    if (method === "GET" || method === "HEAD") return;
    if (options.optional && !event.body) return;
    const kind = kindOf(event);
    if (!kind || !options.accepts.includes(kind))
      throw new UnsupportedMediaType(MEDIA_TYPES[options.accepts[0]]);
    context.body = await parseBody(
      event,
      kind,
      kind === "multipart" && options.uploadLimit
        ? Math.max(options.uploadLimit + FORM_FIELDS_ALLOWANCE, limit())
        : limit(),
      options.formFiles ? { ...options.formFiles, limit: uploadLimit() } : undefined,
    );
  },
});
