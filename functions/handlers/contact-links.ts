// POST /api/campaigns/{campaignId}/invitations/{memberCode}/{contactId}/{replace|revoke}: the
// Secretariat replaces a contact's link (new link sent, old one dead) or revokes it.
import { replaceContactLink, revokeContactLink } from "../core/contact-links.ts";
import { httpHandler, lambdaRuntime, type LambdaNeeds, type Runtime } from "../http/handler.ts";
import { jsonResponse } from "../http/responses.ts";
import { sqsEmailQueue } from "../adapters/sqs-email-queue.ts";
import { secretsManagerSecrets } from "../adapters/secrets-manager.ts";

export const createContactLinksHandler = (runtime: Runtime) =>
  httpHandler(
    runtime,
    async (event, ports) => {
      const p = event.pathParameters ?? {};
      const key = {
        campaignId: p.campaignId ?? "",
        memberCode: p.memberCode ?? "",
        contactId: p.contactId ?? "",
      };
      const invitation = event.rawPath.endsWith("/revoke")
        ? await revokeContactLink(ports, key)
        : await replaceContactLink(ports, key);
      const { tokenHashes: _hashes, ...shown } = invitation;
      return jsonResponse(200, shown);
    },
    { admin: true },
  );

/** What this function uses in AWS beyond DynamoDB: its bundle holds only these SDK clients. */
export const needs: LambdaNeeds = { queue: sqsEmailQueue, secrets: secretsManagerSecrets };

export const handler = createContactLinksHandler(lambdaRuntime(needs));
