// Loading content/ from the console: the plan with a checkbox per item, only the ticked items applied,
// a member edited in the console since the last load replaced only when "overwrite" is ticked, and a
// member changed after the plan was shown never replaced unseen.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readContent } from "../../../functions/local/content.ts";
import { signInToConsole, type ConsoleSession } from "../../support/console-session.ts";
import { testStack } from "../../support/local-stack.ts";

let stack: Awaited<ReturnType<typeof testStack>>;
let secretariat: ConsoleSession;
const content = readContent();
const questionnaire = `${content.questionnaires[0]!.id}@${content.questionnaires[0]!.version}`;

const decoded = (html: string) =>
  html.replaceAll("&#x3D;", "=").replaceAll("&amp;", "&").replaceAll("&#x27;", "'").replaceAll("&quot;", '"');
const planPage = async () => decoded(await (await secretariat.get("/console/content")).text());
/** The fields the plan page posts for one item: its checkbox and what it showed of the member. */
const itemFields = (page: string, id: string) => {
  const row = new RegExp(`<tr id="item-${id}">([\\s\\S]*?)</tr>`).exec(page)?.[1] ?? "";
  const fields: Record<string, string> = {};
  for (const m of row.matchAll(/name="([^"]+)" value="([^"]*)"/g)) fields[m[1]!] = m[2]!;
  return { fields, checked: / checked>/.test(row), row };
};
const contactsOf = async (code: string) =>
  (await stack.ports.repository.getMember(code))?.contacts.map((c) => c.email);

beforeAll(async () => {
  stack = await testStack();
  secretariat = await signInToConsole(stack);
});
afterAll(() => stack.dispose());

describe("loading content/ in the console", () => {
  it("shows the plan and applies only the ticked items", async () => {
    const page = await planPage();
    expect(page).toContain("content/ was never loaded.");
    const arg = itemFields(page, "ARG");
    expect(arg.checked).toBe(true);
    expect(arg.row).toContain("new member");
    expect(itemFields(page, questionnaire).row).toContain("new version");

    const applied = await secretariat.post("/console/content", { "confirm[0]": "ARG", ...arg.fields });
    expect(applied.status).toBe(200);
    const result = decoded(await applied.text());
    expect(result).toContain("Applied: <code>ARG</code>");
    expect(await stack.ports.repository.listMembers()).toHaveLength(1);
    expect(await stack.ports.repository.getQuestionnaire(content.questionnaires[0]!.id)).toBeUndefined();
    // The plan shown after applying is the new one: ARG no longer changes.
    expect(itemFields(result, "ARG").row).toBe("");
    const [line] = await stack.ports.repository.listAudit();
    expect(line).toMatchObject({ actor: "secretariat@example.org", action: "loaded content/: ARG" });
  });

  it("leaves a console edit unticked and refuses it unless overwrite is ticked", async () => {
    const edited = await secretariat.post("/console/members/ARG", {
      version:
        /name="version" value="([^"]*)"/.exec(
          await (await secretariat.get("/console/members/ARG")).text(),
        )?.[1] ?? "",
      "contacts[0][name]": "Nueva Persona",
      "contacts[0][email]": "nueva.persona@trabajo.example.org",
      "contacts[0][role]": "focal-point",
      "contacts[0][language]": "es",
    });
    expect(edited.status).toBe(303);
    // A content/ change to ARG is needed for it to be in the plan: the edit itself is the difference.
    const page = await planPage();
    const arg = itemFields(page, "ARG");
    expect(arg.checked).toBe(false);
    expect(arg.row).toContain("Changed in the console since the last load");

    const refused = decoded(
      await (await secretariat.post("/console/content", { ...arg.fields, "confirm[0]": "ARG" })).text(),
    );
    expect(refused).toContain("ARG was changed in the console since the last load");
    expect(await contactsOf("ARG")).toEqual(["nueva.persona@trabajo.example.org"]);

    const replaced = decoded(
      await (
        await secretariat.post("/console/content", { ...arg.fields, "confirm[0]": "ARG", overwrite: "yes" })
      ).text(),
    );
    expect(replaced).toContain("Applied: <code>ARG</code>");
    expect(await contactsOf("ARG")).toEqual(
      content.members.find((m) => m.code === "ARG")!.contacts.map((c) => c.email),
    );
  });

  it("never replaces a member changed after the plan was shown, even with overwrite", async () => {
    // ARG edited again, plan shown, then edited once more before the confirmation arrives.
    const edit = async (email: string) => {
      const form = await (await secretariat.get("/console/members/ARG")).text();
      await secretariat.post("/console/members/ARG", {
        version: /name="version" value="([^"]*)"/.exec(form)?.[1] ?? "",
        "contacts[0][name]": "Someone",
        "contacts[0][email]": email,
        "contacts[0][role]": "focal-point",
        "contacts[0][language]": "es",
      });
    };
    await edit("first@trabajo.example.org");
    const shown = itemFields(await planPage(), "ARG");
    await edit("second@trabajo.example.org");
    const reply = decoded(
      await (
        await secretariat.post("/console/content", { ...shown.fields, "confirm[0]": "ARG", overwrite: "yes" })
      ).text(),
    );
    expect(reply).toContain("ARG changed after this page was shown; look at the plan again.");
    expect(await contactsOf("ARG")).toEqual(["second@trabajo.example.org"]);
  });

  it("changes nothing when nothing is ticked", async () => {
    const before = await stack.ports.repository.listMembers();
    const reply = decoded(await (await secretariat.post("/console/content", {})).text());
    expect(reply).toContain("Nothing was ticked; nothing was changed.");
    expect(await stack.ports.repository.listMembers()).toEqual(before);
  });
});
