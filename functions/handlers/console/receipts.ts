// Checking a receipt code: which answer it names, and whether that answer is still as it was.
import { NotFound } from "../../core/errors.ts";
import { verifyReceipt } from "../../core/receipts.ts";
import type { ConsolePage } from "./page.ts";

export const receiptPage: ConsolePage = {
  answer: async (r) => {
    const code = typeof r.query.code === "string" ? r.query.code : "";
    if (!code) return r.render("receipt", {});
    try {
      const { version, intact, number, issues } = await verifyReceipt(r.ports, code);
      return r.render("receipt", { code, found: true, intact, version, number, issues });
    } catch (error) {
      if (error instanceof NotFound) return r.render("receipt", { code, found: false }, 404);
      throw error;
    }
  },
};
