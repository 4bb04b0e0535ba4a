/**
 * The i386/i686 CPU interpreter's public face: power-on and Multiboot states, EFLAGS and
 * control-register access, the run loop with interrupt polling, and the x87 host. The
 * state and the memory fast paths are in `cpu-state.ts`; instruction semantics live
 * beside it (`execute.ts` for the one-byte map, `execute-0f.ts` for the 0F map, one file
 * per family); protected-mode machinery in `segments.ts`, `interrupts.ts`,
 * `far-transfer.ts`; the page walker in `mmu.ts`.
 */
import type { IoBus } from "../io/io-bus.js";
import type { PhysicalMemory } from "../memory/physical-memory.js";
import { Cr0, Eflags, SegReg, Vector } from "./constants.js";
import { arithFlags, FlagOp, materializeFlags } from "./flags.js";
import type { Fpu, FpuHost } from "./fpu-interface.js";
import { GUEST_FAULT } from "./guest-fault.js";
import type { InterruptLine } from "./interrupt-line.js";
import {
  deliverExternal,
  deliverInterrupt,
  deliverNmi,
  deliverPendingFault,
  InterruptKind,
} from "./interrupts.js";
import { execute } from "./execute.js";
import { CpuState } from "./cpu-state.js";
import { setSegmentReal } from "./segments.js";

/** Events the run loop delivers between instructions. */
const DeliveryKind = { External: 0, Nmi: 1, SingleStep: 2 } as const;

/** Instructions between two polls of the interrupt line while IF=1. */
const POLL_INTERVAL = 64;

/**
 * An i686-class CPU (integer unit, protected mode, paging, virtual-8086 mode) driving a
 * {@link PhysicalMemory} and an {@link IoBus}. The x87 is plugged in through {@link Cpu.fpu}.
 *
 * State is kept where the interpreter reads it fastest; the register file
 * ({@link Cpu.regs}, {@link Cpu.eip}) is always the source of truth, so I/O handlers and
 * hooks called from inside {@link Cpu.run} see and may change coherent state.
 *
 * @example
 * ```ts
 * const mem = new PhysicalMemory(16 << 20);
 * const cpu = new Cpu(mem, new IoBus());
 * cpu.reset();
 * cpu.enterFlatProtectedMode();
 * mem.load(0x1000, new Uint8Array([0x40, 0xf4])); // inc eax; hlt
 * cpu.eip = 0x1000;
 * cpu.run(100); // 2
 * ```
 */
export class Cpu extends CpuState implements FpuHost {
  /** True while in HLT; an interrupt or NMI wakes the CPU. */
  halted = false;
  /** The INTR line, polled when IF=1; set by the machine. */
  interruptLine: InterruptLine | null = null;
  /** The x87; null means no coprocessor (ESC raises `#NM`). */
  fpu: Fpu | null = null;
  /** Called when a triple fault occurs; the CPU then stops until reset. */
  onTripleFault: (() => void) | null = null;
  /** Instructions retired since reset. */
  instructionCount = 0;
  /** True after a triple fault until the next {@link Cpu.reset}. */
  shutdown = false;

  /** Nesting while delivering exceptions (for #DF and triple faults). */
  deliveryDepth = 0;
  /** Vector being delivered when another fault interrupts delivery, or -1. */
  deliveringVector = -1;
  /** A non-maskable interrupt is pending. */
  nmiPending = false;
  /** NMIs are blocked until the next iret. */
  nmiBlocked = false;
  /** Instruction count before which maskable interrupts stay blocked (sti / mov ss shadow). */
  interruptShadowEnd = 0;
  /** The instruction about to run began with TF=1 (a #DB trap follows it). */
  private stepArmed = false;

  private layoutVersion = -1;
  /** Creates a CPU wired to `memory` and `io`, in the power-on state. */
  constructor(memory: PhysicalMemory, io: IoBus) {
    super(memory, io);
    this.reset();
  }

  /** Power-on state: real mode, CS=F000 with base FFFF0000, EIP=FFF0, EDX = CPU signature. */
  reset(): void {
    this.regs.fill(0);
    this.regs[2] = 0x633;
    this.eip = 0xfff0;
    this.flags = 2;
    this.flagOp = FlagOp.None;
    this.cr0 = Cr0.ET | Cr0.CD | Cr0.NW;
    this.cr2 = this.cr3 = this.cr4 = 0;
    this.dr.fill(0);
    this.dr[6] = 0xffff0ff0 | 0;
    this.dr[7] = 0x400;
    this.cpl = 0;
    // Forget protected-mode caches so the reset segments are 16-bit, 64 KiB.
    this.segAttr.fill(0);
    for (let s = 0; s < 6; s++) setSegmentReal(this, s, 0);
    this.segSel[SegReg.CS] = 0xf000;
    this.segBase[SegReg.CS] = 0xffff0000 | 0;
    this.csBase = this.segBase[SegReg.CS]!;
    this.gdtBase = 0;
    this.gdtLimit = 0xffff;
    this.idtBase = 0;
    this.idtLimit = 0x3ff;
    this.ldtSel = this.ldtBase = this.ldtLimit = 0;
    this.trSel = this.trBase = this.trLimit = this.trType = 0;
    this.halted = false;
    this.shutdown = false;
    this.nmiPending = false;
    this.nmiBlocked = false;
    this.deliveryDepth = 0;
    this.deliveringVector = -1;
    this.instructionCount = 0;
    this.interruptShadowEnd = 0;
    this.pollCountdown = 0;
    this.stepArmed = false;
    this.updateCplMasks();
    this.flushTlb();
    this.fpu?.reset();
  }

