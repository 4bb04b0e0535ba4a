/**
 * `getpid()`: until processes exist, the only program is process 1.
 */
import type { SyscallArgs, SyscallContext } from "../dispatcher.js";

/** The body of `getpid`: 1 for the single user program, 0 for the kernel itself. */
export function sysGetpid(ctx: SyscallContext, _args: SyscallArgs): number {
  return ctx.fromKernel ? 0 : 1;
}
