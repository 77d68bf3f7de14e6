// cdk-nag's AwsSolutions checks over the production stack: every finding is fixed, or suppressed in cdk/nag-suppressions.ts with a one-sentence reason.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { App, Aspects, CfnResource, Stack } from "aws-cdk-lib";
import { Annotations, Match } from "aws-cdk-lib/assertions";
import * as s3 from "aws-cdk-lib/aws-s3";
import type { SynthesisMessage } from "aws-cdk-lib/cx-api";
import { AwsSolutionsChecks } from "cdk-nag";
import { beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../cdk/app.ts";

const root = new URL("../../", import.meta.url).pathname;
const cdkContext = JSON.parse(readFileSync(join(root, "cdk.json"), "utf8")).context as Record<
  string,
  unknown
>;

const nagContext = {
  // With this flag on (cdk.json), an error annotation fails synth with only a report's path; off, the
  // findings stay annotations the test can list.
  "@aws-cdk/core:annotationsInValidationReport": false,
  // The checks read the template, which bundling does not change; skipping it saves most of a minute.
  "aws:cdk:bundling-stacks": [],
};

/** The parameters a real deployment gives, each of which adds resources (a domain, a subscription, DKIM, a front door). */
const everyOption = {
  stage: "prod",
  senderEmail: "consulta@oas.org",
  senderDomain: "oas.org",
  replyToEmail: "secretariat@oas.org",
  frontDoor: "true",
  reserveWorkerConcurrency: "true",
  secretariatAllowlist: "ana@oas.org,it@oas.org",
  alarmEmail: "it@oas.org",
  customDomain: "consulta.oas.org",
  certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-aaaa-bbbb-cccc-0123456789ab",
};

type Finding = { path: string; rule: string; message: string };
type Suppression = { id: string; reason: string; applies_to?: (string | { regex: string })[] };

const RULE = /^(AwsSolutions-[A-Za-z0-9]+(?:\[[^\]]*\])?):/;
const toFinding = (m: SynthesisMessage): Finding => {
  const message = String(m.entry.data).trim();
  return { path: m.id.replace(/^\//, ""), rule: RULE.exec(message)?.[1] ?? message, message };
};
/** One line a reader can act on: where, and what the rule says is wrong there. */
const lines = (findings: Finding[]) => findings.map((f) => `${f.path}: ${f.message}`);

/** Runs the AwsSolutions pack over a stack and returns what it left unsuppressed. */
const nag = (stack: Stack) => {
  Aspects.of(stack).add(new AwsSolutionsChecks({ verbose: true }));
  const annotations = Annotations.fromStack(stack);
  const rule = Match.stringLikeRegexp("AwsSolutions-.*");
  return {
    errors: annotations.findError("*", rule).map(toFinding),
    warnings: annotations.findWarning("*", rule).map(toFinding),
  };
};

const production = (context: Record<string, unknown> = {}) =>
  buildApp(new App({ context: { ...cdkContext, ...context, ...nagContext } }));

/** Each suppression the stack records, by the resource it is on. */
const suppressionsOf = (stack: Stack) =>
  stack.node
    .findAll()
    .filter((c): c is CfnResource => c instanceof CfnResource)
    .flatMap((r) =>
      ((r.getMetadata("cdk_nag")?.rules_to_suppress ?? []) as Suppression[]).map((s) => ({
        resource: r,
        ...s,
      })),
    );

let asDeployed: ReturnType<typeof nag>;
let withEveryOption: ReturnType<typeof nag>;
let suppressions: ReturnType<typeof suppressionsOf>;
let everySuppression: ReturnType<typeof suppressionsOf>;
let unsuppressed: ReturnType<typeof nag>;

beforeAll(() => {
  asDeployed = nag(production());
  const configured = production(everyOption);
  withEveryOption = nag(configured);
  everySuppression = suppressionsOf(configured);

  // The same stack with its suppressions taken off, to see that each one still answers a finding.
  const bare = production();
  suppressions = suppressionsOf(bare);
  for (const { resource } of suppressions) delete resource.cfnOptions.metadata?.cdk_nag;
  unsuppressed = nag(bare);
}, 180_000);

describe("cdk-nag AwsSolutions", () => {
  it("finds no unsuppressed error or warning in the stack cdk.json describes", () => {
    expect(lines(asDeployed.errors), "unsuppressed AwsSolutions errors").toEqual([]);
    expect(lines(asDeployed.warnings), "unsuppressed AwsSolutions warnings").toEqual([]);
  });

  it("finds none either with every optional parameter given (custom domain, front door, DKIM domain, alarm email)", () => {
    expect(lines(withEveryOption.errors), "unsuppressed AwsSolutions errors").toEqual([]);
    expect(lines(withEveryOption.warnings), "unsuppressed AwsSolutions warnings").toEqual([]);
  });

  it("reports what it finds: a bucket that accepts plain HTTP is an S10 error", () => {
    const careless = new Stack(new App({ context: nagContext }), "Careless");
    new s3.Bucket(careless, "Bucket", { enforceSSL: false });
    const { errors } = nag(careless);
    expect(errors.map((f) => f.rule)).toContain("AwsSolutions-S10");
  });

  it("accepts only these rules, each suppression justified in one sentence", () => {
    expect([...new Set(suppressions.map((s) => s.id))].sort()).toEqual([
      "AwsSolutions-APIG4",
      "AwsSolutions-IAM5",
      "AwsSolutions-S1",
      "AwsSolutions-SMG4",
    ]);
    // The front door's, with every option given.
    expect([...new Set(everySuppression.map((s) => s.id))].sort()).toEqual([
      "AwsSolutions-APIG4",
      "AwsSolutions-CFR1",
      "AwsSolutions-CFR3",
      "AwsSolutions-IAM5",
      "AwsSolutions-S1",
      "AwsSolutions-SMG4",
    ]);
    for (const { id, reason, resource } of everySuppression) {
      const where = `${id} on ${resource.node.path}`;
      // A capital, at least a clause, one full stop at the very end and none before it.
      expect(reason, where).toMatch(/^[A-Z].{40,}[^.]\.$/s);
      expect(reason, where).not.toMatch(/\.\s/);
    }
  });

  it("has no stale suppression: each one answers a finding the stack has without it", () => {
    const found = new Set(
      unsuppressed.errors.concat(unsuppressed.warnings).map((f) => `${f.path} ${f.rule}`),
    );
    const appliesTo = suppressions.flatMap((s) => s.applies_to ?? []);
    // Wildcards are suppressed by the exact finding only, never by a pattern.
    expect(appliesTo.filter((to) => typeof to !== "string")).toEqual([]);
    const stale = suppressions.flatMap(({ resource, id, applies_to }) =>
      (applies_to ? applies_to.map((to) => `${id}[${String(to)}]`) : [id])
        .map((rule) => `${resource.node.path} ${rule}`)
        .filter((key) => !found.has(key)),
    );
    expect(stale, "suppressions that match no finding").toEqual([]);
  });
});
