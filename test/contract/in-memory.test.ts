// The in-memory stores keep the stores' contract: what use cases' unit tests run against behaves as DynamoDB.
import { describe } from "vitest";
import { createInMemoryRepository } from "../../functions/adapters/in-memory/index.ts";
import { everyStoreContract } from "./every-store.ts";

describe("in memory", () => {
  // Small pages, so a campaign's latest submissions come over several.
  everyStoreContract(async () => createInMemoryRepository({ pageSize: 7 }));
});
