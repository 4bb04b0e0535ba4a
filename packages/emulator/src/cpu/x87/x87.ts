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
import { add, div, mul, sqrt } from "./arith80.js";
import { compare, compareFlags, Relation } from "./compare80.js";
import { storeEnvironment, loadEnvironment, storeState, loadState } from "./environment.js";
import { F80, Kind, classify, setIndefinite } from "./float80.js";
import { bcdDigits, I, roundToInteger, toBcdDigits } from "./integer80.js";
import { MemFormat, readOperand, writeBcd, writeInteger, writeReal80 } from "./memory-operands.js";
import { extract, Rem, remainder, roundInt, scale } from "./misc80.js";
import { storeReal, storedHi, storedLo } from "./real-formats.js";
import { Exc, RoundingMode } from "./round80.js";
import { arctan, OUT_OF_RANGE, trig, Trig, twoToXMinusOne, ylog2x } from "./transcendental.js";
import { SW, X87State } from "./x87-state.js";

/** Memory operand format of the arithmetic group (reg field 0–7) for each opcode. */
const ARITH_FORMAT: Record<number, MemFormat> = {
  0xd8: MemFormat.Real32,
  0xda: MemFormat.Int32,
  0xdc: MemFormat.Real64,
  0xde: MemFormat.Int16,
};

/**
 * The constants of `fld1`…`fldz` (D9 E8–EE): exponent, significand, and the 32 bits that
 * follow the significand, which decide rounding under the current rounding mode.
 */
const CONSTANTS: readonly (readonly [number, number, number, number])[] = [
  [0x3fff, 0x80000000, 0x00000000, 0], // fld1
  [0x4000, 0xd49a784b, 0xcd1b8afe, 0x492bf6ff], // fldl2t
  [0x3fff, 0xb8aa3b29, 0x5c17f0bb, 0xbe87fed0], // fldl2e
  [0x4000, 0xc90fdaa2, 0x2168c234, 0xc4c6628b], // fldpi
  [0x3ffd, 0x9a209a84, 0xfbcff798, 0x8f8959ac], // fldlg2
  [0x3ffe, 0xb17217f7, 0xd1cf79ab, 0xc9e3b398], // fldln2
  [0x0000, 0x00000000, 0x00000000, 0], // fldz
];

/** 10^18 as a 64-bit magnitude: the first value packed BCD cannot hold. */
const BCD_LIMIT_HI = 0x0de0b6b3;
const BCD_LIMIT_LO = 0xa7640000;

/** EFLAGS bits `fcmovcc` tests. */
const CF = 0x01;
const PF = 0x04;
const ZF = 0x40;

/**
 * The x87 FPU. The CPU calls {@link X87.execute} for every D8–DF instruction.
 *
 * @example
 * const fpu = new X87();
 * fpu.reset();
 * fpu.execute(host, ctx); // ctx.opcode = 0xd9, ctx.modrm = 0xe8: fld1
 */
export class X87 extends X87State implements Fpu {
  private readonly a = new F80();
  private readonly b = new F80();
  private readonly r = new F80();
  private readonly r2 = new F80();

