// Loading content/ from the console, as `consulta load` does: the plan of what would change, then only
// the items ticked; a member changed in the console since the last load is replaced only when asked.
//
// The content is the content/ folder the server was built with, as the local stack reads it; a deployed
// console (a Lambda bundle, without the folder) says so and points to `consulta load`.
import type { Content, ContentLoadItem, ContentLoadOutcome } from "../../core/content-load.ts";
import { applyContentLoad, memberFingerprint, planContentLoad } from "../../core/content-load.ts";
import type { ConsolePage, SignedInRequest } from "./page.ts";

/** content/ as built in, or undefined where this server has none (a Lambda) or cannot read it. */
const bundledContent = (r: SignedInRequest): Content | undefined => {
  try {
    return r.content?.();
  } catch {
    return undefined;
  }
};

/** Ticked by default: what can be applied as it stands. Console edits and conflicts wait for a person. */
const ticked = (item: ContentLoadItem) =>
  item.kind === "questionnaire" ? item.change === "new" : !item.editedSinceLoad;

/** A posted list of checkbox values, however the body parser shaped it (one value, a list, an object). */
const values = (raw: unknown): string[] =>
  typeof raw === "string" ? [raw] : raw && typeof raw === "object" ? Object.values(raw).map(String) : [];

const planPage = async (r: SignedInRequest, content: Content, outcome?: object, status = 200) => {
  const plan = await planContentLoad(r.ports, content);
  const stored = new Map((await r.ports.repository.listMembers()).map((m) => [m.code, m]));
  const changing = plan.items.filter((i) => i.change !== "unchanged");
  return r.render(
    "content-load",
    {
      available: true,
      lastLoadedAt: plan.lastLoadedAt,
      campaigns: plan.campaigns,
      unchanged: plan.items.length - changing.length,
      items: changing.map((item, i) => {
        const member = item.kind === "member" ? stored.get(item.id) : undefined;
        return {
          ...item,
          index: i,
          checked: ticked(item),
          conflicting: item.kind === "questionnaire" && item.change === "conflicting",
          changeText: r.ports.views.translate(r.lang, `console.content.change-${item.change}`),
          // What the page showed, so a member changed after it was shown is not replaced unseen.
          seen: member ? memberFingerprint(member) : "",
        };
      }),
      ...outcome,
    },
    status,
  );
};

export const contentLoadPage: ConsolePage = {
  answer: async (r) => {
    const content = bundledContent(r);
    if (!content) return r.render("content-load", { available: false });
    return planPage(r, content);
  },
};

export const applyContentLoadPage: ConsolePage = {
  answer: async (r) => {
    const content = bundledContent(r);
    if (!content) return r.render("content-load", { available: false }, 409);
    const overwrite = r.form.overwrite === "yes";
    const confirm = values(r.form.confirm);
    const seen = (r.form.seen && typeof r.form.seen === "object" ? r.form.seen : {}) as Record<
      string,
      unknown
    >;
    // A member whose stored state is no longer the one shown is refused here, before the load reads it.
    const stored = new Map((await r.ports.repository.listMembers()).map((m) => [m.code, m]));
    const changedMeanwhile = confirm.filter((id) => {
      const shown = seen[id];
      const now = stored.get(id);
      return typeof shown === "string" && (now ? memberFingerprint(now) : "") !== shown;
    });
    const outcome: ContentLoadOutcome = confirm.length
      ? await applyContentLoad(r.ports, content, {
          confirm: confirm.filter((id) => !changedMeanwhile.includes(id)),
          overwrite,
          by: r.session.email,
        })
      : { applied: [], refused: [], notConfirmed: [] };
    // Questionnaires are named id@version: one is refused for holding other content, a member for console edits.
    const refusedText = (id: string) =>
      r.ports.views.translate(
        r.lang,
        id.includes("@") ? "console.content.refused-conflicting" : "console.content.refused-edited",
        { id },
      );
    return planPage(r, content, {
      result: {
        applied: outcome.applied,
        refused: [
          ...outcome.refused.map((x) => refusedText(x.id)),
          ...changedMeanwhile.map((id) =>
            r.ports.views.translate(r.lang, "console.content.refused-meanwhile", { id }),
          ),
        ],
        nothing: !confirm.length,
      },
    });
  },
};
