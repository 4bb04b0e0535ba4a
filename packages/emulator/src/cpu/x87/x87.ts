/**
 * The x87 floating-point unit of the emulated i686: decodes the ESC opcodes D8–DF the CPU
 * hands over and executes them on {@link X87State} with real 80-bit arithmetic.
 *
 * Exceptions follow the hardware: masked ones deliver the IEEE default result and set the
 * sticky flag; an unmasked one sets ES/B, leaves the destination unchanged for IE, DE and
 * ZE (OE and UE deliver the exponent-biased result to registers, nothing to memory), and
 * is reported through {@link FpuHost.raiseFpuError} at the next waiting instruction.
 */

import type { Fpu, FpuHost, FpuInstructionContext } from "../fpu-interface.js";
import { storeEnvironment, loadEnvironment, storeState, loadState } from "./environment.js";
import { MemFormat, readOperand } from "./memory-operands.js";
import { SW } from "./x87-state.js";
import { X87Transfer } from "./x87-transfer.js";

/** Memory operand format of the arithmetic group (reg field 0–7) for each opcode. */
const ARITH_FORMAT: Record<number, MemFormat> = {
  0xd8: MemFormat.Real32,
  0xda: MemFormat.Int32,
  0xdc: MemFormat.Real64,
  0xde: MemFormat.Int16,
};

/**
 * The x87 FPU. The CPU calls {@link X87.execute} for every D8–DF instruction.
 *
 * @example
 * const fpu = new X87();
 * fpu.reset();
 * fpu.execute(host, ctx); // ctx.opcode = 0xd9, ctx.modrm = 0xe8: fld1
 */
export class X87 extends X87Transfer implements Fpu {
  /**
   * The state after `fninit` (control word 0x037F, empty stack, no flags). `Cpu.reset()`
   * uses it rather than the hardware RESET state ({@link X87.powerOnState}) because the
   * programs a Native Kit kernel runs expect the masked state Linux gives every process.
   */
  reset(): void {
    this.init();
  }

  /**
   * The state after a hardware RESET (Intel SDM table 9-1): control word 0x0040 (every
   * exception unmasked, 24-bit precision), all registers +0 and tagged valid-zero.
   */
  powerOnState(): void {
    this.init();
    this.cw = 0x0040;
    this.se.fill(0);
    this.hi.fill(0);
    this.lo.fill(0);
    this.emptyMask = 0;
  }

  /** `fwait`: reports a pending unmasked exception. */
  wait(host: FpuHost): void {
    if ((this.sw & SW.ES) !== 0) host.raiseFpuError();
  }

  /** Executes one ESC instruction (see {@link Fpu.execute}). */
  execute(host: FpuHost, ctx: FpuInstructionContext): void {
    const op = ctx.opcode;
    const modrm = ctx.modrm;
    if (!isNoWait(op, modrm) && (this.sw & SW.ES) !== 0) {
      // With CR0.NE the host raises #MF, which does not return: the instruction faults
      // before executing. In the IRQ 13 (MS-DOS compatible) mode the host returns and the
      // instruction goes ahead, as the FERR# line is only an interrupt request.
      host.raiseFpuError();
    }
    if (modrm < 0xc0) this.executeMemory(host, ctx, op, (modrm >>> 3) & 7, ctx.linear);
    else this.executeRegister(host, ctx, op, modrm);
  }

  /** Records FIP/FCS/FOP (and FDP/FDS for memory forms) for a non-control instruction. */
  protected markInstruction(ctx: FpuInstructionContext): void {
    this.fip = ctx.eip;
    this.fcs = ctx.cs;
    this.fop = ((ctx.opcode & 7) << 8) | ctx.modrm;
    if (ctx.modrm < 0xc0) {
      this.fdp = ctx.dataOffset;
      this.fds = ctx.dataSelector;
    }
  }