  enterFlatProtectedMode(): void {
    this.cr0 = (this.cr0 | Cr0.PE) & ~Cr0.PG;
    this.cpl = 0;
    this.flags &= ~(Eflags.VM | Eflags.IF);
    for (let s = 0; s < 6; s++) {
      const code = s === SegReg.CS;
      // Type: code execute/read accessed (0xB) or data read/write accessed (0x3); S, P, D/B, G.
      this.setSegmentCache(s, code ? 0x08 : 0x10, 0, 0xffffffff, (code ? 0x9b : 0x93) | 0xc000);
    }
    this.updateCplMasks();
    this.flushTlb();
  }

  /** EFLAGS with the lazy arithmetic flags folded in. */
  getEflags(): number {
    return (this.flags & ~0x8d5) | arithFlags(this) | 2;
  }

  /** Sets every EFLAGS bit (no privilege checks; for hosts and tests). */
  setEflags(value: number): void {
    this.flags = (value & 0x3f7fd7) | 2;
    this.flagOp = FlagOp.None;
    this.updateCplMasks();
    this.pollCountdown = 0;
  }

  /** The current privilege level (3 in virtual-8086 mode). */
  getCpl(): number {
    return this.cpl;
  }

  /** True in protected mode (CR0.PE) outside virtual-8086 mode. */
  isProtectedMode(): boolean {
    return (this.cr0 & Cr0.PE) !== 0 && (this.flags & Eflags.VM) === 0;
  }

  /** Selector of segment register `seg` (a `SegReg`). */
  getSegmentSelector(seg: number): number {
    return this.segSel[seg]!;
  }

  /** Hidden base of segment register `seg` (unsigned). */
  getSegmentBase(seg: number): number {
    return this.segBase[seg]! >>> 0;
  }

  /** CS selector. */
  get cs(): number {
    return this.segSel[SegReg.CS]!;
  }
  /** SS selector. */
  get ss(): number {
    return this.segSel[SegReg.SS]!;
  }
  /** DS selector. */
  get ds(): number {
    return this.segSel[SegReg.DS]!;
  }
  /** ES selector. */
  get es(): number {
    return this.segSel[SegReg.ES]!;
  }
  /** FS selector. */
  get fs(): number {
    return this.segSel[SegReg.FS]!;
  }
  /** GS selector. */
  get gs(): number {
    return this.segSel[SegReg.GS]!;
  }

  /** As `mov cr3, value`: sets the page directory base and flushes the TLB. */
  setCr3(value: number): void {
    this.cr3 = value | 0;
    this.flushTlb();
  }

  /** Requests a non-maskable interrupt (delivered at the next instruction boundary). */
  raiseNmi(): void {
    this.nmiPending = true;
    this.pollCountdown = 0;
  }

  // ---- run loop ----------------------------------------------------------------------

  run(maxInstructions: number): number {
    if (this.shutdown) return 0;
    if (this.layoutVersion !== this.memory.layoutVersion) {
      this.layoutVersion = this.memory.layoutVersion;
      this.flushTlb();
    }
    let done = 0;
    this.resetDecoder();
    if (this.halted && !this.pollInterrupts()) return 0;
    while (done < maxInstructions) {
      try {
        while (done < maxInstructions) {
          // One countdown serves every per-instruction event: interrupt polls, and `hlt`
          // or a triple fault, which zero it, so the hot path tests a single field.
          if (--this.pollCountdown <= 0) {
            if (this.halted) return done;
            this.pollCountdown = POLL_INTERVAL;
            // After a CS load (which zeroes the countdown) the default sizes change.
            this.resetDecoder();
            if (this.pollInterrupts()) {
              done++;
              continue;
            }
          }
          this.startEip = this.eip;
          execute(this);
          this.instructionCount++;
          done++;
        }
      } catch (e) {
        if (e !== GUEST_FAULT) {
          this.eip = this.startEip;
          this.resetDecoder();
          throw e;
        }
        this.eip = this.startEip;
        this.resetDecoder();
        done++;
        // A faulting instruction does not retire, so no single-step trap follows it.
        this.stepArmed = false;
        deliverPendingFault(this);
        if (this.shutdown) return done;
      }
    }
    return done;
  }

