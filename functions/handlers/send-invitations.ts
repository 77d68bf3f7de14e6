// POST /api/campaigns/{campaignId}/send: invites every invited contact not yet invited.
import { sendInvitations } from "../core/send-invitations.ts";
import { httpHandler, lambdaRuntime, type Runtime } from "../http/handler.ts";
import { jsonResponse } from "../http/responses.ts";

export const createSendInvitationsHandler = (runtime: Runtime) =>
  httpHandler(
    runtime,
    async (event, ports) =>
      jsonResponse(200, await sendInvitations(ports, event.pathParameters?.campaignId ?? "")),
    { admin: true },
  );

export const handler = createSendInvitationsHandler(lambdaRuntime);
