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
      senderIdentityExists: false,
      secretariatAllowlist: [],
      sendRatePerSecond: 14,
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
      sendRatePerSecond: "40",
      logRetentionDays: "365",
    });
    expect(p).toMatchObject({
      stage: "prod",
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
