// Changing an invitation from a copy in hand: saves a read, and never overwrites or skips a newer change.
import { describe, expect, it } from "vitest";
import { modifyInvitation } from "../../../functions/core/invitation-updates.ts";
import { freshTable } from "../../support/dynamo.ts";
import { invitation } from "../../support/factories.ts";

const key = { campaignId: "c1", memberCode: "ARG", contactId: "focal-point" };

describe("modifyInvitation from a known copy", () => {
  it("writes from the copy when it is current", async () => {
    const { repository } = await freshTable();
    await repository.createInvitation(invitation());
    const copy = (await repository.getInvitation("c1", "ARG", "focal-point"))!;
    const written = await modifyInvitation(repository, key, (inv) => ({ ...inv, state: "sent" }), copy);
    expect(written).toMatchObject({ state: "sent", rev: 1 });
    expect(await repository.getInvitation("c1", "ARG", "focal-point")).toMatchObject({
      state: "sent",
      rev: 1,
    });
  });

  it("keeps a change someone else made since the copy was read", async () => {
    const { repository } = await freshTable();
    await repository.createInvitation(invitation());
    const stale = (await repository.getInvitation("c1", "ARG", "focal-point"))!;
    // A bounce arrives between the worker's read and its write.
    await modifyInvitation(repository, key, (inv) => ({ ...inv, state: "bounced", failureReason: "550" }));
    await modifyInvitation(
      repository,
      key,
      (inv) => ({ ...inv, tokenHashes: [...inv.tokenHashes, "h1"] }),
      stale,
    );
    expect(await repository.getInvitation("c1", "ARG", "focal-point")).toMatchObject({
      state: "bounced",
      failureReason: "550",
      tokenHashes: ["h1"],
      rev: 2,
    });
  });

  it("does not take a stale copy's word that there is nothing to change", async () => {
    const { repository } = await freshTable();
    await repository.createInvitation(invitation({ state: "sent" }));
    const stale = (await repository.getInvitation("c1", "ARG", "focal-point"))!;
    await modifyInvitation(repository, key, (inv) => ({ ...inv, state: "failed" }));
    // "Resend after a failure": a no-op on the stale copy (sent), a change on the stored one (failed).
    await modifyInvitation(
      repository,
      key,
      (inv) => (inv.state === "failed" ? { ...inv, state: "queued" } : undefined),
      stale,
    );
    expect(await repository.getInvitation("c1", "ARG", "focal-point")).toMatchObject({ state: "queued" });
  });
});
