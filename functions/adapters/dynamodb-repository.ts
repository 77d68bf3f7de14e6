// The DynamoDB repository, one file per store under dynamodb/; this name is kept for its callers.
export { createDynamoRepository, ensureTable, type DynamoRepositoryOptions } from "./dynamodb/index.ts";
