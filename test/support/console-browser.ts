// The Secretariat in Chromium: signing in through the emailed link, as the browser suites all begin.
import type { Page } from "playwright-core";
import { readOutbox } from "../../functions/local/outbox.ts";

/** The newest sign-in link emailed to `email`, from the stack's outbox folder. */
export const signInLinkFor = (outbox: string, email = "secretariat@example.org"): string | undefined => {
  const mail = readOutbox(outbox).filter((m) => m.headers["x-consulta-kind"] === "sign-in" && m.to === email);
  return /http:\/\/\S+\/console\/sign-in\/[A-Za-z0-9_-]{43}/.exec(mail.at(-1)?.text ?? "")?.[0];
};

/** Asks for a link on the sign-in page, opens it and continues, landing on the campaigns. */
export const signInInBrowser = async (
  page: Page,
  url: string,
  outbox: string,
  email = "secretariat@example.org",
) => {
  await page.goto(`${url}/console`);
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Send me a sign-in link" }).click();
  await page.getByText("Check your email").waitFor();
  const link = signInLinkFor(outbox, email);
  if (!link) throw new Error(`No sign-in link was emailed to ${email}`);
  await page.goto(link);
  await page.getByRole("button", { name: "Continue to the console" }).click();
  await page.getByRole("heading", { name: "Campaigns" }).waitFor();
};
