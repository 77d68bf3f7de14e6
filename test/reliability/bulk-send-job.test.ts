// 10,000 invitations sent through the job path of the local stack: the console's request answers at
// once, the job runs in chunks in the background, and its page shows how far it has got while it runs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Campaign } from "../../functions/core/campaign.ts";
import { deliverEmail } from "../../functions/core/deliver-email.ts";
import type { EmailJob } from "../../functions/core/invitations.ts";
import type { SignInJob } from "../../functions/core/ports.ts";
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { defaultQuestionnairePath } from "../../functions/local/content.ts";
import { adminClient } from "../../functions/local/demo.ts";
import { signInToConsole } from "../support/console-session.ts";
import { member } from "../support/factories.ts";
import { testStack } from "../support/local-stack.ts";

const MEMBERS = 10_000;
/** Three letters, as member codes are: AAA, AAB, … */
const codes = Array.from({ length: MEMBERS }, (_, i) =>
  [676, 26, 1].map((d) => String.fromCharCode(65 + (Math.floor(i / d) % 26))).join(""),
);
let stack: Awaited<ReturnType<typeof testStack>>;
/** The invitations' email jobs, kept here: delivering 10,000 to the outbox is the email worker's test. */
const queued: EmailJob[] = [];
/** Each repository method the stack called, and how often. */
const calls = new Map<string, number>();

beforeAll(async () => {
  stack = await testStack({
    queue: {
      enqueue: async (jobs: (EmailJob | SignInJob)[]) => {
        for (const job of jobs)
          if ("kind" in job && job.kind === "sign-in") await deliverEmail(stack.ports, job);
          else queued.push(job as EmailJob);
      },
    },
  });
  // The questionnaire, and a directory of 10,000 members only, each invited by default.
  await adminClient(stack)(
    "POST",
    "/api/questionnaires",
    parse(readFileSync(defaultQuestionnairePath, "utf8")),
  );
  await stack.ports.repository.putMembers(codes.map((code) => member(code)));
  const repository = stack.ports.repository as unknown as Record<string, unknown>;
  for (const [name, fn] of Object.entries(repository))
    if (typeof fn === "function")
      repository[name] = (...args: unknown[]) => {
        calls.set(name, (calls.get(name) ?? 0) + 1);
        return (fn as (...a: unknown[]) => unknown).apply(repository, args);
      };
}, 120_000);
afterAll(() => stack?.dispose());

describe("sending 10,000 invitations as a job", () => {
  it(
    "answers at once, shows its progress on a page that refreshes itself, and creates each invitation once",
    { timeout: 600_000 },
    async () => {
      const api = adminClient(stack);
      const campaign = await api<Campaign>("POST", "/api/campaigns", {
        questionnaireId: "iacml-planning",
        closesAt: new Date(Date.now() + 30 * 864e5).toISOString(),
      });
      expect(campaign.invited).toHaveLength(MEMBERS);
      const secretariat = await signInToConsole(stack);
      calls.clear();

      const started = Date.now();
      const pressed = await secretariat.post(`/console/campaigns/${campaign.id}/send`, {});
      expect(pressed.status).toBe(303);
      const jobPath = pressed.headers.get("location") ?? "";
      expect(jobPath).toMatch(/^\/console\/jobs\/[\w-]+$/);
      const answeredIn = Date.now() - started;

      // The page, read as a browser would while it refreshes itself, until the job is done.
      const pages: string[] = [];
      for (;;) {
        const page = await (await secretariat.get(jobPath)).text();
        pages.push(page);
        if (!page.includes('http-equiv="refresh"')) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      const seconds = (Date.now() - started) / 1000;

      const midway = pages
        .map((p) => /([\d,]+) of 10,000 contacts/.exec(p)?.[1])
        .filter((done): done is string => done !== undefined)
        .map((done) => Number(done.replace(/,/g, "")))
        .filter((done) => done > 0 && done < MEMBERS);
      expect(midway.length).toBeGreaterThan(0);
      expect(pages.slice(0, -1).every((p) => p.includes('<meta http-equiv="refresh" content="2">'))).toBe(
        true,
      );
      const last = pages.at(-1)!;
      expect(last).toContain("Done.");
      expect(last).toContain("10,000 invitations created and 10,000 emails queued for 10,000 contacts");

      const invitations = await stack.ports.repository.listInvitations(campaign.id);
      expect(invitations).toHaveLength(MEMBERS);
      expect(new Set(queued.map((j) => j.memberCode)).size).toBe(MEMBERS);
      expect(queued).toHaveLength(MEMBERS);

      console.log(
        JSON.stringify({
          invitations: MEMBERS,
          answeredInMs: answeredIn,
          seconds,
          pagesRead: pages.length,
          progressSeen: midway,
          repositoryCalls: Object.fromEntries([...calls].sort()),
        }),
      );
    },
  );
});
