// Builds an HTTP Lambda handler: middy with the error mapper first, optional admin guard and body parser,
// a handler's own middleware (the console's session), the handler last.
import middy from "@middy/core";
import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import type { APIGatewayProxyResultV2 } from "aws-lambda";
import { config, type Config } from "../config.ts";
import type { Ports } from "../core/ports.ts";
import type { SignedInSession } from "../core/secretariat-auth.ts";
import { lambdaPorts, type AwsAdapters, type Printers } from "../adapters/ports.ts";
import { secretsFrom, type Secrets } from "../adapters/secrets.ts";
import { logger } from "../adapters/telemetry.ts";
import { adminAuth } from "./admin-auth.ts";
import { auditTrail, type AuditLine } from "./audit.ts";
import { bodyParser, type BodyOptions } from "./body-parser.ts";
import { compression } from "./compression.ts";
import { httpErrors } from "./errors.ts";
import type { HttpEvent } from "./request.ts";

/** What a handler needs; in Lambda built from the environment, locally and in tests given directly. */
export type Runtime = { ports: () => Ports; config: () => Config; secrets: () => Secrets };

/** What a Lambda uses beyond DynamoDB: its AWS adapters, and Secrets Manager if it reads secrets. */
export type LambdaNeeds = AwsAdapters & { secrets?: (cfg: Config) => Secrets };

export const lambdaRuntime = (needs: LambdaNeeds, printers: Printers = {}): Runtime => {
  let secrets: Secrets | undefined;
  return {
    ports: lambdaPorts(needs, printers),
    config,
    secrets: () => (secrets ??= (needs.secrets ?? secretsFrom)(config())),
  };
};

/** What middleware learned about the request, handed to the handler beside the event. */
export type RequestContext = {
  /** The body as the body parser read it (a form's fields, an upload, JSON); undefined when none. */
  body?: unknown;
  /** The Secretariat member signed in to the console, once the session middleware found one. */
  session?: SignedInSession;
  /** What the request did, for the audit trail; written only if it succeeds. */
  audit?: AuditLine;
};

export type HttpMiddleware = middy.MiddlewareObj<HttpEvent, APIGatewayProxyResultV2, Error, RequestContext>;

export type HttpHandler = (event: HttpEvent, context?: unknown) => Promise<APIGatewayProxyResultV2>;

export const httpHandler = (
  runtime: Runtime,
  handle: (
    event: HttpEvent,
    ports: Ports,
    config: Config,
    context: RequestContext,
  ) => Promise<APIGatewayProxyResultV2>,
  options: { admin?: boolean; body?: BodyOptions; use?: HttpMiddleware[] } = {},
): HttpHandler => {
  const wrapped = middy<HttpEvent, APIGatewayProxyResultV2, Error, RequestContext>()
    // The invocation's context on every log line, and the route key (never the path: it holds tokens).
    .use(injectLambdaContext(logger, { resetKeys: true }) as HttpMiddleware)
    .use({ before: (request) => logger.appendKeys({ route: request.event.routeKey }) })
    .use(compression() as HttpMiddleware)
    .use(httpErrors(() => runtime.ports().views) as HttpMiddleware);
  if (options.admin) {
    wrapped.use(adminAuth(() => runtime.secrets().adminApiToken()) as HttpMiddleware);
    wrapped.use(auditTrail(runtime.ports, ({ event }) => adminAction(event)));
  }
  if (options.body)
    wrapped.use(
      bodyParser(
        options.body,
        () => runtime.config().maxBodyBytes,
        () => runtime.config().maxUploadBytes,
      ),
    );
  for (const m of options.use ?? []) wrapped.use(m);
  const lambda = wrapped.handler(async (event, context) =>
    handle(event, runtime.ports(), runtime.config(), context),
  );
  return (event, context) => lambda(event, (context ?? {}) as never) as Promise<APIGatewayProxyResultV2>;
};

/** An admin API call that changes something, as its audit line: the route and what it named. */
const adminAction = (event: HttpEvent): AuditLine | undefined => {
  if (event.requestContext.http.method === "GET") return undefined;
  const p = event.pathParameters ?? {};
  const target = [p.memberCode, p.contactId].filter(Boolean).join("/");
  return {
    actor: "admin API",
    action: event.routeKey,
    ...(p.campaignId ? { campaignId: p.campaignId } : {}),
    ...(target ? { target } : {}),
  };
};
