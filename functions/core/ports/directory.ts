// The directory's store: the member states and their contacts, the whole Secretariat's address book.
import type { Contact, Member, MemberDetails } from "../directory.ts";

export interface DirectoryStore {
  putMembers(members: Member[]): Promise<void>;
  listMembers(): Promise<Member[]>;
  /** One member by code: the hot paths (each email, each page) must not read the whole directory. */
  getMember(code: string): Promise<Member | undefined>;
  /** Replaces a member's contacts if they are still `expected`; false if someone changed them meanwhile. */
  updateMemberContacts(code: string, contacts: Contact[], expected: Contact[]): Promise<boolean>;
  /**
   * Replaces a member's details (all but its code and contacts) if they are still `expected`; false if
   * someone changed them meanwhile or there is no such member. Its contacts are left as they are.
   */
  updateMemberDetails(code: string, details: MemberDetails, expected: MemberDetails): Promise<boolean>;
  /** Removes a member from the directory (a confirmed `consulta load` of a content/ that no longer lists it). */
  deleteMember(code: string): Promise<void>;
}
