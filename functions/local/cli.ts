#!/usr/bin/env node
// The consulta command: run the local stack, the demo, or load content into the local database.
import { configWith } from "../config.ts";
import { ContentError } from "./content.ts";
import { adminClient, loadContent, runDemo } from "./demo.ts";
import { startLocalStack, type LocalStack } from "./stack.ts";

const USAGE = `Usage: consulta <command>

  serve    run the local stack (PORT, default 3000) until Ctrl-C; data in .local/
  demo     run the whole cycle once on the local stack and print where the report is
  load     load content/members.yaml and the questionnaire into the local database
`;

const startOnFreePortIfBusy = async (port: number): Promise<LocalStack> => {
  try {
    return await startLocalStack({ port });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE") throw error;
    console.log(`Port ${port} is busy; using a free one.`);
    return startLocalStack({ port: 0 });
  }
};

const main = async (command: string | undefined): Promise<number> => {
  const { port } = configWith({
    CONSULTA_ADAPTERS: "local",
    PUBLIC_BASE_URL: "http://127.0.0.1",
    ADMIN_API_TOKEN: "x".repeat(32),
  });
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
      console.log(`Consulta is running at ${stack.url}`);
      console.log(`Admin API token (Authorization: Bearer …) is in ${stack.paths.root}/admin-token`);
      console.log(`Outbox: ${stack.paths.outbox}   Reports: ${stack.paths.blobs}/reports`);
      await new Promise<void>((resolve) => process.once("SIGINT", () => resolve()));
      await stack.close();
      return 0;
    }
    case "load": {
      const stack = await startLocalStack({ port: 0 });
      try {
        const q = await loadContent(adminClient(stack));
        console.log(`Loaded the directory and questionnaire ${q.id} v${q.version}.`);
      } finally {
        await stack.close();
      }
      return 0;
    }
    default:
      console.log(USAGE);
      return command ? 2 : 0;
  }
};

main(process.argv[2]).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ContentError ? error.message : error);
    process.exit(1);
  },
);
