/**
 * `write(fd, buf, count)`: fds 1 and 2 go to the system's default output.
 */
import type { SyscallArgs, SyscallContext } from "../dispatcher.js";
import { Errno } from "../errno.js";

/** Linux caps one write at this many bytes (MAX_RW_COUNT). */
export const MAX_WRITE = 0x7ffff000;

/**
 * The body of `write`.
 *
 * @returns the number of bytes written, `-EBADF` for an fd with nowhere to go, `-EFAULT`
 * for a buffer the caller cannot read.
 */
export function sysWrite(ctx: SyscallContext, [fd, buf, count]: SyscallArgs): number {
  const sink = ctx.output(fd);
  if (!sink) return -Errno.EBADF;
  const n = Math.min(count >>> 0, MAX_WRITE);
  if (n === 0) return 0;
  sink.write(ctx.memory.read(buf, n));
  return n;
}
