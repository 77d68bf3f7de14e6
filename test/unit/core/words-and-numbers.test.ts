// Words and numbers as each language writes them (issue 14, item 7): member names after "of", the
// Secretariat's name, money, submission numbers, times in the member's own zone, and report wording.
import { simpleParser } from "mailparser";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { toEml } from "../../../functions/adapters/outbox-mailer.ts";
import { createHandlebarsViews } from "../../../functions/adapters/handlebars-views.ts";
import { CampaignInput, planCampaign, type Campaign } from "../../../functions/core/campaign.ts";
import { composeReceiptEmail, type EmailSubject } from "../../../functions/core/compose-email.ts";
import { buildConfirmationView } from "../../../functions/core/confirmation-view.ts";
import { Directory, ofMemberName, type Member } from "../../../functions/core/directory.ts";
import { formatMoney } from "../../../functions/core/format.ts";
import { buildFormView } from "../../../functions/core/form-view.ts";
import type { Language } from "../../../functions/core/languages.ts";
import { answerText, buildInputsReport } from "../../../functions/core/report/inputs-report.ts";
import { renderInputsHtml } from "../../../functions/core/report/inputs-html.ts";
import type { RespondentSession } from "../../../functions/core/respond.ts";
import { submissionNumber, type Response, type ResponseVersion } from "../../../functions/core/responses.ts";
import { defaultDirectoryPath, readDirectoryFile } from "../../../functions/local/content.ts";
import { member, question, questionnaire, submission } from "../../support/factories.ts";
import { members as reportMembers, q as reportQuestionnaire, submissions } from "./report/fixture.ts";

const TEMPLATES = fileURLToPath(new URL("../../../templates/", import.meta.url));
const views = createHandlebarsViews(TEMPLATES);
const tr = (lang: Language) => (key: string) => views.translate(lang, key);
const LANGS: Language[] = ["es", "en", "fr", "pt"];

const directory = readDirectoryFile(defaultDirectoryPath);
const shipped = (code: string): Member => {
  const found = directory.members.find((m) => m.code === code);
  if (!found) throw new Error(`no ${code} in the directory`);
  return found;
};

const q = questionnaire([
  question("pledge", "money", { currencies: ["USD"] }),
  question("note", "short-text"),
]);

/** A campaign as the Secretariat opens it, with every default: the Secretariat's name included. */
const campaign = (): Campaign =>
  planCampaign(
    CampaignInput.parse({
      questionnaireId: q.id,
      opensAt: "2027-03-01T12:00:00Z",
      closesAt: "2027-03-15T22:00:00Z",
    }),
    { id: q.id, version: q.version, title: q.title },
    directory.members,
    "c1",
    new Date("2027-03-01T12:00:00Z"),
  );

const answers = { pledge: { amount: 25000.5, currency: "USD" }, note: "Hi" };

/** The sixth write of the response, its first submission: five drafts were saved before. */
const kept = (memberCode: string, version = 6): ResponseVersion => ({
  ...submission(memberCode, answers, version),
  campaignId: "c1",
  submittedAt: "2027-03-10T22:00:00.000Z",
});

const response = (memberCode: string, version = 6): Response => ({
  campaignId: "c1",
  memberCode,
  status: "submitted",
  version,
  answers,
  updatedAt: "2027-03-10T22:00:00.000Z",
  updatedBy: { contactId: "focal-point", name: "Ana" },
  submittedAt: "2027-03-10T22:00:00.000Z",
  submittedVersion: version,
});

const session = (m: Member, c = campaign()): RespondentSession =>
  ({
    campaign: c,
    questionnaire: q,
    member: m,
    contact: m.contacts[0],
    invitation: undefined,
    role: "signatory",
    sections: undefined,
    response: response(m.code),
  }) as RespondentSession;

const receipt = async (m: Member, lang: Language, versions = [kept(m.code)], toSecretariat = false) => {
  const c = campaign();
  const subject: EmailSubject = {
    campaign: c,
    member: m,
    contact: toSecretariat
      ? { id: "secretariat", name: "S", email: c.secretariat.email, role: "secretariat", revoked: false }
      : (m.contacts[0] as Member["contacts"][number]),
    lang,
    job: { campaignId: "c1", memberCode: m.code, contactId: "focal-point", kind: "receipt", n: "6" },
  };
  const email = composeReceiptEmail(views, subject, versions.at(-1) as ResponseVersion, q, versions);
  const parsed = await simpleParser(await toEml(email, "consulta@example.org", "m1", new Date()));
  return { subject: parsed.subject ?? "", text: parsed.text ?? "", html: String(parsed.html) };
};

