// The AWS secrets: values read from Secrets Manager at first use, for the functions granted them.
import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import type { Config } from "../config.ts";
import { secretsFrom, type Secrets } from "./secrets.ts";

export const secretsManagerSecrets = (
  cfg: Config,
  client: () => SecretsManagerClient = () => new SecretsManagerClient({ region: cfg.region }),
): Secrets => {
  let sm: SecretsManagerClient | undefined;
  return secretsFrom(cfg, async (arn) => {
    const out = await (sm ??= client()).send(new GetSecretValueCommand({ SecretId: arn }));
    return out.SecretString ?? "";
  });
};
