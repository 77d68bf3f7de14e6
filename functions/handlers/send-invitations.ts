// POST /api/campaigns/{campaignId}/send: invites every invited contact not yet invited.
import { sendInvitations } from "../core/send-invitations.ts";
import { httpHandler, lambdaRuntime, type LambdaNeeds, type Runtime } from "../http/handler.ts";
import { jsonResponse } from "../http/responses.ts";
import { sqsEmailQueue } from "../adapters/sqs-email-queue.ts";
import { secretsManagerSecrets } from "../adapters/secrets-manager.ts";

export const createSendInvitationsHandler = (runtime: Runtime) =>
  httpHandler(
    runtime,
    async (event, ports) =>
      jsonResponse(200, await sendInvitations(ports, event.pathParameters?.campaignId ?? "")),
    { admin: true },
  );

/** What this function uses in AWS beyond DynamoDB: its bundle holds only these SDK clients. */
export const needs: LambdaNeeds = { queue: sqsEmailQueue, secrets: secretsManagerSecrets };

export const handler = createSendInvitationsHandler(lambdaRuntime(needs));
