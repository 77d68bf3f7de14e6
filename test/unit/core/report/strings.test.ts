import { describe, expect, it } from "vitest";
import { formatDateTime, formatMoney, formatNumber } from "../../../../functions/core/format.ts";
import { LANGUAGES } from "../../../../functions/core/languages.ts";
import { formatters } from "../../../../functions/core/report/strings.ts";

describe("the report's formatters, each built once", () => {
  it("write dates, numbers and money exactly as format.ts does, in every language", () => {
    for (const lang of LANGUAGES) {
      for (const zone of ["America/New_York", "America/Lima", "UTC"]) {
        const f = formatters(lang, zone);
        for (const iso of ["2026-03-01T15:30:00.000Z", "2026-07-14T02:05:59.999Z"])
          expect(f.dateTime(iso), `${lang} ${zone} ${iso}`).toBe(formatDateTime(iso, lang, zone));
        for (const n of [0, 1, 2.25, 5.55, 1234.5678, -3.14159, 1e7]) {
          expect(f.number(n), `${lang} ${n}`).toBe(formatNumber(n, lang));
          for (const digits of [0, 2]) expect(f.number(n, digits)).toBe(formatNumber(n, lang, digits));
          for (const currency of ["USD", "EUR", "BRL"])
            expect(f.money(n, currency)).toBe(formatMoney(n, currency, lang));
        }
      }
    }
  });
});