  /** Delivers a pending single-step trap, NMI or maskable interrupt; true if one was delivered. */
  private pollInterrupts(): boolean {
    if (this.stepArmed) {
      // The instruction that just retired began with TF=1: a single-step #DB trap.
      this.stepArmed = false;
      this.dr[6] = this.dr[6]! | 0x4000; // DR6.BS
      this.runDelivery(Vector.DB, DeliveryKind.SingleStep);
      return true;
    }
    if (this.pollEvents()) return true;
    if (this.flags & Eflags.TF) {
      // Poll after every instruction while single-stepping.
      this.stepArmed = true;
      this.pollCountdown = 1;
    }
    return false;
  }

  /** Delivers a pending NMI or maskable interrupt; true if one was delivered. */
  private pollEvents(): boolean {
    if (this.nmiPending && !this.nmiBlocked) {
      this.nmiPending = false;
      this.halted = false;
      this.runDelivery(Vector.NMI, DeliveryKind.Nmi);
      return true;
    }
    const line = this.interruptLine;
    if ((this.flags & Eflags.IF) === 0 || line === null) return false;
    if (this.instructionCount < this.interruptShadowEnd) {
      this.pollCountdown = 1;
      return false;
    }
    if (!line.hasInterrupt()) return false;
    this.halted = false;
    const vector = line.acknowledge() & 0xff;
    this.runDelivery(vector, DeliveryKind.External);
    return true;
  }

  /**
   * Delivers an event between instructions (a `DeliveryKind`); a fault during delivery is
   * delivered in its place.
   */
  private runDelivery(vector: number, kind: number): void {
    this.startEip = this.eip;
    try {
      if (kind === DeliveryKind.Nmi) deliverNmi(this);
      else if (kind === DeliveryKind.SingleStep) {
        deliverInterrupt(this, vector, InterruptKind.Exception, -1);
      } else deliverExternal(this, vector);
    } catch (e) {
      if (e !== GUEST_FAULT) throw e;
      this.eip = this.startEip;
      this.stepArmed = false;
      deliverPendingFault(this);
    }
  }

  /** Makes the next instruction boundary poll for interrupts (after IF was set). */
  requestInterruptPoll(shadow: boolean): void {
    if (shadow) this.interruptShadowEnd = this.instructionCount + 2;
    this.pollCountdown = 0;
  }

  /** Enters the halt state (`hlt`): {@link Cpu.run} returns at the next instruction boundary. */
  halt(): void {
    this.halted = true;
    this.pollCountdown = 0;
  }

  /** Stops the CPU after a triple fault and tells the host. */
  tripleFault(): void {
    this.shutdown = true;
    this.halt();
    this.onTripleFault?.();
  }

  // ---- FpuHost -----------------------------------------------------------------------

  /** {@inheritDoc FpuHost.readU8} */
  readU8(linear: number): number {
    return this.readLin8(linear | 0);
  }
  /** {@inheritDoc FpuHost.readU16} */
  readU16(linear: number): number {
    return this.readLin16(linear | 0);
  }
  /** {@inheritDoc FpuHost.readU32} */
  readU32(linear: number): number {
    return this.readLin32(linear | 0) >>> 0;
  }
  /** {@inheritDoc FpuHost.writeU8} */
  writeU8(linear: number, value: number): void {
    this.writeLin8(linear | 0, value);
  }
  /** {@inheritDoc FpuHost.writeU16} */
  writeU16(linear: number, value: number): void {
    this.writeLin16(linear | 0, value);
  }
  /** {@inheritDoc FpuHost.writeU32} */
  writeU32(linear: number, value: number): void {
    this.writeLin32(linear | 0, value);
  }
  /** {@inheritDoc FpuHost.setAx} */
  setAx(value: number): void {
    this.regs16[0] = value;
  }
  /** {@inheritDoc FpuHost.setComiFlags} */
  setComiFlags(zf: boolean, pf: boolean, cf: boolean): void {
    materializeFlags(this);
    this.flags = (this.flags & ~0x8d5) | (zf ? 0x40 : 0) | (pf ? 4 : 0) | (cf ? 1 : 0);
  }
  /** Pending-x87-error hook for machines without CR0.NE (IRQ 13); null ignores it. */
  onFpuIrq: (() => void) | null = null;
  /** {@inheritDoc FpuHost.raiseFpuError} */
  raiseFpuError(): void {
    if (this.cr0 & Cr0.NE) this.raise(Vector.MF, -1);
    this.onFpuIrq?.();
  }
  /** {@inheritDoc FpuHost.raiseInvalidOpcode} */
  raiseInvalidOpcode(): void {
    this.raiseUd();
  }
}

/** Index into {@link Cpu.regs8} of 8-bit register `r` (AL CL DL BL AH CH DH BH). */
export function reg8Index(r: number): number {
  return ((r & 3) << 2) | (r >> 2);
}
