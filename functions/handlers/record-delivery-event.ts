// POST /api/campaigns/{campaignId}/invitations/{memberCode}/{contactId}/events: the Secretariat records a
// bounce or complaint it learned of by other means (or simulates one locally) through the same core
// path as SES's own notifications.
import * as z from "zod";
import { recordDeliveryEvent } from "../core/delivery-events.ts";
import { NotFound } from "../core/errors.ts";
import { httpHandler, lambdaRuntime, type LambdaNeeds, type Runtime } from "../http/handler.ts";
import { validated } from "../http/request.ts";
import { jsonResponse } from "../http/responses.ts";
import { secretsManagerSecrets } from "../adapters/secrets-manager.ts";

const Body = z.strictObject({
  type: z.enum(["bounce", "complaint"]),
  detail: z.string().max(500).optional(),
});

export const createRecordDeliveryEventHandler = (runtime: Runtime) =>
  httpHandler(
    runtime,
    async (event, ports, _config, context) => {
      const body = validated(Body, context.body);
      const p = event.pathParameters ?? {};
      const key = {
        campaignId: p.campaignId ?? "",
        memberCode: p.memberCode ?? "",
        contactId: p.contactId ?? "",
      };
      const invitation = await recordDeliveryEvent(ports, {
        ...key,
        ...body,
        at: ports.clock.now().toISOString(),
      });
      if (!invitation)
        throw new NotFound("invitation_not_found", `No invitation for ${key.memberCode}/${key.contactId}`);
      const { tokenHashes: _hashes, ...shown } = invitation;
      return jsonResponse(200, shown);
    },
    { admin: true, body: { accepts: ["json"] } },
  );

/** What this function uses in AWS beyond DynamoDB: its bundle holds only these SDK clients. */
export const needs: LambdaNeeds = { secrets: secretsManagerSecrets };

export const handler = createRecordDeliveryEventHandler(lambdaRuntime(needs));
