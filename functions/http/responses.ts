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
