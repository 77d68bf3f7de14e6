// Receipts on the in-memory stores: a submission kept with its code and its emails queued once, a code
// checked against the stored text, and the sweep completing what an interrupted request left.
import { describe, expect, it } from "vitest";
import { normaliseReceiptCode, receiptCode, verifyReceipt } from "../../../functions/core/receipts.ts";
import type { Response } from "../../../functions/core/responses.ts";
import {
  completeSubmissions,
  keepSubmission,
  SECRETARIAT_MAILBOX,
} from "../../../functions/core/submission-receipts.ts";
import { campaign, invitation } from "../../support/factories.ts";
import { fakePorts } from "../../support/fake-ports.ts";

const submitted = (memberCode = "ARG", version = 2): Response => ({
  campaignId: "c1",
  memberCode,
  status: "submitted",
  version,
  answers: { "anything-else": "Propuesta" },
  updatedAt: "2026-02-01T00:00:00.000Z",
  updatedBy: { contactId: "focal-point", name: "Ana" },
  submittedAt: "2026-02-01T00:00:00.000Z",
  submittedVersion: version,
});

const withSignatories = async () => {
  const ports = fakePorts();
  await ports.repository.createInvitation(invitation());
  await ports.repository.createInvitation(invitation({ contactId: "minister" }));
  await ports.repository.createInvitation(invitation({ contactId: "gone", state: "revoked" }));
  await ports.repository.createInvitation(invitation({ contactId: "helper", role: "contributor" }));
  return ports;
};

const receiptsTo = (jobs: { kind: string; contactId?: string }[]) =>
  jobs.filter((j) => j.kind === "receipt").map((j) => j.contactId);

describe("keeping a submission", () => {
  it("keeps the version with its receipt code and queues a receipt to each signatory and the Secretariat", async () => {
    const ports = await withSignatories();
    const kept = (await keepSubmission(ports, campaign(), submitted()))!;
    const { receiptCode: code, ...content } = kept;
    expect(code).toBe(receiptCode(content));
    expect(await ports.repository.getResponseVersion("c1", "ARG", 2)).toEqual(kept);
    expect(await ports.repository.getReceipt(code)).toEqual({
      campaignId: "c1",
      memberCode: "ARG",
      version: 2,
    });
    expect(receiptsTo(ports.queued)).toEqual(["focal-point", "minister", SECRETARIAT_MAILBOX]);
  });

  it("keeps the submission when its receipts cannot be queued, and says so in the log", async () => {
    const ports = await withSignatories();
    ports.queue.enqueue = async () => {
      throw new Error("queue unavailable");
    };
    expect(await keepSubmission(ports, campaign(), submitted())).toBeDefined();
    expect(ports.logged).toEqual([
      {
        level: "error",
        message: "receipt emails not queued",
        fields: { campaign: "c1", member: "ARG", error: "Error: queue unavailable" },
      },
    ]);
  });

  it("done twice, writes the same thing and queues nothing already on its way", async () => {
    const ports = await withSignatories();
    const first = await keepSubmission(ports, campaign(), submitted());
    ports.queued.length = 0;
    expect(await keepSubmission(ports, campaign(), submitted())).toEqual(first);
    // The records are still pending (no worker took them): queued again, which a worker sends once.
    expect(receiptsTo(ports.queued)).toHaveLength(3);
    for (const job of (await ports.repository.listEmails("c1")).filter((e) => e.kind === "receipt")) {
      await ports.repository.updateEmail(job, { ...job, status: "sent" });
    }
    ports.queued.length = 0;
    await keepSubmission(ports, campaign(), submitted());
    expect(ports.queued).toEqual([]);
    expect((await ports.repository.listEmails("c1")).filter((e) => e.kind === "receipt")).toHaveLength(3);
  });

  it("keeps nothing for a draft, or a submission a later draft replaced", async () => {
    const ports = await withSignatories();
    expect(await keepSubmission(ports, campaign(), { ...submitted(), status: "draft" })).toBeUndefined();
    expect(await keepSubmission(ports, campaign(), { ...submitted(), version: 3 })).toBeUndefined();
    expect(await ports.repository.listKeptVersions("c1")).toEqual([]);
    expect(ports.queued).toEqual([]);
  });
});

describe("the sweep", () => {
  it("completes the submissions whose Secretariat receipt was never recorded, and only those", async () => {
    const ports = await withSignatories();
    await keepSubmission(ports, campaign(), submitted("ARG"));
    // Brazil's request died after saving its response: no version, no receipt.
    await ports.repository.saveResponse(submitted("BRA", 1), 0);
    await ports.repository.saveResponse({ ...submitted("CHL", 1), status: "draft" }, 0);
    const emails = await ports.repository.listEmails("c1");
    expect(await completeSubmissions(ports, campaign(), emails)).toBe(1);
    expect((await ports.repository.listKeptVersions("c1")).map((v) => v.memberCode)).toEqual(["ARG", "BRA"]);
    expect(await completeSubmissions(ports, campaign(), await ports.repository.listEmails("c1"))).toBe(0);
  });
});

describe("checking a receipt code", () => {
  it("finds the submission a code names, as people type it, and numbers it among the member's submissions", async () => {
    const ports = await withSignatories();
    await keepSubmission(ports, campaign(), submitted("ARG", 2));
    const second = (await keepSubmission(ports, campaign(), submitted("ARG", 5)))!;
    const typed = second.receiptCode.toLowerCase().replace(/-/g, " ").replace(/0/g, "o");
    expect(normaliseReceiptCode(typed)).toBe(second.receiptCode);
    const verified = await verifyReceipt(ports, typed);
    expect(verified).toEqual({ version: second, intact: true, number: 2, issues: [] });
  });

  it("says a stored text changed after the fact is not intact", async () => {
    const ports = await withSignatories();
    const kept = (await keepSubmission(ports, campaign(), submitted()))!;
    // Someone edits the stored text behind the application's back.
    const tampered = fakePorts();
    await tampered.repository.putReceipt(kept.receiptCode, {
      campaignId: "c1",
      memberCode: "ARG",
      version: 2,
    });
    await tampered.repository.putResponseVersion({ ...kept, answers: { "anything-else": "Otra cosa" } });
    expect((await verifyReceipt(tampered, kept.receiptCode)).intact).toBe(false);
  });

  it("does not find a code nobody was given", async () => {
    const ports = await withSignatories();
    await expect(verifyReceipt(ports, "0000-0000-0000")).rejects.toMatchObject({ code: "receipt_not_found" });
  });
});
