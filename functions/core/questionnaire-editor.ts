// The Secretariat's questionnaire editor: versions listed with the campaigns using them, a version
// copied into a draft of the next one, the draft edited one form at a time, previewed, and published.
import type { Campaign } from "./campaign.ts";
import { Conflict, NotFound } from "./errors.ts";
import type { Clock } from "./ports.ts";
import type {
  CampaignStore,
  QuestionnaireDraft,
  QuestionnaireDraftStore,
  QuestionnaireStore,
  QuestionnaireVersion,
} from "./ports/index.ts";
import { checkDraft, withStandInTexts, type DraftCheck } from "./questionnaire-editor/checks.ts";
import type { DraftDefinition } from "./questionnaire-editor/draft.ts";
import type { Edited } from "./questionnaire-editor/edits.ts";
import type { FormProblem } from "./questionnaire-editor/kind-settings.ts";
import { loadQuestionnaire, type DefinitionError, type Questionnaire } from "./questionnaire/definition.ts";
import type { Result } from "./result.ts";

type Ports = { repository: QuestionnaireStore & QuestionnaireDraftStore & CampaignStore; clock: Clock };
/** Versions and drafts, without the campaigns: what numbering and copying read. */
type VersionPorts = { repository: QuestionnaireStore & QuestionnaireDraftStore; clock: Clock };

export type VersionListing = QuestionnaireVersion & { usedBy: Pick<Campaign, "id" | "title" | "status">[] };
export type QuestionnaireListing = {
  id: string;
  versions: VersionListing[];
  drafts: Pick<QuestionnaireDraft, "version" | "basedOn" | "updatedAt" | "updatedBy">[];
};

/** Every questionnaire with its versions (and the campaigns using each) and its drafts. */
export const listQuestionnaires = async (ports: Ports): Promise<QuestionnaireListing[]> => {
  const { repository } = ports;
  const [listed, drafts, campaigns] = await Promise.all([
    repository.listQuestionnaireVersions(),
    repository.listQuestionnaireDrafts(),
    repository.listCampaigns(),
  ]);
  // A version stored before versions were listed is still found through the campaigns using it.
  const known = new Set(listed.map((v) => `${v.id}@${v.version}`));
  const unlisted = [
    ...new Map(
      campaigns
        .filter((c) => !known.has(`${c.questionnaireId}@${c.questionnaireVersion}`))
        .map((c) => [`${c.questionnaireId}@${c.questionnaireVersion}`, c] as const),
    ).values(),
  ];
  const found = await Promise.all(
    unlisted.map((c) => repository.getQuestionnaire(c.questionnaireId, c.questionnaireVersion)),
  );
  const versions = [
    ...listed,
    ...found.flatMap((q) => (q ? [{ id: q.id, version: q.version, title: q.title }] : [])),
  ].sort((a, b) => (a.id === b.id ? a.version - b.version : a.id < b.id ? -1 : 1));
  const byId = new Map<string, QuestionnaireListing>();
  const entry = (id: string) => {
    let found = byId.get(id);
    if (!found) byId.set(id, (found = { id, versions: [], drafts: [] }));
    return found;
  };
  const usedBy = (id: string, version: number) =>
    campaigns
      .filter((c) => c.questionnaireId === id && c.questionnaireVersion === version)
      .map(({ id: campaignId, title, status }) => ({ id: campaignId, title, status }));
  for (const v of versions) entry(v.id).versions.push({ ...v, usedBy: usedBy(v.id, v.version) });
  for (const d of drafts)
    entry(d.questionnaireId).drafts.push({
      version: d.version,
      basedOn: d.basedOn,
      updatedAt: d.updatedAt,
      updatedBy: d.updatedBy,
    });
  return [...byId.values()];
};

/** The number a new version of this questionnaire gets: after every published and drafted one. */
const nextVersion = async (ports: VersionPorts, id: string) => {
  const [versions, drafts, latest] = await Promise.all([
    ports.repository.listQuestionnaireVersions(),
    ports.repository.listQuestionnaireDrafts(),
    ports.repository.getQuestionnaire(id),
  ]);
  return (
    Math.max(
      latest?.version ?? 0,
      ...versions.filter((v) => v.id === id).map((v) => v.version),
      ...drafts.filter((d) => d.questionnaireId === id).map((d) => d.version),
    ) + 1
  );
};

const publishedVersion = async (ports: { repository: QuestionnaireStore }, id: string, version: number) => {
  const q = await ports.repository.getQuestionnaire(id, version);
  if (!q) throw new NotFound("questionnaire_not_found", `No questionnaire ${id} v${version}`);
  return q;
};

/**
 * A draft of the next version, holding everything the copied version holds. Any version can be copied,
 * one a campaign uses included: the copy is a version of its own, and the one copied never changes.
 */
export const copyVersion = async (
  ports: VersionPorts,
  id: string,
  version: number,
  by: string,
): Promise<QuestionnaireDraft> => {
  const q = await publishedVersion(ports, id, version);
  // Two people copying at once are both given a draft: the second takes the number after the first's.
  for (let attempt = 0; attempt < 5; attempt++) {
    const next = await nextVersion(ports, id);
    const draft: QuestionnaireDraft = {
      questionnaireId: id,
      version: next,
      basedOn: version,
      definition: { ...(structuredClone(q) as DraftDefinition), version: next },
      revision: 1,
      updatedAt: ports.clock.now().toISOString(),
      updatedBy: by,
    };
    if ((await ports.repository.putQuestionnaireDraft(draft)) === "saved") return draft;
  }
  throw new Conflict("draft_conflict", "Another draft was started at the same time; try again");
};

