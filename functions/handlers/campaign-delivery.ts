// GET /api/campaigns/{campaignId}/invitations: every contact's delivery state and email log;
// POST /api/campaigns/{campaignId}/remind: "remind now", a job (202; the run-job worker reminds).
import { listContributors } from "../core/contributors.ts";
import { NotFound } from "../core/errors.ts";
import type { EmailRecord } from "../core/invitations.ts";
import { jobView, startJob } from "../core/jobs.ts";
import { httpHandler, lambdaRuntime, type LambdaNeeds, type Runtime } from "../http/handler.ts";
import { accepted, jsonResponse } from "../http/responses.ts";
import { sqsJobQueue } from "../adapters/sqs-job-queue.ts";
import { secretsManagerSecrets } from "../adapters/secrets-manager.ts";

export const createCampaignDeliveryHandler = (runtime: Runtime) =>
  httpHandler(
    runtime,
    async (event, ports) => {
      const campaignId = event.pathParameters?.campaignId ?? "";
      if (event.requestContext.http.method === "POST") {
        const job = await startJob(ports, { kind: "remind", campaignId }, "admin API");
        return accepted(`/api/jobs/${job.id}`, { job: jobView(job) });
      }
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
export const needs: LambdaNeeds = { jobs: sqsJobQueue, secrets: secretsManagerSecrets };

export const handler = createCampaignDeliveryHandler(lambdaRuntime(needs));
