// dynalite ships no types; this is the part of its API we use.
declare module "dynalite" {
  import type { Server } from "node:http";
  type Options = { path?: string; createTableMs?: number; deleteTableMs?: number; updateTableMs?: number };
  export default function dynalite(options?: Options): Server;
}
