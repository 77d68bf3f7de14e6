// Taking a returned document into a member's answer, against the in-memory stores: what it changes in
// the draft, what it leaves, whom it tells, and what it refuses.
import { describe, expect, it } from "vitest";
import { createHandlebarsViews } from "../../../functions/adapters/handlebars-views.ts";
import { questionnaireDocx, wordDocuments } from "../../../functions/adapters/docx-documents.ts";
import type { Answers } from "../../../functions/core/questionnaire/answers.ts";
import { composeQuestionnaireDocument } from "../../../functions/core/questionnaire/document.ts";
import type { Ports } from "../../../functions/core/ports.ts";
import { takeReply, type ReplyRequest } from "../../../functions/core/word-replies.ts";
import { campaign, invitation, member, question, questionnaire } from "../../support/factories.ts";
import { fakePorts } from "../../support/fake-ports.ts";

const views = createHandlebarsViews(new URL("../../../templates/", import.meta.url).pathname);
const q = questionnaire([
  question("name", "short-text", { maxLength: 20 }),
  question("count", "number", { integer: true }),
  question("agree", "yes-no"),
]);
const c = campaign();
const bra = member("BRA");

const setUp = () => {
  const base = fakePorts();
  const kept = new Map<string, Uint8Array>();
  const ports = {
    ...base,
    views,
    documents: wordDocuments as Ports["documents"],
    blobs: {
      put: async (key: string, body: Uint8Array) => void kept.set(key, body),
      get: async (key: string) => kept.get(key),
      downloadUrl: async () => undefined,
    },
  };
  return { ports, kept };
};

/** The member's Word questionnaire with `answers`, as its adapter writes it. */
const word = (answers: Answers, memberCode = "BRA", campaignId = c.id) =>
  questionnaireDocx(
    composeQuestionnaireDocument({
      questionnaire: q,
      lang: "fr",
      t: (key) => views.translate("fr", key),
      member: { code: memberCode, name: "Brésil", group: "government" },
      answers,
      campaignId,
      campaignTitle: "CIMT",
      deadline: "31/12/2026",
      secretariat: { name: "Secrétariat", email: "secretariat@example.org" },
    }),
    "Référence :",
  );

const request = (bytes: Uint8Array, by: ReplyRequest["by"]["role"] = "secretariat"): ReplyRequest => ({
  campaign: c,
  questionnaire: q,
  member: bra,
  file: { name: "réponse.docx", bytes },
  by: { role: by, name: by === "secretariat" ? "secretariat@example.org" : "Focal point BRA", id: "x" },
});

const draft = async (ports: ReturnType<typeof setUp>["ports"], answers: Answers) => {
  await ports.repository.saveResponse(
    {
      campaignId: c.id,
      memberCode: "BRA",
      status: "draft",
      version: 1,
      answers,
      updatedAt: "2026-03-01T10:00:00.000Z",
      updatedBy: { contactId: "focal-point", name: "Focal point BRA" },
    },
    0,
  );
};

describe("a Word reply taken into the draft", () => {
  it("changes only what the document changed; a blank in the document keeps the draft's answer", async () => {
    const { ports } = setUp();
    const bytes = await word({ agree: true });
    await draft(ports, { name: "Ana", count: 3 });
    const outcome = await takeReply(ports, request(bytes, "focal-point"));
    if (outcome.kind !== "word") throw new Error("expected a Word reply");
    expect(outcome.applied).toEqual(["agree"]);
    expect(outcome.keptBlank).toEqual(["name", "count"]);
    const stored = (await ports.repository.getResponse(c.id, "BRA"))!;
    expect(stored.answers).toEqual({ name: "Ana", count: 3, agree: true });
    expect(stored.version).toBe(2);
    expect(stored.status).toBe("draft");
    expect(ports.queued).toEqual([]);
  });

  it("leaves a submitted answer in force: a reply after it changes the draft only", async () => {
    const { ports } = setUp();
    await ports.repository.saveResponse(
      {
        campaignId: c.id,
        memberCode: "BRA",
        status: "submitted",
        version: 4,
        answers: { name: "Ana" },
        updatedAt: "2026-03-01T10:00:00.000Z",
        updatedBy: { contactId: "focal-point", name: "Focal point BRA" },
        submittedAt: "2026-03-01T10:00:00.000Z",
        submittedVersion: 4,
      },
      0,
    );
    await takeReply(ports, request(await word({ name: "Bea" }), "focal-point"));
    const stored = (await ports.repository.getResponse(c.id, "BRA"))!;
    expect(stored).toMatchObject({ status: "submitted", submittedVersion: 4, version: 5 });
    expect(stored.answers.name).toBe("Bea");
  });

  it("asks the member's signatories (not its contributors, not a revoked one) to review when the Secretariat uploads", async () => {
    const { ports } = setUp();
    for (const inv of [
      invitation({ campaignId: c.id, memberCode: "BRA", contactId: "focal-point" }),
      invitation({ campaignId: c.id, memberCode: "BRA", contactId: "second", state: "revoked" }),
      invitation({ campaignId: c.id, memberCode: "BRA", contactId: "colleague", role: "contributor" }),
    ])
      await ports.repository.createInvitation(inv);
    await takeReply(ports, request(await word({ count: 12 })));
    expect(ports.queued).toEqual([
      { campaignId: c.id, memberCode: "BRA", contactId: "focal-point", kind: "review", n: "1" },
    ]);
    expect(await ports.repository.getEmail(ports.queued[0] as never)).toMatchObject({ status: "pending" });
  });

  it("refuses a document made for another member, changing nothing", async () => {
    const { ports, kept } = setUp();
    await draft(ports, { name: "Ana" });
    await expect(takeReply(ports, request(await word({ name: "Bea" }, "ARG")))).rejects.toMatchObject({
      status: 400,
      code: "reply_other_member",
      details: { member: "ARG" },
    });
    expect((await ports.repository.getResponse(c.id, "BRA"))!.version).toBe(1);
    expect(kept.size).toBe(0);
  });

  it("keeps the contributor's reply to the questions they may change", async () => {
    const { ports } = setUp();
    const outcome = await takeReply(ports, {
      ...request(await word({ name: "Bea", count: 7 }), "focal-point"),
      editable: new Set(["count"]),
    });
    if (outcome.kind !== "word") throw new Error("expected a Word reply");
    expect(outcome.applied).toEqual(["count"]);
    expect(outcome.errors).toEqual([{ path: "name", code: "not_editable" }]);
    expect((await ports.repository.getResponse(c.id, "BRA"))!.answers).toEqual({ count: 7 });
  });
});
