// Builds an HTTP Lambda handler: middy with the error mapper first, optional admin guard, handler last.
import middy from "@middy/core";
import type { APIGatewayProxyResultV2 } from "aws-lambda";
import { config, type Config } from "../config.ts";
import type { Ports } from "../core/ports.ts";
import { runtimePorts } from "../adapters/ports.ts";
import { adminAuth } from "./admin-auth.ts";
import { httpErrors } from "./errors.ts";
import type { HttpEvent } from "./request.ts";

/** What a handler needs; in Lambda built from the environment, locally and in tests given directly. */
export type Runtime = { ports: () => Ports; config: () => Config };

export const lambdaRuntime: Runtime = { ports: runtimePorts, config };

export type HttpHandler = (event: HttpEvent, context?: unknown) => Promise<APIGatewayProxyResultV2>;

export const httpHandler = (
  runtime: Runtime,
  handle: (event: HttpEvent, ports: Ports, config: Config) => Promise<APIGatewayProxyResultV2>,
  options: { admin?: boolean } = {},
): HttpHandler => {
  const wrapped = middy<HttpEvent, APIGatewayProxyResultV2>().use(httpErrors(() => runtime.ports().views));
  if (options.admin) wrapped.use(adminAuth(() => runtime.config().adminApiToken));
  const lambda = wrapped.handler(async (event) => handle(event, runtime.ports(), runtime.config()));
  return (event, context) => lambda(event, (context ?? {}) as never) as Promise<APIGatewayProxyResultV2>;
};
