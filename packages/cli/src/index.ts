/**
 * `@native-kit/cli`: the `native-kit` command.
 *
 * @packageDocumentation
 */

// main.ts
export { main } from "./main.js";

// commands/boot.ts
export { bootCommand } from "./commands/boot.js";
export type { BootStreams } from "./commands/boot.js";

// commands/boot-options.ts
export {
  parseBootOptions,
  parseMemorySize,
  UsageError,
  BOOT_USAGE,
} from "./commands/boot-options.js";
export type { BootOptions } from "./commands/boot-options.js";

// commands/exit-status.ts
export { BootExit } from "./commands/exit-status.js";
