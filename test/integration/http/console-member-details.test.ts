// Editing a member's details in the console: names in four languages, the name after "of" for emails,
// group, subregion, language, time zone and the alternate contact; checked field by field, saved only
// over what the page showed, contacts never touched.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Member } from "../../../functions/core/directory.ts";
import { signInToConsole, type ConsoleSession } from "../../support/console-session.ts";
import { member, text } from "../../support/factories.ts";
import { testStack } from "../../support/local-stack.ts";

let stack: Awaited<ReturnType<typeof testStack>>;
let ana: ConsoleSession;
let luis: ConsoleSession;

const peru = (): Member => member("PER", { name: text("Peru"), timeZone: "America/Lima" });
const decoded = (html: string) =>
  html.replaceAll("&#x3D;", "=").replaceAll("&amp;", "&").replaceAll("&#x27;", "'").replaceAll("&quot;", '"');

/** The details form's fields as the page shows them (text inputs, selections, the checkbox if ticked). */
const detailsOf = async (session: ConsoleSession, lang = "") => {
  const html = decoded(await (await session.get(`/console/members/PER${lang}`)).text());
  const form =
    /<form method="post" action="\/console\/members\/PER\/details">([\s\S]*?)<\/form>/.exec(html)?.[1] ?? "";
  const fields: Record<string, string> = {};
  for (const m of form.matchAll(
    /<input type="(?:text|email|hidden)" (?:id="[^"]*" )?name="([^"]+)" value="([^"]*)"/g,
  ))
    if (m[1] !== "csrf") fields[m[1]!] = m[2]!;
  for (const m of form.matchAll(/<select id="[^"]*" name="([^"]+)">([\s\S]*?)<\/select>/g))
    fields[m[1]!] = /<option value="([^"]*)" selected>/.exec(m[2]!)?.[1] ?? "";
  if (/name="inviteByDefault" value="yes" checked/.test(form)) fields.inviteByDefault = "yes";
  fields.note = /<textarea id="note" name="note" rows="2">([^<]*)<\/textarea>/.exec(form)?.[1] ?? "";
  return fields;
};
const stored = async () => (await stack.ports.repository.getMember("PER"))!;

beforeAll(async () => {
  stack = await testStack();
  ana = await signInToConsole(stack);
  luis = await signInToConsole(stack);
});
afterAll(() => stack.dispose());

describe("the console's member details", () => {
  it("saves the name after 'of', the time zone, the group and the alternate contact, leaving the contacts", async () => {
    await stack.ports.repository.putMembers([peru()]);
    const fields = await detailsOf(ana);
    expect(fields).toMatchObject({
      "name[fr]": "Peru (fr)",
      timeZone: "America/Lima",
      group: "government",
      language: "es",
    });
    const reply = await ana.post("/console/members/PER/details", {
      ...fields,
      "ofName[es]": "del Perú",
      "ofName[en]": "of Peru",
      "ofName[fr]": "du Pérou",
      "ofName[pt]": "do Peru",
      timeZone: "America/Bogota",
      language: "en",
      "alternate[name]": "Misión Permanente del Perú",
      "alternate[email]": "mission@peru.example.org",
      "alternate[role]": "",
      "alternate[language]": "",
    });
    expect(reply.status).toBe(303);
    expect(reply.headers.get("location")).toBe("/console/members/PER?saved=details");
    const now = await stored();
    expect(now).toMatchObject({
      ofName: { es: "del Perú", en: "of Peru", fr: "du Pérou", pt: "do Peru" },
      timeZone: "America/Bogota",
      language: "en",
      alternateContact: {
        id: "alternate",
        name: "Misión Permanente del Perú",
        email: "mission@peru.example.org",
        role: "permanent-mission",
      },
    });
    expect(now.contacts).toEqual(peru().contacts);
    const [line] = (await stack.ports.repository.listAudit()).filter(
      (a) => a.action === "edited member details",
    );
    expect(line).toMatchObject({ actor: "secretariat@example.org", target: "PER" });
    expect(decoded(await (await ana.get("/console/members/PER?saved=details")).text())).toContain(
      "The member's details were saved.",
    );
  });

  it("offers each contact's language by its name, in the page's language for the member's own", async () => {
    await stack.ports.repository.putMembers([peru()]);
    const page = decoded(await (await ana.get("/console/members/PER?lang=es")).text());
    expect(page).toContain(
      '<select id="c0-lang" name="contacts[0][language]"><option value="" selected>El del miembro</option><option value="es">Español</option><option value="en">English</option><option value="fr">Français</option><option value="pt">Português</option></select>',
    );
  });

  it("shows each mistake beside its field, keeps what was typed and saves nothing", async () => {
    await stack.ports.repository.putMembers([peru()]);
    const fields = await detailsOf(ana);
    const reply = await ana.post("/console/members/PER/details?lang=fr", {
      ...fields,
      "name[pt]": "",
      "ofName[fr]": "du Pérou",
      timeZone: "Mars/Olympus",
      subregion: "",
      "alternate[name]": "Mission",
      "alternate[email]": "mission@peru",
    });
    expect(reply.status).toBe(422);
    const page = decoded(await reply.text());
    expect(page).toContain('<a href="#name-es">Nom : écrivez-le dans les quatre langues</a>');
    expect(page).toContain(
      '<a href="#ofName-es">Nom après « de » : remplissez les quatre langues, ou aucune</a>',
    );
    expect(page).toContain(
      '<a href="#timeZone">Fuseau horaire : ce n’est pas un fuseau horaire ; écrivez-en un comme America/Lima</a>',
    );
    expect(page).toContain(
      '<a href="#subregion">Sous-région : un gouvernement a besoin d’une sous-région</a>',
    );
    expect(page).toContain(
      '<a href="#alternate-email">Adresse du contact suppléant : ce n’est pas une adresse électronique valide</a>',
    );
    expect(page).toContain('value="Mars/Olympus"');
    expect(page).toContain('value="mission@peru"');
    expect(await stored()).toEqual(peru());
  });

  it("refuses the second of two editors, keeping what they typed, and saves it once they save again", async () => {
    await stack.ports.repository.putMembers([peru()]);
    const anas = await detailsOf(ana);
    const luiss = await detailsOf(luis);
    expect(
      (await ana.post("/console/members/PER/details", { ...anas, timeZone: "America/Bogota" })).status,
    ).toBe(303);
    const refused = await luis.post("/console/members/PER/details", { ...luiss, note: "Luis's note" });
    expect(refused.status).toBe(409);
    const page = decoded(await refused.text());
    expect(page).toContain("Someone else changed these details since you opened the page.");
    expect(page).toContain("Luis's note");
    expect((await stored()).timeZone).toBe("America/Bogota");
    expect((await stored()).note).toBeUndefined();
    // His form now carries the stored version: saving again applies what he typed (his time zone too).
    const again = /name="detailsVersion" value="([^"]+)"/.exec(page)?.[1] ?? "";
    expect(
      (
        await luis.post("/console/members/PER/details", {
          ...luiss,
          note: "Luis's note",
          detailsVersion: again,
        })
      ).status,
    ).toBe(303);
    expect(await stored()).toMatchObject({ note: "Luis's note", timeZone: "America/Lima" });
  });
});
