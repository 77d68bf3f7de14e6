// Editing a member's contacts in the console: two editors never overwrite each other, a mistake keeps
// what was typed, and a broken form changes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Member } from "../../../functions/core/directory.ts";
import { signInToConsole, type ConsoleSession } from "../../support/console-session.ts";
import { member } from "../../support/factories.ts";
import { testStack } from "../../support/local-stack.ts";

let stack: Awaited<ReturnType<typeof testStack>>;
let ana: ConsoleSession;
let luis: ConsoleSession;

const peru = (): Member =>
  member("PER", {
    contacts: [
      {
        id: "focal-point",
        name: "Rosa Quispe",
        email: "rquispe@trabajo.gob.pe",
        role: "focal-point",
        revoked: false,
      },
      { id: "deputy", name: "Jorge Salas", email: "jsalas@trabajo.gob.pe", role: "deputy", revoked: true },
    ],
  });

/** The fields a contacts page posts as it stands: its version and its rows. */
const fieldsOf = (html: string) => {
  const fields: Record<string, string> = {
    version: /name="version" value="([^"]*)"/.exec(html)?.[1] ?? "",
  };
  for (const m of html.matchAll(/name="(contacts\[\d+\]\[\w+\])" value="([^"]*)"/g)) fields[m[1]!] = m[2]!;
  // A contact's language is a choice among the four (or the member's): the selected one is posted.
  for (const m of html.matchAll(
    /<select id="[^"]*" name="(contacts\[\d+\]\[language\])">([\s\S]*?)<\/select>/g,
  ))
    fields[m[1]!] = /<option value="([^"]*)" selected>/.exec(m[2]!)?.[1] ?? "";
  return fields;
};

/** The fields the page would post, as shown, with some changed. */
const formOf = async (session: ConsoleSession, change: (rows: Record<string, string>) => void) => {
  const fields = fieldsOf(await (await session.get("/console/members/PER")).text());
  change(fields);
  return fields;
};

const stored = async () => (await stack.ports.repository.getMember("PER"))!.contacts;

beforeAll(async () => {
  stack = await testStack();
  ana = await signInToConsole(stack);
  luis = await signInToConsole(stack);
});
afterAll(() => stack.dispose());

describe("the console's contacts page", () => {
  it("saves an edit, keeping a revoked contact revoked", async () => {
    await stack.ports.repository.putMembers([peru()]);
    const fields = await formOf(ana, (f) => (f["contacts[0][name]"] = "Rosa Quispe Mamani"));
    expect((await ana.post("/console/members/PER", fields)).status).toBe(303);
    expect(await stored()).toMatchObject([
      { id: "focal-point", name: "Rosa Quispe Mamani", revoked: false },
      { id: "deputy", name: "Jorge Salas", revoked: true },
    ]);
  });

  it("refuses the second of two editors who opened the page at once, shows both versions, loses neither", async () => {
    await stack.ports.repository.putMembers([peru()]);
    const anas = await formOf(ana, (f) => (f["contacts[0][email]"] = "rosa.quispe@trabajo.gob.pe"));
    const luiss = await formOf(luis, (f) => {
      f["contacts[2][name]"] = "Carmen Díaz";
      f["contacts[2][email]"] = "cdiaz@trabajo.gob.pe";
    });
    expect((await ana.post("/console/members/PER", anas)).status).toBe(303);

    const refused = await luis.post("/console/members/PER", luiss);
    expect(refused.status).toBe(409);
    const page = await refused.text();
    expect(page).toContain("Someone else changed these contacts");
    expect(page).toContain("rosa.quispe@trabajo.gob.pe"); // what is stored now
    expect(page).toContain('value="Carmen Díaz"'); // what Luis typed, still in the form
    expect((await stored()).map((c) => c.email)).toEqual([
      "rosa.quispe@trabajo.gob.pe",
      "jsalas@trabajo.gob.pe",
    ]);

    // Saving again from the conflict page applies Luis's rows over what he has now seen.
    const again = fieldsOf(page);
    expect((await luis.post("/console/members/PER", again)).status).toBe(303);
    expect((await stored()).map((c) => c.name)).toEqual(["Rosa Quispe", "Jorge Salas", "Carmen Díaz"]);
  });

  it("shows a bad address back with the rows as typed and saves nothing", async () => {
    await stack.ports.repository.putMembers([peru()]);
    const fields = await formOf(ana, (f) => {
      f["contacts[0][name]"] = "Rosa Q.";
      f["contacts[2][name]"] = "Carmen Díaz";
      f["contacts[2][email]"] = "cdiaz@trabajo";
    });
    const response = await ana.post("/console/members/PER", fields);
    expect(response.status).toBe(422);
    const page = await response.text();
    expect(page).toContain("Row 3: the email address is not valid");
    expect(page).toContain('href="#c2-email"');
    expect(page).toContain('value="cdiaz@trabajo"');
    expect(page).toContain('value="Rosa Q."');
    expect(await stored()).toEqual(peru().contacts);
  });

  it("changes nothing when the form arrives without its rows", async () => {
    await stack.ports.repository.putMembers([peru()]);
    const fields = await formOf(ana, () => {});
    const broken = Object.fromEntries(Object.entries(fields).filter(([k]) => !k.startsWith("contacts")));
    const response = await ana.post("/console/members/PER", broken);
    expect(response.status).toBe(400);
    expect(await stored()).toEqual(peru().contacts);
  });
});
