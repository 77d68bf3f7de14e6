// The local HTTP server: turns each request into an API Gateway v2 event for the same Lambda handlers.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { APIGatewayProxyResultV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import type { HttpHandler } from "../http/handler.ts";
import { matchRoute, pathExists, type HttpHandlerName } from "../http/routes.ts";
import type { HttpEvent } from "../http/request.ts";
import { logger } from "../adapters/telemetry.ts";

/** API Gateway's own payload limit; the handlers apply the application's smaller one. */
const GATEWAY_LIMIT = 10 * 1024 * 1024;

const readBody = (req: IncomingMessage): Promise<Buffer | "too-large"> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= GATEWAY_LIMIT) chunks.push(chunk);
    });
    req.on("end", () => resolve(size > GATEWAY_LIMIT ? "too-large" : Buffer.concat(chunks)));
    req.on("error", reject);
  });

export const toEvent = (
  req: IncomingMessage,
  body: Buffer,
  routeKey: string,
  params: Record<string, string>,
): HttpEvent => {
  const url = new URL(req.url ?? "/", "http://localhost");
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers))
    if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(",") : v;
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = query[k] === undefined ? v : `${query[k]},${v}`;
  const now = new Date();
  return {
    version: "2.0",
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(Object.keys(params).length ? { pathParameters: params } : {}),
    requestContext: {
      accountId: "local",
      apiId: "local",
      domainName: headers.host ?? "localhost",
      domainPrefix: "localhost",
      http: {
        method: req.method ?? "GET",
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? "127.0.0.1",
        userAgent: headers["user-agent"] ?? "",
      },
      requestId: randomUUID(),
      routeKey,
      stage: "$default",
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    // Like API Gateway for non-text bodies: base64, so handlers always decode the same way.
    ...(body.length ? { body: body.toString("base64"), isBase64Encoded: true } : { isBase64Encoded: false }),
  };
};

const send = (res: ServerResponse, result: APIGatewayProxyResultV2) => {
  const r: APIGatewayProxyStructuredResultV2 =
    typeof result === "string" ? { statusCode: 200, body: result } : result;
  res.statusCode = r.statusCode ?? 200;
  for (const [k, v] of Object.entries(r.headers ?? {})) res.setHeader(k, String(v));
  for (const cookie of r.cookies ?? []) res.appendHeader("set-cookie", cookie);
  res.end(r.body ? Buffer.from(r.body, r.isBase64Encoded ? "base64" : "utf8") : undefined);
};

export const startLocalServer = async (
  handlers: Record<HttpHandlerName, HttpHandler>,
  port: number,
  host = "127.0.0.1",
): Promise<{ server: Server; url: string; close(): Promise<void> }> => {
  const server = createServer(async (req, res) => {
    try {
      const path = new URL(req.url ?? "/", "http://localhost").pathname;
      const method = req.method ?? "GET";
      const match = matchRoute(method, path);
      if (!match) {
        send(res, {
          statusCode: pathExists(path) ? 405 : 404,
          headers: { "content-type": "text/plain" },
          body: pathExists(path) ? "Method not allowed" : "Not found",
        });
        return;
      }
      const body = await readBody(req);
      if (body === "too-large") {
        send(res, {
          statusCode: 413,
          headers: { "content-type": "text/plain" },
          body: "Request entity too large",
        });
        return;
      }
      const routeKey = `${match.route.method} ${match.route.path}`;
      send(res, await handlers[match.route.handler](toEvent(req, body, routeKey, match.params)));
    } catch (error) {
      logger.error("local server failure", { error: String(error) });
      if (!res.headersSent)
        send(res, { statusCode: 500, headers: { "content-type": "text/plain" }, body: "Internal error" });
    }
  });
  // A busy port rejects (EADDRINUSE) instead of ending the process, so the caller can say so or move.
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    server,
    url: `http://${host}:${bound}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
