// A closing day typed in the console ends at 23:59 where the campaign keeps its time, summer or winter:
// New York is UTC-4 in July, so a July deadline built with a fixed -05:00 closed an hour late.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInToConsole, type ConsoleSession } from "../../support/console-session.ts";
import { campaign, member, question, questionnaire } from "../../support/factories.ts";
import { testStack } from "../../support/local-stack.ts";

let stack: Awaited<ReturnType<typeof testStack>>;
let secretariat: ConsoleSession;

beforeAll(async () => {
  stack = await testStack();
  secretariat = await signInToConsole(stack);
  await stack.ports.repository.putQuestionnaire(questionnaire([question("q1", "yes-no")]));
  await stack.ports.repository.putMembers([member("ARG")]);
});
afterAll(() => stack.dispose());

const closesAtOf = async (id: string) => (await stack.ports.repository.getCampaign(id))!.closesAt;

describe("closing days typed in the console", () => {
  it("creates a campaign closing at 23:59 New York summer time (UTC-4) on a July day", async () => {
    const reply = await secretariat.post("/console/campaigns", {
      questionnaireId: "test-questionnaire",
      closesAt: "2099-07-15",
      invite: "ARG",
    });
    expect(reply.status).toBe(303);
    const id = decodeURIComponent(reply.headers.get("location")!.split("?")[0]!.split("/").pop()!);
    expect(new Date(await closesAtOf(id)).toISOString()).toBe("2099-07-16T03:59:00.000Z");
  });

  it("reopens a campaign until 23:59 in the campaign's own zone", async () => {
    await stack.ports.repository.createCampaign(
      campaign({ id: "bogota", timeZone: "America/Bogota", status: "closed", invited: ["ARG"] }),
    );
    const reply = await secretariat.post("/console/campaigns/bogota/reopen", { closesAt: "2099-07-15" });
    expect(reply.status).toBe(303);
    expect(new Date(await closesAtOf("bogota")).toISOString()).toBe("2099-07-16T04:59:00.000Z");
    await stack.ports.repository.createCampaign(
      campaign({ id: "new-york", timeZone: "America/New_York", status: "closed", invited: ["ARG"] }),
    );
    await secretariat.post("/console/campaigns/new-york/reopen", { closesAt: "2099-07-15" });
    expect(new Date(await closesAtOf("new-york")).toISOString()).toBe("2099-07-16T03:59:00.000Z");
    await secretariat.post("/console/campaigns/new-york/close", {});
    await secretariat.post("/console/campaigns/new-york/reopen", { closesAt: "2099-01-15" });
    expect(new Date(await closesAtOf("new-york")).toISOString()).toBe("2099-01-16T04:59:00.000Z");
  });
});
