// Editing a member's contacts on the in-memory directory: saved only over what the editor's page showed.
import { describe, expect, it } from "vitest";
import {
  contactsVersion,
  editMemberContacts,
  type ContactRow,
} from "../../../functions/core/member-contacts.ts";
import { member } from "../../support/factories.ts";
import { fakePorts } from "../../support/fake-ports.ts";

const row = (overrides: Partial<ContactRow> = {}): ContactRow => ({
  id: "focal-point",
  name: "Ana Pérez",
  email: "ana@example.org",
  role: "focal-point",
  language: "",
  ...overrides,
});

const withArgentina = async () => {
  const ports = fakePorts();
  const arg = member("ARG");
  await ports.repository.putMembers([arg]);
  return { ports, arg, seen: contactsVersion(arg.contacts) };
};

describe("editing a member's contacts", () => {
  it("saves the rows typed: a known id kept, a new row given an id of its own, empty rows dropped", async () => {
    const { ports, seen } = await withArgentina();
    const edit = await editMemberContacts(
      ports,
      "ARG",
      [
        row(),
        row({ id: "", name: "", email: "" }),
        row({ id: "", name: "Luis", email: "luis@example.org", language: "en" }),
      ],
      seen,
    );
    expect(edit.outcome).toBe("saved");
    const stored = (await ports.repository.getMember("ARG"))!.contacts;
    expect(stored.map((c) => [c.id.replace(/-[0-9a-f]{8}$/, "-…"), c.name, c.language])).toEqual([
      ["focal-point", "Ana Pérez", undefined],
      ["contact-…", "Luis", "en"],
    ]);
  });

  it("keeps a removed contact's revocation: a row keeps what the directory knew of it", async () => {
    const ports = fakePorts();
    const arg = member("ARG");
    arg.contacts[0]!.revoked = true;
    await ports.repository.putMembers([arg]);
    await editMemberContacts(ports, "ARG", [row()], contactsVersion(arg.contacts));
    expect((await ports.repository.getMember("ARG"))!.contacts[0]!.revoked).toBe(true);
  });

  it("names each row's wrong field and saves nothing", async () => {
    const { ports, arg, seen } = await withArgentina();
    const edit = await editMemberContacts(
      ports,
      "ARG",
      [
        row(),
        row({ id: "", name: "Luis", email: "not an address" }),
        row({ id: "", name: "", email: "x@example.org" }),
      ],
      seen,
    );
    expect(edit).toMatchObject({
      outcome: "invalid",
      problems: [
        { row: 2, field: "email" },
        { row: 3, field: "name" },
      ],
    });
    expect((await ports.repository.getMember("ARG"))!.contacts).toEqual(arg.contacts);
  });

  it("refuses a page older than the stored contacts, showing what is stored now", async () => {
    const { ports, seen } = await withArgentina();
    expect((await editMemberContacts(ports, "ARG", [row({ name: "First" })], seen)).outcome).toBe("saved");
    const late = await editMemberContacts(ports, "ARG", [row({ name: "Second" })], seen);
    expect(late.outcome).toBe("conflict");
    expect(late.member.contacts[0]!.name).toBe("First");
    expect((await ports.repository.getMember("ARG"))!.contacts[0]!.name).toBe("First");
  });

  it("says so for an unknown member", async () => {
    const { ports, seen } = await withArgentina();
    await expect(editMemberContacts(ports, "XXX", [row()], seen)).rejects.toMatchObject({
      code: "not_found",
    });
  });
});
