// Lint rules: typescript-eslint's recommended set, and no focused or skipped tests.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import vitest from "@vitest/eslint-plugin";

export default tseslint.config(
  { ignores: ["node_modules/", ".local/", "cdk.out/", "coverage/", "bench/out/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-properties": [
        "error",
        {
          object: "process",
          property: "env",
          message: "Read configuration through functions/config.ts only.",
        },
      ],
    },
  },
  {
    files: ["functions/config.ts", "test/**", "bench/**", "cdk/**"],
    rules: { "no-restricted-properties": "off" },
  },
  {
    // The form's optional script runs in the respondent's browser, old ones included.
    files: ["templates/web/assets/**/*.js"],
    languageOptions: {
      sourceType: "script",
      globals: {
        window: "readonly",
        document: "readonly",
        fetch: "readonly",
        FormData: "readonly",
        URLSearchParams: "readonly",
        setTimeout: "readonly",
        clearTimeout: "readonly",
        setInterval: "readonly",
      },
    },
  },
  {
    files: ["test/**"],
    plugins: { vitest },
    rules: {
      ...vitest.configs.recommended.rules,
      "vitest/no-focused-tests": "error",
      "vitest/no-disabled-tests": "error",
      "vitest/expect-expect": ["error", { assertFunctionNames: ["expect", "expect.poll"] }],
      "vitest/valid-expect": ["error", { maxArgs: 2 }],
    },
  },
);
