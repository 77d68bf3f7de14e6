// Answers as the demo fills them in, and submissions made with them: posted as a browser posts the form,
// or built directly as kept versions for the report's tests.
import qs from "qs";
import type { Campaign } from "../../functions/core/campaign.ts";
import type { Member } from "../../functions/core/directory.ts";
import type { Language } from "../../functions/core/languages.ts";
import { validateAnswers } from "../../functions/core/questionnaire/answers.ts";
import type { Questionnaire } from "../../functions/core/questionnaire/definition.ts";
import { answersFromForm } from "../../functions/core/questionnaire/form-input.ts";
import { receiptCode } from "../../functions/core/receipts.ts";
import type { ResponseVersion } from "../../functions/core/responses.ts";
import {
  defaultDirectoryPath,
  defaultQuestionnairePath,
  readDirectoryFile,
  readQuestionnaireFile,
} from "../../functions/local/content.ts";
import { generateFormAnswers, seededRng } from "../../functions/local/demo-answers.ts";
import { adminClient, loadContent } from "../../functions/local/demo.ts";
import { readOutbox, respondentLink } from "../../functions/local/outbox.ts";
import type { LocalStack } from "../../functions/local/stack.ts";

/** The shipped questionnaire's form fields, filled in as the demo does. */
export const demoFormAnswers = (
  seed: number,
  contact = { name: "Ana", email: "ana@example.org" },
  lang: Language = "es",
) => generateFormAnswers(readQuestionnaireFile(defaultQuestionnairePath), seededRng(seed), lang, contact);

/** Pressing "Submit answers" on a page loaded with nothing saved, without JavaScript. */
export const postSubmission = (url: string, fields: Record<string, unknown>) =>
  fetch(url, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "text/html" },
    body: qs.stringify({ ...fields, action: "submit", baseVersion: "0" }),
  });

/**
 * A campaign for one member, sent, and its focal point's link. With `opensAt` (a test clock's now) it
 * opens then and closes two weeks later; otherwise it closes a day from now.
 */
export const sentCampaign = async (stack: LocalStack, member: string, opensAt?: Date) => {
  const api = adminClient(stack);
  const campaign = await api<Campaign>("POST", "/api/campaigns", {
    questionnaireId: "iacml-planning",
    ...(opensAt
      ? { opensAt: opensAt.toISOString(), closesAt: new Date(opensAt.getTime() + 14 * 864e5).toISOString() }
      : { closesAt: new Date(Date.now() + 864e5).toISOString() }),
    invite: [member],
  });
  await api("POST", `/api/campaigns/${campaign.id}/send`);
  const invitation = readOutbox(stack.paths.outbox).find(
    (m) =>
      m.headers["x-consulta-campaign"] === campaign.id && m.headers["x-consulta-contact"] === "focal-point",
  );
  return { campaign, link: respondentLink(invitation!)! };
};

/** Each member's answer as the demo generates it, kept as a submission only if it validates. */
export const generatedSubmissions = (questionnaire: Questionnaire, members: Member[]): ResponseVersion[] => {
  const rng = seededRng(7);
  return members.flatMap((m) => {
    const contact = m.contacts[0];
    if (!contact) return [];
    for (let attempt = 0; attempt < 5; attempt++) {
      const form = generateFormAnswers(questionnaire, rng, m.language, contact, 0.8);
      const valid = validateAnswers(questionnaire, answersFromForm(questionnaire, form), "submit", m.group);
      if (valid.ok)
        return [
          {
            campaignId: "c1",
            memberCode: m.code,
            version: 1,
            answers: valid.value,
            submittedAt: "2026-02-01T12:00:00.000Z",
            submittedBy: { contactId: contact.id, name: contact.name },
            questionnaireVersion: questionnaire.version,
            receiptCode: "TEST",
          },
        ];
    }
    return [];
  });
};

/**
 * The demo's answers kept as submissions of `campaignId`, each sealed with the receipt code its content
 * hashes to (as respond.ts seals it): a campaign every member of the shipped directory answered.
 */
export const keepDemoAnswers = async (stack: Pick<LocalStack, "ports">, campaignId: string) => {
  const questionnaire = readQuestionnaireFile(defaultQuestionnairePath);
  const members = readDirectoryFile(defaultDirectoryPath).members;
  for (const generated of generatedSubmissions(questionnaire, members)) {
    const { receiptCode: _placeholder, ...content } = { ...generated, campaignId };
    await stack.ports.repository.putResponseVersion({ ...content, receiptCode: receiptCode(content) });
  }
};

/**
 * The shipped content loaded, and a campaign of the planning questionnaire closing in 20 days that
 * every member of the shipped directory answered (the demo's answers, kept as submissions).
 */
export const answeredCampaign = async (
  stack: Pick<LocalStack, "ports" | "url" | "adminToken">,
  extra: Record<string, unknown> = {},
): Promise<Campaign> => {
  const api = adminClient(stack);
  await loadContent(api);
  const campaign = await api<Campaign>("POST", "/api/campaigns", {
    questionnaireId: "iacml-planning",
    closesAt: new Date(Date.now() + 20 * 864e5).toISOString(),
    ...extra,
  });
  await keepDemoAnswers(stack, campaign.id);
  return campaign;
};
