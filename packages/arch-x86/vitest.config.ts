import { defineProject } from "vitest/config";

export default defineProject({
  resolve: { conditions: ["source"] },
  test: { name: "arch-x86", include: ["src/**/*.test.ts", "test/**/*.test.ts"] },
});
