// Prefill from the last cycle over HTTP on dynalite (issue 17.5): a campaign set up in the console to
// prefill from last cycle's; sending it starts ARG's draft with its submitted answers where the question
// did not change; the form marks each carried-over answer and lets the member confirm it without
// JavaScript; the submission keeps the marks; the compiled report leaves out the one not confirmed.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import qs from "qs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Campaign } from "../../../functions/core/campaign.ts";
import type { ReportRecord } from "../../../functions/core/ports.ts";
import { adminClient } from "../../../functions/local/demo.ts";
import { readOutbox, respondentLink } from "../../../functions/local/outbox.ts";
import { signInToConsole, type ConsoleSession } from "../../support/console-session.ts";
import { items, member, question, questionnaire, text } from "../../support/factories.ts";
import { testStack } from "../../support/local-stack.ts";

let stack: Awaited<ReturnType<typeof testStack>>;
let secretariat: ConsoleSession;
let api: ReturnType<typeof adminClient>;

const lastCycle = [
  question("tools", "single-choice", { options: items("webinar", "study") }),
  question("budget", "number", { min: 0, max: 100 }),
  question("comments", "long-text"),
];
// This cycle's copy: the budget's limits changed, so last cycle's budget means something else now.
const thisCycle = [lastCycle[0]!, question("budget", "number", { min: 0, max: 1000 }), lastCycle[2]!];
const LAST_WORDS = "Seguir con la RIAL";

beforeAll(async () => {
  stack = await testStack();
  api = adminClient(stack);
  secretariat = await signInToConsole(stack);
  await stack.ports.repository.putQuestionnaire(questionnaire(lastCycle, { version: 1 }));
  await stack.ports.repository.putQuestionnaire(questionnaire(thisCycle, { version: 2 }));
  await stack.ports.repository.putMembers([member("ARG", { language: "en" })]);
});
afterAll(() => stack.dispose());

const textOf = async (reply: Response) => (await reply.text()).replace(/\s+/g, " ");

/** The link in ARG's invitation to this campaign. */
const linkTo = (campaignId: string) => {
  const message = readOutbox(stack.paths.outbox).find(
    (m) => m.headers["x-consulta-campaign"] === campaignId && m.headers["x-consulta-member"] === "ARG",
  );
  const link = message && respondentLink(message);
  if (!link) throw new Error("no invitation in the outbox");
  return link;
};

/** Posts the respondent's form as a browser without JavaScript does, repeated names included. */
const postForm = (url: string, fields: Record<string, unknown>) =>
  fetch(url, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      accept: "text/html",
      "accept-language": "en",
    },
    body: qs.stringify(fields, { arrayFormat: "brackets" }),
  });

/** The hidden fields a loaded form carries: its version and each question's base. */
const hiddenFields = (html: string) =>
  Object.fromEntries(
    [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1], m[2]]),
  );

let earlier: Campaign;
let current: Campaign;
let link: string;

