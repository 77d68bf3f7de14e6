// What loads on first use loads once, and a failed load is tried again by the next call.
import { describe, expect, it } from "vitest";
import { clientOf, onFirstUse } from "../../../functions/adapters/on-first-use.ts";

describe("loading on first use", () => {
  it("loads nothing until called, then once for every caller", async () => {
    let loads = 0;
    const module = onFirstUse(async () => ({ n: ++loads }));
    expect(loads).toBe(0);
    const [a, b] = await Promise.all([module(), module()]);
    expect(await module()).toBe(a);
    expect(b).toBe(a);
    expect(loads).toBe(1);
  });

  it("tries a failed load again on the next call, not for the container's life", async () => {
    let calls = 0;
    const module = onFirstUse(async () => {
      if (++calls === 1) throw new Error("throttled");
      return "loaded";
    });
    await expect(module()).rejects.toThrow("throttled");
    expect(await module()).toBe("loaded");
    expect(await module()).toBe("loaded");
    expect(calls).toBe(2);
  });

  it("takes a client as given, or makes it on first use", async () => {
    const given = { send: () => "given" };
    expect(await clientOf(given)).toBe(given);
    let made = 0;
    const later = onFirstUse(async () => ({ send: () => `made ${++made}` }));
    const client = await clientOf(later);
    expect(client).toBe(await clientOf(later));
    expect(made).toBe(0);
  });
});
