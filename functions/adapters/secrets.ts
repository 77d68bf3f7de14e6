// Secrets at first use: a value given directly (local), or read once from Secrets Manager (AWS),
// so no secret is ever written into the CloudFormation template or a function's environment.
import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import type { Config, SecretSource } from "../config.ts";

export type Secrets = { adminApiToken(): Promise<string>; sessionSecret(): Promise<string> };

export const resolveSecret = async (
  source: SecretSource,
  client: () => SecretsManagerClient,
): Promise<string> => {
  if ("value" in source) return source.value;
  const out = await client().send(new GetSecretValueCommand({ SecretId: source.arn }));
  if (!out.SecretString || out.SecretString.length < 32) {
    throw new Error(`Secret ${source.arn} is empty or shorter than 32 characters`);
  }
  return out.SecretString;
};

/** Each secret is fetched once per container, and again only if fetching it failed. */
export const secretsFrom = (cfg: Config): Secrets => {
  let client: SecretsManagerClient | undefined;
  const lazyClient = () => (client ??= new SecretsManagerClient({ region: cfg.region }));
  const once = (name: string, source: SecretSource | undefined) => {
    let value: Promise<string> | undefined;
    return () => {
      if (!source) return Promise.reject(new Error(`Configuration: ${name} (or its _SECRET_ARN) is not set`));
      value ??= resolveSecret(source, lazyClient).catch((error: unknown) => {
        value = undefined;
        throw error;
      });
      return value;
    };
  };
  return {
    adminApiToken: once("ADMIN_API_TOKEN", cfg.adminApiToken),
    sessionSecret: once("SESSION_SECRET", cfg.sessionSecret),
  };
};
