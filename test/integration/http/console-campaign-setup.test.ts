// Setting a campaign up in the console (issue 17.4): the form with a closing time in a named zone, the
// reminder plan and the invitees by group; every bulk action behind a confirmation stating its effect in
// numbers, then a result with counts; extending the deadline; and times shown in the campaign's zone.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readOutbox } from "../../../functions/local/outbox.ts";
import { signInToConsole, type ConsoleSession } from "../../support/console-session.ts";
import { campaign, member, question, questionnaire } from "../../support/factories.ts";
import { testStack } from "../../support/local-stack.ts";

let stack: Awaited<ReturnType<typeof testStack>>;
let secretariat: ConsoleSession;

beforeAll(async () => {
  stack = await testStack();
  secretariat = await signInToConsole(stack);
  await stack.ports.repository.putQuestionnaire(questionnaire([question("q1", "yes-no")]));
  await stack.ports.repository.putMembers([
    member("ARG", { subregion: "southern-cone" }),
    member("BRA", {
      subregion: "southern-cone",
      contacts: [
        { id: "focal-point", name: "Ana", email: "ana@example.org", role: "focal-point", revoked: false },
        { id: "deputy", name: "Rui", email: "rui@example.org", role: "focal-point", revoked: false },
      ],
    }),
    member("JAM", { subregion: "caribbean" }),
    member("COSATE", { group: "workers", subregion: undefined }),
  ]);
});
afterAll(() => stack.dispose());

const textOf = async (reply: Response) => (await reply.text()).replace(/\s+/g, " ");

/** A job's page once the in-process worker has finished it (the page refreshes itself until then). */
const finishedJob = async (path: string) => {
  for (;;) {
    const page = await textOf(await secretariat.get(path));
    if (!page.includes('id="job-progress"')) return page;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe("times in the console", () => {
  it("shows a São Paulo campaign's closing time as the clock in São Paulo reads it, not New York's", async () => {
    await stack.ports.repository.createCampaign(
      campaign({
        id: "sao-paulo",
        timeZone: "America/Sao_Paulo",
        closesAt: "2099-03-31T20:00:00.000Z",
        invited: ["ARG"],
      }),
    );
    const page = await textOf(await secretariat.get("/console/campaigns/sao-paulo"));
    // 20:00 UTC is 17:00 in São Paulo (UTC-3) and 16:00 in New York (summer time).
    expect(page).toMatch(/Mar 31, 2099, 5:00\s?PM/);
    expect(page).not.toMatch(/Mar 31, 2099, 4:00\s?PM/);
  });
});

/** The new campaign's form as a person fills it: São Paulo, 17:00, a 10/3/1 plan for governments only. */
const setUpForm = (overrides: Record<string, string> = {}) => {
  const fields = new URLSearchParams({
    questionnaire: "test-questionnaire@1",
    "title-en": "Planning 2027",
    closesDate: "2099-03-31",
    closesTime: "17:00",
    timeZone: "America/Sao_Paulo",
    "steps[0][days]": "10",
    "steps[0][groups][]": "government",
    "steps[1][days]": "3",
    "steps[2][days]": "1",
    "steps[3][days]": "",
    "steps[4][days]": "",
    ...overrides,
  });
  fields.append("steps[1][groups][]", "government");
  fields.append("steps[2][groups][]", "government");
  fields.append("groups", "government");
  for (const s of ["andean", "southern-cone", "central", "caribbean", "north"])
    fields.append("subregions", s);
  return fields;
};

/** Posts a form whose names repeat (checkboxes), with the session's cookie and CSRF token. */
const postForm = async (path: string, body: URLSearchParams) => {
  const csrf =
    /name="csrf" value="([^"]+)"/.exec(await (await secretariat.get("/console")).text())?.[1] ?? "";
  body.set("csrf", csrf);
  return secretariat.postRaw(path, body.toString());
};

describe("setting a campaign up in the console", () => {
  it("offers the stored questionnaire versions, zones, a plan of editable steps and every group ticked", async () => {
    const page = await textOf(await secretariat.get("/console"));
    expect(page).toContain('<option value="test-questionnaire@1" selected>');
    expect(page).toContain("<option>America/Sao_Paulo</option>");
    expect(page).toContain('name="steps[0][days]" value="14"');
    expect(page).toMatch(/name="groups" value="workers" checked/);
    expect(page).toMatch(/name="subregions" value="caribbean" checked/);
  });

  it("creates a campaign closing at 17:00 in São Paulo with a 10/3/1-day plan for governments only, and says so", async () => {
    const reply = await postForm("/console/campaigns", setUpForm());
    expect(reply.status).toBe(303);
    const location = reply.headers.get("location")!;
    expect(location).toMatch(/\?done=created$/);
    const id = location.split("?")[0]!.split("/").pop()!;
    const created = (await stack.ports.repository.getCampaign(id))!;
    expect(created).toMatchObject({
      closesAt: "2099-03-31T20:00:00.000Z",
      timeZone: "America/Sao_Paulo",
      invited: ["ARG", "BRA", "JAM"],
      reminderPlan: [
        { days: 10, groups: ["government"] },
        { days: 3, groups: ["government"] },
        { days: 1, groups: ["government"] },
      ],
    });
    expect(created.title.en).toBe("Planning 2027");
    const page = await textOf(await secretariat.get(location));
    expect(page).toContain(
      "Campaign created: 3 members invited. It closes on 2099-03-31 17:00 (America/Sao_Paulo).",
    );
  });

  it("keeps what was typed and says beside each field what to correct", async () => {
    const body = setUpForm({ closesTime: "25:00", "steps[3][days]": "200" });
    const reply = await postForm("/console/campaigns", body);
    expect(reply.status).toBe(400);
    const page = await textOf(reply);
    expect(page).toContain('id="closesTime-error">Give a time like 17:00.');
    expect(page).toContain('id="step-3-error">Give a number of days from 1 to 90.');
    expect(page).toContain('value="25:00"');
    expect(page).toContain('value="Planning 2027"');
    expect(page).toContain("<option selected>America/Sao_Paulo</option>");
  });
});

