// The deployment parameters and the email worker's plan: defaults, validation, and the send-rate arithmetic.
import { Duration } from "aws-cdk-lib";
import { describe, expect, it } from "vitest";
import { readParameters } from "../../cdk/parameters.ts";
import { workerPlan } from "../../cdk/queue.ts";

const fromContext = (context: Record<string, unknown>) => readParameters((key) => context[key]);

describe("deployment parameters", () => {
  it("has a default for everything, so synth needs no context", () => {
    expect(fromContext({})).toEqual({
      stage: "dev",
      senderEmail: "consulta@example.org",
      mailFromSubdomain: "mail",
      senderIdentityExists: false,
      secretariatAllowlist: [],
      frontDoor: false,
      sendRatePerSecond: 14,
      reserveWorkerConcurrency: false,
      logRetentionDays: 90,
    });
  });

  it("reads -c values, which always arrive as strings", () => {
    const p = fromContext({
      stage: "prod",
      senderEmail: "consulta@oas.org",
      senderDomain: "oas.org",
      senderIdentityExists: "true",
      alarmEmail: "it@oas.org",
      customDomain: "consulta.oas.org",
      certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-aaaa-bbbb-cccc-0123456789ab",
      publicBaseUrl: "https://consulta.oas.org/",
      mailFromSubdomain: "Bounce",
      replyToEmail: "secretariat@oas.org",
      frontDoor: "true",
      sendRatePerSecond: "40",
      reserveWorkerConcurrency: "true",
      logRetentionDays: "365",
    });
    expect(p).toMatchObject({
      stage: "prod",
      mailFromSubdomain: "bounce",
      replyToEmail: "secretariat@oas.org",
      frontDoor: true,
      reserveWorkerConcurrency: true,
      senderIdentityExists: true,
      publicBaseUrl: "https://consulta.oas.org",
      sendRatePerSecond: 40,
      logRetentionDays: 365,
    });
  });

  it("names every bad value in one error", () => {
    expect(() =>
      fromContext({ stage: "Prod!", senderEmail: "nobody", sendRatePerSecond: "-1", logRetentionDays: "42" }),
    ).toThrow(/stage: .*senderEmail: .*sendRatePerSecond: .*logRetentionDays: /);
  });

  it("reads the Secretariat's allowlist as comma-separated addresses, or a list in cdk.json", () => {
    expect(fromContext({ secretariatAllowlist: " Ana@OAS.org,it@oas.org ,, " }).secretariatAllowlist).toEqual(
      ["ana@oas.org", "it@oas.org"],
    );
    expect(fromContext({ secretariatAllowlist: ["ana@oas.org"] }).secretariatAllowlist).toEqual([
      "ana@oas.org",
    ]);
    expect(() => fromContext({ secretariatAllowlist: "ana@oas.org,not-an-address" })).toThrow(
      /secretariatAllowlist/,
    );
    const long = Array.from({ length: 60 }, (_, i) => `secretariat-${i}@oas.org`).join(",");
    expect(() => fromContext({ secretariatAllowlist: long })).toThrow(/1024 characters/);
  });

  it("wants a custom domain and its certificate together", () => {
    expect(() => fromContext({ customDomain: "consulta.oas.org" })).toThrow(
      /customDomain and certificateArn/,
    );
  });

  it("wants a production stage to send as a domain, with replies going to the Secretariat", () => {
    for (const stage of ["prod", "production"]) {
      expect(() =>
        fromContext({ stage, senderEmail: "consulta@oas.org", replyToEmail: "s@oas.org" }),
      ).toThrow(/senderDomain/);
      expect(() => fromContext({ stage, senderEmail: "consulta@oas.org", senderDomain: "oas.org" })).toThrow(
        /replyToEmail/,
      );
    }
    expect(
      fromContext({
        stage: "prod",
        senderEmail: "consulta@oas.org",
        senderDomain: "oas.org",
        replyToEmail: "secretariat@oas.org",
      }),
    ).toMatchObject({ senderDomain: "oas.org", mailFromSubdomain: "mail" });
    // Other stages may test with a single verified address.
    expect(fromContext({ stage: "staging", senderEmail: "me@gmail.com" }).senderDomain).toBeUndefined();
  });

  it("takes the MAIL FROM subdomain as one DNS label", () => {
    expect(() => fromContext({ mailFromSubdomain: "mail.oas.org" })).toThrow(/mailFromSubdomain/);
  });

  it("puts the front door only before a custom domain", () => {
    expect(() => fromContext({ frontDoor: "true" })).toThrow(/frontDoor needs customDomain/);
  });

  it("wants the sender address inside the sender domain", () => {
    expect(() => fromContext({ senderEmail: "a@gmail.com", senderDomain: "oas.org" })).toThrow(
      /senderDomain/,
    );
  });
});

describe("email worker plan", () => {
  const timeout = Duration.seconds(60);

  it.each([1, 2, 14, 40, 100, 333])("keeps %d emails a second across all workers", (rate) => {
    const plan = workerPlan(rate, timeout);
    expect(plan.concurrency).toBeGreaterThanOrEqual(2);
    expect(plan.concurrency * plan.perWorkerRate).toBeLessThanOrEqual(rate);
    // A whole batch, paced, fits in half the worker's timeout.
    expect(plan.batchSize / plan.perWorkerRate).toBeLessThanOrEqual(timeout.toSeconds() / 2);
  });

  it("adds workers rather than asking one to send faster than it can", () => {
    expect(workerPlan(14, timeout)).toEqual({ concurrency: 3, perWorkerRate: 4.666, batchSize: 10 });
    expect(workerPlan(100, timeout).concurrency).toBe(20);
  });
});
