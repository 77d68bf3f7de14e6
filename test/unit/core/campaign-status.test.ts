// Where a campaign stands, on the in-memory stores: each member's state from its invitations and answer,
// the filters and search, the tallies, and closing and reopening.
import { describe, expect, it } from "vitest";
import { campaignStatus, closeCampaign, reopenCampaign } from "../../../functions/core/campaign-status.ts";
import type { Response } from "../../../functions/core/responses.ts";
import { campaign, invitation, member, submission, text } from "../../support/factories.ts";
import { fakePorts } from "../../support/fake-ports.ts";

const answer = (memberCode: string, overrides: Partial<Response> = {}): Response => ({
  campaignId: "c1",
  memberCode,
  status: "draft",
  version: 1,
  answers: {},
  updatedAt: "2026-02-01T00:00:00.000Z",
  updatedBy: { contactId: "focal-point", name: "Ana" },
  ...overrides,
});

const mission = {
  id: "mission",
  name: "Mission",
  email: "mission@example.org",
  role: "alternate",
  revoked: false,
};

/** Six members, one in each state, and one member of the directory the campaign did not invite. */
const campaignUnderway = async () => {
  const ports = fakePorts();
  await ports.repository.putMembers([
    member("ARG"),
    member("BRA", { group: "workers" }),
    member("CHL"),
    member("PER", { name: text("Perú"), alternateContact: mission }),
    member("URY"),
    member("MEX"),
    member("USA"),
  ]);
  await ports.repository.createCampaign(
    campaign({
      invited: ["ARG", "BRA", "CHL", "PER", "URY", "MEX"],
      closesAt: "2026-03-31T00:00:00.000Z",
      reminderPlan: [7],
    }),
  );
  await ports.repository.createInvitation(invitation({ memberCode: "ARG", state: "sent" }));
  await ports.repository.createInvitation(invitation({ memberCode: "BRA", state: "sent" }));
  await ports.repository.createInvitation(invitation({ memberCode: "CHL", state: "sent" }));
  await ports.repository.createInvitation(invitation({ memberCode: "PER", state: "bounced" }));
  await ports.repository.createInvitation(invitation({ memberCode: "URY", state: "failed" }));
  await ports.repository.saveResponse(answer("BRA"), 0);
  // Chile submitted twice, a draft saved between: its answer is at stored version 3, its 2nd submission.
  await ports.repository.putResponseVersion(submission("CHL", {}, 1));
  await ports.repository.putResponseVersion(submission("CHL", {}, 3));
  await ports.repository.saveResponse(
    answer("CHL", {
      status: "submitted",
      version: 3,
      submittedVersion: 3,
      submittedAt: "2026-02-02T00:00:00.000Z",
    }),
    0,
  );
  await ports.repository.putAudit({
    at: "2026-02-01T00:00:00.000Z",
    actor: "ana",
    action: "send",
    campaignId: "c1",
  });
  return ports;
};

describe("where a campaign stands", () => {
  it("gives each invited member its state, in the campaign's order, and offers escalation where nobody is reachable", async () => {
    const status = await campaignStatus(await campaignUnderway(), "c1");
    expect(status.state).toBe("open");
    expect(status.members.map((m) => [m.code, m.state])).toEqual([
      ["ARG", "sent"],
      ["BRA", "draft"],
      ["CHL", "submitted"],
      ["PER", "bounced"],
      ["URY", "failed"],
      ["MEX", "not-sent"],
    ]);
    const [, , chile, peru] = status.members;
    expect(chile?.response).toMatchObject({ status: "submitted", version: 2 });
    expect(peru?.escalate).toEqual({ name: "Mission", email: "mission@example.org" });
    expect(status.members[0]?.contacts[0]).not.toHaveProperty("tokenHashes");
    expect(status.filters).toEqual({ all: 6, "not-answered": 4, draft: 1, submitted: 1, bounced: 2 });
    expect(status.byGroup).toEqual([
      { key: "government", invited: 5, reached: 2, drafts: 0, submitted: 1 },
      { key: "workers", invited: 1, reached: 1, drafts: 1, submitted: 0 },
    ]);
    expect(status.audit).toHaveLength(1);
    expect(status.nextReminder).toEqual({ step: "d7", at: "2026-03-24T00:00:00.000Z" });
  });

  it("searches names and codes, accents and case aside; filters; pages", async () => {
    const ports = await campaignUnderway();
    expect((await campaignStatus(ports, "c1", { search: " peru " })).members.map((m) => m.code)).toEqual([
      "PER",
    ]);
    const unreachable = await campaignStatus(ports, "c1", { filter: "bounced" });
    expect(unreachable.members.map((m) => m.code)).toEqual(["PER", "URY"]);
    const second = await campaignStatus(ports, "c1", { perPage: 4, page: 2 });
    expect(second.members.map((m) => m.code)).toEqual(["URY", "MEX"]);
    expect(second.page).toMatchObject({ number: 2, pages: 2, perPage: 4, matching: 6 });
    expect((await campaignStatus(ports, "c1", { perPage: 4, page: 9 })).page.number).toBe(2);
  });

  it("says so for an unknown campaign", async () => {
    await expect(campaignStatus(fakePorts(), "none")).rejects.toMatchObject({ code: "campaign_not_found" });
  });
});

describe("closing and reopening a campaign", () => {
  it("closes it; reopening keeps its closing date while that is ahead", async () => {
    const ports = await campaignUnderway();
    await closeCampaign(ports, "c1");
    expect((await campaignStatus(ports, "c1")).state).toBe("closed");
    await reopenCampaign(ports, "c1");
    expect(await ports.repository.getCampaign("c1")).toMatchObject({
      status: "open",
      closesAt: "2026-03-31T00:00:00.000Z",
    });
  });

  it("reopening after the closing date passed needs a new date in the future", async () => {
    const ports = await campaignUnderway();
    await closeCampaign(ports, "c1");
    ports.moveTo("2026-04-02T00:00:00.000Z");
    await expect(reopenCampaign(ports, "c1")).rejects.toMatchObject({ code: "closing_date_needed" });
    await expect(reopenCampaign(ports, "c1", "2026-04-01")).rejects.toMatchObject({
      code: "closing_date_needed",
    });
    await reopenCampaign(ports, "c1", "2026-04-30T00:00:00.000Z");
    expect(await ports.repository.getCampaign("c1")).toMatchObject({
      status: "open",
      closesAt: "2026-04-30T00:00:00.000Z",
    });
  });

  it("says so for an unknown campaign", async () => {
    const ports = fakePorts();
    await expect(closeCampaign(ports, "none")).rejects.toMatchObject({ code: "campaign_not_found" });
    await expect(reopenCampaign(ports, "none")).rejects.toMatchObject({ code: "campaign_not_found" });
  });
});
