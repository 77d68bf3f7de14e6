// Calling the Lambda handlers in this process, with the API Gateway v2 events API Gateway would send:
// for tests that need thousands of requests, or a path the local HTTP server would refuse first.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import type { HttpEvent } from "../../functions/http/request.ts";
import type { Runtime } from "../../functions/http/handler.ts";
import { matchRoute } from "../../functions/http/routes.ts";
import { httpHandlers, type LocalStack } from "../../functions/local/stack.ts";

/** The handlers of a running local stack, sharing its ports, configuration and secrets. */
export const handlersOf = (stack: LocalStack) => {
  const runtime: Runtime = {
    ports: () => stack.ports,
    config: () => stack.config,
    secrets: () => ({
      adminApiToken: async () => stack.adminToken,
      sessionSecret: async () => readFileSync(join(stack.paths.root, "session-secret"), "utf8").trim(),
    }),
  };
  return httpHandlers(runtime);
};

export type Request = {
  headers?: Record<string, string>;
  body?: string | Buffer;
  params?: Record<string, string>;
};

/** The event API Gateway builds for a request to `routeKey` ("POST /r/{token}") at `rawPath`. */
export const apiEvent = (routeKey: string, rawPath: string, request: Request = {}): HttpEvent => {
  const [method = "GET"] = routeKey.split(" ");
  const params = request.params ?? matchRoute(method, rawPath)?.params;
  return {
    version: "2.0",
    routeKey,
    rawPath,
    rawQueryString: "",
    headers: request.headers ?? {},
    ...(params ? { pathParameters: params } : {}),
    requestContext: {
      accountId: "test",
      apiId: "test",
      domainName: "localhost",
      domainPrefix: "localhost",
      http: { method, path: rawPath, protocol: "HTTP/1.1", sourceIp: "192.0.2.1", userAgent: "test" },
      requestId: "test",
      routeKey,
      stage: "$default",
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
    ...(request.body !== undefined
      ? { body: Buffer.from(request.body).toString("base64"), isBase64Encoded: true }
      : { isBase64Encoded: false }),
  };
};

export const structured = (result: unknown) => result as APIGatewayProxyStructuredResultV2;
