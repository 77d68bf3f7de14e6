// Loading content/ (directory and questionnaires) into the database as a plan the Secretariat confirms
// item by item: the database is the source of truth, so nothing changed in the console since the last
// load is overwritten unless asked, and content/ seeds a database only while it is empty.
import { createHash } from "node:crypto";
import type { Member } from "./directory.ts";
import { BadRequest } from "./errors.ts";
import type {
  AuditStore,
  CampaignStore,
  ContentLoadRecord,
  ContentLoadStore,
  DirectoryStore,
  Ports,
  QuestionnaireStore,
} from "./ports.ts";

type ReadStores = CampaignStore & ContentLoadStore & DirectoryStore & QuestionnaireStore;
import type { Questionnaire } from "./questionnaire/definition.ts";

/** What content/ holds, already validated by whoever read the files. */
export type Content = { members: Member[]; questionnaires: Questionnaire[] };

export type MemberItem = {
  kind: "member";
  /** The member's code: what `--apply` names. */
  id: string;
  change: "added" | "changed" | "removed" | "unchanged";
  /** For a change, the fields content/ would change ("contacts", "timeZone"…); contacts also by address. */
  fields: string[];
  /** Someone changed it (console, spreadsheet import) since the last load wrote it: only `overwrite` replaces it. */
  editedSinceLoad: boolean;
};

export type QuestionnaireItem = {
  kind: "questionnaire";
  /** `id@version`: what `--apply` names. */
  id: string;
  /** A stored version never changes: "conflicting" is content/ holding other text under the same version. */
  change: "new" | "unchanged" | "conflicting";
};

export type ContentLoadItem = MemberItem | QuestionnaireItem;

export type ContentLoadPlan = {
  items: ContentLoadItem[];
  /** Campaigns are the database's alone: content/ holds none, a load never touches them. */
  campaigns: number;
  /** When the last load (or the first start's seeding) wrote content/; undefined if never. */
  lastLoadedAt?: string;
};

export type ContentLoadOutcome = {
  applied: string[];
  refused: { id: string; reason: string }[];
  /** Items that would change but were not among those confirmed. */
  notConfirmed: string[];
};

/** Same content, same text: key order (DynamoDB's, YAML's) does not count. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );

export const memberFingerprint = (member: Member) =>
  createHash("sha256").update(canonical(member)).digest("hex").slice(0, 16);

const questionnaireId = (q: Pick<Questionnaire, "id" | "version">) => `${q.id}@${q.version}`;

/** "contacts (+ana@x.org, -old@y.org, ~same@z.org)": what a person checks before confirming. */
const changedFields = (stored: Member | undefined, wanted: Member | undefined): string[] => {
  const a: Record<string, unknown> = { ...stored };
  const b: Record<string, unknown> = { ...wanted };
  const names = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return names
    .filter((name) => canonical(a[name]) !== canonical(b[name]))
    .map((name) => {
      if (name !== "contacts" || !stored || !wanted) return name;
      const before = new Map(stored.contacts.map((c) => [c.email, canonical(c)]));
      const after = new Map(wanted.contacts.map((c) => [c.email, canonical(c)]));
      const notes = [
        ...[...after.keys()].filter((e) => !before.has(e)).map((e) => `+${e}`),
        ...[...before.keys()].filter((e) => !after.has(e)).map((e) => `-${e}`),
        ...[...after].filter(([e, c]) => before.has(e) && before.get(e) !== c).map(([e]) => `~${e}`),
      ];
      return notes.length ? `contacts (${notes.join(", ")})` : "contacts (order)";
    });
};

type Reading = {
  plan: ContentLoadPlan;
  stored: Map<string, Member>;
  wanted: Map<string, Member>;
  record?: ContentLoadRecord;
};

const read = async (ports: { repository: ReadStores }, content: Content): Promise<Reading> => {
  const { repository } = ports;
  const [members, campaigns, record, questionnaires] = await Promise.all([
    repository.listMembers(),
    repository.listCampaigns(),
    repository.getContentLoad(),
    Promise.all(content.questionnaires.map((q) => repository.getQuestionnaire(q.id, q.version))),
  ]);
  const stored = new Map(members.map((m) => [m.code, m]));
  const wanted = new Map(content.members.map((m) => [m.code, m]));
  const memberItems: MemberItem[] = [...new Set([...stored.keys(), ...wanted.keys()])].sort().map((code) => {
    const now = stored.get(code);
    const next = wanted.get(code);
    const loaded = record?.members[code];
    // Stored, but not as the last load left it (or never loaded at all): someone else's work.
    const editedSinceLoad = now !== undefined && loaded !== memberFingerprint(now);
    const change = !now
      ? "added"
      : !next
        ? "removed"
        : memberFingerprint(now) === memberFingerprint(next)
          ? "unchanged"
          : "changed";
    return {
      kind: "member",
      id: code,
      change,
      fields: change === "changed" ? changedFields(now, next) : [],
      editedSinceLoad: change !== "unchanged" && editedSinceLoad,
    };
  });
  const questionnaireItems: QuestionnaireItem[] = content.questionnaires.map((q, i) => {
    const there = questionnaires[i];
    return {
      kind: "questionnaire",
      id: questionnaireId(q),
      change: !there ? "new" : canonical(there) === canonical(q) ? "unchanged" : "conflicting",
    };
  });
  return {
    plan: {
      items: [...memberItems, ...questionnaireItems],
      campaigns: campaigns.length,
      ...(record ? { lastLoadedAt: record.loadedAt } : {}),
    },
    stored,
    wanted,
    ...(record ? { record } : {}),
  };
};

