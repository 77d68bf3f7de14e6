// Read-modify-write of an invitation under optimistic locking: the worker, SES events and the
// Secretariat all change invitations, and none may overwrite another's change.
import { TryAgain } from "./errors.ts";
import type { Invitation } from "./invitations.ts";
import type { InvitationStore } from "./ports.ts";

/**
 * `known` is a copy the caller has just read or written: tried first without reading again (the
 * conditional write refuses it if it is stale), which saves a read per step on the worker's path.
 */
export const modifyInvitation = async (
  repository: InvitationStore,
  key: { campaignId: string; memberCode: string; contactId: string },
  change: (current: Invitation) => Invitation | undefined,
  known?: Invitation,
): Promise<Invitation | undefined> => {
  for (let attempt = 0; attempt < 10; attempt++) {
    const fromCaller = attempt === 0 && known !== undefined;
    const current = fromCaller
      ? known
      : await repository.getInvitation(key.campaignId, key.memberCode, key.contactId);
    if (!current) return undefined;
    const next = change(current);
    // "Nothing to change" is only believed of the stored invitation, never of a copy that may be stale.
    if (!next && fromCaller) continue;
    if (!next) return current;
    if (await repository.updateInvitation({ ...next, rev: current.rev + 1 }, current.rev))
      return { ...next, rev: current.rev + 1 };
  }
  // Ten writers at once on one contact: a moment's contention, not a fault; the caller may try again.
  throw new TryAgain(`Invitation ${key.memberCode}/${key.contactId} kept changing; please try again`);
};