const confirmation = (m: Member, lang: Language, versions = [kept(m.code)]) =>
  views.render(
    "web/confirmation",
    buildConfirmationView(session(m), response(m.code), lang, tr(lang), versions),
  );

// One member per language of the OAS, each with an article or elision a plain "de" gets wrong.
const CASES: { lang: Language; code: string; greeting: string; secretariat: string }[] = [
  {
    lang: "es",
    code: "USA",
    greeting: "punto focal de los Estados Unidos",
    secretariat: "Secretaría Técnica de la CIMT",
  },
  {
    lang: "en",
    code: "USA",
    greeting: "focal point of the United States",
    secretariat: "Technical Secretariat of the IACML",
  },
  {
    lang: "fr",
    code: "HTI",
    greeting: "point focal d'Haïti",
    secretariat: "Secrétariat technique de la CIMT",
  },
  { lang: "pt", code: "BRA", greeting: "ponto focal do Brasil", secretariat: "Secretaria Técnica da CIMT" },
];

describe("a member's name after 'of' comes from the directory, as each language writes it", () => {
  it("gives every member of the shipped directory its 'of' form and time zone in the four languages", () => {
    for (const m of directory.members) {
      for (const lang of LANGS) expect(m.ofName?.[lang], `${m.code} ${lang}`).toContain(m.name[lang]);
    }
    const governments = directory.members.filter((m) => m.group === "government");
    expect(governments.filter((m) => !m.timeZone?.startsWith("America/")).map((m) => m.code)).toEqual([]);
    expect(ofMemberName(shipped("BRA"), "pt", tr("pt"))).toBe("do Brasil");
    expect(ofMemberName(shipped("ARG"), "fr", tr("fr"))).toBe("de l'Argentine");
    expect(ofMemberName(shipped("USA"), "fr", tr("fr"))).toBe("des États-Unis");
    expect(ofMemberName(shipped("USA"), "es", tr("es"))).toBe("de los Estados Unidos");
    expect(ofMemberName(shipped("BHS"), "pt", tr("pt"))).toBe("das Bahamas");
  });

  it("falls back to the language's plain pattern for a member the directory gives no 'of' form", () => {
    const plain = member("XYZ");
    expect(LANGS.map((lang) => ofMemberName(plain, lang, tr(lang)))).toEqual([
      "de Member XYZ (es)",
      "of Member XYZ",
      "de Member XYZ (fr)",
      "de Member XYZ (pt)",
    ]);
  });

  it("refuses a time zone Intl does not know", () => {
    const bad = { members: [{ ...shipped("BRA"), timeZone: "Brazil/Brasilia-ish" }] };
    expect(Directory.safeParse(bad).success).toBe(false);
    expect(Directory.safeParse({ members: [shipped("ARG")] }).success).toBe(true);
  });

  it.each(CASES)("greets and names the member in its receipt ($lang)", async ({ lang, code, greeting }) => {
    const { text, html } = await receipt(shipped(code), lang);
    expect(text).toContain(greeting);
    expect(html).toContain(greeting.replace("'", "&#x27;"));
  });

  it("says 'do Brasil', never 'de Brasil', in Portuguese: greeting, receipt, confirmation", async () => {
    const { text } = await receipt(shipped("BRA"), "pt");
    expect(text).toContain("As respostas do Brasil foram recebidas");
    expect(text).not.toMatch(/de Brasil/);
    expect(confirmation(shipped("BRA"), "pt")).toContain("As respostas do Brasil foram recebidas");
    expect(confirmation(shipped("USA"), "en")).toContain("The answers of the United States were received");
    expect(confirmation(shipped("HTI"), "fr")).toContain("Les réponses d&#x27;Haïti ont été reçues");
    expect(confirmation(shipped("USA"), "es")).toContain(
      "Las respuestas de los Estados Unidos se recibieron",
    );
  });
});

