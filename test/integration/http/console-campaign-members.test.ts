// The campaign page lists its members a page at a time, with a search and filters, so a campaign of
// thousands stays a page of a few hundred kilobytes (issue 18.3).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CampaignStatus } from "../../../functions/core/campaign-status.ts";
import { adminClient } from "../../../functions/local/demo.ts";
import { signInToConsole, type ConsoleSession } from "../../support/console-session.ts";
import { campaign as campaignOf, invitation } from "../../support/factories.ts";
import { testStack } from "../../support/local-stack.ts";
import { members as membersOf } from "../../support/scale.ts";

let stack: Awaited<ReturnType<typeof testStack>>;
let secretariat: ConsoleSession;
const directory = membersOf(120);
const campaign = campaignOf({ id: "paged", invited: directory.map((m) => m.code) });

/** The HTML with the entities handlebars writes in attributes (=, &) read back. */
const decoded = (html: string) => html.replaceAll("&#x3D;", "=").replaceAll("&amp;", "&");
const rowsOf = (html: string) => [...html.matchAll(/<tr id="member-([A-Z]+)">/g)].map((m) => m[1]);
const pageOf = async (query = "") => {
  const reply = await secretariat.get(`/console/campaigns/paged${query}`);
  expect(reply.status).toBe(200);
  return decoded(await reply.text());
};

beforeAll(async () => {
  stack = await testStack();
  secretariat = await signInToConsole(stack);
  const { repository } = stack.ports;
  await repository.putMembers(directory);
  await repository.createCampaign(campaign);
  for (const [i, m] of directory.entries()) {
    await repository.createInvitation(
      invitation({ campaignId: "paged", memberCode: m.code, state: i % 12 === 5 ? "bounced" : "sent" }),
    );
    if (i % 12 === 0)
      await repository.saveResponse(
        {
          campaignId: "paged",
          memberCode: m.code,
          status: "draft",
          version: 1,
          answers: {},
          updatedAt: "2026-05-01T00:00:00.000Z",
          updatedBy: { contactId: "focal-point", name: "Rosa" },
        },
        0,
      );
  }
});
afterAll(() => stack.dispose());

describe("the campaign page's members", () => {
  it("shows 50 at a time, with links to the next and previous pages", async () => {
    const first = await pageOf();
    expect(rowsOf(first)).toEqual(directory.slice(0, 50).map((m) => m.code));
    expect(first).toContain("Members 1 to 50 of 120.");
    expect(first).toContain('href="/console/campaigns/paged?page=2#members" rel="next"');
    expect(first).not.toContain('rel="prev"');

    const last = await pageOf("?page=3");
    expect(rowsOf(last)).toEqual(directory.slice(100).map((m) => m.code));
    expect(last).toContain('href="/console/campaigns/paged?page=2#members" rel="prev"');
    expect(last).not.toContain('rel="next"');
    // A page past the end shows the last one.
    expect(rowsOf(await pageOf("?page=99"))).toEqual(rowsOf(last));
  });

  it("filters by where each member stands, with each filter's count, and keeps the totals per group", async () => {
    const drafts = await pageOf("?filter=draft");
    expect(rowsOf(drafts)).toEqual(directory.filter((_, i) => i % 12 === 0).map((m) => m.code));
    expect(drafts).toContain("Draft only (10)");
    expect(drafts).toContain("Bounced or failed (10)");
    expect(drafts).toContain("Not answered (110)");
    expect(drafts).toMatch(
      /<a href="\/console\/campaigns\/paged\?filter=draft#members" aria-current="page">/,
    );
    expect(rowsOf(await pageOf("?filter=bounced"))).toHaveLength(10);
    expect(rowsOf(await pageOf("?filter=nonsense"))).toHaveLength(50); // an unknown filter lists all
  });

  it("finds members by code or name, and says so when none matches", async () => {
    const [one] = directory.slice(77, 78);
    expect(rowsOf(await pageOf(`?q=${one!.code.toLowerCase()}`))).toEqual([one!.code]);
    const none = await pageOf("?q=Atlantis");
    expect(rowsOf(none)).toEqual([]);
    expect(none).toContain("No member matches this search.");
    expect(none).toContain('value="Atlantis"');
  });

  it("comes a page at a time from the admin API too, at most 500 to a page", async () => {
    const api = adminClient(stack);
    const page = await api<CampaignStatus>(
      "GET",
      "/api/campaigns/paged?filter=not-answered&perPage=100&page=2",
    );
    expect(page.members).toHaveLength(10);
    expect(page.page).toMatchObject({ number: 2, pages: 2, perPage: 100, matching: 110 });
    expect(page.byGroup.reduce((sum, t) => sum + t.invited, 0)).toBe(120);
    await expect(api("GET", "/api/campaigns/paged?perPage=100000")).rejects.toMatchObject({ status: 422 });
  });
});
