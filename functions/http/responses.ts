// Response shapes with the security headers every page carries.
import type { APIGatewayProxyResultV2 } from "aws-lambda";

const SECURITY_HEADERS = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
  // The form works without any script; none is allowed until we serve our own.
  "content-security-policy":
    "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  "cache-control": "no-store",
};

export const htmlResponse = (
  statusCode: number,
  body: string,
  headers: Record<string, string> = {},
): APIGatewayProxyResultV2 => ({
  statusCode,
  headers: { "content-type": "text/html; charset=utf-8", ...SECURITY_HEADERS, ...headers },
  body,
});

export const jsonResponse = (statusCode: number, body: unknown): APIGatewayProxyResultV2 => ({
  statusCode,
  headers: {
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
  },
  body: JSON.stringify(body),
});

export const redirect = (
  location: string,
  headers: Record<string, string> = {},
): APIGatewayProxyResultV2 => ({
  statusCode: 303,
  headers: { location, ...SECURITY_HEADERS, ...headers },
  body: "",
});

/** Work recorded and left to a worker: 202, and where to follow it. */
export const accepted = (location: string, body: unknown): APIGatewayProxyResultV2 => {
  const response = jsonResponse(202, body) as { headers: Record<string, string> };
  return { ...response, headers: { ...response.headers, location } };
};

const CONTENT_TYPES: Record<string, string> = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  html: "text/html; charset=utf-8",
  csv: "text/csv; charset=utf-8",
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
};
export const contentTypeOf = (file: string) =>
  CONTENT_TYPES[file.split(".").pop() ?? ""] ?? "application/octet-stream";

/** A file to save rather than show: a report, the directory's export, a submission's PDF copy. */
export const attachment = (bytes: Uint8Array, file: string): APIGatewayProxyResultV2 => ({
  statusCode: 200,
  headers: {
    "content-type": contentTypeOf(file),
    "content-disposition": `attachment; filename="${file}"`,
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
  },
  body: Buffer.from(bytes).toString("base64"),
  isBase64Encoded: true,
});

/** A member's attached file: the page's security headers under the file's own (a download, never sniffed). */
export const storedFile = (bytes: Uint8Array, headers: Record<string, string>): APIGatewayProxyResultV2 => ({
  statusCode: 200,
  headers: { ...SECURITY_HEADERS, ...headers },
  body: Buffer.from(bytes).toString("base64"),
  isBase64Encoded: true,
});

/** A page whose script may also send to `origin` (the bucket taking files straight from the browser). */
export const connectingTo = (
  response: APIGatewayProxyResultV2,
  origin: string | undefined,
): APIGatewayProxyResultV2 => {
  if (!origin || typeof response !== "object" || !response.headers) return response;
  const csp = response.headers["content-security-policy"];
  if (typeof csp !== "string") return response;
  return {
    ...response,
    headers: {
      ...response.headers,
      "content-security-policy": csp.replace("connect-src 'self'", `connect-src 'self' ${origin}`),
    },
  };
};