describe("the Secretariat is named in the page's language", () => {
  it.each(CASES)("in the footer of the form, the confirmation and the receipt ($lang)", async (c) => {
    const m = shipped(c.code);
    const other = CASES.filter((x) => x.lang !== c.lang).map((x) => x.secretariat);
    const form = views.render(
      "web/form",
      buildFormView(session(m), c.lang, {}, [], 6, undefined, { t: tr(c.lang) }),
    );
    const { text } = await receipt(m, c.lang);
    for (const page of [form, confirmation(m, c.lang), text]) {
      expect(page).toContain(c.secretariat);
      for (const name of other) expect(page).not.toContain(name);
    }
  });

  it("keeps a name the Secretariat gave as a single text, in every language", () => {
    const c = { ...campaign(), secretariat: { name: "SEDI / OAS", email: "cimt@example.org" } };
    const view = buildConfirmationView(session(shipped("BRA"), c), response("BRA"), "pt", tr("pt"));
    expect(view.secretariat).toEqual({ name: "SEDI / OAS", email: "cimt@example.org" });
  });
});

describe("one money format per language, the same in the confirmation, the receipt and the report", () => {
  const expected: Record<Language, string> = {
    es: "25.000,50 US$",
    en: "$25,000.50",
    fr: "25 000,50 $US",
    pt: "US$ 25.000,50",
  };
  it.each(LANGS)("writes 25000.5 USD as %s does", async (lang) => {
    const money = expected[lang];
    expect(formatMoney(25000.5, "USD", lang).replace(/\s/g, " ")).toBe(money);
    const pledge = q.sections[0]?.questions[0];
    if (!pledge) throw new Error("no pledge question");
    expect(answerText(pledge, answers.pledge, lang, tr(lang)).replace(/\s/g, " ")).toBe(money);
    const m = shipped("BRA");
    expect(confirmation(m, lang).replace(/\s/g, " ")).toContain(money);
    expect((await receipt(m, lang)).text.replace(/\s/g, " ")).toContain(money);
    expect(confirmation(m, lang)).not.toContain("25000.5");
  });
});

describe("submissions are numbered, drafts are not counted", () => {
  it("numbers a kept version by the submissions up to it", () => {
    const versions = [kept("BRA", 6), kept("BRA", 9), kept("BRA", 14)];
    expect(submissionNumber(versions, 6)).toBe(1);
    expect(submissionNumber(versions, 9)).toBe(2);
    expect(submissionNumber(versions, 14)).toBe(3);
    expect(submissionNumber([...versions].reverse(), 9)).toBe(2);
  });

  const first: Record<Language, string> = {
    es: "versión 1",
    en: "version 1",
    fr: "version 1",
    pt: "versão 1",
  };
  it.each(LANGS)("calls the first submission number 1 after five drafts (%s)", async (lang) => {
    const m = shipped("BRA");
    const mail = await receipt(m, lang);
    expect(mail.subject).toContain(first[lang]);
    expect(mail.text).toContain(first[lang]);
    expect(mail.text).not.toMatch(/(versión|version|versão) 6/);
    expect(confirmation(m, lang)).toContain(first[lang]);
    expect(confirmation(m, lang)).not.toMatch(/(versión|version|versão) 6/);
  });

  it("numbers the versions the form lists and compares 1, 2, … while their links keep the stored versions", () => {
    const versions = [kept("BRA", 6), kept("BRA", 9)];
    const view = buildFormView(session(shipped("BRA")), "en", {}, [], 9, undefined, {
      versions,
      comparison: { from: 6, to: 9, differences: [] },
      t: tr("en"),
    });
    expect(view.versions.map((v) => [v.number, v.version])).toEqual([
      [1, 6],
      [2, 9],
    ]);
    expect(view.comparison).toMatchObject({ from: 1, to: 2 });
    const html = views.render("web/form", view);
    expect(html).toContain("compare=6,9");
    expect(html).toContain("<td>2</td>");
    expect(html).not.toContain("<td>9</td>");
  });
});