  private executeMemory(
    host: FpuHost,
    ctx: FpuInstructionContext,
    op: number,
    reg: number,
    addr: number,
  ): void {
    const arithFormat = ARITH_FORMAT[op];
    if (arithFormat !== undefined) {
      const flags = readOperand(host, addr, arithFormat, this.b, false);
      this.markInstruction(ctx);
      this.arith(reg, this.b, 0, false, flags);
      return;
    }
    switch ((op << 3) | reg) {
      case (0xd9 << 3) | 0:
        return this.loadMemory(host, ctx, addr, MemFormat.Real32);
      case (0xd9 << 3) | 2:
      case (0xd9 << 3) | 3:
        this.markInstruction(ctx);
        return this.storeRealMemory(host, addr, false, reg === 3);
      case (0xd9 << 3) | 4:
        return loadEnvironment(this, host, addr, ctx.operandSize, ctx.realMode);
      case (0xd9 << 3) | 5:
        this.cw = controlWord(host.readU16(addr));
        this.updateErrorSummary();
        return;
      case (0xd9 << 3) | 6:
        storeEnvironment(this, host, addr, ctx.operandSize, ctx.realMode);
        this.cw |= 0x3f;
        this.updateErrorSummary();
        return;
      case (0xd9 << 3) | 7:
        return host.writeU16(addr, this.cw);
      case (0xdb << 3) | 0:
        return this.loadMemory(host, ctx, addr, MemFormat.Int32);
      case (0xdb << 3) | 2:
      case (0xdb << 3) | 3:
        this.markInstruction(ctx);
        return this.storeInteger(host, addr, 4, reg === 3);
      case (0xdb << 3) | 5:
        return this.loadMemory(host, ctx, addr, MemFormat.Real80);
      case (0xdb << 3) | 7:
        this.markInstruction(ctx);
        return this.storeReal80(host, addr);
      case (0xdd << 3) | 0:
        return this.loadMemory(host, ctx, addr, MemFormat.Real64);
      case (0xdd << 3) | 2:
      case (0xdd << 3) | 3:
        this.markInstruction(ctx);
        return this.storeRealMemory(host, addr, true, reg === 3);
      case (0xdd << 3) | 4:
        return loadState(this, host, addr, ctx.operandSize, ctx.realMode);
      case (0xdd << 3) | 6:
        storeState(this, host, addr, ctx.operandSize, ctx.realMode);
        this.init();
        return;
      case (0xdd << 3) | 7:
        return host.writeU16(addr, this.statusWord());
      case (0xdf << 3) | 0:
        return this.loadMemory(host, ctx, addr, MemFormat.Int16);
      case (0xdf << 3) | 2:
      case (0xdf << 3) | 3:
        this.markInstruction(ctx);
        return this.storeInteger(host, addr, 2, reg === 3);
      case (0xdf << 3) | 4:
        return this.loadMemory(host, ctx, addr, MemFormat.Bcd);
      case (0xdf << 3) | 5:
        return this.loadMemory(host, ctx, addr, MemFormat.Int64);
      case (0xdf << 3) | 6:
        this.markInstruction(ctx);
        return this.storeBcd(host, addr);
      case (0xdf << 3) | 7:
        this.markInstruction(ctx);
        return this.storeInteger(host, addr, 8, true);
      default:
        return host.raiseInvalidOpcode();
    }
  }

  private executeRegister(
    host: FpuHost,
    ctx: FpuInstructionContext,
    op: number,
    modrm: number,
  ): void {
    const reg = (modrm >>> 3) & 7;
    const i = modrm & 7;
    switch (op) {
      case 0xd8:
        this.markInstruction(ctx);
        return this.arithRegister(reg, i, 0, false);
      case 0xdc:
        this.markInstruction(ctx);
        return this.arithRegister(reg, i, i, false);
      case 0xde:
        if (reg === 3 && i !== 1) return host.raiseInvalidOpcode();
        this.markInstruction(ctx);
        if (reg === 3) return this.compareRegisters(1, false, 2);
        return this.arithRegister(reg, i, i, true);
      case 0xd9:
        return this.executeD9(host, ctx, modrm, reg, i);
      case 0xda:
        if (modrm === 0xe9) {
          this.markInstruction(ctx);
          return this.compareRegisters(1, true, 2);
        }
        if (reg > 3) return host.raiseInvalidOpcode();
        this.markInstruction(ctx);
        return this.conditionalMove(host, reg, i, false);
      case 0xdb:
        return this.executeDB(host, ctx, modrm, reg, i);
      case 0xdd:
        this.markInstruction(ctx);
        switch (reg) {
          case 0:
            this.free(i);
            this.sw &= ~SW.C1;
            return;
          case 1:
            return this.exchange(i);
          case 2:
          case 3:
            return this.storeRegister(i, reg === 3);
          case 4:
          case 5:
            return this.compareRegisters(i, true, reg === 5 ? 1 : 0);
          default:
            return host.raiseInvalidOpcode();
        }
      default:
        return this.executeDF(host, ctx, modrm, reg, i);
    }
  }