  /** The state after `fninit` (control word 0x037F, empty stack, no flags). */
  reset(): void {
    this.init();
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
      // The instruction does not execute: the CPU delivers #MF (or IRQ 13) with EIP at it.
      host.raiseFpuError();
      return;
    }
    if (modrm < 0xc0) this.executeMemory(host, ctx, op, (modrm >>> 3) & 7, ctx.linear);
    else this.executeRegister(host, ctx, op, modrm);
  }

  /** Records FIP/FCS/FOP (and FDP/FDS for memory forms) for a non-control instruction. */
  private markInstruction(ctx: FpuInstructionContext): void {
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

  // --- arithmetic -----------------------------------------------------------------------

  /** Register forms of the arithmetic group: the other operand is ST(i). */
  private arithRegister(reg: number, i: number, dst: number, pop: boolean): void {
    if (reg === 2 || reg === 3) return this.compareRegisters(i, false, reg === 3 || pop ? 1 : 0);
    if (this.isEmpty(0) || this.isEmpty(i)) {
      if (this.underflow()) this.finish(dst, setIndefinite(this.r), pop);
      return;
    }
    this.read(i, this.b);
    this.arith(reg, this.b, dst, pop, 0);
  }

  /**
   * `ST(dst) ← ST(0) op other` for the arithmetic group's reg field: 0 add, 1 mul, 2 com,
   * 3 comp, 4 sub, 5 subr, 6 div, 7 divr (4–7 keep the ST(0)-first order of D8 for DC/DE,
   * whose destination is ST(i)). `extraFlags` carries the memory operand's conversion flags.
   */
  private arith(reg: number, other: F80, dst: number, pop: boolean, extraFlags: number): void {
    if (reg === 2 || reg === 3)
      return this.compareWith(other, false, reg === 3 ? 1 : 0, extraFlags);
    if (this.isEmpty(0)) {
      if (this.underflow()) this.finish(dst, setIndefinite(this.r), pop);
      return;
    }
    const x = this.read(0, this.a);
    const cw = this.cw;
    let flags: number;
    switch (reg) {
      case 0:
        flags = add(this.r, x, other, false, cw);
        break;
      case 1:
        flags = mul(this.r, x, other, cw);
        break;
      case 4:
        flags = add(this.r, x, other, true, cw);
        break;
      case 5:
        flags = add(this.r, other, x, true, cw);
        break;
      case 6:
        flags = div(this.r, x, other, cw);
        break;
      default:
        flags = div(this.r, other, x, cw);
        break;
    }
    if (!isNaNResult(x, other)) flags |= extraFlags;
    if (this.raise(stopAtDenormal(flags, cw))) return;
    this.finish(dst, this.r, pop);
  }

  /** Writes a result to ST(dst) and pops when asked. */
  private finish(dst: number, v: F80, pop: boolean): void {
    this.write(dst, v);
    if (pop) this.pop();
  }

  /** One-operand functions D9 F0–FF. */
  private executeFunction(modrm: number): void {
    switch (modrm) {
      case 0xf0:
        return this.unary((out, x) => twoToXMinusOne(out, x));
      case 0xf1:
        return this.binaryPop((out, x, y, cw) => ylog2x(out, x, y, false, cw));
      case 0xf2:
        return this.partialTangent();
      case 0xf3:
        return this.binaryPop((out, x, y) => arctan(out, x, y));
      case 0xf4:
        return this.extractParts();
      case 0xf5:
      case 0xf8:
        return this.partialRemainder(modrm === 0xf5);
      case 0xf9:
        return this.binaryPop((out, x, y, cw) => ylog2x(out, x, y, true, cw));
      case 0xfa:
        return this.unary((out, x, cw) => sqrt(out, x, cw));
      case 0xfb:
        return this.sineCosine();
      case 0xfc:
        return this.unary((out, x, cw) => roundInt(out, x, cw));
      case 0xfd:
        return this.binaryST0((out, x, y, cw) => scale(out, x, y, cw));
      case 0xfe:
      case 0xff:
        return this.trigonometric(modrm === 0xfe ? Trig.Sin : Trig.Cos);
      default:
        return;
    }
  }

  /** `ST(0) ← f(ST(0))`. */
  private unary(f: (out: F80, x: F80, cw: number) => number): void {
    if (this.isEmpty(0)) {
      if (this.underflow()) this.write(0, setIndefinite(this.r));
      return;
    }
    const flags = f(this.r, this.read(0, this.a), this.cw);
    if (this.raise(stopAtDenormal(flags, this.cw))) return;
    this.write(0, this.r);
  }

  /** `ST(0) ← f(ST(0), ST(1))` (fscale). */
  private binaryST0(f: (out: F80, x: F80, y: F80, cw: number) => number): void {
    if (this.isEmpty(0) || this.isEmpty(1)) {
      if (this.underflow()) this.write(0, setIndefinite(this.r));
      return;
    }
    const flags = f(this.r, this.read(0, this.a), this.read(1, this.b), this.cw);
    if (this.raise(stopAtDenormal(flags, this.cw))) return;
    this.write(0, this.r);
  }

  /** `ST(1) ← f(ST(0), ST(1))`, then pop (fyl2x, fyl2xp1, fpatan). */
  private binaryPop(f: (out: F80, x: F80, y: F80, cw: number) => number): void {
    if (this.isEmpty(0) || this.isEmpty(1)) {
      if (this.underflow()) this.finish(1, setIndefinite(this.r), true);
      return;
    }
    const flags = f(this.r, this.read(0, this.a), this.read(1, this.b), this.cw);
    if (this.raise(stopAtDenormal(flags, this.cw))) return;
    this.finish(1, this.r, true);
  }

  private partialRemainder(nearest: boolean): void {
    // Without a numeric result, C1 and C2 are cleared and C0/C3 left alone.
    if (this.isEmpty(0) || this.isEmpty(1)) {
      if (this.underflow()) this.write(0, setIndefinite(this.r));
      this.sw &= ~SW.C2;
      return;
    }
    const flags = remainder(this.r, this.read(0, this.a), this.read(1, this.b), nearest, this.cw);
    if (this.raise(stopAtDenormal(flags, this.cw) & ~Exc.C1) || Rem.special) {
      this.sw &= ~SW.C2;
      if (!Rem.special || (flags & ~this.cw & (Exc.IE | Exc.DE)) !== 0) return;
      this.write(0, this.r);
      return;
    }
    const q = Rem.q;
    let cc = 0;
    if (Rem.partial) cc = SW.C2;
    else
      cc = ((q & 4) !== 0 ? SW.C0 : 0) | ((q & 2) !== 0 ? SW.C3 : 0) | ((q & 1) !== 0 ? SW.C1 : 0);
    this.setCc(cc);
    this.write(0, this.r);
  }

  private trigonometric(op: number): void {
    if (this.isEmpty(0)) {
      if (this.underflow()) this.write(0, setIndefinite(this.r));
      this.sw &= ~SW.C2;
      return;
    }
    const flags = trig(this.r, this.read(0, this.a), op);
    if (flags === OUT_OF_RANGE) {
      this.sw = (this.sw & ~SW.C1) | SW.C2;
      return;
    }
    this.sw &= ~SW.C2;
    if (this.raise(stopAtDenormal(flags, this.cw))) return;
    this.write(0, this.r);
  }

  /** Masked response of the pushing functions (fptan, fsincos, fxtract) to a stack fault. */
  private pushFault(): boolean {
    if (this.isEmpty(0)) {
      this.raise(Exc.IE | Exc.SF);
    } else if (!this.isEmpty(7)) {
      this.raise(Exc.IE | Exc.SF | Exc.C1);
    } else {
      return false;
    }
    if (this.invalidMasked()) {
      setIndefinite(this.r);
      this.write(0, this.r);
      this.push(this.r);
    }
    return true;
  }

  private partialTangent(): void {
    this.sw &= ~SW.C2;
    if (this.pushFault()) return;
    const flags = trig(this.r, this.read(0, this.a), Trig.Tan);
    if (flags === OUT_OF_RANGE) {
      this.sw = (this.sw & ~SW.C1) | SW.C2;
      return;
    }
    this.sw &= ~SW.C2;
    if (this.raise(stopAtDenormal(flags, this.cw))) return;
    this.write(0, this.r);
    const nan = classify(this.r.se, this.r.hi, this.r.lo);
    // A NaN result pushes the NaN again instead of 1.0.
    this.push(nan === Kind.QNaN ? this.r : this.r2.set(0x3fff, 0x80000000, 0));
  }

  private sineCosine(): void {
    this.sw &= ~SW.C2;
    if (this.pushFault()) return;
    const x = this.read(0, this.a);
    const sinFlags = trig(this.r, x, Trig.Sin);
    if (sinFlags === OUT_OF_RANGE) {
      this.sw = (this.sw & ~SW.C1) | SW.C2;
      return;
    }
    const cosFlags = trig(this.r2, x, Trig.Cos);
    this.sw &= ~SW.C2;
    if (this.raise(stopAtDenormal(sinFlags | cosFlags, this.cw))) return;
    this.write(0, this.r);
    this.push(this.r2);
  }

  private extractParts(): void {
    if (this.pushFault()) return;
    const flags = extract(this.r, this.r2, this.read(0, this.a));
    if (this.raise(flags)) return;
    this.write(0, this.r);
    this.push(this.r2);
  }

  // --- comparisons ----------------------------------------------------------------------

  /** fcom/fucom ST(i) with `pops` pops (0, 1 or 2). */
  private compareRegisters(i: number, quiet: boolean, pops: number): void {
    if (this.isEmpty(0) || this.isEmpty(i)) return this.compareUnderflow(pops);
    this.compareWith(this.read(i, this.b), quiet, pops, 0);
  }

  /** Compares ST(0) with `other`, sets C0/C2/C3, pops `pops` times. */
  private compareWith(other: F80, quiet: boolean, pops: number, extraFlags: number): void {
    if (this.isEmpty(0)) return this.compareUnderflow(pops);
    const rel = compare(this.read(0, this.a), other, quiet);
    const flags = rel === Relation.Unordered ? compareFlags : compareFlags | extraFlags;
    // Real processors set the condition codes even when the exception is unmasked; only
    // the pops are suppressed.
    const stop = this.raise(flags);
    this.setCc(conditionCodes(rel));
    if (stop) return;
    for (let k = 0; k < pops; k++) this.pop();
  }

  /** A comparison with an empty operand: "unordered" even when IE is unmasked; pops only when masked. */
  private compareUnderflow(pops: number): void {
    const masked = this.underflow();
    this.setCc(SW.C0 | SW.C2 | SW.C3);
    if (masked) for (let k = 0; k < pops; k++) this.pop();
  }

  /** ftst: ST(0) against +0.0. */
  private test(): void {
    this.compareWith(this.r2.set(0, 0, 0), false, 0, 0);
  }

  /** fcomi/fucomi (and the popping forms): the relation into ZF, PF and CF. */
  private compareToFlags(host: FpuHost, i: number, quiet: boolean, pop = false): void {
    // Real processors set ZF/PF/CF even when the exception is unmasked; only the pop is
    // suppressed. C1 is left alone, except that a stack underflow clears it.
    let stop: boolean;
    if (this.isEmpty(0) || this.isEmpty(i)) {
      stop = !this.underflow();
      host.setComiFlags(true, true, true);
    } else {
      const rel = compare(this.read(0, this.a), this.read(i, this.b), quiet);
      stop = this.raise(compareFlags, true);
      host.setComiFlags(
        rel === Relation.Equal || rel === Relation.Unordered,
        rel === Relation.Unordered,
        rel === Relation.Less || rel === Relation.Unordered,
      );
    }
    if (pop && !stop) this.pop();
  }

  /** fxam: the class of ST(0) in C3/C2/C0 and its sign in C1. */
  private examine(): void {
    const p = this.phys(0);
    const sign = ((this.se[p] ?? 0) & 0x8000) !== 0 ? SW.C1 : 0;
    if (this.isEmpty(0)) return this.setCc(sign | SW.C3 | SW.C0);
    const kind = classify(this.se[p] ?? 0, this.hi[p] ?? 0, this.lo[p] ?? 0);
    this.setCc(sign | EXAMINE_CODES[kind]!);
  }

  // --- data movement --------------------------------------------------------------------

  /** fld m32/m64/m80, fild, fbld: pushes the converted operand. */
  private loadMemory(
    host: FpuHost,
    ctx: FpuInstructionContext,
    addr: number,
    format: MemFormat,
  ): void {
    const flags = readOperand(host, addr, format, this.b, true);
    this.markInstruction(ctx);
    if (!this.isEmpty(7)) {
      this.overflow(this.r);
      return;
    }
    // An unmasked DE does not stop a load; an unmasked IE (SNaN) does.
    this.raise(flags);
    if ((flags & ~this.cw & Exc.IE) !== 0) return;
    this.push(this.b);
  }

  private loadRegister(i: number): void {
    if (!this.isEmpty(7)) {
      this.overflow(this.r);
      return;
    }
    if (this.isEmpty(i)) {
      if (this.underflow()) this.push(setIndefinite(this.r));
      return;
    }
    this.read(i, this.r);
    this.sw &= ~SW.C1;
    this.push(this.r);
  }

  private loadConstant(index: number): void {
    if (!this.isEmpty(7)) {
      this.overflow(this.r);
      return;
    }
    const c = CONSTANTS[index]!;
    const rc = (this.cw >>> 10) & 3;
    const tail = c[3];
    let lo = c[2];
    if (
      tail !== 0 &&
      (rc === RoundingMode.Up || (rc === RoundingMode.Nearest && tail >= 0x80000000))
    ) {
      // None of the constants has an all-ones low word, so no carry into hi.
      lo += 1;
    }
    this.sw &= ~SW.C1;
    this.push(this.r.set(c[0], c[1], lo));
  }

  /** fst/fstp ST(i). */
  private storeRegister(i: number, pop: boolean): void {
    if (this.isEmpty(0)) {
      if (this.underflow()) this.finish(i, setIndefinite(this.r), pop);
      return;
    }
    this.sw &= ~SW.C1;
    this.finish(i, this.read(0, this.r), pop);
  }

  private exchange(i: number): void {
    if (this.isEmpty(0) || this.isEmpty(i)) {
      if (!this.underflow()) return;
      if (this.isEmpty(0)) this.write(0, setIndefinite(this.r));
      if (this.isEmpty(i)) this.write(i, setIndefinite(this.r));
    } else {
      this.sw &= ~SW.C1;
    }
    this.read(0, this.a);
    this.read(i, this.b);
    this.write(0, this.b);
    this.write(i, this.a);
  }

  /** fchs (`negate`) and fabs. */
  private signOp(negate: boolean): void {
    if (this.isEmpty(0)) {
      if (this.underflow()) this.write(0, setIndefinite(this.r));
      return;
    }
    const v = this.read(0, this.r);
    v.se = negate ? v.se ^ 0x8000 : v.se & 0x7fff;
    this.sw &= ~SW.C1;
    this.write(0, v);
  }

  /** fcmovcc: reg 0 B, 1 E, 2 BE, 3 U; `negated` for the DB forms (NB, NE, NBE, NU). */
  private conditionalMove(host: FpuHost, reg: number, i: number, negated: boolean): void {
    if (this.isEmpty(0) || this.isEmpty(i)) {
      if (this.underflow()) this.write(0, setIndefinite(this.r));
      return;
    }
    const fl = host.getEflags();
    let cond =
      reg === 0
        ? (fl & CF) !== 0
        : reg === 1
          ? (fl & ZF) !== 0
          : reg === 2
            ? (fl & (CF | ZF)) !== 0
            : (fl & PF) !== 0;
    if (negated) cond = !cond;
    if (cond) this.write(0, this.read(i, this.r));
  }

  private storeRealMemory(host: FpuHost, addr: number, double: boolean, pop: boolean): void {
    let flags: number;
    if (this.isEmpty(0)) {
      if (!this.underflow()) return;
      flags = storeReal(setIndefinite(this.r), double, this.cw);
    } else {
      flags = storeReal(this.read(0, this.a), double, this.cw);
      const range = flags & ~this.cw & (Exc.OE | Exc.UE);
      // An unmasked overflow/underflow stores nothing, pops nothing and reports no precision loss.
      if (this.raise(range !== 0 ? range : flags) || range !== 0) return;
    }
    if (double) {
      host.writeU32(addr, storedLo);
      host.writeU32(addr + 4, storedHi);
    } else {
      host.writeU32(addr, storedHi);
    }
    if (pop) this.pop();
  }

  private storeReal80(host: FpuHost, addr: number): void {
    if (this.isEmpty(0)) {
      if (!this.underflow()) return;
      writeReal80(host, addr, setIndefinite(this.r));
    } else {
      this.sw &= ~SW.C1;
      writeReal80(host, addr, this.read(0, this.r));
    }
    this.pop();
  }

  /** fist/fistp of 2, 4 or 8 bytes, rounding with the current rounding mode. */
  private storeInteger(host: FpuHost, addr: number, bytes: 2 | 4 | 8, pop: boolean): void {
    let hi = 0;
    let lo = 0;
    let invalid = false;
    if (this.isEmpty(0)) {
      if (!this.underflow()) return;
      invalid = true;
    } else {
      const v = this.read(0, this.a);
      const kind = classify(v.se, v.hi, v.lo);
      let flags = 0;
      if (kind === Kind.Infinity || kind >= Kind.QNaN) {
        invalid = true;
      } else {
        roundToInteger(v, (this.cw >>> 10) & 3);
        const negative = v.se >>> 15 !== 0;
        invalid = I.huge || !fitsSigned(I.hi, I.lo, bytes, negative);
        flags |= I.flags;
        if (!invalid) {
          hi = I.hi;
          lo = I.lo;
          if (negative) {
            lo = (~lo + 1) >>> 0;
            hi = (~hi + (lo === 0 ? 1 : 0)) >>> 0;
          }
        }
      }
      if (invalid) flags = Exc.IE;
      if (this.raise(flags)) return;
    }
    if (invalid) {
      hi = 0x80000000;
      lo = bytes === 8 ? 0 : bytes === 4 ? 0x80000000 : 0x8000;
    }
    writeInteger(host, addr, bytes, hi, lo);
    if (pop) this.pop();
  }

  private storeBcd(host: FpuHost, addr: number): void {
    let invalid = false;
    let sign = 0;
    if (this.isEmpty(0)) {
      if (!this.underflow()) return;
      invalid = true;
    } else {
      const v = this.read(0, this.a);
      sign = v.se >>> 15;
      const kind = classify(v.se, v.hi, v.lo);
      let flags = 0;
      if (kind === Kind.Infinity || kind >= Kind.QNaN) {
        invalid = true;
      } else {
        roundToInteger(v, (this.cw >>> 10) & 3);
        invalid = I.huge || I.hi > BCD_LIMIT_HI || (I.hi === BCD_LIMIT_HI && I.lo >= BCD_LIMIT_LO);
        flags |= I.flags;
        if (!invalid) toBcdDigits(I.hi, I.lo);
      }
      if (invalid) flags = Exc.IE;
      if (this.raise(flags)) return;
    }
    writeBcd(host, addr, sign, invalid);
    this.pop();
  }
}

