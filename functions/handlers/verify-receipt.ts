// GET /api/receipts/{code}: which submission a receipt code names, and whether its text is unchanged.
import { verifyReceipt } from "../core/receipts.ts";
import { httpHandler, lambdaRuntime, type LambdaNeeds, type Runtime } from "../http/handler.ts";
import { jsonResponse } from "../http/responses.ts";
import { secretsManagerSecrets } from "../adapters/secrets-manager.ts";

export const createVerifyReceiptHandler = (runtime: Runtime) =>
  httpHandler(
    runtime,
    async (event, ports) => {
      const { version, intact, number, issues } = await verifyReceipt(
        ports,
        event.pathParameters?.code ?? "",
      );
      const { answers: _answers, ...about } = version;
      // `reports`: the report issues whose annex compiled this code, newest first.
      return jsonResponse(200, { intact, submission: { ...about, number }, reports: issues });
    },
    { admin: true },
  );

/** What this function uses in AWS beyond DynamoDB: its bundle holds only these SDK clients. */
export const needs: LambdaNeeds = { secrets: secretsManagerSecrets };

export const handler = createVerifyReceiptHandler(lambdaRuntime(needs));
