// Starts one in-memory dynalite for the whole run; each suite creates its own table on it.
import type { TestProject } from "vitest/node";
import { startDynalite } from "../functions/local/dynalite.ts";

declare module "vitest" {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}

export default async function setup(project: TestProject) {
  const dynamo = await startDynalite();
  project.provide("dynamoEndpoint", dynamo.endpoint);
  return () => dynamo.close();
}
