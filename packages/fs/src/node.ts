/**
 * `@native-kit/fs/node`: the parts of the package that need Node's `node:fs`.
 *
 * @packageDocumentation
 */

// hostfs.ts
export { HostFs } from "./hostfs.js";
export type { HostFsOptions } from "./hostfs.js";
