// The AWS secrets: values read from Secrets Manager at first use, for the functions granted them.
import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import type { Config } from "../config.ts";
import { secretsFrom, type FetchSecret, type Secrets } from "./secrets.ts";

/** Reads one secret's value by ARN; the client is made at the first read. */
export const secretsManagerFetch = (
  cfg: Config,
  client: () => SecretsManagerClient = () => new SecretsManagerClient({ region: cfg.region }),
): FetchSecret => {
  let sm: SecretsManagerClient | undefined;
  return async (arn) => {
    const out = await (sm ??= client()).send(new GetSecretValueCommand({ SecretId: arn }));
    return out.SecretString ?? "";
  };
};

export const secretsManagerSecrets = (
  cfg: Config,
  client: () => SecretsManagerClient = () => new SecretsManagerClient({ region: cfg.region }),
): Secrets => secretsFrom(cfg, secretsManagerFetch(cfg, client));