describe("bulk actions behind a confirmation with counts", () => {
  const id = "bulk";
  beforeAll(async () => {
    await stack.ports.repository.createCampaign(
      campaign({
        id,
        timeZone: "America/Sao_Paulo",
        opensAt: new Date(Date.now() - 864e5).toISOString(),
        closesAt: "2099-03-31T20:00:00.000Z",
        invited: ["ARG", "BRA", "COSATE"],
      }),
    );
  });

  it("states what sending would do, sends only when the button is pressed, and the job ends with counts", async () => {
    const confirm = await textOf(await secretariat.get(`/console/campaigns/${id}/send`));
    expect(confirm).toContain("This sends 4 invitations to 3 members (3 invited in all).");
    expect(confirm).toContain(">Send 4 invitations</button>");
    expect(await stack.ports.repository.listInvitations(id)).toEqual([]);

    const sent = await secretariat.post(`/console/campaigns/${id}/send`, {});
    expect(sent.status).toBe(303);
    const job = await finishedJob(sent.headers.get("location")!);
    expect(job).toContain("4 invitations created and 4 emails queued for 4 contacts");
    expect(await textOf(await secretariat.get(`/console/campaigns/${id}/send`))).toContain(
      "This sends 0 invitations to 0 members",
    );
  });

  it("extends the deadline, telling those who have not submitted, and says so with counts", async () => {
    const confirm = await textOf(await secretariat.get(`/console/campaigns/${id}/extend`));
    expect(confirm).toContain("3 of 3 members have not submitted yet.");
    expect(confirm).toContain('name="closesDate" value="2099-03-31"');
    expect(confirm).toContain('name="closesTime" value="17:00"');

    const earlier = await secretariat.post(`/console/campaigns/${id}/extend`, {
      closesDate: "2099-03-30",
      closesTime: "17:00",
    });
    expect(earlier.status).toBe(400);
    expect(await textOf(earlier)).toContain("The new closing time must be later than the current one.");

    const extended = await secretariat.post(`/console/campaigns/${id}/extend`, {
      closesDate: "2099-04-07",
      closesTime: "17:00",
      notify: "yes",
    });
    expect(extended.status).toBe(303);
    expect((await stack.ports.repository.getCampaign(id))!.closesAt).toBe("2099-04-07T20:00:00.000Z");
    const page = await textOf(await secretariat.get(extended.headers.get("location")!));
    expect(page).toMatch(
      /Deadline extended to 2099-04-07 17:00 \(America\/Sao_Paulo\): 3 members have not submitted; \d+ contacts are being told\./,
    );
    expect(page).toContain("Follow the emails");

    // The reminder that tells of the extension says so, with the new deadline, in the contact's language.
    const told = async () => {
      for (;;) {
        const mail = readOutbox(stack.paths.outbox).find(
          (m) => m.headers["x-consulta-kind"] === "reminder" && m.to === "ana@example.org",
        );
        if (mail) return mail;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    const mail = await told();
    expect(mail.text).toContain("Se ha prorrogado el plazo.");
    expect(mail.text).toMatch(/7 de abril de 2099/);
    // An email of its own: its subject says what changed, not "Reminder", so nobody takes it for the last one.
    expect(mail.subject).toMatch(/^Plazo prorrogado: .*7 de abril de 2099/);
    expect(mail.subject).not.toContain("Recordatorio");
    expect(mail.html).toContain("Se ha prorrogado el plazo.");
  });

  it("closes and reopens only after a confirmation, each followed by its counts", async () => {
    expect(await textOf(await secretariat.get(`/console/campaigns/${id}/close`))).toContain(
      "3 of 3 members have not submitted (0 have a draft); after closing they can no longer answer.",
    );
    const closed = await secretariat.post(`/console/campaigns/${id}/close`, {});
    expect(await textOf(await secretariat.get(closed.headers.get("location")!))).toContain(
      "Campaign closed: 0 members had submitted, 3 had not.",
    );
    const reopened = await secretariat.post(`/console/campaigns/${id}/reopen`, {
      closesDate: "2099-05-01",
      closesTime: "12:00",
    });
    expect(reopened.status).toBe(303);
    expect(await textOf(await secretariat.get(reopened.headers.get("location")!))).toContain(
      "Campaign reopened until 2099-05-01 12:00 (America/Sao_Paulo): 3 members have not submitted.",
    );
  });

  it("confirms a revocation with the number of links it ends", async () => {
    const confirm = await textOf(
      await secretariat.get(`/console/campaigns/${id}/contacts/BRA/deputy/revoke`),
    );
    expect(confirm).toContain(
      "This stops the link of BRA/deputy and the contributor links it created (0). Links stopped in all: 1.",
    );
    const revoked = await secretariat.post(`/console/campaigns/${id}/contacts/BRA/deputy/revoke`, {});
    expect(await textOf(await secretariat.get(revoked.headers.get("location")!))).toContain(
      "Links revoked: 1 (of contributors: 0).",
    );
  });

  it("shows each member's reminders and the next one due", async () => {
    const page = await textOf(await secretariat.get(`/console/campaigns/${id}`));
    expect(page).toMatch(/<tr id="member-ARG">.*Deadline extended: [^<]*, 1 contact — /);
    expect(page).toMatch(/<tr id="member-ARG">.*Next: /);
  });
});
