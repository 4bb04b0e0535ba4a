/**
 * The computing half of the x87's instruction handlers: arithmetic, the one- and
 * two-operand functions, and comparisons, with the stack-fault and exception rules the
 * differential tester established (see the README). {@link X87} adds decoding on top.
 */

import type { FpuHost } from "../fpu-interface.js";
import { add, div, mul, sqrt } from "./arith80.js";
import { compare, compareFlags, Relation } from "./compare80.js";
import { F80, Kind, classify, setIndefinite } from "./float80.js";
import { extract, Rem, remainder, roundInt, scale } from "./misc80.js";
import { Exc } from "./round80.js";
import { arctan, OUT_OF_RANGE, trig, Trig, twoToXMinusOne, ylog2x } from "./transcendental.js";
import { SW, X87State } from "./x87-state.js";

/** Arithmetic, function and comparison handlers over {@link X87State}. */
export abstract class X87Compute extends X87State {
  /** Scratch operands and results (no allocation per instruction). */
  protected readonly a = new F80();
  protected readonly b = new F80();
  protected readonly r = new F80();
  protected readonly r2 = new F80();

  // --- arithmetic -----------------------------------------------------------------------

  /** Register forms of the arithmetic group: the other operand is ST(i). */
  protected arithRegister(reg: number, i: number, dst: number, pop: boolean): void {
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
  protected arith(reg: number, other: F80, dst: number, pop: boolean, extraFlags: number): void {
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
    // The memory operand's DE is dropped for NaN results and for division by zero.
    if (!isNaNResult(x, other) && (flags & Exc.ZE) === 0) flags |= extraFlags;
    if (this.raise(stopAtDenormal(flags, cw))) return;
    this.finish(dst, this.r, pop);
  }

  /** Writes a result to ST(dst) and pops when asked. */
  protected finish(dst: number, v: F80, pop: boolean): void {
    this.write(dst, v);
    if (pop) this.pop();
  }

  /** One-operand functions D9 F0–FF. */
  protected executeFunction(modrm: number): void {
    switch (modrm) {
      case 0xf0:
        return this.unary((out, x, cw) => twoToXMinusOne(out, x, cw));
      case 0xf1:
        return this.binaryPop((out, x, y, cw) => ylog2x(out, x, y, false, cw));
      case 0xf2:
        return this.partialTangent();
      case 0xf3:
        return this.binaryPop((out, x, y, cw) => arctan(out, x, y, cw));
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
  protected unary(f: (out: F80, x: F80, cw: number) => number): void {
    if (this.isEmpty(0)) {
      if (this.underflow()) this.write(0, setIndefinite(this.r));
      return;
    }
    const flags = f(this.r, this.read(0, this.a), this.cw);
    if (this.raise(stopAtDenormal(flags, this.cw))) return;
    this.write(0, this.r);
  }

  /** `ST(0) ← f(ST(0), ST(1))` (fscale). */
  protected binaryST0(f: (out: F80, x: F80, y: F80, cw: number) => number): void {
    if (this.isEmpty(0) || this.isEmpty(1)) {
      if (this.underflow()) this.write(0, setIndefinite(this.r));
      return;
    }
    const flags = f(this.r, this.read(0, this.a), this.read(1, this.b), this.cw);
    if (this.raise(stopAtDenormal(flags, this.cw))) return;
    this.write(0, this.r);
  }

  /** `ST(1) ← f(ST(0), ST(1))`, then pop (fyl2x, fyl2xp1, fpatan). */
  protected binaryPop(f: (out: F80, x: F80, y: F80, cw: number) => number): void {
    if (this.isEmpty(0) || this.isEmpty(1)) {
      if (this.underflow()) this.finish(1, setIndefinite(this.r), true);
      return;
    }
    const flags = f(this.r, this.read(0, this.a), this.read(1, this.b), this.cw);
    if (this.raise(stopAtDenormal(flags, this.cw))) return;
    this.finish(1, this.r, true);
  }

  protected partialRemainder(nearest: boolean): void {
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

  protected trigonometric(op: number): void {
    if (this.isEmpty(0)) {
      if (this.underflow()) this.write(0, setIndefinite(this.r));
      this.sw &= ~SW.C2;
      return;
    }
    const flags = trig(this.r, this.read(0, this.a), op, this.cw);
    if (flags === OUT_OF_RANGE) {
      this.sw = (this.sw & ~SW.C1) | SW.C2;
      return;
    }
    this.sw &= ~SW.C2;
    if (this.raise(stopAtDenormal(flags, this.cw))) return;
    this.write(0, this.r);
  }

  /** Masked response of the pushing functions (fptan, fsincos, fxtract) to a stack fault. */
  protected pushFault(): boolean {
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

  protected partialTangent(): void {
    this.sw &= ~SW.C2;
    if (this.pushFault()) return;
    const flags = trig(this.r, this.read(0, this.a), Trig.Tan, this.cw);
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

  protected sineCosine(): void {
    this.sw &= ~SW.C2;
    if (this.pushFault()) return;
    const x = this.read(0, this.a);
    const sinFlags = trig(this.r, x, Trig.Sin, this.cw);
    if (sinFlags === OUT_OF_RANGE) {
      this.sw = (this.sw & ~SW.C1) | SW.C2;
      return;
    }
    const cosFlags = trig(this.r2, x, Trig.Cos, this.cw);
    this.sw &= ~SW.C2;
    if (this.raise(stopAtDenormal(sinFlags | cosFlags, this.cw))) return;
    this.write(0, this.r);
    this.push(this.r2);
  }

  protected extractParts(): void {
    if (this.pushFault()) return;
    const flags = extract(this.r, this.r2, this.read(0, this.a));
    if (this.raise(flags)) return;
    this.write(0, this.r);
    this.push(this.r2);
  }

  // --- comparisons ----------------------------------------------------------------------

  /** fcom/fucom ST(i) with `pops` pops (0, 1 or 2). */
  protected compareRegisters(i: number, quiet: boolean, pops: number): void {
    if (this.isEmpty(0) || this.isEmpty(i)) return this.compareUnderflow(pops);
    this.compareWith(this.read(i, this.b), quiet, pops, 0);
  }

  /** Compares ST(0) with `other`, sets C0/C2/C3, pops `pops` times. */
  protected compareWith(other: F80, quiet: boolean, pops: number, extraFlags: number): void {
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
  protected compareUnderflow(pops: number): void {
    const masked = this.underflow();
    this.setCc(SW.C0 | SW.C2 | SW.C3);
    if (masked) for (let k = 0; k < pops; k++) this.pop();
  }

  /** ftst: ST(0) against +0.0. */
  protected test(): void {
    this.compareWith(this.r2.set(0, 0, 0), false, 0, 0);
  }

  /** fcomi/fucomi (and the popping forms): the relation into ZF, PF and CF. */
  protected compareToFlags(host: FpuHost, i: number, quiet: boolean, pop = false): void {
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
  protected examine(): void {
    const p = this.phys(0);
    const sign = ((this.se[p] ?? 0) & 0x8000) !== 0 ? SW.C1 : 0;
    if (this.isEmpty(0)) return this.setCc(sign | SW.C3 | SW.C0);
    const kind = classify(this.se[p] ?? 0, this.hi[p] ?? 0, this.lo[p] ?? 0);
    this.setCc(sign | EXAMINE_CODES[kind]!);
  }
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

/** True when an arithmetic result came from NaN propagation (the memory operand's DE is then not reported). */
function isNaNResult(x: F80, y: F80): boolean {
  const kx = classify(x.se, x.hi, x.lo);
  const ky = classify(y.se, y.hi, y.lo);
  return kx >= Kind.QNaN || ky >= Kind.QNaN;
}