/**
 * The draft to edit. A published version is never edited: asking for one says so (it may be copied),
 * and that a campaign uses it when one does.
 */
export const openDraft = async (ports: Ports, id: string, version: number) => {
  const draft = await ports.repository.getQuestionnaireDraft(id, version);
  if (draft) return draft;
  if (await ports.repository.getQuestionnaire(id, version)) {
    const used = (await ports.repository.listCampaigns()).some(
      (c) => c.questionnaireId === id && c.questionnaireVersion === version,
    );
    throw new Conflict(
      used ? "questionnaire_version_in_use" : "questionnaire_version_published",
      `Version ${version} of ${id} is published${used ? " and a campaign uses it" : ""}: copy it to change it`,
    );
  }
  throw new NotFound("draft_not_found", `No draft ${id} v${version}`);
};

export type SaveOutcome =
  | { outcome: "saved"; draft: QuestionnaireDraft }
  | { outcome: "invalid"; draft: QuestionnaireDraft; problems: FormProblem[] }
  | { outcome: "conflict"; draft: QuestionnaireDraft };

/**
 * Applies one edit to the draft as stored, if it is still the revision the page was made from; a page
 * made before someone else's save is refused and shown what is stored now.
 */
export const saveDraftEdit = async (
  ports: Ports,
  id: string,
  version: number,
  revision: number,
  edit: (definition: DraftDefinition) => Edited,
  by: string,
): Promise<SaveOutcome> => {
  const draft = await openDraft(ports, id, version);
  if (draft.revision !== revision) return { outcome: "conflict", draft };
  const edited = edit(draft.definition);
  if (!edited.ok) return { outcome: "invalid", draft, problems: edited.error };
  const next: QuestionnaireDraft = {
    ...draft,
    definition: edited.value,
    revision: draft.revision + 1,
    updatedAt: ports.clock.now().toISOString(),
    updatedBy: by,
  };
  if ((await ports.repository.putQuestionnaireDraft(next)) === "conflict")
    return { outcome: "conflict", draft: await openDraft(ports, id, version) };
  return { outcome: "saved", draft: next };
};

/** What publishing would do: the version it makes, or why it cannot yet. */
export const publishPlan = (draft: QuestionnaireDraft): DraftCheck & { publishable: boolean } => {
  const { problems, missing } = checkDraft(draft.definition);
  return { problems, missing, publishable: problems.length === 0 && missing.length === 0 };
};

export type PublishOutcome =
  | { outcome: "published"; version: number }
  | { outcome: "invalid"; check: DraftCheck }
  | { outcome: "conflict"; draft: QuestionnaireDraft };

/**
 * Makes the draft an immutable version and forgets the draft. Refused while the definition has an
 * error or a text lacks a language. Should its number have been taken meanwhile (a translated version
 * published from the workbook), it gets the next free one.
 */
export const publishDraft = async (
  ports: Ports,
  id: string,
  version: number,
  revision: number,
): Promise<PublishOutcome> => {
  const draft = await openDraft(ports, id, version);
  if (draft.revision !== revision) return { outcome: "conflict", draft };
  const { problems, missing, loaded } = checkDraft(draft.definition);
  if (!loaded.ok || problems.length || missing.length)
    return { outcome: "invalid", check: { problems, missing } };
  let questionnaire = loaded.value;
  if (await ports.repository.getQuestionnaire(id, version)) {
    const versions = (await ports.repository.listQuestionnaireVersions()).filter((v) => v.id === id);
    questionnaire = { ...questionnaire, version: Math.max(version, ...versions.map((v) => v.version)) + 1 };
  }
  await ports.repository.putQuestionnaire(questionnaire);
  await ports.repository.deleteQuestionnaireDraft(id, version);
  return { outcome: "published", version: questionnaire.version };
};

export type ReplaceOutcome =
  | { outcome: "saved"; draft: QuestionnaireDraft; missing: DraftCheck["missing"] }
  | { outcome: "invalid"; problems: DraftCheck["problems"] }
  | { outcome: "conflict"; draft: QuestionnaireDraft };

/**
 * The whole draft replaced by a definition written elsewhere (the CLI's YAML): kept only if it loads as
 * publishing would load it, texts still to translate aside, and only over the revision it was made from.
 * Its id and number stay the draft's, whatever the file says.
 */
export const replaceDraft = async (
  ports: Ports,
  id: string,
  version: number,
  revision: number,
  definition: DraftDefinition,
  by: string,
): Promise<ReplaceOutcome> => {
  const replaced = { ...definition, id, version };
  const { problems, missing } = checkDraft(replaced);
  if (problems.length) return { outcome: "invalid", problems };
  const saved = await saveDraftEdit(ports, id, version, revision, () => ({ ok: true, value: replaced }), by);
  if (saved.outcome === "conflict") return saved;
  return { outcome: "saved", draft: saved.draft, missing };
};

export const discardDraft = async (ports: Ports, id: string, version: number) => {
  await openDraft(ports, id, version);
  await ports.repository.deleteQuestionnaireDraft(id, version);
};

/**
 * The questionnaire a preview shows: a published version as it is, or a draft with its missing texts
 * stood in for (marked); a draft whose definition does not load yet has its errors instead.
 */
export const previewQuestionnaire = async (
  ports: Ports,
  id: string,
  version: number,
  from: "draft" | "version",
): Promise<Result<Questionnaire, DefinitionError[]>> => {
  if (from === "version") return { ok: true, value: await publishedVersion(ports, id, version) };
  const draft = await openDraft(ports, id, version);
  return loadQuestionnaire(withStandInTexts(draft.definition));
};
