// The DynamoDB stores keep the stores' contract, on dynalite: a fresh table for each test.
import { describe } from "vitest";
import { freshTable } from "../support/dynamo.ts";
import { everyStoreContract } from "./every-store.ts";

describe("DynamoDB (dynalite)", () => {
  everyStoreContract(async () => (await freshTable()).repository);
});
