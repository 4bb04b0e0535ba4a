/**
 * `exit(status)` and `exit_group(status)`: end the caller.
 */
import type { SyscallArgs, SyscallContext } from "../dispatcher.js";

/** The body of `exit` and `exit_group`: the low 8 bits of the status are what a parent sees. */
export function sysExit(ctx: SyscallContext, [status]: SyscallArgs): number {
  ctx.exit(status & 0xff);
  return 0;
}
