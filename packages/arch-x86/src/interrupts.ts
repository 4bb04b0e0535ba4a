/**
 * Host-side interrupt dispatch: the hypercall port handler that the trap stubs call, the
 * per-vector handler table, and what happens to traps nobody handles.
 */
import type { PhysicalMemory } from "@native-kit/emulator";
import { Selector } from "./descriptors.js";
import { HYPERCALL_PORT } from "./layout.js";
import { CR0_PG, translate } from "./paging.js";
import { TrapCode } from "./trap-code.js";
import { TrapFrame } from "./trap-frame.js";
import type { X86Machine } from "./x86-machine.js";

/** A host function that services one vector. It may read and change the frame. */
export type TrapHandler = (frame: TrapFrame) => void;

/** Names of the CPU exception vectors 0–19, for messages. */
export const EXCEPTION_NAMES: readonly string[] = [
  "#DE divide error",
  "#DB debug",
  "NMI",
  "#BP breakpoint",
  "#OF overflow",
  "#BR bound range",
  "#UD invalid opcode",
  "#NM device not available",
  "#DF double fault",
  "coprocessor segment overrun",
  "#TS invalid TSS",
  "#NP segment not present",
  "#SS stack fault",
  "#GP general protection",
  "#PF page fault",
  "reserved",
  "#MF x87 error",
  "#AC alignment check",
  "#MC machine check",
  "#XM SIMD error",
];

/** A description of a trap, for logs: `#PF page fault (vector 14, error 0x5) at 0x8048000`. */
export function describeTrap(frame: TrapFrame): string {
  const v = frame.vector;
  const name = EXCEPTION_NAMES[v] ?? `interrupt 0x${v.toString(16)}`;
  const ring = frame.fromUser ? "ring 3" : "ring 0";
  return `${name} (vector ${v}, error 0x${frame.errorCode.toString(16)}) at ${ring} eip 0x${frame.eip.toString(16)}`;
}

/** A trap that ended the interrupted code because nobody handled it or its handler failed. */
export interface FatalTrap {
  /** The vector. */
  readonly vector: number;
  /** Where it happened. */
  readonly eip: number;
  /** True when ring-3 code was interrupted. */
  readonly fromUser: boolean;
  /** What went wrong. */
  readonly message: string;
}

/**
 * The interrupt table as the kernel sees it: `on(vector, handler)`.
 *
 * Every IDT gate leads to the hypercall port, where {@link Interrupts.dispatch} finds the
 * frame on the kernel stack and calls the handler synchronously, inside the CPU's `out`.
 * A trap with no handler, or whose handler throws, is fatal for the code it interrupted:
 * ring-3 code is abandoned and the CPU goes to the idle loop; ring-0 code halts on an
 * exception. The one exception to the rule is a failing handler of an interrupt (vector
 * 32 and up) that arrived while ring-0 code ran: that code did nothing wrong, so it
 * resumes. Either way the host keeps running and {@link Interrupts.fatal} says what
 * happened.
 *
 * @example
 * ```ts
 * const interrupts = platform.interrupts;
 * interrupts.on(14, (frame) => {
 *   console.log(`page fault at 0x${cpu.cr2.toString(16)}, error ${frame.errorCode}`);
 *   interrupts.resumeIdle(frame);
 * });
 * ```
 */
export class Interrupts {
  private readonly handlers: (TrapHandler | undefined)[] = new Array<TrapHandler | undefined>(256);
  private readonly counts = new Float64Array(256);
  private depth = 0;
  private attached = false;
  /** The most recent fatal trap, or `null`. */
  fatal: FatalTrap | null = null;
  /** Called for every fatal trap (after {@link Interrupts.fatal} is set); logs by default nothing. */
  onFatal: ((trap: FatalTrap) => void) | null = null;

  /** Creates the table for `machine`; call {@link Interrupts.attach} to take the hypercall port. */
  constructor(private readonly machine: X86Machine) {}

  /** Registers the hypercall port handler on the machine's I/O bus. */
  attach(): void {
    if (this.attached) return;
    this.machine.io.register(HYPERCALL_PORT, 1, {
      read: () => 0xff,
      write: () => this.dispatch(),
    });
    this.attached = true;
  }

