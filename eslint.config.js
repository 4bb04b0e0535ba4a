// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import importTable from "./scripts/eslint-import-table.mjs";

export default tseslint.config(
  {
    ignores: [
      "**/dist/**",
      "**/node_modules/**",
      "docs/api/**",
      "coverage/**",
      "**/.turbo/**",
      "third_party/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { "native-kit": importTable },
    rules: {
      "native-kit/import-table": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
    },
  },
  {
    files: ["**/*.mjs", "**/*.js", "scripts/**"],
    languageOptions: { globals: { process: "readonly", console: "readonly" } },
  },
);
