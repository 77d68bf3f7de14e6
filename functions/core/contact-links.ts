// The Secretariat's actions on one contact's link: replace it (a new link, the old one dead at once)
// or revoke it (no link at all). The member's saved answers are never touched. The contributors a
// signatory invited through that link lose theirs with it: whoever held the old link invited them.
import { contactLanguage } from "./directory.ts";
import { NotFound } from "./errors.ts";
import { modifyInvitation } from "./invitation-updates.ts";
import { invitedThrough, newEmail, type EmailJob, type Invitation } from "./invitations.ts";
import type { DirectoryStore, EmailStore, InvitationStore, Ports } from "./ports.ts";

type ContactKey = { campaignId: string; memberCode: string; contactId: string };

const notFound = (k: ContactKey) =>
  new NotFound("invitation_not_found", `No invitation for ${k.memberCode}/${k.contactId} in ${k.campaignId}`);

export const replaceContactLink = async (
  ports: { repository: DirectoryStore & EmailStore & InvitationStore } & Pick<Ports, "queue" | "clock">,
  key: ContactKey,
) => {
  const { repository, clock } = ports;
  const member = await repository.getMember(key.memberCode);
  const contact = member?.contacts.find((c) => c.id === key.contactId);
  let previous: Invitation | undefined;
  const next = await modifyInvitation(repository, key, (inv) => {
    previous = inv;
    const { failureReason: _f, bouncedAt: _b, complainedAt: _c, revokedAt: _r, ...rest } = inv;
    return {
      ...rest,
      // The directory may hold a corrected address or language by now.
      ...(member && contact ? { email: contact.email, language: contactLanguage(member, contact) } : {}),
      state: "queued",
      generation: inv.generation + 1,
      tokenHashes: [],
    };
  });
  if (!next || !previous) throw notFound(key);
  await Promise.all(previous.tokenHashes.map((hash) => repository.setTokenStatus(hash, "replaced")));
  if (previous.role !== "contributor") await revokeInvitedThrough(ports, key, contact?.name);
  const job: EmailJob = { ...key, kind: "invitation", n: String(next.generation) };
  await repository.createEmail(newEmail(job, clock.now()));
  await ports.queue.enqueue([job]);
  return next;
};

/** Revokes one link, and nothing else. */
const revokeLink = async (ports: { repository: InvitationStore } & Pick<Ports, "clock">, key: ContactKey) => {
  const at = ports.clock.now().toISOString();
  let hashes: string[] = [];
  const next = await modifyInvitation(ports.repository, key, (inv) => {
    hashes = inv.tokenHashes;
    return { ...inv, state: "revoked", revokedAt: at };
  });
  if (!next) throw notFound(key);
  await Promise.all(hashes.map((hash) => ports.repository.setTokenStatus(hash, "revoked")));
  return next;
};

/**
 * The contributors invited through a signatory's link, revoked: the Secretariat sees them in the
 * member's contributors as revoked and can give each a new link.
 */
const revokeInvitedThrough = async (
  ports: { repository: InvitationStore } & Pick<Ports, "clock">,
  key: ContactKey,
  signatoryName: string | undefined,
) => {
  const invited = (await ports.repository.listInvitations(key.campaignId)).filter(
    (inv) =>
      inv.memberCode === key.memberCode &&
      inv.state !== "revoked" &&
      invitedThrough(inv, { id: key.contactId, name: signatoryName }),
  );
  await Promise.all(invited.map((inv) => revokeLink(ports, { ...key, contactId: inv.contactId })));
};

export const revokeContactLink = async (
  ports: { repository: DirectoryStore & InvitationStore } & Pick<Ports, "clock">,
  key: ContactKey,
) => {
  const next = await revokeLink(ports, key);
  if (next.role !== "contributor") {
    const member = await ports.repository.getMember(key.memberCode);
    await revokeInvitedThrough(ports, key, member?.contacts.find((c) => c.id === key.contactId)?.name);
  }
  return next;
};
