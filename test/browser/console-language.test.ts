// The console's language belongs to the person, not the browser: chosen once in one browser, it is
// the language of the console in another one the same person signs in on.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminClient, loadContent } from "../../functions/local/demo.ts";
import { readOutbox } from "../../functions/local/outbox.ts";
import { launchChromium } from "../support/chromium.ts";
import { testStack } from "../support/local-stack.ts";

let stack: Awaited<ReturnType<typeof testStack>>;
let browser: Browser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([testStack(), launchChromium()]);
  await loadContent(adminClient(stack));
});
afterAll(async () => {
  await browser?.close();
  await stack?.dispose();
});

const lastSignInSubject = (email: string) =>
  readOutbox(stack.paths.outbox)
    .filter((m) => m.headers["x-consulta-kind"] === "sign-in" && m.to === email)
    .at(-1)?.subject;

/** Signs in through the emailed link in a browser whose own language is English. */
const signIn = async (context: BrowserContext, email: string): Promise<Page> => {
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(`${stack.url}/console`);
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Send me a sign-in link" }).click();
  await page.getByText("Check your email").waitFor();
  const mail = readOutbox(stack.paths.outbox).filter(
    (m) => m.headers["x-consulta-kind"] === "sign-in" && m.to === email,
  );
  const link = /http:\/\/\S+\/console\/sign-in\/[A-Za-z0-9_-]{43}/.exec(mail.at(-1)?.text ?? "")?.[0];
  await page.goto(link!);
  await page.locator("form button[type=submit]").last().click();
  await page.waitForURL(/\/console$/);
  return page;
};

describe("the console's language, remembered per person", () => {
  it("is Portuguese in a fresh browser after the person chose Portuguese in another", async () => {
    const first = await browser.newContext({ locale: "en-US" });
    const page = await signIn(first, "secretariat@example.org");
    await page.getByRole("heading", { name: "Campaigns" }).waitFor();
    await page.getByRole("link", { name: "Português" }).click();
    await page.getByRole("heading", { name: "Campanhas" }).waitFor();
    await first.close();

    // Another browser, never told a language: no cookie, English asked for by the browser itself.
    const second = await browser.newContext({ locale: "en-US" });
    const again = await signIn(second, "secretariat@example.org");
    await again.getByRole("heading", { name: "Campanhas" }).waitFor();
    expect(await again.getAttribute("html", "lang")).toBe("pt");
    // The sign-in email too: this browser asked for English only as its default.
    expect(lastSignInSubject("secretariat@example.org")).toBe("Seu link de acesso à plataforma Consulta");
    await again.getByRole("link", { name: "Questionários" }).click();
    await again.getByRole("heading", { name: "Questionários" }).waitFor();
    await second.close();
  }, 90_000);

  it("is the one chosen on the sign-in page before signing in, in the next fresh browser", async () => {
    const first = await browser.newContext({ locale: "en-US" });
    const page = await first.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${stack.url}/console`);
    await page.getByRole("link", { name: "Français" }).click();
    await page.getByLabel("Adresse électronique").fill("secretariat@example.org");
    await page.getByRole("button", { name: "M'envoyer un lien de connexion" }).click();
    await page.getByText("Consultez votre messagerie").waitFor();
    const mail = readOutbox(stack.paths.outbox).filter(
      (m) => m.headers["x-consulta-kind"] === "sign-in" && m.to === "secretariat@example.org",
    );
    await page.goto(/http:\/\/\S+\/console\/sign-in\/[A-Za-z0-9_-]{43}/.exec(mail.at(-1)?.text ?? "")![0]);
    await page.getByRole("button", { name: "Continuer vers la console" }).click();
    await page.getByRole("heading", { name: "Campagnes" }).waitFor();
    await first.close();

    const second = await browser.newContext({ locale: "en-US" });
    const again = await signIn(second, "secretariat@example.org");
    await again.getByRole("heading", { name: "Campagnes" }).waitFor();
    expect(await again.getAttribute("html", "lang")).toBe("fr");
    await second.close();
  }, 90_000);
});
