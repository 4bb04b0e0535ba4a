/**
 * The parts of the emulated PC that the hardware layer drives, as structural types: the
 * emulator's `Machine` satisfies them, and so does a test rig built from a bare
 * `PhysicalMemory`, `IoBus` and `Cpu`.
 */
import type { IoBus, PhysicalMemory } from "@native-kit/emulator";

/**
 * The CPU state a trap handler and the boot code touch. Matches the emulator's `Cpu`.
 */
export interface X86Cpu {
  /** EAX ECX EDX EBX ESP EBP ESI EDI, in encoding order. */
  readonly regs: Int32Array;
  /** The instruction pointer (offset in CS). */
  eip: number;
  /** True while the CPU sits in `hlt`. */
  halted: boolean;
  /** Control register 0 (PE, WP, PG…). */
  readonly cr0: number;
  /** The faulting linear address of the last page fault. */
  readonly cr2: number;
  /** The page-directory base. */
  readonly cr3: number;
  /** Reads EFLAGS. */
  getEflags(): number;
  /** Writes EFLAGS. */
  setEflags(value: number): void;
  /** Loads CR3 as `mov cr3` does (flushing the TLB). */
  setCr3(value: number): void;
  /** The current privilege level (0 or 3). */
  getCpl(): number;
  /** Switches to flat 32-bit ring-0 protected mode (the Multiboot entry state). */
  enterFlatProtectedMode?(): void;
  /** Runs up to `maxInstructions`; returns how many ran. */
  run(maxInstructions: number): number;
}

/**
 * A PC the hardware layer can drive: guest physical memory, the I/O port bus and the CPU.
 *
 * @example
 * ```ts
 * const machine: X86Machine = createMachine(); // the emulator's Machine fits
 * ```
 */
export interface X86Machine {
  /** Guest physical memory. */
  readonly memory: PhysicalMemory;
  /** The I/O port space. */
  readonly io: IoBus;
  /** The processor. */
  readonly cpu: X86Cpu;
}

/**
 * Machines that can also run on their own: the emulator's `Machine` run loop. The hardware
 * layer uses it only where it has to wait for the guest.
 */
export interface RunnableMachine extends X86Machine {
  /** Runs instructions (and device time) until `predicate` holds or the budget is spent. */
  runUntil?(predicate: () => boolean, options?: { maxInstructions?: number }): unknown;
}
