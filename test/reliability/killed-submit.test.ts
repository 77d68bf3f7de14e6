// A real local server killed outright (SIGKILL) at each moment between a submission's writes, started
// again, and the person pressing "Submit answers" again: every submission ends kept, with its receipt
// to each focal point and to the Secretariat, once each. The server dies at a chosen storage call
// (functions/local/crash-point.ts), so every window is hit on every run, not by luck.
import { afterAll, describe, expect, it } from "vitest";
import { defaultQuestionnairePath, readQuestionnaireFile } from "../../functions/local/content.ts";
import { generateFormAnswers, seededRng } from "../../functions/local/demo-answers.ts";
import { readOutbox, respondentLink } from "../../functions/local/outbox.ts";
import { localProcesses } from "../support/local-process.ts";
import { postSubmission } from "../support/submissions.ts";

const local = localProcesses();
afterAll(() => local.dispose());

/** Where each member's submission dies: after the answers, the kept version, the receipt code, a receipt. */
const KILLED_AFTER: Record<string, string> = {
  ARG: "saveResponse",
  BRA: "putResponseVersion",
  CHL: "putReceipt",
  COL: "createEmail:receipt",
};
const MEMBERS = Object.keys(KILLED_AFTER);

describe("a local server killed in the middle of submissions", () => {
  it(
    "keeps every submission and sends every receipt once, after the person submits again",
    { timeout: 180_000 },
    async () => {
      const setUp = await local.serve();
      const created = await local.consulta(
        "campaign",
        "create",
        "--questionnaire",
        "iacml-planning",
        "--closes",
        "2099-01-31",
        "--invite",
        MEMBERS.join(","),
        "--json",
      );
      expect(created.code).toBe(0);
      const { id } = JSON.parse(created.stdout) as { id: string };
      expect((await local.consulta("campaign", "send", id)).code).toBe(0);
      await local.kill(setUp.child);

      const mail = () => readOutbox(local.outbox).filter((m) => m.headers["x-consulta-campaign"] === id);
      const receiptsTo = (member: string) =>
        mail()
          .filter(
            (m) => m.headers["x-consulta-kind"] === "receipt" && m.headers["x-consulta-member"] === member,
          )
          .map((m) => m.headers["x-consulta-contact"] as string)
          .sort();
      const questionnaire = readQuestionnaireFile(defaultQuestionnairePath);
      for (const [i, member] of MEMBERS.entries()) {
        const invitation = mail().find(
          (m) =>
            m.headers["x-consulta-member"] === member &&
            m.headers["x-consulta-contact"] === "focal-point" &&
            m.headers["x-consulta-kind"] === "invitation",
        );
        const path = new URL(respondentLink(invitation!)!).pathname;
        const fields = generateFormAnswers(questionnaire, seededRng(i + 1), "en", {
          name: `Focal point ${member}`,
          email: `fp.${member.toLowerCase()}@example.org`,
        });
        const submit = (url: string) => postSubmission(`${url}${path}`, fields);

        const doomed = await local.serve({ CONSULTA_LOCAL_CRASH_AFTER: KILLED_AFTER[member] as string });
        const first = await submit(doomed.url).catch((error: unknown) => error);
        await local.ended(doomed.child);
        expect(first, `${member}: the server answered before dying`).toBeInstanceOf(Error);
        expect(doomed.child.signalCode).toBe("SIGKILL");

        // What the person does when the page did not answer: press "Submit answers" again.
        const server = await local.serve();
        const again = await submit(server.url);
        expect(again.status, member).toBe(303);
        // The receipts go from the server's own worker: wait for them, then a moment for any twice.
        const deadline = Date.now() + 20_000;
        while (!receiptsTo(member).includes("secretariat") && Date.now() < deadline)
          await new Promise((r) => setTimeout(r, 100));
        await new Promise((r) => setTimeout(r, 300));
        await local.kill(server.child);
        const contacts = receiptsTo(member);
        expect(contacts, member).toContain("secretariat");
        expect(contacts, member).toContain("focal-point");
        expect(new Set(contacts).size, `${member} got a receipt twice: ${contacts.join(", ")}`).toBe(
          contacts.length,
        );
      }
    },
  );
});
