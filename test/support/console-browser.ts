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

/**
 * The set-up form filled for a cycle of governments only: its English title, closing at 17:00 São
 * Paulo time on `closes` (YYYY-MM-DD), reminders 10, 3 and 1 days before, COSATE and CEATAL left out.
 */
export const fillGovernmentsCampaign = async (page: Page, closes: string) => {
  await page.getByLabel("English").fill("Planning 2027, governments");
  await page.getByLabel("Time zone").selectOption("America/Sao_Paulo");
  const closing = page.getByRole("group", { name: "Closes" });
  await closing.getByLabel("Date").fill(closes);
  await closing.getByLabel("Time").fill("17:00");
  for (const [i, days] of ["10", "3", "1"].entries()) {
    await page.locator(`#step-${i}-days`).fill(days);
    for (const group of ["Workers (COSATE)", "Employers (CEATAL)"])
      await page.locator(`input[name="steps[${i}][groups][]"]`).and(page.getByLabel(group)).uncheck();
  }
  const invitees = page.getByRole("group", { name: "Who is invited" });
  await invitees.getByLabel("Workers (COSATE)").uncheck();
  await invitees.getByLabel("Employers (CEATAL)").uncheck();
};
