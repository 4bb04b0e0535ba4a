/**
 * The SimpleKernel example: `bootSimpleKernel(machine)` is what `native-kit` calls to
 * start the default demo.
 *
 * @packageDocumentation
 */

// simple-kernel.ts
export { SimpleKernel, bootSimpleKernel, KERNEL_HELLO, USER_HELLO } from "./simple-kernel.js";

// user-program.ts
export { loadUserProgram, helloUserBinary, USER_CODE, USER_STACK_TOP } from "./user-program.js";
