// Builds an HTTP Lambda handler: middy with the error mapper first, optional admin guard, handler last.
import middy from "@middy/core";
import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import type { APIGatewayProxyResultV2 } from "aws-lambda";
import { config, type Config } from "../config.ts";
import type { Ports } from "../core/ports.ts";
import { lambdaPorts, type AwsAdapters } from "../adapters/ports.ts";
import { secretsFrom, type Secrets } from "../adapters/secrets.ts";
import { logger } from "../adapters/telemetry.ts";
import { adminAuth } from "./admin-auth.ts";
import { auditTrail } from "./audit.ts";
import { compression } from "./compression.ts";
import { httpErrors } from "./errors.ts";
import type { HttpEvent } from "./request.ts";

/** What a handler needs; in Lambda built from the environment, locally and in tests given directly. */
export type Runtime = { ports: () => Ports; config: () => Config; secrets: () => Secrets };

/** What a Lambda uses beyond DynamoDB: its AWS adapters, and Secrets Manager if it reads secrets. */
export type LambdaNeeds = AwsAdapters & { secrets?: (cfg: Config) => Secrets };

export const lambdaRuntime = (needs: LambdaNeeds): Runtime => {
  let secrets: Secrets | undefined;
  return {
    ports: lambdaPorts(needs),
    config,
    secrets: () => (secrets ??= (needs.secrets ?? secretsFrom)(config())),
  };
};

export type HttpHandler = (event: HttpEvent, context?: unknown) => Promise<APIGatewayProxyResultV2>;

export const httpHandler = (
  runtime: Runtime,
  handle: (event: HttpEvent, ports: Ports, config: Config) => Promise<APIGatewayProxyResultV2>,
  options: { admin?: boolean } = {},
): HttpHandler => {
  const wrapped = middy<HttpEvent, APIGatewayProxyResultV2>()
    // The invocation's context on every log line, and the route key (never the path: it holds tokens).
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use({ before: (request) => logger.appendKeys({ route: request.event.routeKey }) })
    .use(compression())
    .use(httpErrors(() => runtime.ports().views));
  if (options.admin) {
    wrapped.use(adminAuth(() => runtime.secrets().adminApiToken()));
    wrapped.use(auditTrail(runtime.ports, () => "admin API"));
  }
  const lambda = wrapped.handler(async (event) => handle(event, runtime.ports(), runtime.config()));
  return (event, context) => lambda(event, (context ?? {}) as never) as Promise<APIGatewayProxyResultV2>;
};