/** A control word as the x87 keeps it: reserved bits 6 (reads as 1), 7 and 13–15 (read as 0). */
export function controlWord(value: number): number {
  return (value & 0x1f3f) | 0x40;
}

/**
 * An unmasked denormal-operand exception stops an operation before it computes anything:
 * only DE (and an IE found before it) remain.
 */
function stopAtDenormal(flags: number, cw: number): number {
  if ((flags & Exc.DE) !== 0 && (cw & Exc.DE) === 0) return flags & (Exc.IE | Exc.DE);
  return flags;
}

/** C3/C2/C0 of fxam for each {@link Kind}. */
const EXAMINE_CODES: Record<Kind, number> = {
  [Kind.Unsupported]: 0,
  [Kind.QNaN]: SW.C0,
  [Kind.SNaN]: SW.C0,
  [Kind.Normal]: SW.C2,
  [Kind.Infinity]: SW.C2 | SW.C0,
  [Kind.Zero]: SW.C3,
  [Kind.Denormal]: SW.C3 | SW.C2,
};

/** C3/C2/C0 of fcom for a {@link Relation}. */
function conditionCodes(rel: Relation): number {
  switch (rel) {
    case Relation.Less:
      return SW.C0;
    case Relation.Equal:
      return SW.C3;
    case Relation.Greater:
      return 0;
    default:
      return SW.C0 | SW.C2 | SW.C3;
  }
}

