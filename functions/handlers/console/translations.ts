// The translators' workbook in the console: download a questionnaire version's texts, upload the returned
// workbook to see what it changes, and publish it as the next version.
import { ValidationFailed } from "../../core/errors.ts";
import {
  exportTranslations,
  keepReturnedWorkbook,
  publishKeptWorkbook,
  versionNumber,
} from "../../core/questionnaire-translations.ts";
import { attachment, redirect } from "../../http/responses.ts";
import { field, type ConsolePage, type SignedInRequest } from "./page.ts";

const addressOf = (id: string, version: number) =>
  `/console/translations/${encodeURIComponent(id)}/${version}`;

/** The questionnaire versions the campaigns use: the ones a Secretariat is likely to have translated. */
export const translationsIndex: ConsolePage = {
  answer: async (r) => {
    const id = field(r.query, "questionnaire").trim();
    const version = field(r.query, "version").trim();
    if (id && version) return redirect(addressOf(id, versionNumber(version)));
    const campaigns = await r.ports.repository.listCampaigns();
    const versions = new Map<string, { id: string; version: number; campaigns: string[] }>();
    for (const c of campaigns) {
      const key = `${c.questionnaireId}/${c.questionnaireVersion}`;
      const entry = versions.get(key) ?? {
        id: c.questionnaireId,
        version: c.questionnaireVersion,
        campaigns: [],
      };
      entry.campaigns.push(c.title[r.lang]);
      versions.set(key, entry);
    }
    return r.render("translations", {
      versions: [...versions.values()].map((v) => ({ ...v, href: addressOf(v.id, v.version) })),
    });
  },
};

/** One version's page: its workbook to download and the form to upload the returned one. */
const versionPage = async (
  r: SignedInRequest,
  values: { refusal?: ValidationFailed; filename?: string } = {},
  status = 200,
) => {
  const id = r.params.questionnaireId ?? "";
  const version = versionNumber(r.params.version);
  const q = await r.ports.repository.getQuestionnaire(id, version);
  const refusal = values.refusal;
  const problem = refusal?.fieldErrors.find((e) => e.path === "file");
  const lists = (refusal?.details ?? {}) as { unknown?: string[]; missing?: string[]; repeated?: string[] };
  return r.render(
    "translations-version",
    {
      id,
      version,
      found: Boolean(q),
      title: q?.title[r.lang],
      address: addressOf(id, version),
      published: field(r.query, "published"),
      unchanged: field(r.query, "unchanged") === "1",
      ...(problem
        ? {
            fileError: r.ports.views.translate(r.lang, `console.translations.${problem.code}`, {
              version,
              ...problem.params,
            }),
            unknown: lists.unknown ?? [],
            missing: lists.missing ?? [],
            repeated: lists.repeated ?? [],
            filename: values.filename,
          }
        : {}),
    },
    status,
  );
};

export const translationsPage: ConsolePage = { answer: (r) => versionPage(r) };

export const downloadWorkbook: ConsolePage = {
  answer: async (r) => {
    const workbook = await exportTranslations(
      r.ports,
      r.params.questionnaireId ?? "",
      versionNumber(r.params.version),
    );
    return attachment(workbook.bytes, workbook.filename);
  },
};

export const previewWorkbook: ConsolePage = {
  answer: async (r) => {
    const id = r.params.questionnaireId ?? "";
    const version = versionNumber(r.params.version);
    const upload = r.form.upload as { filename: string; bytes: Uint8Array } | undefined;
    const file = { bytes: upload?.bytes ?? new Uint8Array(), filename: upload?.filename ?? "" };
    try {
      const preview = await keepReturnedWorkbook(r.ports, id, version, file);
      const languageName = (code: string) =>
        r.ports.views.translate(r.lang, `console.translations.in-${code}`);
      return r.render("translations-preview", {
        id,
        version,
        filename: file.filename,
        address: addressOf(id, version),
        upload: preview.upload,
        nextVersion: preview.nextVersion,
        changes: preview.changes.map((c) => ({ ...c, languageName: languageName(c.language) })),
        keptEmpty: preview.keptEmpty.length,
      });
    } catch (error) {
      if (error instanceof ValidationFailed && error.fieldErrors.some((e) => e.path === "file"))
        return versionPage(r, { refusal: error, filename: file.filename }, 422);
      throw error;
    }
  },
};

export const publishWorkbook: ConsolePage = {
  answer: async (r) => {
    const id = r.params.questionnaireId ?? "";
    const version = versionNumber(r.params.version);
    const result = await publishKeptWorkbook(r.ports, id, version, r.params.upload ?? "");
    if (result.published === undefined) return redirect(`${addressOf(id, version)}?unchanged=1`);
    r.did({
      action: "published translations",
      target: `${id} v${result.published}`,
    });
    return redirect(`${addressOf(id, result.published)}?published=${result.published}`);
  },
};
