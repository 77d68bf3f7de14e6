// Reading API Gateway v2 requests: headers, body (base64 or not), size limit, form and JSON bodies.
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import type * as z from "zod";
import { BadRequest, PayloadTooLarge, UnsupportedMediaType, ValidationFailed } from "../core/errors.ts";
import { isLanguage, languageFromAcceptHeader, type Language } from "../core/languages.ts";
import { onFirstUse } from "../adapters/on-first-use.ts";

export type HttpEvent = APIGatewayProxyEventV2;

export const header = (event: HttpEvent, name: string): string | undefined => {
  const wanted = name.toLowerCase();
  for (const [k, v] of Object.entries(event.headers ?? {})) if (k.toLowerCase() === wanted) return v;
  return undefined;
};

export const bodyBytes = (event: HttpEvent, limit: number): Buffer => {
  if (!event.body) return Buffer.alloc(0);
  const bytes = Buffer.from(event.body, event.isBase64Encoded ? "base64" : "utf8");
  if (bytes.length > limit) throw new PayloadTooLarge(limit);
  return bytes;
};

const decodeUtf8 = (bytes: Buffer): string => {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new BadRequest("bad_request", "The request body is not valid UTF-8");
  }
};

const mediaType = (event: HttpEvent) =>
  (header(event, "content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";

/**
 * qs (about 55 KB with what it requires), loaded with the first form posted: a GET never reads one, and
 * it was parsed at every cold start (issue 19; in Lambda it is built beside the bundle, cdk/functions.ts).
 */
const qsModule = onFirstUse(() => import("qs").then((m) => m.default));

/** An HTML form post: nested names such as `topic-scores[wg1-x]` and `proposals[0][title]` become objects. */
export const formBody = async (event: HttpEvent, limit: number): Promise<Record<string, unknown>> => {
  if (mediaType(event) !== "application/x-www-form-urlencoded") {
    throw new UnsupportedMediaType("application/x-www-form-urlencoded");
  }
  return formText(decodeUtf8(bodyBytes(event, limit)));
};

/** A form's fields as URL-encoded text, read into nested values (the fields of a multipart form too). */
export const formText = async (text: string): Promise<Record<string, unknown>> => {
  if (text.includes("\u0000")) throw new BadRequest("bad_request", "The form contains a NUL character");
  const qs = await qsModule();
  return qs.parse(text, {
    depth: 4,
    arrayLimit: 100,
    parameterLimit: 5000,
    allowPrototypes: false,
    charset: "utf-8",
  });
};

/** Deeper than any definition or directory we accept; what code downstream can walk without overflowing. */
export const MAX_JSON_DEPTH = 64;

/** How deep arrays and objects nest in JSON text, found without recursion (strings skipped). */
const jsonDepth = (text: string): number => {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "[" || c === "{") deepest = Math.max(deepest, ++depth);
    else if (c === "]" || c === "}") depth--;
  }
  return deepest;
};

export const jsonBody = (event: HttpEvent, limit: number): unknown => {
  if (mediaType(event) !== "application/json") throw new UnsupportedMediaType("application/json");
  const text = decodeUtf8(bodyBytes(event, limit));
  // Validation walks the value recursively: refuse what would overflow the stack before parsing it.
  if (jsonDepth(text) > MAX_JSON_DEPTH)
    throw new BadRequest("too_deep", `The request body nests deeper than ${MAX_JSON_DEPTH} levels`);
  try {
    return JSON.parse(text);
  } catch {
    throw new BadRequest("malformed_json", "The request body is not valid JSON");
  }
};

/** The language asked for: `?lang=`, then the browser's preference, then the fallback. */
export const requestLanguage = (event: HttpEvent, fallback?: Language): Language | undefined => {
  const asked = event.queryStringParameters?.lang;
  if (isLanguage(asked)) return asked;
  return fallback ?? languageFromAcceptHeader(header(event, "accept-language"));
};

export const wantsHtml = (event: HttpEvent) =>
  !event.rawPath.startsWith("/api/") && (header(event, "accept") ?? "text/html").includes("html");

/** Parses input with a schema at the edge; a mismatch is a 422 naming each bad field. */
export const validated = <T extends z.ZodType>(schema: T, input: unknown): z.output<T> => {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new ValidationFailed(
    parsed.error.issues.map((i) => ({
      path: i.path.join("."),
      code: "invalid",
      params: { message: i.message },
    })),
  );
};