  private executeD9(
    host: FpuHost,
    ctx: FpuInstructionContext,
    modrm: number,
    reg: number,
    i: number,
  ): void {
    if (reg === 0) {
      this.markInstruction(ctx);
      return this.loadRegister(i);
    }
    if (reg === 1) {
      this.markInstruction(ctx);
      return this.exchange(i);
    }
    if (reg === 3) {
      this.markInstruction(ctx);
      return this.storeRegister(i, true);
    }
    if (modrm >= 0xe8 && modrm <= 0xee) {
      this.markInstruction(ctx);
      return this.loadConstant(modrm - 0xe8);
    }
    switch (modrm) {
      case 0xd0: // fnop
        this.markInstruction(ctx);
        return;
      case 0xe0:
      case 0xe1:
        this.markInstruction(ctx);
        return this.signOp(modrm === 0xe0);
      case 0xe4:
        this.markInstruction(ctx);
        return this.test();
      case 0xe5:
        this.markInstruction(ctx);
        return this.examine();
      case 0xf6:
      case 0xf7:
        this.markInstruction(ctx);
        this.top = (this.top + (modrm === 0xf7 ? 1 : -1)) & 7;
        this.sw &= ~SW.C1;
        return;
      default:
        if (modrm < 0xf0) return host.raiseInvalidOpcode();
        this.markInstruction(ctx);
        return this.executeFunction(modrm);
    }
  }

  private executeDB(
    host: FpuHost,
    ctx: FpuInstructionContext,
    modrm: number,
    reg: number,
    i: number,
  ): void {
    if (reg <= 3) {
      this.markInstruction(ctx);
      return this.conditionalMove(host, reg, i, true);
    }
    if (reg === 5 || reg === 6) {
      this.markInstruction(ctx);
      return this.compareToFlags(host, i, reg === 5);
    }
    switch (modrm) {
      case 0xe0: // feni, fdisi, fsetpm: 8087/287 controls, no-ops since the 387
      case 0xe1:
      case 0xe4:
        return;
      case 0xe2: // fnclex
        this.sw &= ~(SW.EXCEPTIONS | SW.SF | SW.ES | SW.B);
        return;
      case 0xe3:
        return this.init();
      default:
        return host.raiseInvalidOpcode();
    }
  }

  private executeDF(
    host: FpuHost,
    ctx: FpuInstructionContext,
    modrm: number,
    reg: number,
    i: number,
  ): void {
    if (modrm === 0xe0) return host.setAx(this.statusWord());
    switch (reg) {
      case 0: // ffreep (undocumented, P6)
        this.markInstruction(ctx);
        this.free(i);
        this.pop();
        return;
      case 1: // fxch alias
        this.markInstruction(ctx);
        return this.exchange(i);
      case 2:
      case 3: // fstp aliases
        this.markInstruction(ctx);
        return this.storeRegister(i, true);
      case 5:
      case 6:
        this.markInstruction(ctx);
        return this.compareToFlags(host, i, reg === 5, true);
      default:
        return host.raiseInvalidOpcode();
    }
  }
}

/** A control word as the x87 keeps it: reserved bits 6 (reads as 1), 7 and 13–15 (read as 0). */
export function controlWord(value: number): number {
  return (value & 0x1f3f) | 0x40;
}

/** The control instructions that do not check for pending exceptions (the `fn*` forms). */
function isNoWait(op: number, modrm: number): boolean {
  if (modrm < 0xc0) {
    const reg = (modrm >>> 3) & 7;
    return (op === 0xd9 && reg >= 6) || (op === 0xdd && reg >= 6);
  }
  return (op === 0xdb && modrm >= 0xe0 && modrm <= 0xe4) || (op === 0xdf && modrm === 0xe0);
}
