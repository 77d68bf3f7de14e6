// DynamoDB throttling and server faults: the SDK retries them; what still fails after its retries
// reaches the respondent as "try again" with everything they typed kept, never as a bare error page,
// and nothing half-written is stored.
import { Readable } from "node:stream";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import qs from "qs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDynamoRepository } from "../../functions/adapters/dynamodb-repository.ts";
import type { Campaign } from "../../functions/core/campaign.ts";
import type { Repository } from "../../functions/core/ports.ts";
import { adminClient, loadContent } from "../../functions/local/demo.ts";
import { readOutbox, respondentLink } from "../../functions/local/outbox.ts";
import { submitForm } from "../support/browser-form.ts";
import { movableClock, testStack } from "../support/local-stack.ts";

type Fault = "throttle" | "server";
type Operation = "GetItem" | "PutItem" | "Query" | "UpdateItem";

/** DynamoDB's own answers when it throttles or fails, as the SDK receives them over HTTP. */
const faultResponse = (fault: Fault) => {
  const [statusCode, type, message] =
    fault === "throttle"
      ? [
          400,
          "ProvisionedThroughputExceededException",
          "The level of configured provisioned throughput for the table was exceeded.",
        ]
      : [500, "InternalServerError", "Internal server error"];
  return {
    response: {
      statusCode,
      reason: statusCode === 400 ? "Bad Request" : "Internal Server Error",
      headers: { "content-type": "application/x-amz-json-1.0", "x-amzn-requestid": "injected" },
      body: Readable.from([
        Buffer.from(JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${type}`, message })),
      ]),
    },
  };
};

/**
 * A DynamoDB client whose next requests of one operation fail as DynamoDB would fail them, before
 * reaching the table: the SDK's real retry strategy sees them, and so does the repository after it.
 */
const faultyClient = (endpoint: string) => {
  const client = new DynamoDBClient({
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  const planned: { operation: Operation; fault: Fault; left: number }[] = [];
  const attempts: Record<string, number> = {};
  const real = client.config.requestHandler as {
    handle(request: unknown, options?: unknown): Promise<unknown>;
  };
  (client.config as { requestHandler: unknown }).requestHandler = {
    handle: async (request: { headers: Record<string, string> }, options?: unknown) => {
      const operation = (request.headers["x-amz-target"] ?? "").split(".")[1] ?? "";
      attempts[operation] = (attempts[operation] ?? 0) + 1;
      const plan = planned.find((p) => p.operation === operation && p.left > 0);
      if (!plan) return real.handle(request, options);
      plan.left--;
      return faultResponse(plan.fault);
    },
  };
  return {
    client,
    attempts,
    /** The next `times` requests of `operation` fail with `fault`. */
    fail: (operation: Operation, fault: Fault, times: number) =>
      void planned.push({ operation, fault, left: times }),
    clear: () => {
      planned.length = 0;
      for (const k of Object.keys(attempts)) delete attempts[k];
    },
  };
};

const clock = movableClock(new Date("2027-07-01T12:00:00Z"));
let stack: Awaited<ReturnType<typeof testStack>>;
let faults: ReturnType<typeof faultyClient>;
let healthy: Repository;
let faultsInjected = 0;
/** How many times the SDK tries one request before giving up (its default for DynamoDB). */
let sdkAttempts: number;

beforeAll(async () => {
  stack = await testStack({ clock });
  await loadContent(adminClient(stack));
  healthy = stack.ports.repository;
  faults = faultyClient(stack.config.dynamodbEndpoint!);
  sdkAttempts = await faults.client.config.maxAttempts();
  // The handlers read the stack's ports at each request: from now on through the faulty client.
  stack.ports.repository = createDynamoRepository({
    client: faults.client,
    tableName: stack.config.tableName,
  });
});
beforeEach(() => faults.clear());
afterAll(async () => {
  console.log(`DynamoDB faults injected: ${faultsInjected}`);
  await stack.dispose();
});

const fail = (operation: Operation, fault: Fault, times: number) => {
  faultsInjected += times;
  faults.fail(operation, fault, times);
};

const invite = async (code: string) => {
  const api = adminClient(stack);
  const campaign = await api<Campaign>("POST", "/api/campaigns", {
    questionnaireId: "iacml-planning",
    closesAt: new Date(clock.now().getTime() + 20 * 864e5).toISOString(),
    invite: [code],
  });
  await api("POST", `/api/campaigns/${campaign.id}/send`);
  const mail = readOutbox(stack.paths.outbox).find((m) => m.headers["x-consulta-campaign"] === campaign.id)!;
  return { campaign, link: respondentLink(mail)! };
};

const TYPED =
  "Propuesta de cooperación técnica sobre inspección laboral.\nSegunda línea, con acentos: ñ, ç, ã.";

const post = (link: string, body: string, accept = "text/html") =>
  fetch(link, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", accept },
    body,
  });
const draft = (text = TYPED) =>
  qs.stringify({ action: "draft", baseVersion: "0", lang: "es", "anything-else": text });
const escaped = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;");

describe("DynamoDB throttling and server faults", () => {
  it("are retried by the SDK: throttled on all but its last attempt, the draft is saved and nobody knows", async () => {
    const { campaign, link } = await invite("ARG");
    fail("PutItem", "throttle", sdkAttempts - 1);
    const before = faults.attempts.PutItem ?? 0;
    const res = await post(link, draft());
    expect(res.status).toBe(303);
    expect((faults.attempts.PutItem ?? 0) - before).toBe(sdkAttempts);
    expect((await healthy.getResponse(campaign.id, "ARG"))?.answers["anything-else"]).toBe(TYPED);
  });

  it("still failing after the retries: 503, the form again with what was typed and a notice to try again; nothing stored", async () => {
    const { campaign, link } = await invite("BRA");
    for (const fault of ["throttle", "server"] as const) {
      fail("PutItem", fault, sdkAttempts);
      const res = await post(link, draft());
      expect(res.status).toBe(503);
      const html = await res.text();
      expect(html).toContain('id="try-again"');
      expect(html).toContain("answers-form");
      expect(html).toContain(escaped(TYPED));
      expect(html).toContain('name="baseVersion" value="0"');
      expect(await healthy.getResponse(campaign.id, "BRA")).toBeUndefined();
    }
    // Pressing the button again once DynamoDB is back saves exactly what was typed.
    expect((await post(link, draft())).status).toBe(303);
    expect((await healthy.getResponse(campaign.id, "BRA"))?.answers["anything-else"]).toBe(TYPED);
  });

  it("while the form is being opened: a page keeping every posted field, which sends them again as they were", async () => {
    const { campaign, link } = await invite("CHL");
    fail("GetItem", "server", sdkAttempts);
    const res = await post(link, draft());
    expect(res.status).toBe(503);
    const page = await res.text();
    expect(page).toContain('id="repost"');
    const again = submitForm(page, "repost");
    expect(new URLSearchParams(again).get("anything-else")?.replace(/\r\n/g, "\n")).toBe(TYPED);
    expect((await post(link, again)).status).toBe(303);
    expect((await healthy.getResponse(campaign.id, "CHL"))?.answers["anything-else"]).toBe(TYPED);
  });

  it("for the autosave script: a JSON 'try_again' it can show, the page keeping the text", async () => {
    const { link } = await invite("PER");
    fail("PutItem", "throttle", sdkAttempts);
    const res = await post(link, draft(), "application/json");
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: { code: "try_again" } });
  });

  it("when only reading: a 'try again' page, never a 500", async () => {
    const { link } = await invite("URY");
    fail("GetItem", "throttle", sdkAttempts);
    const res = await fetch(link, { headers: { accept: "text/html", "accept-language": "en" } });
    expect(res.status).toBe(503);
    expect(await res.text()).toContain("Please try again");
  });
});
