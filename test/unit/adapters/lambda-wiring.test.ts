// A Lambda's wiring: the AWS adapters its handler names, the ones it does not fail plainly, secrets at first use.
import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { createPorts } from "../../../functions/adapters/ports.ts";
import { secretsManagerSecrets } from "../../../functions/adapters/secrets-manager.ts";
import { secretsFrom } from "../../../functions/adapters/secrets.ts";
import { parseConfig } from "../../../functions/config.ts";
import type { Mailer, Views } from "../../../functions/core/ports.ts";

const sm = mockClient(SecretsManagerClient);
afterEach(() => sm.reset());

const TOKEN_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:admin-token";
const awsConfig = (env: Record<string, string> = {}) =>
  parseConfig({
    CONSULTA_ADAPTERS: "aws",
    PUBLIC_BASE_URL: "https://consulta.example.org",
    EMAIL_QUEUE_URL: "https://sqs.us-east-1.amazonaws.com/123456789012/jobs",
    REPORT_BUCKET: "reports",
    ...env,
  });
const views: Views = { render: () => "", translate: () => "" };

describe("a Lambda's ports", () => {
  it("uses the AWS adapters its handler names", async () => {
    const sent: string[] = [];
    const mailer: Mailer = { send: async (email) => (sent.push(email.to), { messageId: "m-1" }) };
    const ports = createPorts(awsConfig(), { views: () => views, aws: { mailer: () => mailer } });
    await ports.mailer.send({ to: "fp@example.org", subject: "S", html: "", text: "", tags: {} });
    expect(sent).toEqual(["fp@example.org"]);
  });

  it("fails a call to an adapter its handler did not name, saying which one to add", async () => {
    const ports = createPorts(awsConfig(), { views: () => views, aws: {} });
    await expect(ports.queue.enqueue([])).rejects.toThrow(/no queue \(calling enqueue\).*AwsAdapters/);
    await expect(ports.blobs.get("reports/x")).rejects.toThrow(/no blobs \(calling get\)/);
  });
});

describe("secrets", () => {
  it("reads a secret from Secrets Manager once per container, and again only after a failure", async () => {
    sm.on(GetSecretValueCommand)
      .rejectsOnce(new Error("throttled"))
      .resolves({ SecretString: "s".repeat(40) });
    const secrets = secretsManagerSecrets(awsConfig({ ADMIN_API_TOKEN_SECRET_ARN: TOKEN_ARN }));
    await expect(secrets.adminApiToken()).rejects.toThrow("throttled");
    await expect(secrets.adminApiToken()).resolves.toBe("s".repeat(40));
    await expect(secrets.adminApiToken()).resolves.toBe("s".repeat(40));
    expect(sm.commandCalls(GetSecretValueCommand).map((c) => c.args[0].input.SecretId)).toEqual([
      TOKEN_ARN,
      TOKEN_ARN,
    ]);
  });

  it("refuses a secret shorter than 32 characters", async () => {
    sm.on(GetSecretValueCommand).resolves({ SecretString: "short" });
    const secrets = secretsManagerSecrets(awsConfig({ ADMIN_API_TOKEN_SECRET_ARN: TOKEN_ARN }));
    await expect(secrets.adminApiToken()).rejects.toThrow(/shorter than 32 characters/);
  });

  it("gives a value set directly without any client, and says what is missing", async () => {
    const secrets = secretsFrom(awsConfig({ ADMIN_API_TOKEN: "t".repeat(32) }));
    await expect(secrets.adminApiToken()).resolves.toBe("t".repeat(32));
    await expect(secrets.sessionSecret()).rejects.toThrow("SESSION_SECRET (or its _SECRET_ARN) is not set");
  });

  it("in a function granted no secret, names the secret it cannot read", async () => {
    const secrets = secretsFrom(awsConfig({ ADMIN_API_TOKEN_SECRET_ARN: TOKEN_ARN }));
    await expect(secrets.adminApiToken()).rejects.toThrow(`reads no secrets, so it cannot read ${TOKEN_ARN}`);
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(0);
  });
});
