// Fifty colleagues of one Ministry saving and submitting the same answer at once: each write either
// wins or is told it lost (409), every acknowledged submission is kept as its own version, and no
// acknowledged write is silently overwritten.
import qs from "qs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Campaign } from "../../functions/core/campaign.ts";
import { readQuestionnaireFile, defaultQuestionnairePath } from "../../functions/local/content.ts";
import { generateFormAnswers, seededRng } from "../../functions/local/demo-answers.ts";
import { adminClient, loadContent, type AdminClient } from "../../functions/local/demo.ts";
import { readOutbox, respondentLink } from "../../functions/local/outbox.ts";
import { movableClock, testStack } from "../support/local-stack.ts";

const WRITERS = 50;
const clock = movableClock(new Date("2027-05-01T12:00:00Z"));
let stack: Awaited<ReturnType<typeof testStack>>;
let api: AdminClient;
const complete = generateFormAnswers(readQuestionnaireFile(defaultQuestionnairePath), seededRng(7), "es", {
  name: "Ana",
  email: "ana@example.org",
});

beforeAll(async () => {
  stack = await testStack({ clock });
  api = adminClient(stack);
  await loadContent(api);
});
afterAll(() => stack.dispose());

/** A fresh campaign for one member, and its link. */
const oneMember = async (code: string) => {
  const campaign = await api<Campaign>("POST", "/api/campaigns", {
    questionnaireId: "iacml-planning",
    closesAt: new Date(clock.now().getTime() + 30 * 864e5).toISOString(),
    invite: [code],
  });
  await api("POST", `/api/campaigns/${campaign.id}/send`);
  const mail = readOutbox(stack.paths.outbox).find((m) => m.headers["x-consulta-campaign"] === campaign.id)!;
  return { campaign, link: respondentLink(mail)! };
};

type Write = { writer: number; action: "draft" | "submit"; text: string };
type Ack = Write & { version: number };

/** One save as the page's autosave script sends it; the version it became, or "lost". */
const save = async (link: string, write: Write, baseVersion: number): Promise<number | "lost"> => {
  const fields = write.action === "submit" ? complete : {};
  const res = await fetch(link, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
    body: qs.stringify({ ...fields, "anything-else": write.text, action: write.action, baseVersion }),
  });
  const body = (await res.json()) as { version?: number; error?: { code: string } };
  if (res.status === 409) {
    expect(body.error?.code).toBe("version_conflict");
    return "lost";
  }
  expect(res.status, JSON.stringify(body)).toBe(200);
  return body.version!;
};

/** What a colleague's reloaded page would be based on. */
const currentVersion = async (campaign: Campaign, member: string) =>
  (await stack.ports.repository.getResponse(campaign.id, member))?.version ?? 0;

const writes = (campaignTag: string): Write[] =>
  Array.from({ length: WRITERS }, (_, writer) => ({
    writer,
    action: writer % 2 ? "submit" : "draft",
    text: `${campaignTag}: texto del colega ${writer}`,
  }));

describe(`${WRITERS} parallel writers on one response`, () => {
  it("from the same page: exactly one wins, the other 49 are told they lost, and the winner's text is what is stored", async () => {
    const { campaign, link } = await oneMember("ARG");
    const all = writes("misma página");
    const outcomes = await Promise.all(all.map((w) => save(link, w, 0)));
    const winners = all.filter((_, i) => outcomes[i] !== "lost");
    expect(winners).toHaveLength(1);
    expect(outcomes.filter((o) => o === "lost")).toHaveLength(WRITERS - 1);
    const stored = await stack.ports.repository.getResponse(campaign.id, "ARG");
    expect(stored).toMatchObject({ version: 1, answers: { "anything-else": winners[0]!.text } });
    const kept = await stack.ports.repository.listLatestSubmissions(campaign.id);
    expect(kept.map((v) => v.answers["anything-else"])).toEqual(
      winners[0]!.action === "submit" ? [winners[0]!.text] : [],
    );
  }, 60_000);

  it("each retrying until it lands: every write acknowledged once, on its own version, every submission kept", async () => {
    const { campaign, link } = await oneMember("BRA");
    const acks: Ack[] = [];
    let lost = 0;
    await Promise.all(
      writes("reintento").map(async (write) => {
        // People press "save" within the same few seconds, and after a conflict notice read it before
        // saving again: not all in the same millisecond.
        const pause = () => new Promise((r) => setTimeout(r, Math.random() * 2000));
        for (await pause(); ; await pause()) {
          const outcome = await save(link, write, await currentVersion(campaign, "BRA"));
          if (outcome !== "lost") return void acks.push({ ...write, version: outcome });
          lost++;
        }
      }),
    );
    console.log(`${WRITERS} writers, ${acks.length} acknowledged writes, ${lost} told they lost and retried`);

    // Versions 1..50, each acknowledged to exactly one writer: every write built on the one before it.
    expect(acks.map((a) => a.version).sort((a, b) => a - b)).toEqual(
      Array.from({ length: WRITERS }, (_, i) => i + 1),
    );
    const { repository } = stack.ports;
    for (const ack of acks.filter((a) => a.action === "submit")) {
      const version = await repository.getResponseVersion(campaign.id, "BRA", ack.version);
      expect(version?.answers["anything-else"], `submission of writer ${ack.writer}`).toBe(ack.text);
    }
    const last = acks.reduce((a, b) => (a.version > b.version ? a : b));
    expect(await repository.getResponse(campaign.id, "BRA")).toMatchObject({
      version: WRITERS,
      answers: { "anything-else": last.text },
    });
    const lastSubmit = acks
      .filter((a) => a.action === "submit")
      .reduce((a, b) => (a.version > b.version ? a : b));
    expect((await repository.listLatestSubmissions(campaign.id))[0]).toMatchObject({
      version: lastSubmit.version,
      answers: { "anything-else": lastSubmit.text },
    });
  }, 120_000);
});
