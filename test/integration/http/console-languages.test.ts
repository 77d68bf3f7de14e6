// The console in the four OAS languages: a switcher on every page, the choice remembered, and every page
// rendered in Spanish, French and Portuguese from strings of that language alone (no English fallback).
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHandlebarsViews } from "../../../functions/adapters/handlebars-views.ts";
import { translationRows } from "../../../functions/core/questionnaire/translation-sheet.ts";
import { signInToConsole, type ConsoleSession } from "../../support/console-session.ts";
import { campaign, invitation, member, question, questionnaire } from "../../support/factories.ts";
import { testStack } from "../../support/local-stack.ts";

const TEMPLATES = new URL("../../../templates", import.meta.url).pathname;

/** The templates with English taken away: a string missing in another language throws instead of falling back. */
const withoutEnglish = () => {
  const dir = mkdtempSync(join(tmpdir(), "consulta-strings-"));
  cpSync(TEMPLATES, dir, { recursive: true });
  rmSync(join(dir, "i18n", "en"), { recursive: true });
  return dir;
};

const decoded = (html: string) => html.replaceAll("&#x3D;", "=").replaceAll("&amp;", "&");
const waitFor = async <T>(read: () => Promise<T | undefined>): Promise<T> => {
  for (let i = 0; i < 200; i++) {
    const value = await read();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("never came");
};

const directoryCsv = [
  "Country,Name,Email,Language",
  "Member ARG,Ana Pérez,ana@trabajo.gob.ar,Português",
  "Member ARG,Ana Pérez,ana@trabajo.gob.ar,",
  "Membre ARG,Luis Díaz,luis@trabajo.gob.ar,",
  "Atlantis,Nobody,nobody@example.org,",
  "Member ARG,Bad,not-an-address,",
].join("\n");

describe("every console page in Spanish, French and Portuguese", () => {
  let stack: Awaited<ReturnType<typeof testStack>>;
  let strings: string;
  beforeAll(async () => {
    strings = withoutEnglish();
    stack = await testStack({ views: createHandlebarsViews(strings) });
    await stack.ports.repository.putMembers([member("ARG"), member("BRA")]);
    await stack.ports.repository.createCampaign(campaign({ id: "c1", invited: ["ARG", "BRA"] }));
    await stack.ports.repository.createInvitation(invitation({ campaignId: "c1", state: "sent" }));
    await stack.ports.repository.putQuestionnaire(questionnaire([question("q1", "yes-no")]));
  });
  afterAll(async () => {
    await stack.dispose();
    rmSync(strings, { recursive: true, force: true });
  });

  for (const lang of ["es", "fr", "pt"]) {
    it(`renders in ${lang} with every string found`, async () => {
      const open = (path: string, init: RequestInit = {}) =>
        fetch(`${stack.url}${path}`, {
          ...init,
          redirect: "manual",
          headers: { accept: "text/html", "accept-language": lang, ...init.headers },
        });
      for (const page of [await open("/console/sign-in"), await open(`/console/sign-in/${"x".repeat(43)}`)]) {
        expect(page.status).toBe(200);
        expect(await page.text()).toContain(`<html lang="${lang}">`);
      }
      // Asking for a link renders its page and the sign-in email, both in this language.
      const secretariat: ConsoleSession = await signInToConsole(stack, "secretariat@example.org", lang);
      const pages = [
        "/console",
        "/console/campaigns/c1",
        "/console/campaigns/c1/members/BRA/replies",
        "/console/members",
        "/console/members/ARG",
        "/console/receipts",
        "/console/content",
        "/console/translations",
        "/console/translations/test-questionnaire/1",
        "/console/translations/test-questionnaire/9",
      ];
      for (const path of pages) {
        const reply = await secretariat.get(path);
        expect(reply.status, path).toBe(200);
        expect(await reply.text(), path).toContain(`<html lang="${lang}">`);
      }
      const invalid = await secretariat.post("/console/members/ARG", {
        version: "",
        "contacts[0][name]": "X",
        "contacts[0][email]": "not-an-address",
        "contacts[0][role]": "focal-point",
        "contacts[0][language]": "",
      });
      expect([409, 422]).toContain(invalid.status);
      expect(await invalid.text()).toContain(`<html lang="${lang}">`);

      // Every details problem at once: each field's name and each problem's wording in this language.
      const detailsVersion =
        /name="detailsVersion" value="([^"]+)"/.exec(
          await (await secretariat.get("/console/members/ARG")).text(),
        )?.[1] ?? "";
      const details = await secretariat.post("/console/members/ARG/details", {
        detailsVersion,
        "name[es]": "",
        "ofName[fr]": "x",
        "institution[pt]": "x",
        group: "nobody",
        language: "xx",
        subregion: "",
        timeZone: "Mars/Olympus",
        "alternate[name]": "",
        "alternate[email]": "bad",
      });
      expect(details.status).toBe(422);
      expect(await details.text()).toContain('id="details-summary"');

      const preview = await secretariat.upload("/console/members/import", {
        name: "directory.csv",
        bytes: new TextEncoder().encode(directoryCsv),
      });
      expect(preview.status).toBe(200);
      const html = decoded(await preview.text());
      const action = /action="(\/console\/members\/import\/[^"]+)"/.exec(html)?.[1];
      expect(action).toBeDefined();
      const started = await secretariat.post(action!, {});
      expect(started.status).toBe(303);
      const job = await waitFor(async () => {
        const page = await (await secretariat.get(started.headers.get("location")!)).text();
        return page.includes('http-equiv="refresh"') ? undefined : page;
      });
      expect(job).toContain(`<html lang="${lang}">`);

      for (const returned of ["id,es,en,fr,pt\nnothing,a,b,c,d\n", "hello\n"]) {
        const refused = await secretariat.upload("/console/translations/test-questionnaire/1", {
          name: "returned.csv",
          bytes: new TextEncoder().encode(returned),
        });
        expect(refused.status).toBe(422);
        expect(await refused.text()).toContain('id="file-error"');
      }
      const translated = await secretariat.upload("/console/translations/test-questionnaire/1", {
        name: "returned.csv",
        // The version's own rows, one French text changed.
        bytes: new TextEncoder().encode(
          translationRows(questionnaire([question("q1", "yes-no")]))
            .map((row, i) => (i === 1 ? [...row.slice(0, 3), "Nouveau", ...row.slice(4)] : row))
            .map((row) => row.map((cell) => `"${cell}"`).join(","))
            .join("\n"),
        ),
      });
      expect(translated.status).toBe(200);
      expect(await translated.text()).toContain('class="text-change"');

      const missing = await secretariat.get("/console/nothing-here");
      expect(missing.status).toBe(404);
      expect(await missing.text()).toContain(`<html lang="${lang}">`);
    });
  }
});

