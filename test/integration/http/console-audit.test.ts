// The console's audit trail is written in one place, after the page answered: who did what, on what,
// with counts rather than prose; a request that fails leaves no line.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInToConsole, type ConsoleSession } from "../../support/console-session.ts";
import { campaign, member } from "../../support/factories.ts";
import { testStack } from "../../support/local-stack.ts";

const FIXTURE = new URL("../../fixtures/secretariat-directory-messy.csv", import.meta.url).pathname;

let stack: Awaited<ReturnType<typeof testStack>>;
let secretariat: ConsoleSession;

beforeAll(async () => {
  stack = await testStack();
  secretariat = await signInToConsole(stack);
  await stack.ports.repository.putMembers([member("ARG")]);
  await stack.ports.repository.createCampaign(campaign({ id: "audited", invited: ["ARG"] }));
});
afterAll(() => stack.dispose());

const waitFor = async <T>(read: () => Promise<T | undefined>): Promise<T> => {
  for (let i = 0; i < 200; i++) {
    const value = await read();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("never came");
};

describe("the console's audit trail", () => {
  it("records signing in, and an action on a campaign with who did it", async () => {
    const directory = await stack.ports.repository.listAudit();
    expect(directory.find((a) => a.action === "signed in")).toMatchObject({
      actor: "secretariat@example.org",
    });
    expect((await secretariat.post("/console/campaigns/audited/close", {})).status).toBe(303);
    const [line] = await stack.ports.repository.listAudit("audited");
    expect(line).toMatchObject({ actor: "secretariat@example.org", action: "close", campaignId: "audited" });
  });

  it("writes nothing for a request that failed", async () => {
    const before = await stack.ports.repository.listAudit("missing");
    expect((await secretariat.post("/console/campaigns/missing/close", {})).status).toBe(404);
    expect(await stack.ports.repository.listAudit("missing")).toEqual(before);
  });

  it("records an import with its counts, and the directory page words them", async () => {
    const preview = await secretariat.upload("/console/members/import", {
      name: "directory.csv",
      bytes: readFileSync(FIXTURE),
    });
    expect(preview.status).toBe(200);
    const action = /action="(\/console\/members\/import\/[^"]+)"/.exec(await preview.text())?.[1];
    expect((await secretariat.post(action!, {})).status).toBe(303);
    const line = await waitFor(async () =>
      (await stack.ports.repository.listAudit()).find((a) => a.action === "imported the directory"),
    );
    // The numbers are data: the action stays one phrase, whatever was imported.
    expect(line).toMatchObject({ actor: "secretariat@example.org", action: "imported the directory" });
    expect(line.counts).toEqual({ contacts: expect.any(Number), members: expect.any(Number) });
    const page = await (await secretariat.get("/console/members")).text();
    const { contacts, members } = line.counts as { contacts: number; members: number };
    expect(page).toContain(
      `imported the directory: ${contacts} ${contacts === 1 ? "contact" : "contacts"} for ${members} ${members === 1 ? "member" : "members"}`,
    );
  });
});
