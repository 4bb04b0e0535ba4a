import { defineProject } from "vitest/config";

export default defineProject({
  resolve: { conditions: ["source"] },
  test: { name: "fs", include: ["src/**/*.test.ts", "test/**/*.test.ts"] },
});
