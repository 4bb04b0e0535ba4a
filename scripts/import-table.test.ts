import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
import { allowedImports, scope } from "./import-table.mjs";

const root = path.resolve(import.meta.dirname, "..");

describe("the import table of DESIGN.md", () => {
  it("is what every package.json declares", () => {
    for (const dir of readdirSync(path.join(root, "packages"))) {
      const pkg = JSON.parse(
        readFileSync(path.join(root, "packages", dir, "package.json"), "utf8"),
      );
      const kitDeps = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies })
        .filter((d) => d.startsWith(scope))
        .map((d) => d.slice(scope.length));
      const allowed = allowedImports[dir as keyof typeof allowedImports];
      expect(allowed, `packages/${dir} is missing from the import table`).toBeDefined();
      for (const dep of kitDeps) {
        expect(allowed, `packages/${dir} depends on @native-kit/${dep}`).toContain(dep);
      }
    }
  });

  const eslint = new ESLint({ cwd: root });
  const lint = async (file: string, code: string) => {
    const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
    return result!.messages.filter((m) => m.ruleId === "native-kit/import-table");
  };

  it("fails lint for a wrong-way import by package name", async () => {
    const messages = await lint(
      "packages/fs/src/bad.ts",
      `import { Cpu } from "@native-kit/emulator";\nexport { Cpu };\n`,
    );
    expect(messages).toHaveLength(1);
    expect(messages[0]!.message).toBe(
      "@native-kit/fs may not import @native-kit/emulator (DESIGN.md import table allows: system)",
    );
  });

  it("fails lint for a relative path into another package's tree", async () => {
    const messages = await lint(
      "packages/system/src/bad.ts",
      `export * from "../../arch-x86/src/index.js";\n`,
    );
    expect(messages.map((m) => m.message)).toEqual([
      "@native-kit/system may not import @native-kit/arch-x86 (DESIGN.md import table allows: none)",
    ]);
  });

  it("accepts imports the table allows", async () => {
    expect(
      await lint(
        "packages/posix/src/ok.ts",
        `export * from "@native-kit/process";\nexport * from "./local.js";\n`,
      ),
    ).toEqual([]);
    expect(await lint("packages/cli/src/ok.ts", `export * from "@native-kit/emulator";\n`)).toEqual(
      [],
    );
  });
});