describe("times are shown in the member's own zone, with the Secretariat's beside", () => {
  // 22:00 UTC on 15 March 2027 is 19:00 in Brasília and 18:00 in Washington (summer time).
  const own: Record<Language, string> = {
    es: "hora estándar de Brasilia",
    en: "Brasilia Standard Time",
    fr: "heure normale de Brasilia",
    pt: "Horário Padrão de Brasília",
  };
  const beside: Record<Language, RegExp> = {
    es: /\(18:00, hora de la Secretaría\)/,
    en: /\(06:00 PM Secretariat time\)/,
    fr: /\(18:00, heure du Secrétariat\)/,
    pt: /\(18:00 no horário da Secretaria\)/,
  };
  it.each(LANGS)("in the receipt, the confirmation and the form, for a Brazilian (%s)", async (lang) => {
    const m = shipped("BRA");
    const mail = await receipt(m, lang);
    const form = views.render(
      "web/form",
      buildFormView(session(m), lang, {}, [], 6, undefined, { t: tr(lang) }),
    );
    for (const page of [mail.text, confirmation(m, lang), form]) {
      expect(page).toContain(own[lang]);
      expect(page).toMatch(/19:00|07:00 PM/);
      expect(page).toMatch(beside[lang]);
      expect(page).not.toMatch(/GMT-5|GMT-4|UTC−4/);
    }
  });

  it("shows one time when the member's zone and the Secretariat's agree, or the member has none", () => {
    for (const m of [shipped("USA"), member("XYZ")]) {
      const view = buildConfirmationView(session(m), response(m.code), "en", tr("en"));
      expect(view.closesAt).toBe("March 15, 2027 at 06:00 PM Eastern Daylight Time");
    }
  });
});

describe("the report's own words", () => {
  const t = tr("es");
  const report = (subs: ResponseVersion[], lang: Language = "es") =>
    buildInputsReport({
      campaign: { ...campaign(), invited: reportMembers.map((m) => m.code) },
      questionnaire: reportQuestionnaire,
      members: reportMembers,
      submissions: subs,
      lang,
      generatedAt: new Date("2027-04-01T00:00:00Z"),
      t: tr(lang),
    });
  const html = (subs: ResponseVersion[], lang: Language = "es") =>
    new TextDecoder().decode(renderInputsHtml(report(subs, lang), tr(lang), views.render));

  const noOffers: Record<Language, string> = { es: "Ninguna.", en: "None.", fr: "Aucune.", pt: "Nenhuma." };
  it.each(LANGS)("says there are no offers with the noun's gender (%s)", (lang) => {
    const withoutOffers = submissions.map((s) => {
      const { offers: _o, ...rest } = s.answers;
      return { ...s, answers: rest };
    });
    const page = html(withoutOffers, lang);
    const offers = page.split(`<h5>${tr(lang)("report.offers")}</h5>`).slice(1);
    expect(offers.length).toBeGreaterThan(0);
    for (const block of offers) expect(block).toMatch(new RegExp(`^<p class="note">${noOffers[lang]}</p>`));
    expect(page).not.toContain(">Ninguno.<");
  });

  const caption: Record<Language, string> = {
    es: "(Trabajadores)",
    en: "(Workers)",
    fr: "(Travailleurs)",
    pt: "(Trabalhadores)",
  };
  it.each(LANGS)("names a quoted member's group once, without doubling COSATE (%s)", (lang) => {
    const page = html(submissions, lang);
    expect(page).toContain(`<span class="muted">${caption[lang]}</span>`);
    expect(page).not.toMatch(/\((Trabajadores|Workers|Travailleurs|Trabalhadores) \(COSATE\)\)/);
  });

  it("does not rank the items of a scale nobody answered: it says there are no answers", () => {
    const tools = report(submissions.filter((s) => s.memberCode !== "BRA")).scales.find(
      (s) => s.question.id === "tools",
    );
    expect(tools?.items.map((i) => i.rank)).toEqual([undefined, undefined]);
    const page = html(submissions.filter((s) => s.memberCode !== "BRA"));
    expect(page).toContain(t("report.no-answers"));
    const scored = report(submissions).scales.find((s) => s.question.id === "tools");
    expect(scored?.items.map((i) => [i.id, i.rank])).toEqual([
      ["x", 1],
      ["y", undefined],
    ]);
  });
});
