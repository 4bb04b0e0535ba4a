/**
 * The libc-like façade for code running inside the kernel: `printf` and `write` make real
 * system calls through the same dispatcher that `int 0x80` reaches, bound to the
 * `SysCalls` component of the running system.
 */
import type { SyscallArgs } from "../dispatcher.js";
import { NR } from "../syscall-numbers.js";
import { formatPrintf, type PrintfArg } from "./format.js";

/** What the façade needs from the system-call component. */
export interface KernelSyscalls {
  /** Makes a system call on behalf of kernel code. */
  callFromKernel(nr: number, args: Partial<SyscallArgs>, data?: Uint8Array): number;
}

let current: KernelSyscalls | null = null;

/**
 * Binds the façade to `syscalls` (done by `SysCalls` at init), or unbinds it with `null`
 * — only if `owner` is still the one bound, so an old system shutting down does not
 * unbind a newer one.
 */
export function setKernelSyscalls(syscalls: KernelSyscalls | null, owner?: KernelSyscalls): void {
  if (syscalls === null && owner !== undefined && current !== owner) return;
  current = syscalls;
}

function syscalls(): KernelSyscalls {
  if (!current)
    throw new Error("no SysCalls component is running: install SysCalls and boot the system");
  return current;
}

/**
 * `write(fd, data)` from kernel code: returns the bytes written or a negative errno.
 *
 * @example
 * ```ts
 * write(1, "plain text\n");
 * ```
 */
export function write(fd: number, data: string | Uint8Array): number {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  return syscalls().callFromKernel(NR.write, [fd, 0, bytes.length], bytes);
}

/**
 * Formats like C's `printf` and writes the result to fd 1 through the `write` system call.
 * Returns the bytes written, or a negative errno.
 *
 * @example
 * ```ts
 * printf("Hello World: using the syscall write\n");
 * printf("%s has %d frames free\n", "memory", 7936);
 * ```
 */
export function printf(format: string, ...args: PrintfArg[]): number {
  return write(1, formatPrintf(format, args));
}
