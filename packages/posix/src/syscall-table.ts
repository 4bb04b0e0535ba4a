/**
 * The system-call table as data: call number → body.
 */
import type { SyscallHandler } from "./dispatcher.js";
import { NR } from "./syscall-numbers.js";
import { sysExit } from "./syscalls/exit.js";
import { sysGetpid } from "./syscalls/getpid.js";
import { sysWrite } from "./syscalls/write.js";

/** The calls implemented so far. */
export const SYSCALL_TABLE: Readonly<Record<number, SyscallHandler>> = {
  [NR.exit]: sysExit,
  [NR.write]: sysWrite,
  [NR.getpid]: sysGetpid,
  [NR.exit_group]: sysExit,
};
