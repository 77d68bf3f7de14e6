// Setting a campaign up, on the in-memory stores: a closing time in a named zone, a reminder plan whose
// steps name their groups, invitees by group and subregion, a deadline extended while open, and the
// counts a confirmation states before a bulk action.
import { describe, expect, it } from "vitest";
import { actionEffect, revokeEffect } from "../../../functions/core/campaign-actions.ts";
import { campaignStatus, extendDeadline } from "../../../functions/core/campaign-status.ts";
import { CampaignInput, openCampaign, reminderSteps } from "../../../functions/core/campaign.ts";
import { wallClock, zonedTime } from "../../../functions/core/closing-time.ts";
import { ConsultaError } from "../../../functions/core/errors.ts";
import {
  dueReminderSteps,
  nextReminderFor,
  remindNow,
  sendDueReminders,
} from "../../../functions/core/reminders.ts";
import {
  campaign,
  emailRecord,
  invitation,
  member,
  questionnaire,
  question,
} from "../../support/factories.ts";
import { fakePorts } from "../../support/fake-ports.ts";

const directory = [
  member("ARG", { subregion: "southern-cone" }),
  member("BRA", { subregion: "southern-cone" }),
  member("JAM", { subregion: "caribbean" }),
  member("COSATE", { group: "workers", subregion: undefined }),
  member("CEATAL", { group: "employers", subregion: undefined }),
];

const withDirectory = async (now?: string) => {
  const ports = fakePorts(now);
  await ports.repository.putMembers(directory);
  await ports.repository.putQuestionnaire(questionnaire([question("q1", "yes-no")]));
  await ports.repository.putQuestionnaire(questionnaire([question("q1", "yes-no")], { version: 2 }));
  return ports;
};

describe("a closing time in a named zone", () => {
  it("reads 17:00 on a day in São Paulo as 20:00 UTC, and shows it back as the clock there does", () => {
    const at = zonedTime("2027-03-31", "17:00", "America/Sao_Paulo");
    expect(at).toBe("2027-03-31T17:00:00-03:00");
    expect(new Date(at).toISOString()).toBe("2027-03-31T20:00:00.000Z");
    expect(wallClock("2027-03-31T20:00:00.000Z", "America/Sao_Paulo")).toEqual({
      date: "2027-03-31",
      time: "17:00",
    });
    expect(() => zonedTime("2027-03-31", "25:00", "America/Sao_Paulo")).toThrow(/time like 17:00/);
  });
});

describe("opening a campaign", () => {
  it("invites the groups and subregions chosen, for the questionnaire version chosen, with a plan for governments only", async () => {
    const ports = await withDirectory();
    const created = await openCampaign(
      ports,
      CampaignInput.parse({
        questionnaireId: "test-questionnaire",
        questionnaireVersion: 1,
        closesAt: zonedTime("2027-03-31", "17:00", "America/Sao_Paulo"),
        timeZone: "America/Sao_Paulo",
        reminderPlan: [
          { days: 10, groups: ["government"] },
          { days: 3, groups: ["government"] },
          { days: 1, groups: ["government"] },
        ],
        inviteGroups: ["government", "workers"],
        inviteSubregions: ["southern-cone"],
      }),
    );
    // Jamaica's subregion was not chosen; COSATE has none, so the group decides; CEATAL's group was not.
    expect(created.invited).toEqual(["ARG", "BRA", "COSATE"]);
    expect(created.questionnaireVersion).toBe(1);
    expect(created.closesAt).toBe("2027-03-31T20:00:00.000Z");
    expect(created.timeZone).toBe("America/Sao_Paulo");
    expect(reminderSteps(created).map((s) => [s.days, s.groups])).toEqual([
      [10, ["government"]],
      [3, ["government"]],
      [1, ["government"]],
    ]);
  });

  it("invites everyone by default, and keeps a plan of plain days as it always was", async () => {
    const ports = await withDirectory();
    const created = await openCampaign(
      ports,
      CampaignInput.parse({ questionnaireId: "test-questionnaire", closesAt: "2027-03-31T20:00:00Z" }),
    );
    expect(created.invited).toHaveLength(5);
    expect(created.questionnaireVersion).toBe(2);
    expect(created.reminderPlan).toEqual([14, 7, 2]);
  });
});

describe("reminders by group", () => {
  const plan = campaign({
    invited: ["ARG", "COSATE"],
    opensAt: "2027-03-01T00:00:00.000Z",
    closesAt: "2027-03-31T20:00:00.000Z",
    reminderPlan: [{ days: 10, groups: ["government"] }, { days: 3 }],
  });

  it("says which step is due for which groups, and when the next one reaches each member", () => {
    expect(dueReminderSteps(plan, new Date("2027-03-22T00:00:00Z"))).toEqual([
      { step: "d10", groups: ["government"] },
    ]);
    expect(dueReminderSteps(plan, new Date("2027-03-29T00:00:00Z"))).toEqual([
      { step: "d3", groups: ["government", "workers", "employers"] },
    ]);
    expect(nextReminderFor(plan, "government", new Date("2027-03-15T00:00:00Z"))?.step).toBe("d10");
    expect(nextReminderFor(plan, "workers", new Date("2027-03-15T00:00:00Z"))).toEqual({
      step: "d3",
      at: "2027-03-28T20:00:00.000Z",
    });
  });

  it("sends a step for governments only to governments, and shows it in each member's history", async () => {
    const ports = await withDirectory("2027-03-22T00:00:00.000Z");
    await ports.repository.createCampaign(plan);
    await ports.repository.createInvitation(invitation({ memberCode: "ARG", state: "sent" }));
    await ports.repository.createInvitation(invitation({ memberCode: "COSATE", state: "sent" }));
    const sent = await sendDueReminders(ports);
    expect(sent).toEqual([{ step: "d10", queued: 1 }]);
    expect(ports.queued.map((j) => "memberCode" in j && j.memberCode)).toEqual(["ARG"]);

    const status = await campaignStatus(ports, "c1");
    const arg = status.members.find((m) => m.code === "ARG")!;
    const cosate = status.members.find((m) => m.code === "COSATE")!;
    expect(arg.reminders).toEqual([
      { step: "d10", status: "pending", contacts: 1, at: "2027-03-22T00:00:00.000Z" },
    ]);
    expect(arg.nextReminder).toEqual({ step: "d3", at: "2027-03-28T20:00:00.000Z" });
    expect(cosate.reminders).toEqual([]);
    expect(cosate.nextReminder?.step).toBe("d3");
  });
});

