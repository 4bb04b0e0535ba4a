import { defineProject } from "vitest/config";

// Tests run in Vite's SSR environment, which takes its export conditions from
// `ssr.resolve`; without it @native-kit/system resolves to its (possibly stale) dist.
export default defineProject({
  resolve: { conditions: ["source"] },
  ssr: { resolve: { conditions: ["source"] } },
  test: { name: "fs", include: ["src/**/*.test.ts", "test/**/*.test.ts"] },
});
