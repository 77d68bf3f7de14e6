// The CLI's counts read as English does: one member, two members, no members.
import { describe, expect, it } from "vitest";
import { agreeing, counted } from "../../../functions/local/cli/counts.ts";

describe("the CLI's counts", () => {
  it("puts the noun in the singular for one only", () => {
    expect([0, 1, 2, 34].map((n) => counted(n, "member"))).toEqual([
      "0 members",
      "1 member",
      "2 members",
      "34 members",
    ]);
    expect(counted(1, "submitted answer")).toBe("1 submitted answer");
    expect(counted(3, "reply", "replies")).toBe("3 replies");
    // A count the API left out is none, not "undefined".
    expect(counted(undefined, "invitation")).toBe("0 invitations");
    // And the verb after it agrees: "1 member has", "2 members have".
    expect([1, 2].map((n) => `${counted(n, "member")} ${agreeing(n, "has", "have")} not submitted`)).toEqual([
      "1 member has not submitted",
      "2 members have not submitted",
    ]);
  });
});
