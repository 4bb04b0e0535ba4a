/**
 * Linux i386 system-call numbers (arch/x86/entry/syscalls/syscall_32.tbl) for the calls
 * the table implements.
 */

/** System-call numbers, as user code puts them in EAX before `int 0x80`. */
export const NR = {
  exit: 1,
  write: 4,
  getpid: 20,
  exit_group: 252,
} as const;
/** One of the {@link NR} values. */
export type SyscallNumber = (typeof NR)[keyof typeof NR];
