import { beforeAll, describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import { createHandlebarsViews } from "../../../functions/adapters/handlebars-views.ts";
import { deliverInvitation } from "../../../functions/core/deliver-invitation.ts";
import { hashToken } from "../../../functions/core/invitations.ts";
import type { OutgoingEmail, Ports, Repository } from "../../../functions/core/ports.ts";
import { freshTable } from "../../support/dynamo.ts";
import { campaign, invitation, member } from "../../support/factories.ts";

const views = createHandlebarsViews(fileURLToPath(new URL("../../../templates/", import.meta.url)));
let repository: Repository;

beforeAll(async () => {
  ({ repository } = await freshTable());
  await repository.putMembers([member("ARG")]);
  await repository.createCampaign(campaign({ id: "c1", closesAt: "2099-01-01T00:00:00.000Z" }));
});

const portsWith = (
  send: (email: OutgoingEmail) => Promise<{ messageId: string }>,
  tokens: string[],
): Ports => ({
  repository,
  views,
  mailer: { send },
  queue: { enqueue: async () => {} },
  blobs: { put: async () => {}, get: async () => undefined },
  clock: { now: () => new Date("2026-06-01T00:00:00Z") },
  random: { token: () => tokens.shift() ?? "t".repeat(43), id: () => "id" },
  publicBaseUrl: "https://consulta.example.org",
});

describe("delivering an invitation", () => {
  const job = { kind: "invitation" as const, campaignId: "c1", memberCode: "ARG", contactId: "focal-point" };

  it("marks it failed with the reason when the mailer fails, then sends on retry with a new token, and never twice", async () => {
    await repository.createInvitation(invitation());
    const first = "a".repeat(43);
    const second = "b".repeat(43);
    const tokens = [first, second];
    const failing = portsWith(async () => {
      throw new Error("Throttling: Maximum sending rate exceeded");
    }, tokens);
    await expect(deliverInvitation(failing, job)).rejects.toThrow(/Throttling/);
    expect(await repository.getInvitation("c1", "ARG", "focal-point")).toMatchObject({
      status: "failed",
      failureReason: "Throttling: Maximum sending rate exceeded",
      attempts: 1,
    });

    const sent: OutgoingEmail[] = [];
    const working = portsWith(async (email) => (sent.push(email), { messageId: "m1" }), tokens);
    expect(await deliverInvitation(working, job)).toBe("sent");
    expect(sent).toHaveLength(1);
    expect(sent[0]?.text).toContain(`https://consulta.example.org/r/${second}`);
    expect((await repository.getToken(hashToken(first)))?.status).toBe("replaced");
    expect((await repository.getToken(hashToken(second)))?.status).toBe("active");
    expect(await deliverInvitation(working, job)).toBe("skipped");
    expect(sent).toHaveLength(1);
  });

  it("stores the token only as its hash", async () => {
    const stored = await repository.getInvitation("c1", "ARG", "focal-point");
    expect(JSON.stringify(stored)).not.toContain("b".repeat(43));
    expect(stored?.tokenHash).toBe(hashToken("b".repeat(43)));
  });
});
