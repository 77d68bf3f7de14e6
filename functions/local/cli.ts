#!/usr/bin/env node
// The consulta command: run the local stack or the demo, and drive a campaign through the admin API
// (of the running `npm start` if there is one, else of a stack started for the one command).
import { configValue } from "../config.ts";
import type { Campaign } from "../core/campaign.ts";
import type { Invitation } from "../core/invitations.ts";
import { sendDueReminders } from "../core/reminders.ts";
import { ContentError } from "./content.ts";
import { adminClient, loadContent, runDemo, type AdminClient } from "./demo.ts";
import { startLocalStack, type LocalStack } from "./stack.ts";

const USAGE = `Usage: consulta <command> [arguments]

  serve                         run the local stack (PORT, default 3000) until Ctrl-C; data in .local/
  demo                          run the whole cycle once and print where the report is
  load                          load content/ (member directory, questionnaire) into the database
  campaigns                     list the campaigns
  send CAMPAIGN                 invite every invited contact not yet invited
  delivery CAMPAIGN             each contact's delivery state
  remind CAMPAIGN               remind now: members who have not submitted
  compile CAMPAIGN [es|en]      compile the Inputs report
  replace-link CAMPAIGN MEMBER CONTACT   send a new link; the old one stops working
  revoke-link CAMPAIGN MEMBER CONTACT    the contact's links stop working
  bounce CAMPAIGN MEMBER CONTACT         record a permanent bounce (as SES would)
`;

const REMINDER_CHECK_MS = 60_000;

const startOnFreePortIfBusy = async (port: number): Promise<LocalStack> => {
  try {
    return await startLocalStack({ port });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE") throw error;
    console.log(`Port ${port} is busy; using a free one.`);
    return startLocalStack({ port: 0 });
  }
};

/** The admin API of the running local server, or of a stack started just for this command. */
const withAdminApi = async <T>(port: number, use: (api: AdminClient) => Promise<T>): Promise<T> => {
  const running = { url: `http://127.0.0.1:${port}`, adminToken: "" };
  try {
    const { readFileSync } = await import("node:fs");
    running.adminToken = readFileSync(".local/admin-token", "utf8").trim();
    const probe = await fetch(`${running.url}/api/campaigns`, {
      headers: { authorization: `Bearer ${running.adminToken}` },
    });
    if (probe.ok) return await use(adminClient(running));
  } catch {
    // no server running here: start one below
  }
  const stack = await startLocalStack({ port: 0 });
  try {
    return await use(adminClient(stack));
  } finally {
    await stack.close();
  }
};

const need = (args: string[], count: number) => {
  if (args.length < count) throw new ContentError(USAGE);
  return args as [string, string, string];
};

const main = async (command: string | undefined, args: string[]): Promise<number> => {
  const port = Number.parseInt(configValue("PORT") ?? "3000", 10);
  const print = (value: unknown) => console.log(JSON.stringify(value, null, 2));
  switch (command) {
    case "demo": {
      const started = Date.now();
      const stack = await startOnFreePortIfBusy(port);
      try {
        await runDemo(stack);
      } finally {
        await stack.close();
      }
      console.log(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
      return 0;
    }
    case "serve": {
      const stack = await startLocalStack({ port });
      await loadContent(adminClient(stack));
      // Locally this timer stands in for the EventBridge schedule that runs send-reminders in AWS.
      const reminders = setInterval(() => {
        sendDueReminders(stack.ports).catch((error: unknown) => console.error("reminders:", error));
      }, REMINDER_CHECK_MS);
      console.log(`Consulta is running at ${stack.url}`);
      console.log(`Admin API token (Authorization: Bearer …) is in ${stack.paths.root}/admin-token`);
      console.log(`Outbox: ${stack.paths.outbox}   Reports: ${stack.paths.blobs}/reports`);
      await new Promise<void>((resolve) => process.once("SIGINT", () => resolve()));
      clearInterval(reminders);
      await stack.close();
      return 0;
    }
    case "load":
      print(await withAdminApi(port, loadContent));
      return 0;
    case "campaigns":
      await withAdminApi(port, async (api) => {
        const { campaigns } = await api<{ campaigns: Campaign[] }>("GET", "/api/campaigns");
        for (const c of campaigns)
          console.log(
            `${c.id}  ${c.status}  closes ${c.closesAt}  ${c.invited.length} invited  ${c.title.en}`,
          );
      });
      return 0;
    case "send":
      print(await withAdminApi(port, (api) => api("POST", `/api/campaigns/${need(args, 1)[0]}/send`)));
      return 0;
    case "remind":
      print(await withAdminApi(port, (api) => api("POST", `/api/campaigns/${need(args, 1)[0]}/remind`)));
      return 0;
    case "compile":
      print(
        await withAdminApi(port, (api) =>
          api("POST", `/api/campaigns/${need(args, 1)[0]}/reports?lang=${args[1] ?? "es"}`),
        ),
      );
      return 0;
    case "delivery":
      await withAdminApi(port, async (api) => {
        const { invitations } = await api<{
          invitations: (Invitation & { emails: { kind: string; n: string; status: string }[] })[];
        }>("GET", `/api/campaigns/${need(args, 1)[0]}/invitations`);
        for (const inv of invitations) {
          const emails = inv.emails.map((e) => `${e.kind}:${e.n}:${e.status}`).join(" ");
          console.log(
            `${inv.memberCode.padEnd(7)} ${inv.contactId.padEnd(12)} ${inv.state.padEnd(10)} ${inv.email}  ${inv.failureReason ?? ""}  ${emails}`,
          );
        }
      });
      return 0;
    case "replace-link":
    case "revoke-link":
    case "bounce": {
      const [campaign, member, contact] = need(args, 3);
      const base = `/api/campaigns/${campaign}/invitations/${member}/${contact}`;
      print(
        await withAdminApi(port, (api) =>
          command === "bounce"
            ? api("POST", `${base}/events`, { type: "bounce", detail: "Recorded by hand" })
            : api("POST", `${base}/${command === "replace-link" ? "replace" : "revoke"}`),
        ),
      );
      return 0;
    }
    default:
      console.log(USAGE);
      return command ? 2 : 0;
  }
};

main(process.argv[2], process.argv.slice(3)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ContentError ? error.message : error);
    process.exit(1);
  },
);
