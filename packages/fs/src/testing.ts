/**
 * `@native-kit/fs/testing`: the conformance suite for `FileSystem` backends.
 *
 * @packageDocumentation
 */

// conformance.ts
export { fileSystemConformance } from "./conformance.js";
export type { ConformanceCase, ConformanceOptions } from "./conformance.js";
