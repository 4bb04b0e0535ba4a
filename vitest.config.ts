import { defineConfig } from "vitest/config";

/** One vitest run over every workspace package: `pnpm test`. */
export default defineConfig({
  test: {
    projects: ["packages/*", "examples/*", "scripts"],
  },
});
