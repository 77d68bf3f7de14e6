// Runs axe-core in a page and returns its WCAG 2.1 A/AA violations: those a person would be hurt by
// (serious, critical), or every one whatever its impact.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

type Violation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };

const violations = async (page: Page, keep: (v: Violation) => boolean): Promise<string[]> => {
  await page.evaluate(axeSource);
  const found = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(o: object): Promise<{ violations: Violation[] }> } })
      .axe;
    const result = await axe.run({
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    });
    return result.violations;
  });
  return found.filter(keep).map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} at ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(" "))
        .join(", ")}`,
  );
};

export const seriousViolations = (page: Page): Promise<string[]> =>
  violations(page, (v) => v.impact === "serious" || v.impact === "critical");

/** Every violation, minor and moderate ones too. */
export const allViolations = (page: Page): Promise<string[]> => violations(page, () => true);
