/**
 * `@native-kit/cli`: the `native-kit` command.
 *
 * @packageDocumentation
 */

// main.ts
export { main } from "./main.js";
