// `consulta campaign create --prefill-from` (issue 17.5): the real command, in its own process, creates a
// campaign that prefills from an earlier one, says so (--json too), refuses an unknown one, and its send
// counts the drafts it prefilled.
import qs from "qs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Campaign } from "../../../functions/core/campaign.ts";
import { adminClient } from "../../../functions/local/demo.ts";
import { readOutbox, respondentLink } from "../../../functions/local/outbox.ts";
import { runConsulta } from "../../support/cli.ts";
import { items, member, question, questionnaire } from "../../support/factories.ts";
import { testStack } from "../../support/local-stack.ts";

let stack: Awaited<ReturnType<typeof testStack>>;
const consulta = (...args: string[]) => runConsulta(stack, ...args);
let earlier: Campaign;

beforeAll(async () => {
  stack = await testStack();
  const questions = [
    question("tools", "single-choice", { options: items("webinar", "study") }),
    question("comments", "long-text"),
  ];
  await stack.ports.repository.putQuestionnaire(questionnaire(questions, { version: 1 }));
  await stack.ports.repository.putQuestionnaire(questionnaire(questions, { version: 2 }));
  await stack.ports.repository.putMembers([member("ARG"), member("BRA")]);
  // Last cycle: ARG submitted, BRA did not.
  const api = adminClient(stack);
  earlier = await api<Campaign>("POST", "/api/campaigns", {
    questionnaireId: "test-questionnaire",
    questionnaireVersion: 1,
    closesAt: new Date(Date.now() + 864e5).toISOString(),
    invite: ["ARG", "BRA"],
  });
  await api("POST", `/api/campaigns/${earlier.id}/send`);
  const message = readOutbox(stack.paths.outbox).find(
    (m) => m.headers["x-consulta-campaign"] === earlier.id && m.headers["x-consulta-member"] === "ARG",
  );
  const reply = await fetch(respondentLink(message!)!, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "text/html" },
    body: qs.stringify({ tools: "study", comments: "Seguir", action: "submit", baseVersion: "0" }),
  });
  if (reply.status !== 303) throw new Error(`last cycle's submission failed: ${reply.status}`);
}, 60_000);
afterAll(() => stack.dispose());

describe("consulta campaign create --prefill-from", () => {
  let id = "";

  it("creates a campaign that prefills from the earlier one, as JSON and as text", async () => {
    const created = await consulta(
      "campaign",
      "create",
      "--questionnaire",
      "test-questionnaire@2",
      "--closes",
      "2099-03-31",
      "--invite",
      "arg,bra",
      "--prefill-from",
      earlier.id,
      "--json",
    );
    expect(created.code).toBe(0);
    const campaign = JSON.parse(created.stdout) as Campaign;
    expect(campaign).toMatchObject({ questionnaireVersion: 2, prefillFrom: earlier.id });
    id = campaign.id;
    const text = await consulta(
      "campaign",
      "create",
      "--questionnaire",
      "test-questionnaire@2",
      "--closes",
      "2099-03-31",
      "--invite",
      "arg",
      "--prefill-from",
      earlier.id,
    );
    expect(text.stdout).toContain(`Each member's draft starts with its latest answers to ${earlier.id}`);
  });

  it("refuses a campaign to prefill from that does not exist, saying which", async () => {
    const refused = await consulta(
      "campaign",
      "create",
      "--questionnaire",
      "test-questionnaire@2",
      "--closes",
      "2099-03-31",
      "--prefill-from",
      "no-such-campaign",
      "--json",
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr + refused.stdout).toContain("No campaign no-such-campaign to prefill from");
  });

  it("sending counts the drafts it prefilled: ARG's, not BRA's, who submitted nothing", async () => {
    const dry = await consulta("campaign", "send", id, "--dry-run", "--json");
    expect(JSON.parse(dry.stdout).counts).toMatchObject({ invitations: 2, members: 2, prefills: 1 });
    const sent = await consulta("campaign", "send", id, "--json");
    expect(sent.code).toBe(0);
    expect(JSON.parse(sent.stdout)).toMatchObject({ created: 2, prefilled: 1 });
    const draft = await stack.ports.repository.getResponse(id, "ARG");
    expect(draft?.carriedOver).toMatchObject({ campaignId: earlier.id, questions: ["tools", "comments"] });
    expect(await stack.ports.repository.getResponse(id, "BRA")).toBeUndefined();
    const again = await consulta("campaign", "send", id);
    expect(again.stdout).toContain("Invitations: 0 new");
  });
});
