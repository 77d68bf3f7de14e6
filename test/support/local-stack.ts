// A local stack for one suite: its own table on the shared dynalite, its own temporary folder.
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inject } from "vitest";
import type { Ports } from "../../functions/core/ports.ts";
import { startLocalStack, type LocalStack } from "../../functions/local/stack.ts";

export const testStack = async (
  ports: Partial<Ports> = {},
): Promise<LocalStack & { dispose(): Promise<void> }> => {
  const dir = mkdtempSync(join(tmpdir(), "consulta-test-"));
  const stack = await startLocalStack({
    dir,
    port: 0,
    dynamodbEndpoint: inject("dynamoEndpoint"),
    tableName: `test-${randomUUID()}`,
    ports,
  });
  return {
    ...stack,
    dispose: async () => {
      await stack.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

/** A clock a test can move. */
export const movableClock = (start = new Date()) => {
  let now = start.getTime();
  return { now: () => new Date(now), advance: (ms: number) => void (now += ms) };
};
