import { describe, expect, it } from "vitest";
import { exportDirectory } from "../../../functions/core/directory-admin.ts";
import type { Repository } from "../../../functions/core/ports.ts";
import { readSpreadsheet } from "../../../functions/core/spreadsheet.ts";
import { member, text } from "../../support/factories.ts";
import { formulaCells } from "../../support/spreadsheet-cells.ts";

const hostile = member("ARG", {
  name: text("x;=1+1"),
  contacts: [
    {
      id: "focal-point",
      name: "abc;=cmd|' /C calc'!A0",
      email: "fp.arg@example.org",
      role: "a,-2+3;@SUM(A1)",
      revoked: false,
    },
  ],
});
const repository = { listMembers: async () => [hostile, member("BRA")] } as Partial<Repository> as Repository;

describe("exporting the directory as CSV", () => {
  it("gives no cell a formula whether the spreadsheet splits on commas or on semicolons", async () => {
    const { bytes } = await exportDirectory({ repository }, "csv");
    expect(formulaCells(new TextDecoder().decode(bytes))).toEqual([]);
  });

  it("reads back as the rows it was written from", async () => {
    const { bytes } = await exportDirectory({ repository }, "csv");
    const rows = await readSpreadsheet(bytes, "directory.csv");
    expect(rows).toHaveLength(3);
    expect(rows[1]).toEqual([
      "ARG",
      "x;=1+1",
      "government",
      "andean",
      "abc;=cmd|' /C calc'!A0",
      "fp.arg@example.org",
      "a,-2+3;@SUM(A1)",
      "es",
    ]);
  });
});
