// Every state-changing request leaves a line in the audit trail, written here once it has succeeded:
// who, when, what, on what, and how many (counts, not prose, so a page can word them).
import type middy from "@middy/core";
import type { APIGatewayProxyResultV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import type { AuditEntry, Ports } from "../core/ports.ts";
import type { RequestContext } from "./handler.ts";
import type { HttpEvent } from "./request.ts";

/** An audit entry before its time is stamped. */
export type AuditLine = Omit<AuditEntry, "at">;

export const auditTrail = (
  ports: () => Ports,
  /** What the request did, from its event or from what its handler recorded in the context. */
  described: (request: { event: HttpEvent; context: RequestContext }) => AuditLine | undefined,
): middy.MiddlewareObj<HttpEvent, APIGatewayProxyResultV2, Error, RequestContext> => ({
  after: async (request) => {
    const status = (request.response as APIGatewayProxyStructuredResultV2 | undefined)?.statusCode ?? 200;
    if (status >= 400) return;
    const line = described(request);
    if (!line) return;
    await ports().repository.putAudit({ at: ports().clock.now().toISOString(), ...line });
  },
});
