// PUT /api/members: loads the member directory (validated whole; nothing is written if any entry is bad).
import { Directory } from "../core/directory.ts";
import { httpHandler, lambdaRuntime, type LambdaNeeds, type Runtime } from "../http/handler.ts";
import { validated } from "../http/request.ts";
import { jsonResponse } from "../http/responses.ts";
import { secretsManagerSecrets } from "../adapters/secrets-manager.ts";

export const createPutMembersHandler = (runtime: Runtime) =>
  httpHandler(
    runtime,
    async (_event, ports, _config, { body }) => {
      const { members } = validated(Directory, body);
      await ports.repository.putMembers(members);
      return jsonResponse(200, { members: members.length });
    },
    { admin: true, body: { accepts: ["json"] } },
  );

/** What this function uses in AWS beyond DynamoDB: its bundle holds only these SDK clients. */
export const needs: LambdaNeeds = { secrets: secretsManagerSecrets };

export const handler = createPutMembersHandler(lambdaRuntime(needs));
