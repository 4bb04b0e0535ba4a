import { defineProject } from "vitest/config";

export default defineProject({
  test: { name: "repo", include: ["*.test.mjs", "*.test.ts"] },
});
