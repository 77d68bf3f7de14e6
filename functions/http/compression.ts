// Compressed pages: HTTP API passes bodies through as they are, so a handler compresses its own HTML
// and JSON for browsers that ask (the form is ~100 KB plain, ~15 KB compressed, on a ministry's line).
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import type middy from "@middy/core";
import type { APIGatewayProxyResultV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { header, type HttpEvent } from "./request.ts";

/** Below this a compressed body saves less than the headers cost. */
const MIN_BYTES = 1024;
const COMPRESSIBLE = /^(text\/|application\/(json|javascript|xml))/i;

/** The encodings the client accepts, without those it refuses with `q=0`. */
const accepted = (value: string | undefined): Set<string> =>
  new Set(
    (value ?? "")
      .split(",")
      .map((part) => part.trim().toLowerCase().split(";"))
      .filter(([, ...params]) => !params.some((p) => /^\s*q\s*=\s*0(\.0*)?\s*$/.test(p)))
      .map(([name]) => (name ?? "").trim())
      .filter(Boolean),
  );

/**
 * Brotli at quality 4 (smaller than gzip, about as fast as gzip's fastest) where the browser takes it,
 * else gzip at level 1; anything else is left as it is.
 */
type Result = APIGatewayProxyResultV2 | null | undefined;

export const compressResponse = (event: HttpEvent, response: Result): Result => {
  if (!response || typeof response !== "object") return response;
  const r = response as APIGatewayProxyStructuredResultV2;
  const headers = { ...(r.headers ?? {}) } as Record<string, string | number | boolean>;
  const type = String(headers["content-type"] ?? headers["Content-Type"] ?? "");
  if (!r.body || headers["content-encoding"] || !COMPRESSIBLE.test(type)) return response;
  const body = Buffer.from(r.body, r.isBase64Encoded ? "base64" : "utf8");
  if (body.length < MIN_BYTES) return response;
  const encodings = accepted(header(event, "accept-encoding"));
  const encoding = encodings.has("br") ? "br" : encodings.has("gzip") ? "gzip" : undefined;
  const vary = [headers.vary, "Accept-Encoding"].filter(Boolean).join(", ");
  if (!encoding) return { ...r, headers: { ...headers, vary } };
  const compressed =
    encoding === "br"
      ? brotliCompressSync(body, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: 4,
            [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
            [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          },
        })
      : gzipSync(body, { level: 1 });
  return {
    ...r,
    headers: { ...headers, "content-encoding": encoding, vary },
    body: compressed.toString("base64"),
    isBase64Encoded: true,
  };
};

/** Middleware: first in the chain, so it compresses error pages as well as answers. */
export const compression = (): middy.MiddlewareObj<HttpEvent, APIGatewayProxyResultV2> => {
  const compress = (request: middy.Request<HttpEvent, APIGatewayProxyResultV2>) => {
    request.response = compressResponse(request.event, request.response) as APIGatewayProxyResultV2;
  };
  return { after: compress, onError: compress };
};
