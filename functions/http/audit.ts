// Every state-changing admin request leaves a line in the audit trail: who, when, what, on what.
import type middy from "@middy/core";
import type { APIGatewayProxyResultV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import type { AuditEntry, Ports } from "../core/ports.ts";
import type { HttpEvent } from "./request.ts";

export const auditTrail = (
  ports: () => Ports,
  actor: (event: HttpEvent) => string,
): middy.MiddlewareObj<HttpEvent, APIGatewayProxyResultV2> => ({
  after: async (request) => {
    const { event } = request;
    const method = event.requestContext.http.method;
    const status = (request.response as APIGatewayProxyStructuredResultV2 | undefined)?.statusCode ?? 200;
    if (method === "GET" || status >= 400) return;
    const p = event.pathParameters ?? {};
    const target = [p.memberCode, p.contactId].filter(Boolean).join("/");
    const entry: AuditEntry = {
      at: ports().clock.now().toISOString(),
      actor: actor(event),
      action: event.routeKey,
      ...(p.campaignId ? { campaignId: p.campaignId } : {}),
      ...(target ? { target } : {}),
    };
    await ports().repository.putAudit(entry);
  },
});
