/**
 * The system-call dispatcher: the table indexed by the i386 call number, argument
 * passing, and the single place where failures become `-errno`.
 */
import { Errno, ErrnoError } from "./errno.js";
import type { UserMemory } from "./user-memory.js";

/** Where the bytes of a file descriptor go. */
export interface ByteSink {
  /** Takes bytes as written. */
  write(bytes: Uint8Array): void;
}

/** Everything a system-call body may use. */
export interface SyscallContext {
  /** The caller's memory. */
  readonly memory: UserMemory;
  /** Where writes to `fd` go, or null when the fd is not open for writing. */
  output(fd: number): ByteSink | null;
  /** Ends the caller with `status`. */
  exit(status: number): void;
  /** True when the call came from kernel code rather than a ring-3 program. */
  readonly fromKernel: boolean;
}

/** The six argument registers EBX ECX EDX ESI EDI EBP, as unsigned numbers. */
export type SyscallArgs = readonly [number, number, number, number, number, number];

/** A system-call body: returns the value for EAX (negative errno on failure). */
export type SyscallHandler = (ctx: SyscallContext, args: SyscallArgs) => number;

/**
 * The table and the dispatch step.
 *
 * @example
 * ```ts
 * const d = new SyscallDispatcher({ [NR.write]: sysWrite, [NR.exit]: sysExit });
 * d.dispatch(NR.write, [1, 0, 5, 0, 0, 0], ctx); // 5
 * d.dispatch(999, [0, 0, 0, 0, 0, 0], ctx); // -38 (ENOSYS)
 * ```
 */
export class SyscallDispatcher {
  private readonly table = new Map<number, SyscallHandler>();
  private readonly counts = new Map<number, number>();

  /** Starts with `table`. */
  constructor(table: Readonly<Record<number, SyscallHandler>> = {}) {
    for (const [nr, handler] of Object.entries(table)) this.table.set(Number(nr), handler);
  }

  /** Adds or replaces the body of call `nr`. */
  register(nr: number, handler: SyscallHandler): void {
    this.table.set(nr, handler);
  }

  /** True when call `nr` has a body. */
  has(nr: number): boolean {
    return this.table.has(nr);
  }

  /** How many times call `nr` was made (unknown numbers included). */
  count(nr: number): number {
    return this.counts.get(nr) ?? 0;
  }

  /**
   * Runs call `nr`. Unknown numbers give `-ENOSYS`; an {@link ErrnoError} thrown by the
   * body gives `-errno`; any other exception is a kernel bug and propagates.
   */
  dispatch(nr: number, args: SyscallArgs, ctx: SyscallContext): number {
    this.counts.set(nr, (this.counts.get(nr) ?? 0) + 1);
    const handler = this.table.get(nr);
    if (!handler) return -Errno.ENOSYS;
    try {
      return handler(ctx, args);
    } catch (error) {
      if (error instanceof ErrnoError) return -error.errno;
      throw error;
    }
  }
}