/** What `consulta load` (or its console page) shows: writes nothing. */
export const planContentLoad = async (
  ports: { repository: ReadStores },
  content: Content,
): Promise<ContentLoadPlan> => (await read(ports, content)).plan;

const changes = (item: ContentLoadItem) => item.change !== "unchanged";

/** Why an item that would change cannot be applied as asked; undefined when it can. */
const refusal = (item: ContentLoadItem, overwrite: boolean): string | undefined => {
  if (item.kind === "questionnaire")
    return item.change === "conflicting"
      ? `${item.id} is already stored with other content; a version never changes: raise its version in content/`
      : undefined;
  return item.editedSinceLoad && !overwrite
    ? `${item.id} was changed in the console since the last load; give --overwrite to replace it with content/`
    : undefined;
};

/**
 * Applies the confirmed items of the plan as it stands now (a console page posts back the ids it
 * showed; anything edited meanwhile is refused, as it would be in a new plan). `confirm: "all"` is
 * every item that would change.
 */
export const applyContentLoad = async (
  ports: { repository: ReadStores & AuditStore } & Pick<Ports, "clock">,
  content: Content,
  options: {
    confirm: "all" | string[];
    overwrite?: boolean;
    /** Who confirmed it, for the directory's audit trail: a console user's address. */
    by?: string;
  },
): Promise<ContentLoadOutcome> => {
  const { plan, stored, wanted, record } = await read(ports, content);
  const byId = new Map(plan.items.map((i) => [i.id, i]));
  if (options.confirm !== "all") {
    const unknown = options.confirm.filter((id) => !byId.has(id));
    if (unknown.length)
      throw new BadRequest(
        "not_in_plan",
        `Not in the plan: ${unknown.join(", ")} (members by code, questionnaires as id@version)`,
      );
  }
  const confirmed = new Set(options.confirm === "all" ? plan.items.map((i) => i.id) : options.confirm);
  const outcome: ContentLoadOutcome = { applied: [], refused: [], notConfirmed: [] };
  const members: Member[] = [];
  const removed: string[] = [];
  const questionnaires: Questionnaire[] = [];
  for (const item of plan.items.filter(changes)) {
    if (!confirmed.has(item.id)) {
      outcome.notConfirmed.push(item.id);
      continue;
    }
    const reason = refusal(item, options.overwrite ?? false);
    if (reason) {
      outcome.refused.push({ id: item.id, reason });
      continue;
    }
    outcome.applied.push(item.id);
    if (item.kind === "questionnaire") {
      const q = content.questionnaires.find((x) => questionnaireId(x) === item.id);
      if (q) questionnaires.push(q);
    } else if (item.change === "removed") removed.push(item.id);
    else members.push(wanted.get(item.id) as Member);
  }
  for (const q of questionnaires) await ports.repository.putQuestionnaire(q);
  if (members.length) await ports.repository.putMembers(members);
  for (const code of removed) await ports.repository.deleteMember(code);

  // The record follows what the database now holds where it matches content/: those members are
  // content/'s again; any other keeps what the last load wrote, so a console edit stays an edit.
  const next: Record<string, string> = { ...record?.members };
  for (const code of removed) delete next[code];
  for (const m of content.members) {
    const now = members.some((x) => x.code === m.code) ? m : stored.get(m.code);
    if (now && memberFingerprint(now) === memberFingerprint(m)) next[m.code] = memberFingerprint(m);
  }
  const at = ports.clock.now().toISOString();
  await ports.repository.putContentLoad({ loadedAt: at, members: next });
  // The directory page's audit trail shows a load beside the imports and edits it may have replaced.
  if (outcome.applied.length)
    await ports.repository.putAudit({
      at,
      actor: options.by ?? "consulta load",
      action: `loaded content/: ${outcome.applied.join(" ")}`,
    });
  return outcome;
};

/**
 * The first start: content/ fills a database that has no directory and was never loaded. Anything
 * else is left exactly as it is; `consulta load` is how content/ reaches it after that.
 */
export const seedEmptyDatabase = async (
  ports: { repository: ReadStores & AuditStore } & Pick<Ports, "clock">,
  content: Content,
): Promise<"seeded" | "kept"> => {
  const [members, record] = await Promise.all([
    ports.repository.listMembers(),
    ports.repository.getContentLoad(),
  ]);
  if (members.length || record) return "kept";
  const plan = await planContentLoad(ports, content);
  // A questionnaire already there under other content is the database's: seeding adds, never replaces.
  const confirm = plan.items.filter((i) => i.change === "added" || i.change === "new").map((i) => i.id);
  await applyContentLoad(ports, content, { confirm, by: "first start" });
  return "seeded";
};
