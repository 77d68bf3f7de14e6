// Test runner set-up: integration suites share one dynalite started in globalSetup.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Powertools writes through the global console (which tests can read) and still emits metrics.
    env: { POWERTOOLS_DEV: "true", POWERTOOLS_METRICS_DISABLED: "false" },
  },
});
