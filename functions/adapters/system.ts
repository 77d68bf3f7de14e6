// The real clock and randomness.
import { randomBytes } from "node:crypto";
import type { Clock, Random } from "../core/ports.ts";

export const systemClock: Clock = { now: () => new Date() };

export const cryptoRandom: Random = {
  token: () => randomBytes(32).toString("base64url"),
  // Time-ordered so campaigns sort by creation; 48 random bits make collisions negligible.
  id: () =>
    `${Date.now().toString(36)}-${randomBytes(6).toString("base64url").replace(/[-_]/g, "x").toLowerCase()}`,
};
