// Where the CLI's admin API is: a deployed stack (given its outputs or URL and AWS credentials), the
// running `npm start` (found by the record in its data folder, whatever its port), or a local stack
// started for the one command.
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { configValue } from "../config.ts";
import { runningServer, serverRecordPath } from "./data-folder.ts";
import { adminClient, type AdminClient, type AdminClientOptions } from "./demo.ts";
import { startLocalStack } from "./stack.ts";

export type Target = { outputs?: string; api?: string };

export class CliError extends Error {}

/** `cdk deploy --outputs-file FILE` writes { StackName: { PublicBaseUrl, AdminTokenSecret, … } }. */
const deployed = async (target: Target): Promise<{ url: string; adminToken: string } | undefined> => {
  let url = target.api;
  let secretId: string | undefined;
  if (target.outputs) {
    if (!existsSync(target.outputs)) throw new CliError(`No outputs file at ${target.outputs}`);
    const stacks = JSON.parse(readFileSync(target.outputs, "utf8")) as Record<string, Record<string, string>>;
    const outputs = Object.values(stacks)[0] ?? {};
    url = outputs.PublicBaseUrl;
    secretId = outputs.AdminTokenSecret;
    if (!url || !secretId)
      throw new CliError(`${target.outputs} has no PublicBaseUrl or AdminTokenSecret output`);
  }
  if (!url) return undefined;
  const token =
    configValue("CONSULTA_ADMIN_TOKEN") ??
    (secretId
      ? (await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: secretId })))
          .SecretString
      : undefined);
  if (!token)
    throw new CliError(
      "Set CONSULTA_ADMIN_TOKEN, or give --outputs so the token can be read with your AWS credentials",
    );
  return { url: url.replace(/\/$/, ""), adminToken: token };
};

export const withAdminApi = async <T>(
  target: Target,
  use: (api: AdminClient) => Promise<T>,
  options: AdminClientOptions = {},
): Promise<T> => {
  const remote = await deployed(target);
  if (remote) return use(adminClient(remote, options));
  const dir = resolve(configValue("LOCAL_DIR") ?? ".local");
  const running = runningServer(dir);
  if (running) {
    const where = `the Consulta server using ${dir} (pid ${running.pid}${running.url ? `, ${running.url}` : ""})`;
    if (!running.url) throw new CliError(`${where} is still starting; try again in a moment`);
    const local = { url: running.url, adminToken: readFileSync(join(dir, "admin-token"), "utf8").trim() };
    const answers = await fetch(`${local.url}/api/campaigns`, {
      headers: { authorization: `Bearer ${local.adminToken}` },
    }).then(
      (r) => r.ok,
      () => false,
    );
    if (!answers)
      throw new CliError(
        `${where} does not answer. Stop it, or if pid ${running.pid} is not Consulta, delete ${serverRecordPath(dir)}`,
      );
    return use(adminClient(local, options));
  }
  const stack = await startLocalStack({ dir, port: 0 });
  try {
    // This stack ends with the command, and its jobs with it: here a job is always waited for.
    return await use(adminClient(stack, { ...options, jobs: "wait" }));
  } finally {
    await stack.close();
  }
};
