// The accessibility statement over HTTP: one public page in the four languages, with the pages' own
// security headers, and linked from the footer of every page a respondent or the Secretariat opens.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminClient, loadContent, type AdminClient } from "../../../functions/local/demo.ts";
import { signInToConsole } from "../../support/console-session.ts";
import { testStack } from "../../support/local-stack.ts";
import { invitationLink } from "../../support/respondent-browser.ts";

let stack: Awaited<ReturnType<typeof testStack>>;
let api: AdminClient;

beforeAll(async () => {
  stack = await testStack();
  api = adminClient(stack);
  await loadContent(api);
});
afterAll(() => stack.dispose());

const get = (path: string, acceptLanguage = "en") =>
  fetch(`${stack.url}${path}`, { headers: { accept: "text/html", "accept-language": acceptLanguage } });

describe("the accessibility statement", () => {
  it.each([
    ["es", "Declaración de accesibilidad"],
    ["en", "Accessibility statement"],
    ["fr", "Déclaration d'accessibilité"],
    ["pt", "Declaração de acessibilidade"],
  ])(
    "is a public page in %s saying what was tested, the target and how to report a problem",
    async (lang, title) => {
      const res = await get(`/accessibility?lang=${lang}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      const html = await res.text();
      expect(html).toContain(`<html lang="${lang}">`);
      expect(html).toContain(`<h1>${title.replace("'", "&#x27;")}</h1>`);
      for (const fact of ["WCAG 2.1", "axe-core", "320", "JavaScript", "Chromium"])
        expect(html, fact).toContain(fact);
      // The way to report a problem, and the other languages of the same page.
      expect(html).toMatch(/<h2 id="contact">/);
      for (const other of ["es", "en", "fr", "pt"].filter((l) => l !== lang))
        expect(html).toContain(`href="/accessibility?lang=${other}"`);
    },
  );

  it("follows the browser's language when none is asked for, and English when it speaks none of the four", async () => {
    expect(await (await get("/accessibility", "pt-BR,pt;q=0.9")).text()).toContain('<html lang="pt">');
    expect(await (await get("/accessibility", "de-DE")).text()).toContain('<html lang="en">');
    expect(await (await get("/accessibility?lang=xx", "fr")).text()).toContain('<html lang="fr">');
  });

  it("only answers GET", async () => {
    const res = await fetch(`${stack.url}/accessibility`, { method: "POST", body: "" });
    expect(res.status).toBe(405);
  });
});

describe("every page's footer links to the statement, in the page's language", () => {
  const footerLink = (html: string) =>
    /<footer[^>]*>[\s\S]*?<a href="(\/accessibility\?lang=\w\w)"/.exec(html)?.[1];

  it("the form, an error page and the console (the confirmation: test/browser/accessibility.test.ts)", async () => {
    const link = await invitationLink(api, stack.paths.outbox, "URY");
    expect(footerLink(await (await fetch(`${link}?lang=pt`)).text())).toBe("/accessibility?lang=pt");

    const missing = await get(`/r/${"z".repeat(43)}`, "es");
    expect(missing.status).toBe(404);
    expect(footerLink(await missing.text())).toBe("/accessibility?lang=es");

    expect(footerLink(await (await get("/console/sign-in")).text())).toBe("/accessibility?lang=en");
    const secretariat = await signInToConsole(stack);
    expect(footerLink(await (await secretariat.get("/console")).text())).toBe("/accessibility?lang=en");
  });
});
