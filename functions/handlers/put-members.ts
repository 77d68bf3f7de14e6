// PUT /api/members: loads the member directory (validated whole; nothing is written if any entry is bad).
import { Directory } from "../core/directory.ts";
import { ValidationFailed } from "../core/errors.ts";
import { httpHandler, lambdaRuntime, type Runtime } from "../http/handler.ts";
import { jsonBody } from "../http/request.ts";
import { jsonResponse } from "../http/responses.ts";

export const createPutMembersHandler = (runtime: Runtime) =>
  httpHandler(
    runtime,
    async (event, ports, config) => {
      const parsed = Directory.safeParse(jsonBody(event, config.maxBodyBytes));
      if (!parsed.success) {
        throw new ValidationFailed(
          parsed.error.issues.map((i) => ({
            path: i.path.join("."),
            code: "invalid",
            params: { message: i.message },
          })),
        );
      }
      await ports.repository.putMembers(parsed.data.members);
      return jsonResponse(200, { members: parsed.data.members.length });
    },
    { admin: true },
  );

export const handler = createPutMembersHandler(lambdaRuntime);
