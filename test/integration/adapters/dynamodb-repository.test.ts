import { QueryCommand, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import type { Repository } from "../../../functions/core/ports.ts";
import { freshTable } from "../../support/dynamo.ts";
import {
  campaign,
  emailRecord,
  invitation,
  member,
  questionnaire,
  question,
  submission,
} from "../../support/factories.ts";

let repository: Repository;
let client: DynamoDBClient;
let tableName: string;
beforeAll(async () => {
  ({ repository, client, tableName } = await freshTable());
});

describe("the DynamoDB repository (against dynalite)", () => {
  it("stores the directory in batches and lists every member back", async () => {
    const members = Array.from({ length: 60 }, (_, i) =>
      member(`M${String(i).padStart(2, "0")}`.replace(/\d/g, (d) => "ABCDEFGHIJ"[Number(d)] as string)),
    );
    await repository.putMembers(members);
    const listed = await repository.listMembers();
    expect(listed.map((m) => m.code).sort()).toEqual(members.map((m) => m.code).sort());
    expect(listed[0]).toEqual(members.find((m) => m.code === listed[0]?.code));
    expect(await repository.getMember(members[7]!.code)).toEqual(members[7]);
    expect(await repository.getMember("ZZZ")).toBeUndefined();
  });

  it("never lets one questionnaire version hold two contents, and finds the latest", async () => {
    const v1 = questionnaire([question("a", "yes-no")]);
    expect(await repository.putQuestionnaire(v1)).toBe("created");
    expect(await repository.putQuestionnaire(v1)).toBe("unchanged");
    await expect(repository.putQuestionnaire({ ...v1, intro: v1.title })).rejects.toThrow(
      /raise its version/,
    );
    await repository.putQuestionnaire({ ...v1, version: 2 });
    expect((await repository.getQuestionnaire(v1.id))?.version).toBe(2);
    expect(await repository.getQuestionnaire(v1.id, 1)).toEqual(v1);
  });

  it("reads a questionnaire version once per container, frozen, while the latest is always read afresh", async () => {
    const { repository: fresh, client: raw } = await freshTable();
    const v1 = questionnaire([question("a", "yes-no")], { id: "cached" });
    await fresh.putQuestionnaire(v1);
    const first = await fresh.getQuestionnaire("cached", 1);
    let requests = 0;
    raw.middlewareStack.add((next) => async (args) => (requests++, next(args)), {
      step: "initialize",
      name: "count",
    });
    expect(await fresh.getQuestionnaire("cached", 1)).toBe(first);
    expect(requests).toBe(0);
    expect(Object.isFrozen(first!.sections[0]!.questions[0])).toBe(true);
    expect(() => {
      (first as { version: number }).version = 9;
    }).toThrow(TypeError);
    // A new version is seen at once by "latest"; the cached one is unchanged.
    await fresh.putQuestionnaire({ ...v1, version: 2 });
    expect((await fresh.getQuestionnaire("cached"))?.version).toBe(2);
    expect(requests).toBeGreaterThan(0);
    expect((await fresh.getQuestionnaire("cached", 1))?.version).toBe(1);
  });

  it("answers reads asked for together with one request, and a read asked for alone with a GetItem", async () => {
    const { repository: fresh, client: raw } = await freshTable();
    await fresh.putMembers([member("ARG"), member("BRA")]);
    await fresh.createInvitation(invitation());
    const commands: string[] = [];
    raw.middlewareStack.add(
      (next, context) => async (args) => (commands.push(String(context.commandName)), next(args)),
      { step: "initialize", name: "commandNames" },
    );
    const [arg, bra, again, missing, inv] = await Promise.all([
      fresh.getMember("ARG"),
      fresh.getMember("BRA"),
      fresh.getMember("ARG"),
      fresh.getMember("ZZZ"),
      fresh.getInvitation("c1", "ARG", "focal-point"),
    ]);
    expect([arg?.code, bra?.code, again?.code, missing, inv?.memberCode]).toEqual([
      "ARG",
      "BRA",
      "ARG",
      undefined,
      "ARG",
    ]);
    expect(commands).toEqual(["BatchGetItemCommand"]);
    commands.length = 0;
    expect((await fresh.getMember("BRA"))?.code).toBe("BRA");
    expect(commands).toEqual(["GetItemCommand"]);
  });

  it("replaces a member's contacts only over the contacts the editor read", async () => {
    const peru = member("PER");
    await repository.putMembers([peru]);
    const renamed = [{ ...peru.contacts[0]!, name: "Rosa Quispe" }];
    expect(await repository.updateMemberContacts("PER", renamed, peru.contacts)).toBe(true);
    // A second editor still holding the first list is refused, and the first edit stays.
    const theirs = [{ ...peru.contacts[0]!, email: "otra@example.org" }];
    expect(await repository.updateMemberContacts("PER", theirs, peru.contacts)).toBe(false);
    expect((await repository.getMember("PER"))?.contacts).toEqual(renamed);
    expect(await repository.updateMemberContacts("ZZZ", renamed, [])).toBe(false);
  });

  it("creates a campaign once and lists it", async () => {
    await repository.createCampaign(campaign({ id: "camp-a" }));
    await expect(repository.createCampaign(campaign({ id: "camp-a" }))).rejects.toThrow();
    expect(await repository.getCampaign("camp-a")).toEqual(campaign({ id: "camp-a" }));
    expect((await repository.listCampaigns()).map((c) => c.id)).toContain("camp-a");
  });

  it("creates an invitation once and updates it only from the revision the writer read", async () => {
    const inv = invitation({ campaignId: "camp-b" });
    expect(await repository.createInvitation(inv)).toBe(true);
    expect(await repository.createInvitation({ ...inv, email: "other@example.org" })).toBe(false);
    const sent = { ...inv, state: "sent" as const, rev: 1 };
    expect(await repository.updateInvitation(sent, 0)).toBe(true);
    // A second writer that also read revision 0 loses, and is told so.
    expect(await repository.updateInvitation({ ...inv, state: "bounced", rev: 1 }, 0)).toBe(false);
    expect(await repository.getInvitation("camp-b", "ARG", "focal-point")).toEqual(sent);
  });

  it("creates an email record once and moves it only from the status and attempt the worker saw", async () => {
    const record = emailRecord({ campaignId: "camp-e" });
    expect(await repository.createEmail(record)).toBe(true);
    expect(await repository.createEmail(record)).toBe(false);
    const taken = { ...record, status: "sending" as const, attempts: 1 };
    expect(await repository.updateEmail(record, taken)).toBe(true);
    expect(await repository.updateEmail(record, { ...taken, leaseUntil: "x" })).toBe(false);
    expect(await repository.getEmail(record)).toEqual(taken);
    expect(await repository.listEmails("camp-e")).toEqual([taken]);
  });

  it("pages through a partition larger than one 1 MB Query page", async () => {
    const padding = "x".repeat(4000);
    const many = Array.from({ length: 400 }, (_, i) =>
      invitation({ campaignId: "camp-big", contactId: `c${i}`, failureReason: padding }),
    );
    for (let i = 0; i < many.length; i += 50)
      await Promise.all(many.slice(i, i + 50).map((inv) => repository.createInvitation(inv)));
    const firstPage = await client.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: "PK = :pk",
        ExpressionAttributeValues: { ":pk": { S: "CAMPAIGN#camp-big" } },
      }),
    );
    expect(firstPage.LastEvaluatedKey).toBeDefined(); // the server really did split the result
    expect(await repository.listInvitations("camp-big")).toHaveLength(400);
  });

  it("stores tokens by hash only once and records when they are replaced", async () => {
    const token = {
      tokenHash: "h1",
      campaignId: "c1",
      memberCode: "ARG",
      contactId: "focal-point",
      status: "active" as const,
      issuedAt: "2026-01-01T00:00:00Z",
    };
    await repository.putToken(token);
    await expect(repository.putToken(token)).rejects.toThrow(/collision/);
    await repository.setTokenStatus("h1", "replaced");
    expect((await repository.getToken("h1"))?.status).toBe("replaced");
    expect(await repository.getToken("unknown")).toBeUndefined();
  });

  it("saves a response only on the version it was based on", async () => {
    const base = {
      campaignId: "camp-r",
      memberCode: "ARG",
      status: "draft" as const,
      answers: {},
      updatedAt: "t",
      updatedBy: { contactId: "a", name: "A" },
    };
    expect(await repository.saveResponse({ ...base, version: 1 }, 0)).toBe(true);
    expect(await repository.saveResponse({ ...base, version: 1, answers: { lost: "yes" } }, 0)).toBe(false);
    expect(await repository.saveResponse({ ...base, version: 2, answers: { a: "b" } }, 1)).toBe(true);
    expect(await repository.saveResponse({ ...base, version: 2, answers: { stale: "yes" } }, 1)).toBe(false);
    expect(await repository.getResponse("camp-r", "ARG")).toMatchObject({ version: 2, answers: { a: "b" } });
    expect((await repository.listResponses("camp-r")).map((r) => r.memberCode)).toEqual(["ARG"]);
  });

  it("keeps every submitted version and returns each member's latest", async () => {
    const v = (code: string, n: number) => ({ ...submission(code, { n }, n), campaignId: "camp-v" });
    for (const s of [v("ARG", 1), v("ARG", 3), v("BRA", 2)]) await repository.putResponseVersion(s);
    await expect(repository.putResponseVersion(v("ARG", 3))).rejects.toThrow(/never overwritten/);
    const latest = await repository.listLatestSubmissions("camp-v");
    expect(latest.map((s) => `${s.memberCode}:${s.version}`).sort()).toEqual(["ARG:3", "BRA:2"]);
  });

  it("hands the latest submissions over page by page, a member whose versions span two pages once", async () => {
    // Items of about 230 KB: a 1 MB page holds four, so these nine take three, and BRA spans two.
    const big = "x".repeat(230_000);
    const v = (code: string, n: number) => ({ ...submission(code, { big, n }, n), campaignId: "camp-p" });
    for (const code of ["ARG", "BRA", "CHL"])
      for (const n of [1, 2, 3]) await repository.putResponseVersion(v(code, n));
    const pages: string[][] = [];
    for await (const page of repository.latestSubmissionPages("camp-p"))
      pages.push(page.map((s) => `${s.memberCode}:${s.version}`));
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.flat().sort()).toEqual(["ARG:3", "BRA:3", "CHL:3"]);
    const latest = await repository.listLatestSubmissions("camp-p");
    expect(latest.map((s) => `${s.memberCode}:${s.version}`).sort()).toEqual(pages.flat().sort());
  });
});
