#!/usr/bin/env node
// `pnpm check:packs`: packs every published @native-kit package as `pnpm pack` would for
// the registry, checks each tarball with publint and are-the-types-wrong, installs all of
// them into an empty scratch project and imports every export there, so a broken
// `exports` map or a missing file fails before a release does.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const pnpm = ["-y", "pnpm@12.4.2"];
const scratch = mkdtempSync(path.join(tmpdir(), "native-kit-packs-"));
const tarballs = path.join(scratch, "tarballs");
mkdirSync(tarballs);
const run = (cmd, args, cwd) =>
  execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

let failures = 0;
const packages = [];
for (const dir of readdirSync(path.join(root, "packages")).sort()) {
  const cwd = path.join(root, "packages", dir);
  const manifest = JSON.parse(readFileSync(path.join(cwd, "package.json"), "utf8"));
  if (manifest.private) continue;
  run("npx", [...pnpm, "pack", "--pack-destination", tarballs], cwd);
  const file = readdirSync(tarballs).find((f) =>
    f.startsWith(manifest.name.slice(1).replace("/", "-")),
  );
  if (!file) throw new Error(`pnpm pack produced no tarball for ${manifest.name}`);
  const tgz = path.join(tarballs, file);
  packages.push({ manifest, tgz });
  for (const [tool, args] of [
    ["publint", ["publint", tgz, "--strict"]],
    ["attw", ["attw", tgz, "--profile", "esm-only", "--format", "table-flipped"]],
  ]) {
    try {
      run("npx", args, root);
    } catch (error) {
      failures++;
      console.error(
        `✗ ${manifest.name}: ${tool} failed\n${error.stdout ?? ""}${error.stderr ?? ""}`,
      );
    }
  }
}

// Install every tarball together, as a user installing the kit from the registry would.
writeFileSync(
  path.join(scratch, "package.json"),
  JSON.stringify({ name: "scratch", private: true, type: "module" }),
);
run(
  "npm",
  ["install", "--no-audit", "--no-fund", "--offline", ...packages.map((p) => p.tgz)],
  scratch,
);

for (const { manifest } of packages) {
  for (const subpath of Object.keys(manifest.exports)) {
    if (subpath.endsWith("package.json")) continue;
    const specifier = subpath === "." ? manifest.name : `${manifest.name}/${subpath.slice(2)}`;
    const probe = `const m = await import(${JSON.stringify(specifier)}); console.log(Object.keys(m).length);`;
    try {
      const count = run("node", ["--input-type=module", "-e", probe], scratch).trim();
      console.log(`✓ ${specifier}: ${count} exports resolve from the installed tarball`);
    } catch (error) {
      failures++;
      console.error(`✗ ${specifier} does not import from the installed tarball\n${error.stderr}`);
    }
  }
}
// Each command a package installs must start and answer --help.
for (const { manifest } of packages) {
  for (const bin of Object.keys(manifest.bin ?? {})) {
    try {
      run(path.join(scratch, "node_modules", ".bin", bin), ["--help"], scratch);
      console.log(`✓ ${bin} --help runs from the installed tarball`);
    } catch (error) {
      failures++;
      console.error(`✗ ${bin} --help failed from the installed tarball\n${error.stderr}`);
    }
  }
}
rmSync(scratch, { recursive: true, force: true });
if (failures) {
  console.error(`${failures} package check(s) failed`);
  process.exit(1);
}
console.log(`all ${packages.length} packages pack, lint and install cleanly`);