describe("extending the deadline", () => {
  it("moves the closing time later while open, and refuses an earlier time or a closed campaign", async () => {
    const ports = await withDirectory("2027-03-22T00:00:00.000Z");
    await ports.repository.createCampaign(plan());
    const extended = await extendDeadline(ports, "c1", "2027-04-07T20:00:00.000Z");
    expect(extended).toEqual({
      closesAt: "2027-04-07T20:00:00.000Z",
      previous: "2027-03-31T20:00:00.000Z",
      notSubmitted: 2,
    });
    expect((await ports.repository.getCampaign("c1"))?.closesAt).toBe("2027-04-07T20:00:00.000Z");
    await expect(extendDeadline(ports, "c1", "2027-04-01T20:00:00.000Z")).rejects.toMatchObject({
      code: "extension_not_later",
    });
    await ports.repository.setCampaignStatus("c1", "closed");
    await expect(extendDeadline(ports, "c1", "2027-05-01T20:00:00.000Z")).rejects.toMatchObject({
      status: 410,
    });
  });

  it("tells the members who have not submitted, once, through a reminder step of its own", async () => {
    const ports = await withDirectory("2027-03-22T00:00:00.000Z");
    await ports.repository.createCampaign(plan());
    await ports.repository.createInvitation(invitation({ memberCode: "ARG", state: "sent" }));
    await ports.repository.createInvitation(invitation({ memberCode: "COSATE", state: "sent" }));
    const step = "extended-2027-04-07T20:00:00.000Z";
    expect((await remindNow(ports, "c1", { step })).queued).toBe(2);
    expect((await remindNow(ports, "c1", { step })).queued).toBe(0);
  });

  const plan = () =>
    campaign({
      invited: ["ARG", "COSATE"],
      opensAt: "2027-03-01T00:00:00.000Z",
      closesAt: "2027-03-31T20:00:00.000Z",
    });
});

describe("what a bulk action would do, in numbers", () => {
  it("counts the invitations a send would email and to how many members, and what a reminder, close or extension reaches", async () => {
    const ports = await withDirectory("2027-03-22T00:00:00.000Z");
    await ports.repository.putMembers([
      member("ARG", {
        contacts: [
          { id: "focal-point", name: "Ana", email: "ana@example.org", role: "focal-point", revoked: false },
          { id: "deputy", name: "Luis", email: "luis@example.org", role: "focal-point", revoked: false },
        ],
      }),
    ]);
    await ports.repository.createCampaign(
      campaign({ invited: ["ARG", "BRA", "JAM"], closesAt: "2027-03-31T20:00:00.000Z" }),
    );
    // Jamaica was reached already; the rest never were.
    await ports.repository.createInvitation(invitation({ memberCode: "JAM", state: "sent" }));
    await ports.repository.createEmail(emailRecord({ memberCode: "JAM", status: "sent" }));
    const send = await actionEffect(ports, "c1", "send");
    expect(send.counts).toMatchObject({ invitations: 3, members: 2, invited: 3 });

    const remind = await actionEffect(ports, "c1", "remind");
    expect(remind.counts).toMatchObject({ reminders: 1, members: 1 });
    const extend = await actionEffect(ports, "c1", "extend");
    expect(extend.counts).toMatchObject({ notSubmitted: 3, contacts: 1, members: 1 });
    const close = await actionEffect(ports, "c1", "close");
    expect(close.counts).toMatchObject({ invited: 3, submitted: 0, notSubmitted: 3, drafts: 0 });
  });

  it("counts the contributor links a revocation also ends", async () => {
    const ports = await withDirectory();
    await ports.repository.createCampaign(campaign({ invited: ["ARG"] }));
    await ports.repository.createInvitation(invitation({ memberCode: "ARG", state: "sent" }));
    await ports.repository.createInvitation(
      invitation({
        memberCode: "ARG",
        contactId: "colleague",
        role: "contributor",
        invitedByContactId: "focal-point",
        state: "sent",
      }),
    );
    const effect = await revokeEffect(ports, {
      campaignId: "c1",
      memberCode: "ARG",
      contactId: "focal-point",
    });
    expect(effect.counts).toEqual({ links: 2, contributors: 1 });
    await expect(
      revokeEffect(ports, { campaignId: "c1", memberCode: "ARG", contactId: "nobody" }),
    ).rejects.toBeInstanceOf(ConsultaError);
  });
});
