// GET /api/receipts/{code}: which submission a receipt code names, and whether its text is unchanged.
import { verifyReceipt } from "../core/receipts.ts";
import { httpHandler, lambdaRuntime, type Runtime } from "../http/handler.ts";
import { jsonResponse } from "../http/responses.ts";

export const createVerifyReceiptHandler = (runtime: Runtime) =>
  httpHandler(
    runtime,
    async (event, ports) => {
      const { version, intact } = await verifyReceipt(ports, event.pathParameters?.code ?? "");
      const { answers: _answers, ...about } = version;
      return jsonResponse(200, { intact, submission: about });
    },
    { admin: true },
  );

export const handler = createVerifyReceiptHandler(lambdaRuntime);
