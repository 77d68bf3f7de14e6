// The local stack stopped in the middle of a campaign and started again on the same folder: every
// draft and submission is still there, the links still work, and the campaign carries on.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import qs from "qs";
import { afterAll, describe, expect, it } from "vitest";
import type { Campaign } from "../../functions/core/campaign.ts";
import { readQuestionnaireFile, defaultQuestionnairePath } from "../../functions/local/content.ts";
import { generateFormAnswers, seededRng } from "../../functions/local/demo-answers.ts";
import { adminClient, loadContent } from "../../functions/local/demo.ts";
import { readOutbox, respondentLink } from "../../functions/local/outbox.ts";
import { startLocalStack, type LocalStack } from "../../functions/local/stack.ts";

const dir = mkdtempSync(join(tmpdir(), "consulta-restart-"));
const start = () => startLocalStack({ dir, port: 0, tableName: "consulta" });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MEMBERS = ["ARG", "BRA", "CHL", "COL", "CRI", "ECU", "MEX", "PER", "URY", "COSATE"];
const complete = generateFormAnswers(readQuestionnaireFile(defaultQuestionnairePath), seededRng(3), "es", {
  name: "Ana",
  email: "ana@example.org",
});

/** The member's link, pointed at wherever the stack now listens. */
const linkOf = (stack: LocalStack, campaign: Campaign, code: string) => {
  const mail = readOutbox(stack.paths.outbox).find(
    (m) => m.headers["x-consulta-campaign"] === campaign.id && m.headers["x-consulta-member"] === code,
  )!;
  const link = new URL(respondentLink(mail)!);
  return `${stack.url}${link.pathname}`;
};

const save = (link: string, fields: Record<string, unknown>) =>
  fetch(link, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "text/html" },
    body: qs.stringify(fields),
  });

describe("restarting the local stack mid-campaign", () => {
  it("keeps every draft and submission, and the campaign carries on", async () => {
    const before = await start();
    const api = adminClient(before);
    await loadContent(api);
    const campaign = await api<Campaign>("POST", "/api/campaigns", {
      questionnaireId: "iacml-planning",
      closesAt: new Date(Date.now() + 10 * 864e5).toISOString(),
      invite: MEMBERS,
    });
    await api("POST", `/api/campaigns/${campaign.id}/send`);
    // Half the members submit, the other half leave a draft.
    const written = new Map<string, string>();
    for (const [i, code] of MEMBERS.entries()) {
      const text = `Respuesta de ${code} antes del reinicio`;
      written.set(code, text);
      const fields = i % 2 ? { ...complete, action: "submit" } : { action: "draft" };
      expect(
        (await save(linkOf(before, campaign, code), { ...fields, baseVersion: "0", "anything-else": text }))
          .status,
      ).toBe(303);
    }
    await before.close();

    const after = await start();
    try {
      const { repository } = after.ports;
      const stored = await repository.listResponses(campaign.id);
      expect(new Map(stored.map((r) => [r.memberCode, r.answers["anything-else"]]))).toEqual(written);
      const submitted = await repository.listLatestSubmissions(campaign.id);
      expect(submitted.map((v) => v.memberCode).sort()).toEqual(MEMBERS.filter((_, i) => i % 2).sort());

      // The links sent before still open the saved answer, and the drafts can be finished.
      for (const code of MEMBERS) {
        const page = await (
          await fetch(linkOf(after, campaign, code), { headers: { accept: "text/html" } })
        ).text();
        expect(page).toContain(written.get(code));
      }
      for (const code of MEMBERS.filter((_, i) => i % 2 === 0)) {
        const finished = await save(linkOf(after, campaign, code), {
          ...complete,
          action: "submit",
          baseVersion: "1",
          "anything-else": written.get(code),
        });
        expect(finished.status).toBe(303);
      }
      expect(await repository.listLatestSubmissions(campaign.id)).toHaveLength(MEMBERS.length);
      expect(await adminClient(after)("POST", `/api/campaigns/${campaign.id}/send`)).toMatchObject({
        queued: 0,
      });
    } finally {
      await after.close();
    }
  });
});
