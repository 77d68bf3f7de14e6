// A local server in a Node process of its own, for tests that measure what a request costs it: starts
// on the suite's dynalite with the default directory, prints one line naming its address and outbox,
// and serves until it is killed.
import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defaultDirectoryPath, readDirectoryFile } from "../../functions/local/content.ts";
import { startLocalStack } from "../../functions/local/stack.ts";

const READY = "SERVING "; // the line the tests wait for

const [dynamodbEndpoint] = process.argv.slice(2);
const stack = await startLocalStack({
  dir: mkdtempSync(join(tmpdir(), "consulta-import-")),
  port: 0,
  ...(dynamodbEndpoint ? { dynamodbEndpoint } : { inMemory: true }),
  tableName: `import-${randomUUID()}`,
});
await stack.ports.repository.putMembers(readDirectoryFile(defaultDirectoryPath).members);
process.stdout.write(`${READY}${JSON.stringify({ url: stack.url, outbox: stack.paths.outbox })}\n`);