describe("prefilling a campaign from the last cycle", () => {
  it("last cycle: ARG submitted its answers", async () => {
    earlier = await api<Campaign>("POST", "/api/campaigns", {
      questionnaireId: "test-questionnaire",
      questionnaireVersion: 1,
      title: text("Planning 2025"),
      closesAt: new Date(Date.now() + 864e5).toISOString(),
      invite: ["ARG"],
    });
    await api("POST", `/api/campaigns/${earlier.id}/send`);
    const reply = await postForm(linkTo(earlier.id), {
      tools: "study",
      budget: "80",
      comments: LAST_WORDS,
      action: "submit",
      baseVersion: "0",
      lang: "en",
    });
    expect(reply.status).toBe(303);
  });

  it("the console offers last cycle's campaign, and creates this one to prefill from it", async () => {
    const page = await textOf(await secretariat.get("/console"));
    expect(page).toContain(`<option value="${earlier.id}">Planning 2025 (closes`);
    const csrf = /name="csrf" value="([^"]+)"/.exec(page)?.[1] ?? "";
    const body = new URLSearchParams({
      csrf,
      questionnaire: "test-questionnaire@2",
      "title-en": "Planning 2026",
      closesDate: "2099-03-31",
      closesTime: "17:00",
      timeZone: "America/Sao_Paulo",
      "steps[0][days]": "7",
      "steps[0][groups][]": "government",
      groups: "government",
      prefillFrom: earlier.id,
    });
    for (const s of ["andean", "southern-cone", "central", "caribbean", "north"])
      body.append("subregions", s);
    const reply = await secretariat.postRaw("/console/campaigns", body.toString());
    expect(reply.status).toBe(303);
    const id = reply.headers.get("location")!.split("?")[0]!.split("/").pop()!;
    current = (await stack.ports.repository.getCampaign(id))!;
    expect(current).toMatchObject({ questionnaireVersion: 2, prefillFrom: earlier.id, invited: ["ARG"] });
    const shown = await textOf(await secretariat.get(`/console/campaigns/${id}`));
    expect(shown).toMatch(
      new RegExp(`id="prefill-from">.*<a href="/console/campaigns/${earlier.id}">Planning 2025</a>`),
    );
  });

  it("refuses, beside the field, a campaign to prefill from that does not exist", async () => {
    const page = await textOf(await secretariat.get("/console"));
    const csrf = /name="csrf" value="([^"]+)"/.exec(page)?.[1] ?? "";
    const body = new URLSearchParams({
      csrf,
      questionnaire: "test-questionnaire@2",
      closesDate: "2099-03-31",
      timeZone: "America/Sao_Paulo",
      groups: "government",
      prefillFrom: "no-such-campaign",
    });
    const reply = await secretariat.postRaw("/console/campaigns", body.toString());
    expect(reply.status).toBe(400);
    expect(await textOf(reply)).toContain('id="prefillFrom-error">Choose a campaign from the list.');
  });

  it("sending prefills ARG's draft, and the form marks each carried-over answer with a box to confirm it", async () => {
    const confirm = await textOf(await secretariat.get(`/console/campaigns/${current.id}/send`));
    expect(confirm).toContain(
      'id="prefill-effect">The draft of 1 member starts with its latest answers to the earlier campaign',
    );
    await api("POST", `/api/campaigns/${current.id}/send`);
    link = linkTo(current.id);
    const page = await textOf(await fetch(`${link}?lang=en`));
    expect(page).toContain('id="carried-intro"');
    expect(page).toContain("Some answers below were carried over from Planning 2025, submitted");
    const marks = [...page.matchAll(/Carried over from Planning 2025, submitted [^<]+ — confirm or edit\./g)];
    expect(marks).toHaveLength(2);
    expect(page).toContain('name="carriedConfirm[]" value="tools"');
    expect(page).toContain('name="carriedConfirm[]" value="comments"');
    expect(page).not.toContain('name="carriedConfirm[]" value="budget"');
    // The answers themselves are in the form, ready to submit as they are.
    expect(page).toMatch(/value="study"[^>]* checked/);
    expect(page).toContain(LAST_WORDS);
    // The submit summary warns about both before anything is submitted.
    expect(page).toContain("Carried-over answers not confirmed yet: 2");
    // Nobody saved this draft: it was prefilled.
    expect(page).not.toContain("Last saved by");
  });

  it("a post refused for another answer shows the box ticked again, nothing confirmed yet", async () => {
    const page = await (await fetch(`${link}?lang=en`)).text();
    const reply = await postForm(link, {
      ...hiddenFields(page),
      tools: "study",
      budget: "5000",
      comments: LAST_WORDS,
      carriedConfirm: ["tools"],
      action: "submit",
    });
    expect(reply.status).toBe(422);
    const shown = await textOf(reply);
    expect(shown).toMatch(/name="carriedConfirm\[\]" value="tools"[^>]* checked/);
    expect(shown).not.toMatch(/name="carriedConfirm\[\]" value="comments"[^>]* checked/);
    expect((await stack.ports.repository.getResponse(current.id, "ARG"))?.carriedOver?.confirmed).toEqual([]);
  });

  it("submitting confirms the ticked answer; the one left unticked is said not to be counted", async () => {
    const page = await (await fetch(`${link}?lang=en`)).text();
    const reply = await postForm(link, {
      ...hiddenFields(page),
      tools: "study",
      budget: "500",
      comments: LAST_WORDS,
      carriedConfirm: ["tools"],
      action: "submit",
    });
    expect(reply.status).toBe(303);
    const kept = await stack.ports.repository.listLatestSubmissions(current.id);
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({
      answers: { tools: "study", budget: 500, comments: LAST_WORDS },
      carriedOver: {
        campaignId: earlier.id,
        questions: ["tools", "comments"],
        confirmed: ["tools"],
        questionnaireVersion: 1,
      },
    });
    const confirmation = await textOf(await fetch(`${link}?lang=en&submitted=1`));
    expect(confirmation).toContain(
      "Not counted in the report: these answers were carried over from Planning 2025 and not confirmed.",
    );
    expect(confirmation).toMatch(/id="carried-unconfirmed">.*<li>Question comments<\/li>/);
    const form = await textOf(await fetch(`${link}?lang=en`));
    expect(form).toContain("Carried over from Planning 2025, submitted");
    expect(form).toMatch(/— confirmed\./);
    expect(form).toContain("Carried-over answers not confirmed yet: 1");
  });

  it("the compiled report counts the confirmed answer and the member's own, not the unconfirmed one", async () => {
    const record = await api<ReportRecord>("POST", `/api/campaigns/${current.id}/reports?lang=en`);
    expect(record.respondents).toBe(1);
    const csv = readFileSync(join(stack.paths.blobs, record.files.csv), "utf8");
    const [header, row] = csv.split("\r\n");
    const cells = (line = "") => [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1]);
    const column = (label: string) => cells(header).indexOf(label);
    expect(column("Question comments")).toBeGreaterThan(0);
    expect(cells(row)[column("Question comments")]).toBe("");
    expect(cells(row)[column("Question budget")]).toBe("500");
    expect(cells(row)[column("Question tools")]).not.toBe("");
    expect(csv).not.toContain(LAST_WORDS);
  });
});
