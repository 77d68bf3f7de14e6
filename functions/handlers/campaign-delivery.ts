// GET /api/campaigns/{campaignId}/invitations: every contact's delivery state and email log;
// POST /api/campaigns/{campaignId}/remind: "remind now".
import { listContributors } from "../core/contributors.ts";
import { NotFound } from "../core/errors.ts";
import type { EmailRecord } from "../core/invitations.ts";
import { remindNow } from "../core/reminders.ts";
import { httpHandler, lambdaRuntime, type LambdaNeeds, type Runtime } from "../http/handler.ts";
import { jsonResponse } from "../http/responses.ts";
import { sqsEmailQueue } from "../adapters/sqs-email-queue.ts";
import { secretsManagerSecrets } from "../adapters/secrets-manager.ts";

export const createCampaignDeliveryHandler = (runtime: Runtime) =>
  httpHandler(
    runtime,
    async (event, ports) => {
      const campaignId = event.pathParameters?.campaignId ?? "";
      if (event.requestContext.http.method === "POST")
        return jsonResponse(200, await remindNow(ports, campaignId));
      const memberCode = event.pathParameters?.memberCode;
      if (memberCode) {
        const contributors = await listContributors(ports, campaignId, memberCode);
        return jsonResponse(200, { contributors: contributors.map(({ tokenHashes: _h, ...c }) => c) });
      }
      if (!(await ports.repository.getCampaign(campaignId)))
        throw new NotFound("campaign_not_found", `No campaign ${campaignId}`);
      const [invitations, emails] = await Promise.all([
        ports.repository.listInvitations(campaignId),
        ports.repository.listEmails(campaignId),
      ]);
      // Each invitation's emails by key, not by scanning every email once per invitation.
      const emailsOf = new Map<string, EmailRecord[]>();
      for (const e of emails) {
        const key = `${e.memberCode}\u0000${e.contactId}`;
        emailsOf.set(key, [...(emailsOf.get(key) ?? []), e]);
      }
      return jsonResponse(200, {
        invitations: invitations.map(({ tokenHashes: _hashes, ...inv }) => ({
          ...inv,
          emails: emailsOf.get(`${inv.memberCode}\u0000${inv.contactId}`) ?? [],
        })),
      });
    },
    { admin: true },
  );

/** What this function uses in AWS beyond DynamoDB: its bundle holds only these SDK clients. */
export const needs: LambdaNeeds = { queue: sqsEmailQueue, secrets: secretsManagerSecrets };

export const handler = createCampaignDeliveryHandler(lambdaRuntime(needs));