describe("the language switcher", () => {
  let stack: Awaited<ReturnType<typeof testStack>>;
  let secretariat: ConsoleSession;
  beforeAll(async () => {
    stack = await testStack();
    secretariat = await signInToConsole(stack);
    await stack.ports.repository.putMembers([member("ARG"), member("BRA"), member("CHL")]);
  });
  afterAll(() => stack.dispose());

  it("offers the four languages on every page and remembers the one chosen", async () => {
    const page = decoded(await (await secretariat.get("/console/members")).text());
    expect(page).toContain('<strong lang="en" aria-current="true">English</strong>');
    for (const [code, name] of [
      ["es", "Español"],
      ["fr", "Français"],
      ["pt", "Português"],
    ])
      expect(page).toContain(
        `<a href="/console/members?lang=${code}" lang="${code}" hreflang="${code}">${name}</a>`,
      );

    // A page's own query stays in its switcher's links.
    const filtered = decoded(await (await secretariat.get("/console/members/ARG?saved=details")).text());
    expect(filtered).toContain('<a href="/console/members/ARG?saved=details&lang=fr"');

    const chosen = await secretariat.get("/console/members?lang=pt");
    expect(await chosen.text()).toContain('<html lang="pt">');
    const cookie = /^(consulta_lang=pt);/.exec(chosen.headers.get("set-cookie") ?? "")?.[1];
    expect(cookie).toBe("consulta_lang=pt");
    expect(chosen.headers.get("set-cookie")).toContain("Path=/console");

    // The browser sends the cookie back; the page stays Portuguese though the browser asks for English.
    const later = await fetch(`${stack.url}/console/sign-in`, {
      headers: { cookie: cookie!, accept: "text/html", "accept-language": "en" },
    });
    expect(await later.text()).toContain('<html lang="pt">');
    // An error page too: the console's own, since the cookie is sent only there.
    const refused = await fetch(`${stack.url}/console/sign-in/${"x".repeat(43)}`, {
      method: "POST",
      headers: { cookie: cookie!, accept: "text/html", "accept-language": "en" },
      redirect: "manual",
    });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(await refused.text()).toContain('<html lang="pt">');
  });

  it("words the import preview in the page's language, with each contact's language and the members left unchanged", async () => {
    const preview = await secretariat.upload("/console/members/import?lang=fr", {
      name: "directory.csv",
      bytes: new TextEncoder().encode(directoryCsv),
    });
    expect(preview.status).toBe(200);
    const html = decoded(await preview.text());
    expect(html).toContain(
      "La ligne 3 répète la ligne 2 (Member ARG (fr), ana@trabajo.gob.ar) ; importée une seule fois.",
    );
    expect(html).toContain("Ligne 4 : « Membre ARG » lu comme Member ARG (fr).");
    expect(html).toContain(
      "Ligne 5 : « Atlantis » ne correspond à aucun membre de l’annuaire ; non importée.",
    );
    expect(html).toContain(
      "Ligne 6 : « not-an-address » n’est pas une adresse électronique valide ; non importée.",
    );
    expect(html).not.toContain("Row ");
    // Ana asked for Portuguese; Luis has none of his own and is written to in Argentina's.
    expect(html).toContain('<div class="contact-language">pt</div>');
    expect(html).toContain(
      '<div class="contact-language">es <span class="hint">(celle du membre)</span></div>',
    );
    expect(html).toContain("Membres que le fichier laisse inchangés (2)");
    expect(html).toContain("<li>BRA Member BRA (fr)</li>");
    expect(html).toContain("<li>CHL Member CHL (fr)</li>");
  });
});
