// The api concern: one HTTP API (API Gateway v2) serving every route of functions/http/routes.ts.
import { CfnOutput } from "aws-cdk-lib";
import { AccessLogFormat } from "aws-cdk-lib/aws-apigateway";
import * as apigw from "aws-cdk-lib/aws-apigatewayv2";
import { HttpLambdaIntegration } from "aws-cdk-lib/aws-apigatewayv2-integrations";
import * as acm from "aws-cdk-lib/aws-certificatemanager";
import type * as lambda from "aws-cdk-lib/aws-lambda";
import * as logs from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";
import { ROUTES, type HttpHandlerName } from "../functions/http/routes.ts";

/**
 * One JSON line per request. The path is left out on purpose: respondents' paths are /r/{token}, and a
 * token never appears in a log; the route key ("GET /r/{token}") says which route answered.
 */
export const ACCESS_LOG_FIELDS = {
  requestId: "$context.requestId",
  requestTime: "$context.requestTime",
  sourceIp: "$context.identity.sourceIp",
  routeKey: "$context.routeKey",
  status: "$context.status",
  protocol: "$context.protocol",
  responseLength: "$context.responseLength",
  responseLatency: "$context.responseLatency",
  integrationStatus: "$context.integrationStatus",
  integrationLatency: "$context.integrationLatency",
  error: "$context.error.message",
  integrationError: "$context.integrationErrorMessage",
};

/** Requests a second (steady, burst) that all callers of a route together may make. */
type Throttle = { rateLimit: number; burstLimit: number };

/**
 * Each route's share, by who calls it: forty ministries answering near a deadline, a few Secretariat
 * people in the console, and the Secretariat's scripts on the admin API. Limits are for all callers
 * together (API Gateway counts per route, not per client; the front door's WAF counts per client).
 */
export const routeThrottle = (handler: HttpHandlerName): Throttle =>
  handler === "respondent-form" || handler === "static-asset"
    ? { rateLimit: 20, burstLimit: 40 }
    : { rateLimit: 10, burstLimit: 20 };

export type ApiProps = {
  logRetention: logs.RetentionDays;
  /** Steady requests per second across the API; the form and the admin calls together. */
  rateLimit?: number;
  burstLimit?: number;
  /**
   * Serve the API at this name. The execute-api endpoint is then turned off, so the name (and the
   * front door, when it serves the name) is the only way in.
   */
  customDomain?: { domainName: string; certificateArn: string } | undefined;
};

export class Api extends Construct {
  readonly httpApi: apigw.HttpApi;
  readonly stage: apigw.HttpStage;
  readonly accessLogs: logs.LogGroup;
  /** The custom domain, when there is one: the front door's origin. */
  readonly domainName: apigw.DomainName | undefined;
  /** The base of the links in emails: the custom domain when there is one, else the API's own URL. */
  readonly url: string;
  /** Each route with the handler that answers it; how a route authorizes depends on that handler. */
  readonly routes: { handler: HttpHandlerName; route: apigw.HttpRoute }[] = [];

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    // The default stage is made by hand below: the one HttpApi makes cannot take access logs.
    this.httpApi = new apigw.HttpApi(this, "HttpApi", {
      description: "Consulta: the respondent form and the Secretariat's admin API",
      createDefaultStage: false,
      disableExecuteApiEndpoint: props.customDomain ? true : undefined,
    });
    const domainName = props.customDomain
      ? new apigw.DomainName(this, "DomainName", {
          domainName: props.customDomain.domainName,
          certificate: acm.Certificate.fromCertificateArn(
            this,
            "Certificate",
            props.customDomain.certificateArn,
          ),
        })
      : undefined;
    this.domainName = domainName;
    this.accessLogs = new logs.LogGroup(this, "AccessLogs", { retention: props.logRetention });
    this.stage = new apigw.HttpStage(this, "DefaultStage", {
      httpApi: this.httpApi,
      stageName: "$default",
      autoDeploy: true,
      // Forty respondents and a Secretariat never come close; a runaway script or a flood stops here.
      throttle: { rateLimit: props.rateLimit ?? 50, burstLimit: props.burstLimit ?? 100 },
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
      ...(domainName ? { domainMapping: { domainName } } : {}),
    });
    this.url = domainName ? `https://${props.customDomain!.domainName}` : this.stage.url;

    if (!domainName) new CfnOutput(this, "Url", { description: "The API's own URL", value: this.stage.url });
  }

  /** Adds every route of the shared table, each to its handler's function and throttled for its callers. */
  addRoutes(handlers: Record<HttpHandlerName, lambda.IFunction>) {
    // CloudFormation's own names: the property is free-form JSON, passed through as written.
    const routeSettings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};
    const integrations = new Map<HttpHandlerName, HttpLambdaIntegration>();
    for (const route of ROUTES) {
      let integration = integrations.get(route.handler);
      if (!integration) {
        const fn = handlers[route.handler];
        if (!fn)
          throw new Error(
            `Route ${route.method} ${route.path}: no function for ${route.handler} in cdk/functions.ts`,
          );
        integration = new HttpLambdaIntegration(`${route.handler}-integration`, fn);
        integrations.set(route.handler, integration);
      }
      const added = this.httpApi.addRoutes({
        path: route.path,
        methods: [apigw.HttpMethod[route.method]],
        integration,
      });
      this.routes.push(...added.map((r) => ({ handler: route.handler, route: r })));
      const throttle = routeThrottle(route.handler);
      routeSettings[`${route.method} ${route.path}`] = {
        ThrottlingRateLimit: throttle.rateLimit,
        ThrottlingBurstLimit: throttle.burstLimit,
      };
      // The stage's settings name routes by key: CloudFormation refuses a key whose route is not there yet.
      for (const r of added) this.stage.node.addDependency(r);
    }
    (this.stage.node.defaultChild as apigw.CfnStage).routeSettings = routeSettings;
  }
}
