/**
 * The data-movement half of the x87's instruction handlers: loads, stores and conversions
 * to and from memory, constants, exchanges, sign operations and conditional moves.
 */

import type { FpuHost, FpuInstructionContext } from "../fpu-interface.js";
import { Kind, classify, setIndefinite } from "./float80.js";
import { I, roundToInteger, toBcdDigits } from "./integer80.js";
import { MemFormat, readOperand, writeBcd, writeInteger, writeReal80 } from "./memory-operands.js";
import { storeReal, storedHi, storedLo } from "./real-formats.js";
import { Exc, RoundingMode } from "./round80.js";
import { SW } from "./x87-state.js";
import { X87Compute } from "./x87-compute.js";

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

/** Load, store and register-move handlers over {@link X87Compute}. */
export abstract class X87Transfer extends X87Compute {
  /** Records FIP/FCS/FOP (and FDP/FDS for memory forms) for a non-control instruction. */
  protected abstract markInstruction(ctx: FpuInstructionContext): void;

  // --- data movement --------------------------------------------------------------------

  /** fld m32/m64/m80, fild, fbld: pushes the converted operand. */
  protected loadMemory(
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

  protected loadRegister(i: number): void {
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

  protected loadConstant(index: number): void {
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
  protected storeRegister(i: number, pop: boolean): void {
    if (this.isEmpty(0)) {
      if (this.underflow()) this.finish(i, setIndefinite(this.r), pop);
      return;
    }
    this.sw &= ~SW.C1;
    this.finish(i, this.read(0, this.r), pop);
  }

  protected exchange(i: number): void {
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
  protected signOp(negate: boolean): void {
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
  protected conditionalMove(host: FpuHost, reg: number, i: number, negated: boolean): void {
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

  protected storeRealMemory(host: FpuHost, addr: number, double: boolean, pop: boolean): void {
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

  protected storeReal80(host: FpuHost, addr: number): void {
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
  protected storeInteger(host: FpuHost, addr: number, bytes: 2 | 4 | 8, pop: boolean): void {
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

  protected storeBcd(host: FpuHost, addr: number): void {
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

/** True when `hi:lo` (a magnitude) fits a signed integer of `bytes` with the given sign. */
function fitsSigned(hi: number, lo: number, bytes: 2 | 4 | 8, negative: boolean): boolean {
  if (bytes === 8) return hi < 0x80000000 || (negative && hi === 0x80000000 && lo === 0);
  if (hi !== 0) return false;
  const limit = bytes === 4 ? 0x80000000 : 0x8000;
  return lo < limit || (negative && lo === limit);
}