/** True when `hi:lo` (a magnitude) fits a signed integer of `bytes` with the given sign. */
function fitsSigned(hi: number, lo: number, bytes: 2 | 4 | 8, negative: boolean): boolean {
  if (bytes === 8) return hi < 0x80000000 || (negative && hi === 0x80000000 && lo === 0);
  if (hi !== 0) return false;
  const limit = bytes === 4 ? 0x80000000 : 0x8000;
  return lo < limit || (negative && lo === limit);
}

/** True when an arithmetic result came from NaN propagation (the memory operand's DE is then not reported). */
function isNaNResult(x: F80, y: F80): boolean {
  const kx = classify(x.se, x.hi, x.lo);
  const ky = classify(y.se, y.hi, y.lo);
  return kx >= Kind.QNaN || ky >= Kind.QNaN;
}

/** The control instructions that do not check for pending exceptions (the `fn*` forms). */
function isNoWait(op: number, modrm: number): boolean {
  if (modrm < 0xc0) {
    const reg = (modrm >>> 3) & 7;
    return (op === 0xd9 && reg >= 6) || (op === 0xdd && reg >= 6);
  }
  return (op === 0xdb && modrm >= 0xe0 && modrm <= 0xe4) || (op === 0xdf && modrm === 0xe0);
}
