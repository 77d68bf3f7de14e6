// What each bulk action on a campaign would do, in numbers, before anyone confirms it: "sends 38
// invitations to 35 members". Read from the same lists the action reads, and nothing is written.
import { untouchedPrefill } from "./prefill.ts";
import { campaignState, type Campaign } from "./campaign.ts";
import { Gone, NotFound } from "./errors.ts";
import { invitedThrough, isReachable, type Invitation } from "./invitations.ts";
import type {
  CampaignStore,
  DirectoryStore,
  EmailStore,
  InvitationStore,
  Ports,
  ResponseStore,
} from "./ports.ts";
import { remindable } from "./reminders.ts";

export const CAMPAIGN_ACTIONS = ["send", "remind", "close", "reopen", "compile", "extend"] as const;
export type CampaignAction = (typeof CAMPAIGN_ACTIONS)[number];

/** An action's effect: the campaign, and counts a page or the CLI words in its language. */
export type ActionEffect = {
  action: CampaignAction | "revoke";
  campaign: Campaign;
  counts: Record<string, number>;
};

type EffectPorts = {
  repository: CampaignStore & DirectoryStore & EmailStore & InvitationStore & ResponseStore;
} & Pick<Ports, "clock">;

const submittedOf = async (ports: { repository: ResponseStore }, campaignId: string) =>
  new Set(
    (await ports.repository.listResponses(campaignId))
      .filter((r) => r.submittedVersion)
      .map((r) => r.memberCode),
  );

const membersOf = (invitations: Pick<Invitation, "memberCode">[]) =>
  new Set(invitations.map((i) => i.memberCode)).size;

/** The invitations "send" would email: new contacts, and those whose invitation never went. */
const toSend = async (
  ports: { repository: DirectoryStore & EmailStore & InvitationStore },
  campaign: Campaign,
) => {
  const [members, invitations, emails] = await Promise.all([
    ports.repository.listMembers(),
    ports.repository.listInvitations(campaign.id),
    ports.repository.listEmails(campaign.id),
  ]);
  const invited = new Set(campaign.invited);
  const existing = new Map(invitations.map((i) => [`${i.memberCode}/${i.contactId}`, i]));
  const sent = new Set(
    emails
      .filter((e) => e.kind === "invitation" && e.status === "sent")
      .map((e) => `${e.memberCode}/${e.contactId}`),
  );
  return members
    .filter((m) => invited.has(m.code))
    .flatMap((m) =>
      m.contacts
        .filter((c) => !c.revoked)
        .map((c) => ({ memberCode: m.code, key: `${m.code}/${c.id}` }))
        .filter(({ key }) => {
          const invitation = existing.get(key);
          return !invitation || (isReachable(invitation) && !sent.has(key));
        }),
    );
};

/**
 * Members whose draft this send would prefill from the campaign's `prefillFrom`: those about to be
 * emailed who have no answer here yet and submitted there (a draft is made only where an answer fits).
 */
const prefills = async (
  ports: { repository: ResponseStore },
  campaign: Campaign,
  emails: { memberCode: string }[],
) => {
  const [here, there] = await Promise.all([
    ports.repository.listResponses(campaign.id),
    ports.repository.listKeptVersions(campaign.prefillFrom ?? ""),
  ]);
  const answered = new Set(here.map((r) => r.memberCode));
  const submitted = new Set(there.map((v) => v.memberCode));
  return new Set(emails.map((e) => e.memberCode).filter((m) => !answered.has(m) && submitted.has(m))).size;
};

/** What an action on a campaign would do now, counted; `closed` campaigns refuse what they would refuse. */
export const actionEffect = async (
  ports: EffectPorts,
  campaignId: string,
  action: CampaignAction,
): Promise<ActionEffect> => {
  const campaign = await ports.repository.getCampaign(campaignId);
  if (!campaign) throw new NotFound("campaign_not_found", `No campaign ${campaignId}`);
  const invited = campaign.invited.length;
  const counts = async (): Promise<Record<string, number>> => {
    switch (action) {
      case "send": {
        const emails = await toSend(ports, campaign);
        return {
          invitations: emails.length,
          members: membersOf(emails),
          invited,
          ...(campaign.prefillFrom ? { prefills: await prefills(ports, campaign, emails) } : {}),
        };
      }
      case "remind": {
        const [invitations, submitted] = await Promise.all([
          ports.repository.listInvitations(campaign.id),
          submittedOf(ports, campaign.id),
        ]);
        const due = remindable(invitations, submitted);
        return { reminders: due.length, members: membersOf(due), invited };
      }
      case "close":
      case "reopen":
      case "extend":
      case "compile": {
        const [responses, invitations] = await Promise.all([
          ports.repository.listResponses(campaign.id),
          action === "extend" ? ports.repository.listInvitations(campaign.id) : Promise.resolve([]),
        ]);
        const submitted = new Set(responses.filter((r) => r.submittedVersion).map((r) => r.memberCode));
        const drafts = responses.filter((r) => !submitted.has(r.memberCode) && !untouchedPrefill(r)).length;
        // Telling about an extension goes to the contacts a reminder would reach.
        const told = remindable(invitations, submitted);
        return {
          invited,
          submitted: submitted.size,
          notSubmitted: campaign.invited.filter((c) => !submitted.has(c)).length,
          drafts,
          ...(action === "extend" ? { contacts: told.length, members: membersOf(told) } : {}),
        };
      }
    }
  };
  if (action === "extend" && campaignState(campaign, ports.clock.now()) === "closed")
    throw new Gone("campaign_closed", "The campaign is closed: reopen it with a new closing date");
  return { action, campaign, counts: await counts() };
};

/** Revoking a focal point's link also revokes the contributor links it created: how many in all. */
export const revokeEffect = async (
  ports: { repository: CampaignStore & DirectoryStore & InvitationStore },
  key: { campaignId: string; memberCode: string; contactId: string },
): Promise<ActionEffect> => {
  const campaign = await ports.repository.getCampaign(key.campaignId);
  if (!campaign) throw new NotFound("campaign_not_found", `No campaign ${key.campaignId}`);
  const [invitations, member] = await Promise.all([
    ports.repository.listInvitations(key.campaignId),
    ports.repository.getMember(key.memberCode),
  ]);
  const own = invitations.find((i) => i.memberCode === key.memberCode && i.contactId === key.contactId);
  if (!own)
    throw new NotFound("invitation_not_found", `No invitation for ${key.memberCode}/${key.contactId}`);
  const name = member?.contacts.find((c) => c.id === key.contactId)?.name;
  const contributors =
    own.role === "contributor"
      ? 0
      : invitations.filter(
          (i) =>
            i.memberCode === key.memberCode &&
            i.state !== "revoked" &&
            invitedThrough(i, { id: key.contactId, name }),
        ).length;
  return { action: "revoke", campaign, counts: { links: 1 + contributors, contributors } };
};
