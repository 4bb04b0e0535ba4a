import { defineProject } from "vitest/config";

// Tests run in Vite's SSR environment, which takes its export conditions from
// `ssr.resolve`; without it workspace packages resolve to their (possibly stale) dist.
export default defineProject({
  resolve: { conditions: ["source"] },
  ssr: { resolve: { conditions: ["source"] } },
  test: { name: "example-hello-vga", include: ["src/**/*.test.ts"] },
});
