// Escalation on the in-memory stores: inviting a member's alternate contact, reopening one member's answer.
import { describe, expect, it } from "vitest";
import {
  inviteAlternateContact,
  nextReminder,
  reopenMemberAnswer,
  unreachable,
} from "../../../functions/core/escalation.ts";
import type { Response } from "../../../functions/core/responses.ts";
import { campaign, invitation, member } from "../../support/factories.ts";
import { fakePorts } from "../../support/fake-ports.ts";

const mission = {
  id: "mission",
  name: "Permanent Mission",
  email: "mission@example.org",
  role: "alternate",
  revoked: false,
};

describe("inviting a member's alternate contact", () => {
  it("invites it once and queues its invitation once, however often it is pressed", async () => {
    const ports = fakePorts();
    await ports.repository.putMembers([member("ARG", { alternateContact: mission })]);
    const first = await inviteAlternateContact(ports, "c1", "ARG");
    await inviteAlternateContact(ports, "c1", "ARG");
    expect(first).toMatchObject({ contactId: "mission", email: "mission@example.org", language: "es" });
    expect(await ports.repository.listMemberInvitations("c1", "ARG")).toEqual([first]);
    expect(ports.queued).toEqual([
      { campaignId: "c1", memberCode: "ARG", contactId: "mission", kind: "invitation", n: "1" },
    ]);
  });

  it("writes to the alternate in its own language when the directory names one", async () => {
    const ports = fakePorts();
    await ports.repository.putMembers([member("BRA", { alternateContact: { ...mission, language: "pt" } })]);
    expect((await inviteAlternateContact(ports, "c1", "BRA")).language).toBe("pt");
  });

  it("refuses a member without an alternate contact, or unknown", async () => {
    const ports = fakePorts();
    await ports.repository.putMembers([member("ARG")]);
    for (const code of ["ARG", "XXX"])
      await expect(inviteAlternateContact(ports, "c1", code)).rejects.toMatchObject({
        code: "no_alternate_contact",
      });
    expect(ports.queued).toEqual([]);
  });
});

describe("when a member is unreachable", () => {
  it("is when every signatory bounced, complained or failed; contributors and revoked links aside", () => {
    expect(unreachable([])).toBe(false);
    expect(unreachable([invitation({ state: "bounced" }), invitation({ state: "failed" })])).toBe(true);
    expect(unreachable([invitation({ state: "bounced" }), invitation({ state: "sent" })])).toBe(false);
    expect(
      unreachable([
        invitation({ state: "complained" }),
        invitation({ state: "sent", role: "contributor" }),
        invitation({ contactId: "old", state: "revoked" }),
      ]),
    ).toBe(true);
  });
});

describe("the next reminder", () => {
  it("is the plan's next step before closing, none once all have gone", () => {
    const c = campaign({ closesAt: "2026-03-31T00:00:00.000Z", reminderPlan: [14, 7, 2] });
    expect(nextReminder(c, new Date("2026-03-01T00:00:00.000Z"))).toEqual({
      step: "d14",
      at: "2026-03-17T00:00:00.000Z",
    });
    expect(nextReminder(c, new Date("2026-03-25T00:00:00.000Z"))?.step).toBe("d2");
    expect(nextReminder(c, new Date("2026-03-30T00:00:00.000Z"))).toBeUndefined();
  });
});

describe("reopening one member's answer", () => {
  const input = {
    campaignId: "c1",
    memberCode: "ARG",
    until: "2026-04-01",
    reason: "  Late data  ",
    by: "Ana",
  };
  const draft: Response = {
    campaignId: "c1",
    memberCode: "ARG",
    status: "submitted",
    version: 3,
    answers: { a: "kept" },
    updatedAt: "2026-02-01T00:00:00.000Z",
    updatedBy: { contactId: "focal-point", name: "Luis" },
    submittedAt: "2026-02-01T00:00:00.000Z",
    submittedVersion: 3,
  };

  it("moves only the lock of a stored answer, for the reason given", async () => {
    const ports = fakePorts();
    await ports.repository.saveResponse(draft, 0);
    const reopened = await reopenMemberAnswer(ports, input);
    expect(await ports.repository.getResponse("c1", "ARG")).toEqual({
      ...draft,
      version: 4,
      reopenedUntil: "2026-04-01T00:00:00.000Z",
      reopenReason: "Late data",
    });
    expect(reopened.version).toBe(4);
  });

  it("opens a draft for a member that never saved anything", async () => {
    const ports = fakePorts();
    await reopenMemberAnswer(ports, { ...input, reason: "x".repeat(600) });
    expect(await ports.repository.getResponse("c1", "ARG")).toMatchObject({
      status: "draft",
      version: 1,
      answers: {},
      updatedBy: { contactId: "secretariat", name: "Ana" },
      reopenReason: "x".repeat(500),
    });
  });

  it("refuses a date not in the future, or no reason, and writes nothing", async () => {
    const ports = fakePorts();
    for (const until of ["2026-02-01", "soon"])
      await expect(reopenMemberAnswer(ports, { ...input, until })).rejects.toMatchObject({
        code: "reopen_date_needed",
      });
    await expect(reopenMemberAnswer(ports, { ...input, reason: "  " })).rejects.toMatchObject({
      code: "reopen_reason_needed",
    });
    expect(await ports.repository.getResponse("c1", "ARG")).toBeUndefined();
  });
});
