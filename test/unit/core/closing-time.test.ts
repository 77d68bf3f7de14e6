// A deadline typed as a day ends at 23:59 in the campaign's zone, with that day's offset.
import { describe, expect, it } from "vitest";
import { closingTimeOf, endOfDay } from "../../../functions/core/closing-time.ts";
import { BadRequest } from "../../../functions/core/errors.ts";

describe("endOfDay", () => {
  it("ends a winter day in New York at 23:59 EST (-05:00)", () => {
    expect(endOfDay("2027-01-15", "America/New_York")).toBe("2027-01-15T23:59:00-05:00");
    expect(new Date(endOfDay("2027-01-15", "America/New_York")).toISOString()).toBe(
      "2027-01-16T04:59:00.000Z",
    );
  });

  it("ends a summer day in New York at 23:59 EDT (-04:00), an hour before a fixed -05:00 would", () => {
    expect(endOfDay("2027-07-15", "America/New_York")).toBe("2027-07-15T23:59:00-04:00");
    expect(new Date(endOfDay("2027-07-15", "America/New_York")).toISOString()).toBe(
      "2027-07-16T03:59:00.000Z",
    );
  });

  it("uses the offset of the day itself on the days the clocks change", () => {
    // 2027: summer time starts on 14 March and ends on 7 November in New York.
    expect(endOfDay("2027-03-14", "America/New_York")).toBe("2027-03-14T23:59:00-04:00");
    expect(endOfDay("2027-11-07", "America/New_York")).toBe("2027-11-07T23:59:00-05:00");
  });

  it("keeps one offset all year where there is no summer time", () => {
    expect(endOfDay("2027-01-15", "America/Bogota")).toBe("2027-01-15T23:59:00-05:00");
    expect(endOfDay("2027-07-15", "America/Bogota")).toBe("2027-07-15T23:59:00-05:00");
    expect(endOfDay("2027-07-15", "UTC")).toBe("2027-07-15T23:59:00+00:00");
    expect(endOfDay("2027-07-15", "Asia/Kathmandu")).toBe("2027-07-15T23:59:00+05:45");
  });

  it("follows the southern summer (Santiago is -03:00 in January, -04:00 in July)", () => {
    expect(endOfDay("2027-01-15", "America/Santiago")).toBe("2027-01-15T23:59:00-03:00");
    expect(endOfDay("2027-07-15", "America/Santiago")).toBe("2027-07-15T23:59:00-04:00");
  });

  it("refuses what is not a day of the calendar, or not a zone", () => {
    for (const bad of ["2027-02-30", "2027-13-01", "15/07/2027", "2027-7-15", ""])
      expect(() => endOfDay(bad, "America/New_York"), bad).toThrow(BadRequest);
    expect(() => endOfDay("2027-07-15", "America/Atlantis")).toThrow(/IANA time zone/);
  });
});

describe("closingTimeOf", () => {
  it("turns a day into its end and leaves a full instant, or nonsense, for the schema to judge", () => {
    expect(closingTimeOf("2027-07-15", "America/New_York")).toBe("2027-07-15T23:59:00-04:00");
    expect(closingTimeOf("2027-07-15T12:00:00Z", "America/New_York")).toBe("2027-07-15T12:00:00Z");
    expect(closingTimeOf("soon", "America/New_York")).toBe("soon");
  });
});
