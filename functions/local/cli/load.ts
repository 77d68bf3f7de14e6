// consulta load: what content/ would change in the database, and applying the confirmed part of it.
import {
  applyContentLoad,
  planContentLoad,
  type ContentLoadOutcome,
  type ContentLoadPlan,
} from "../../core/content-load.ts";
import type { Member } from "../../core/directory.ts";
import { ConsultaError } from "../../core/errors.ts";
import { CliError, withAdminApi, type Target } from "../admin-connection.ts";
import { CONTENT_DIR, readContent, readContentSources } from "../content.ts";
import { runningServer } from "../data-folder.ts";
import { startLocalStack } from "../stack.ts";
import { print, UsageError, type Options } from "./options.ts";
import { counted } from "./counts.ts";

export const planText = (plan: ContentLoadPlan, from: string) => {
  const changing = plan.items.filter((i) => i.change !== "unchanged");
  const unchanged = plan.items.length - changing.length;
  return [
    `Loading ${from} into the database (last load: ${plan.lastLoadedAt ?? "never"}; ${counted(plan.campaigns, "campaign")}, never touched by a load):`,
    ...changing.map((i) =>
      i.kind === "questionnaire"
        ? `  ${i.id.padEnd(20)} questionnaire ${i.change === "new" ? "new version" : "CONFLICTING: this version is already stored with other content; raise its version"}`
        : `  ${i.id.padEnd(20)} member ${i.change}${i.fields.length ? `: ${i.fields.join(", ")}` : ""}${i.editedSinceLoad ? "  [changed in the console since the last load: needs --overwrite]" : ""}`,
    ),
    changing.length
      ? `${unchanged} items unchanged.`
      : `Nothing to change: all ${unchanged} items are as in the database.`,
  ].join("\n");
};

export const outcomeText = (out: ContentLoadOutcome) =>
  [
    `Applied: ${out.applied.join(" ") || "nothing"}.`,
    ...out.refused.map((r) => `Refused: ${r.reason}.`),
    ...(out.notConfirmed.length ? [`Left as they are (not named): ${out.notConfirmed.join(" ")}.`] : []),
  ].join("\n");

/**
 * `consulta load` against a deployed stack: its admin API has no plan yet, so content/ goes only into
 * a database with no directory (the stack's first set-up), whole; anything else is refused unchanged.
 */
export const seedDeployed = (o: Options, target: Target) =>
  withAdminApi(target, async (api) => {
    const sources = readContentSources(o.content ?? CONTENT_DIR);
    const { members } = await api<{ members: Member[] }>("GET", "/api/members");
    if (members.length)
      throw new CliError(
        `This stack's database already has a directory (${counted(members.length, "member")}): content/ only seeds an empty one. ` +
          "Change it in the console or with members import; the plan of consulta load works on a local data folder",
      );
    const count = sources.directory.members.length;
    if (!o.apply) {
      print(
        { members: count, questionnaires: sources.questionnaires.length },
        o.json,
        () =>
          `The database has no directory: consulta load --apply seeds it from ${o.content ?? "content/"} (${counted(count, "member")}, ${counted(sources.questionnaires.length, "questionnaire")}). Nothing was written.`,
      );
      return 0;
    }
    await api("PUT", "/api/members", sources.directory);
    const stored: { id: string; version: number }[] = [];
    for (const q of sources.questionnaires)
      stored.push(await api<{ id: string; version: number }>("POST", "/api/questionnaires", q));
    print(
      { members: count, questionnaires: stored },
      o.json,
      () =>
        `Seeded the empty database: ${counted(count, "member")}, questionnaires ${stored.map((q) => `${q.id}@${q.version}`).join(" ")}.`,
    );
    return 0;
  });

/**
 * `consulta load`: the plan, or (--apply) the confirmed part of it. It works on the local data folder
 * itself, so no server may hold the folder meanwhile.
 */
export const load = async (ids: string[], o: Options, dir: string, target: Target): Promise<number> => {
  if (ids.length && !o.apply)
    throw new UsageError("Name items only with --apply: consulta load --apply ID …");
  if (o.outputs || o.api) return seedDeployed(o, target);
  const running = runningServer(dir);
  if (running)
    throw new CliError(
      `Stop the Consulta server using ${dir} (pid ${running.pid}) first: consulta load reads and writes its database directly`,
    );
  const content = readContent(o.content ?? CONTENT_DIR);
  const from = o.content ?? "content/";
  const stack = await startLocalStack({ dir, port: 0 });
  try {
    const plan = await planContentLoad(stack.ports, content);
    if (!o.apply) {
      print(plan, o.json, () =>
        [
          planText(plan, from),
          "Nothing was written. Apply it all: consulta load --apply; or only some: consulta load --apply ID … (a member's code, a questionnaire's id@version).",
        ].join("\n"),
      );
      return 0;
    }
    let out: ContentLoadOutcome;
    try {
      out = await applyContentLoad(stack.ports, content, {
        confirm: ids.length ? ids : "all",
        overwrite: o.overwrite ?? false,
      });
    } catch (error) {
      if (error instanceof ConsultaError && error.expose) throw new CliError(error.message);
      throw error;
    }
    print(out, o.json, () => [planText(plan, from), outcomeText(out)].join("\n"));
    return out.refused.length ? 3 : 0;
  } finally {
    await stack.close();
  }
};
