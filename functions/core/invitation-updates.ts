// Read-modify-write of an invitation under optimistic locking: the worker, SES events and the
// Secretariat all change invitations, and none may overwrite another's change.
import { TryAgain } from "./errors.ts";
import type { Invitation } from "./invitations.ts";
import type { InvitationStore } from "./ports.ts";

export const modifyInvitation = async (
  repository: InvitationStore,
  key: { campaignId: string; memberCode: string; contactId: string },
  change: (current: Invitation) => Invitation | undefined,
): Promise<Invitation | undefined> => {
  for (let attempt = 0; attempt < 10; attempt++) {
    const current = await repository.getInvitation(key.campaignId, key.memberCode, key.contactId);
    if (!current) return undefined;
    const next = change(current);
    if (!next) return current;
    if (await repository.updateInvitation({ ...next, rev: current.rev + 1 }, current.rev))
      return { ...next, rev: current.rev + 1 };
  }
  // Ten writers at once on one contact: a moment's contention, not a fault; the caller may try again.
  throw new TryAgain(`Invitation ${key.memberCode}/${key.contactId} kept changing; please try again`);
};
