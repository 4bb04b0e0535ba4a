// The import table of DESIGN.md as data: which @native-kit packages each package may
// import. ESLint enforces it on source (eslint.config.js), and a test checks that every
// package.json declares only allowed dependencies (import-table.test.ts).

/** Package directory name → the package directory names it may import. */
export const allowedImports = {
  emulator: [],
  system: [],
  "arch-x86": ["emulator", "system"],
  memory: ["arch-x86", "system"],
  fs: ["system"],
  process: ["memory", "arch-x86", "fs", "system"],
  posix: ["process", "memory", "fs", "arch-x86", "system"],
  cli: ["emulator", "system", "arch-x86", "memory", "fs", "process", "posix"],
};

/** The npm scope every kit package is published under. */
export const scope = "@native-kit/";
