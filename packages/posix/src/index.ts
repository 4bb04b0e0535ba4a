/**
 * `@native-kit/posix`: the Linux i386 system-call ABI for Native Kit kernels — the
 * `int 0x80` dispatcher and its table, the `SysCalls` component — and a small libc-like
 * façade (`printf`, `write`) for code running inside the kernel.
 *
 * @packageDocumentation
 */

// syscalls-component.ts
export { SysCalls, SysCallsKey, SYSCALL_VECTOR } from "./syscalls-component.js";
export type { SysCallsService, ExitEvent } from "./syscalls-component.js";

// dispatcher.ts
export { SyscallDispatcher } from "./dispatcher.js";
export type { SyscallContext, SyscallArgs, SyscallHandler, ByteSink } from "./dispatcher.js";

// syscall-table.ts
export { SYSCALL_TABLE } from "./syscall-table.js";

// syscall-numbers.ts
export { NR } from "./syscall-numbers.js";
export type { SyscallNumber } from "./syscall-numbers.js";

// errno.ts
export { Errno, ErrnoError } from "./errno.js";

// user-memory.ts
export { PagedUserMemory, KernelBuffer } from "./user-memory.js";
export type { UserMemory } from "./user-memory.js";

// syscalls/write.ts, syscalls/exit.ts, syscalls/getpid.ts
export { sysWrite, MAX_WRITE } from "./syscalls/write.js";
export { sysExit } from "./syscalls/exit.js";
export { sysGetpid } from "./syscalls/getpid.js";

// libc/kernel-libc.ts
export { printf, write, setKernelSyscalls } from "./libc/kernel-libc.js";
export type { KernelSyscalls } from "./libc/kernel-libc.js";

// libc/format.ts
export { formatPrintf } from "./libc/format.js";
export type { PrintfArg } from "./libc/format.js";