  /** Releases the hypercall port. */
  detach(): void {
    if (!this.attached) return;
    this.machine.io.unregister(HYPERCALL_PORT, 1);
    this.attached = false;
  }

  /**
   * Makes `handler` service `vector`; returns a function that removes it.
   *
   * @throws when the vector already has a handler (one owner per vector keeps the kernel's
   * wiring explicit) or is not 0–255.
   */
  on(vector: number, handler: TrapHandler): () => void {
    if (!Number.isInteger(vector) || vector < 0 || vector > 255) {
      throw new RangeError(`interrupt vector must be 0..255, got ${vector}`);
    }
    if (this.handlers[vector])
      throw new Error(`vector 0x${vector.toString(16)} already has a handler`);
    this.handlers[vector] = handler;
    return () => {
      if (this.handlers[vector] === handler) this.handlers[vector] = undefined;
    };
  }

  /** True when `vector` has a handler. */
  has(vector: number): boolean {
    return this.handlers[vector] !== undefined;
  }

  /** How many times `vector` has been dispatched. */
  count(vector: number): number {
    return this.counts[vector] ?? 0;
  }

  /** True while a host handler runs (ring-3 entry is refused then: change the frame instead). */
  get inHandler(): boolean {
    return this.depth > 0;
  }

  /** The frame at the CPU's current stack pointer (what the hypercall sees). */
  currentFrame(): TrapFrame | null {
    const { cpu, memory } = this.machine;
    const esp = cpu.regs[4]! >>> 0;
    const physical = physicalAddress(memory, cpu.cr0, cpu.cr3, esp);
    return physical === null ? null : new TrapFrame(memory, physical, esp);
  }

  /** Called by the hypercall port: runs the handler of the trap whose frame is on the stack. */
  dispatch(): void {
    const frame = this.currentFrame();
    if (!frame) {
      this.recordFatal({
        vector: -1,
        eip: 0,
        fromUser: false,
        message: "trap frame is not mapped",
      });
      this.machine.cpu.halted = true;
      return;
    }
    const vector = frame.vector;
    this.counts[vector]!++;
    const handler = this.handlers[vector];
    if (!handler) {
      this.kill(frame, `unhandled ${describeTrap(frame)}`);
      return;
    }
    this.depth++;
    try {
      handler(frame);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      const message = `handler of ${describeTrap(frame)} failed: ${why}`;
      if (vector >= 32 && !frame.fromUser) {
        this.recordFatal({ vector, eip: frame.eip, fromUser: false, message });
      } else {
        this.kill(frame, message);
      }
    } finally {
      this.depth--;
    }
  }

  /**
   * Makes the trap return to the kernel's idle loop (ring 0, interrupts on) instead of to
   * the interrupted code: what an `exit` or a killed program leaves behind.
   */
  resumeIdle(frame: TrapFrame): void {
    returnToKernel(frame, TrapCode.idle, 0x202);
  }

  /** Makes the trap return to the halt loop: the CPU stops until reset. */
  resumeHalt(frame: TrapFrame): void {
    returnToKernel(frame, TrapCode.halt, 0x002);
  }

  private kill(frame: TrapFrame, message: string): void {
    const fromUser = frame.fromUser;
    this.recordFatal({ vector: frame.vector, eip: frame.eip, fromUser, message });
    if (fromUser) this.resumeIdle(frame);
    else this.resumeHalt(frame);
  }

  private recordFatal(trap: FatalTrap): void {
    this.fatal = trap;
    this.onFatal?.(trap);
  }
}

function returnToKernel(frame: TrapFrame, eip: number, eflags: number): void {
  frame.eip = eip;
  frame.cs = Selector.KernelCode;
  frame.eflags = eflags;
  frame.ds = frame.es = frame.fs = frame.gs = Selector.KernelData;
}

/** Translates a kernel linear address to physical, walking the page tables when paging is on. */
export function physicalAddress(
  memory: PhysicalMemory,
  cr0: number,
  cr3: number,
  linear: number,
): number | null {
  if ((cr0 & CR0_PG) === 0) return linear >>> 0;
  return translate(memory, cr3, linear)?.physical ?? null;
}
