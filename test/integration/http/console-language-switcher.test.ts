// Every console page's language switcher: three links to the same page in the other languages, on
// pages whose own content also lists languages (the Word downloads, a translation's target).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Campaign } from "../../../functions/core/campaign.ts";
import { LANGUAGES } from "../../../functions/core/languages.ts";
import { adminClient, loadContent } from "../../../functions/local/demo.ts";
import { consolePages, signInToConsole, type ConsoleSession } from "../../support/console-session.ts";
import { testStack } from "../../support/local-stack.ts";

let stack: Awaited<ReturnType<typeof testStack>>;
let console_: ConsoleSession;
let campaign: Campaign;

beforeAll(async () => {
  stack = await testStack();
  const api = adminClient(stack);
  await loadContent(api);
  campaign = await api<Campaign>("POST", "/api/campaigns", {
    questionnaireId: "iacml-planning",
    closesAt: new Date(Date.now() + 20 * 864e5).toISOString(),
  });
  console_ = await signInToConsole(stack);
}, 60_000);
afterAll(async () => stack?.dispose());

describe("the console's language switcher", () => {
  it("links every page to itself in the three other languages, whatever else the page lists", async () => {
    const broken: Record<string, string[]> = {};
    // A preview is the respondent's form as its people see it, with the form's own switcher.
    for (const path of consolePages(campaign.id).filter((p) => !p.endsWith("/preview"))) {
      const res = await console_.get(path);
      expect(res.status, path).toBe(200);
      const nav = /<nav class="languages"[^>]*>(.*?)<\/nav>/s.exec(await res.text())?.[1] ?? "";
      const links = [
        ...nav.matchAll(/<a href="([^"]*)" lang="([^"]*)" hreflang="([^"]*)">([^<]*)<\/a>/g),
      ].map(([, href, lang, hreflang, name]) => ({
        href: href!.replace(/&#x3D;/g, "=").replace(/&amp;/g, "&"),
        lang,
        hreflang,
        name,
      }));
      const problems = [
        ...(links.length === LANGUAGES.length - 1 ? [] : [`${links.length} links`]),
        ...links.flatMap((l) => {
          const url = new URL(l.href || "about:blank", stack.url);
          return url.pathname === path &&
            url.searchParams.get("lang") === l.lang &&
            l.lang === l.hreflang &&
            l.name
            ? []
            : [`${l.lang}: "${l.href}"`];
        }),
      ];
      if (problems.length) broken[path] = problems;
    }
    expect(broken).toEqual({});
  });
});
