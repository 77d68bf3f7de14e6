// Secrets at first use: a value given directly (local), or fetched once by ARN (AWS), so no secret is
// ever written into the CloudFormation template or a function's environment.
import type { Config, SecretSource } from "../config.ts";

export type Secrets = { adminApiToken(): Promise<string>; sessionSecret(): Promise<string> };

/** Reads a secret's value by ARN; only the functions granted a secret get the Secrets Manager one. */
export type FetchSecret = (arn: string) => Promise<string>;

const noSecretAccess: FetchSecret = (arn) =>
  Promise.reject(new Error(`This function reads no secrets, so it cannot read ${arn}`));

/** Each secret is fetched once per container, and again only if fetching it failed. */
export const secretsFrom = (cfg: Config, fetchSecret: FetchSecret = noSecretAccess): Secrets => {
  const once = (name: string, source: SecretSource | undefined) => {
    let value: Promise<string> | undefined;
    return () => {
      if (!source) return Promise.reject(new Error(`Configuration: ${name} (or its _SECRET_ARN) is not set`));
      if ("value" in source) return Promise.resolve(source.value);
      value ??= fetchSecret(source.arn)
        .then((secret) => {
          if (secret.length < 32)
            throw new Error(`Secret ${source.arn} is empty or shorter than 32 characters`);
          return secret;
        })
        .catch((error: unknown) => {
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
