// Each function's bundle holds the AWS clients its handler names, and those match what the stack grants it.
import { describe, expect, it } from "vitest";
import { HANDLERS, HANDLER_NAMES } from "../../cdk/functions.ts";

const needsOf = async (name: string) =>
  ((await import(`../../functions/handlers/${name}.ts`)) as { needs: Record<string, unknown> }).needs;

describe("what each handler uses in AWS", () => {
  it("names exactly the adapters its grants allow: SQS to queue emails or jobs, SES to send, S3 for reports, secrets for the admin token or sessions, Translate for the worker", async () => {
    for (const name of HANDLER_NAMES) {
      const spec = HANDLERS[name];
      const needs = await needsOf(name);
      expect(Object.keys(needs).sort(), name).toEqual(
        [
          ...(spec.queuesEmail ? ["queue"] : []),
          ...(spec.startsJobs ? ["jobs"] : []),
          ...(spec.sendsEmail ? ["mailer"] : []),
          ...(spec.writesReports || spec.readsReports || spec.keepsReplies || spec.attachments
            ? ["blobs"]
            : []),
          ...(spec.admin || spec.signsSessions ? ["secrets"] : []),
          ...(spec.translates ? ["translator"] : []),
        ].sort(),
      );
      for (const adapter of Object.values(needs)) expect(typeof adapter, name).toBe("function");
    }
  });
});
