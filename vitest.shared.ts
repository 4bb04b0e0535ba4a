import { defineProject, type UserWorkspaceConfig } from "vitest/config";

/**
 * The vitest project of one workspace package. Workspace imports resolve through the
 * `source` export condition to the packages' TypeScript sources, so tests never run
 * against a stale `dist/`. Tests run in Vite's SSR environment, which takes its
 * conditions from `ssr.resolve`, hence both settings.
 */
export function packageProject(
  name: string,
  include: string[] = ["src/**/*.test.ts", "test/**/*.test.ts"],
): UserWorkspaceConfig {
  return defineProject({
    resolve: { conditions: ["source"] },
    ssr: { resolve: { conditions: ["source"] } },
    test: { name, include },
  });
}
