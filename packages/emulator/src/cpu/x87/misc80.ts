/**
 * The exact non-arithmetic value operations of the x87: `frndint`, `fscale`, `fxtract`,
 * and the partial remainders `fprem`/`fprem1`.
 */

import {
  BIAS,
  F80,
  Kind,
  classify,
  isNaNKind,
  propagateNaN,
  setIndefinite,
  setInfinity,
  setZero,
} from "./float80.js";
import { fromInteger, fromSignedWords, I, roundToInteger } from "./integer80.js";
import { roundToControl } from "./arith80.js";
import { Exc, Formats } from "./round80.js";
import { Unpacked } from "./unpacked.js";

const UA = new Unpacked();
const UB = new Unpacked();
const TWO32 = 0x100000000;

/** NaN and unsupported operands of a one-operand operation: the flags, or -1 for numbers. */
function nanOperand(out: F80, a: F80, ka: Kind): number {
  if (ka === Kind.Unsupported) {
    setIndefinite(out);
    return Exc.IE;
  }
  if (isNaNKind(ka)) {
    propagateNaN(out, a, ka, a, ka);
    return ka === Kind.SNaN ? Exc.IE : 0;
  }
  return -1;
}

/**
 * `frndint`: `a` rounded to an integer with the rounding mode of `cw` (precision control
 * does not apply).
 *
 * @returns the {@link Exc} flags (PE and C1 when inexact).
 * @example
 * roundInt(out, twoPointFive, 0x037f); // 2.0
 */
export function roundInt(out: F80, a: F80, cw: number): number {
  const ka = classify(a.se, a.hi, a.lo);
  const special = nanOperand(out, a, ka);
  if (special >= 0) return special;
  if (ka === Kind.Zero || ka === Kind.Infinity || (a.se & 0x7fff) >= BIAS + 63) {
    out.copy(a);
    return 0;
  }
  roundToInteger(a, (cw >>> 10) & 3);
  fromInteger(out, a.se >>> 15, I.hi, I.lo);
  return I.flags | (ka === Kind.Denormal ? Exc.DE : 0);
}

/**
 * `fscale`: `a × 2^trunc(b)`, rounded only when it leaves the extended range.
 *
 * @returns the {@link Exc} flags.
 */
export function scale(out: F80, a: F80, b: F80, cw: number): number {
  const ka = classify(a.se, a.hi, a.lo);
  const kb = classify(b.se, b.hi, b.lo);
  if (ka === Kind.Unsupported || kb === Kind.Unsupported) {
    setIndefinite(out);
    return Exc.IE;
  }
  if (isNaNKind(ka) || isNaNKind(kb)) return propagateNaN(out, a, ka, b, kb) ? Exc.IE : 0;
  const flags = ka === Kind.Denormal || kb === Kind.Denormal ? Exc.DE : 0;
  const sa = a.se >>> 15;
  const sb = b.se >>> 15;
  if (kb === Kind.Infinity) {
    if ((ka === Kind.Zero && sb === 0) || (ka === Kind.Infinity && sb === 1)) {
      setIndefinite(out);
      return flags | Exc.IE;
    }
    if (ka === Kind.Zero || sb === 1) setZero(out, sa);
    else setInfinity(out, sa);
    return flags;
  }
  // trunc(b), clamped far beyond any exponent that can still produce a finite nonzero result.
  let n = 0;
  if (kb !== Kind.Zero) {
    const y = UB.from(b);
    if (y.e >= 20) n = 1 << 20;
    else if (y.e >= 0) n = y.hi >>> (31 - y.e);
    if (sb) n = -n;
  }
  if (ka === Kind.Zero || ka === Kind.Infinity || n === 0) {
    // Scaling by 2^0 returns the operand as it is (a denormal stays one, even with underflow
    // unmasked); only a pseudo-denormal comes back in its normal encoding.
    out.copy(a);
    if ((a.se & 0x7fff) === 0 && (a.hi & 0x80000000) !== 0) out.se |= 1;
    return flags;
  }
  const x = UA.from(a);
  return flags | roundToControl(out, sa, x.e + n, x.hi, x.lo, 0, cw, Formats.ext64);
}

/**
 * `fxtract`: splits `a` into its unbiased exponent (into `exponent`, as a value) and its
 * significand with exponent 0 (into `significand`).
 *
 * @returns the {@link Exc} flags (ZE for zero, whose exponent is −∞).
 */
export function extract(exponent: F80, significand: F80, a: F80): number {
  const ka = classify(a.se, a.hi, a.lo);
  const special = nanOperand(significand, a, ka);
  if (special >= 0) {
    exponent.copy(significand);
    return special;
  }
  const sign = a.se >>> 15;
  if (ka === Kind.Zero) {
    setInfinity(exponent, 1);
    setZero(significand, sign);
    return Exc.ZE;
  }
  if (ka === Kind.Infinity) {
    setInfinity(exponent, 0);
    significand.copy(a);
    return 0;
  }
  const x = UA.from(a);
  const e = x.e;
  fromSignedWords(exponent, e < 0 ? 0xffffffff : 0, e >>> 0);
  significand.set((sign << 15) | BIAS, x.hi, x.lo);
  return ka === Kind.Denormal ? Exc.DE : 0;
}

/** Quotient bits and completion of the last {@link remainder}. */
export const Rem = {
  /** Low three bits of the quotient (Q2 Q1 Q0), when complete. */
  q: 0,
  /** True when the reduction is partial (C2 = 1). */
  partial: false,
  /** True when the result is a NaN (no quotient is reported). */
  special: false,
};

/**
 * `fprem` (`nearest` false: quotient truncated) or `fprem1` (IEEE remainder: quotient
 * rounded to nearest even) of `a` by `b`. The remainder is exact. When the exponents
 * differ by 64 or more the reduction is partial, as on Intel hardware: the exponent drops
 * by 32 + (difference mod 32) and C2 is set so that software loops.
 *
 * @returns the {@link Exc} flags.
 */
export function remainder(out: F80, a: F80, b: F80, nearest: boolean, cw: number): number {
  Rem.q = 0;
  Rem.partial = false;
  Rem.special = true;
  const ka = classify(a.se, a.hi, a.lo);
  const kb = classify(b.se, b.hi, b.lo);
  if (ka === Kind.Unsupported || kb === Kind.Unsupported) {
    setIndefinite(out);
    return Exc.IE;
  }
  if (isNaNKind(ka) || isNaNKind(kb)) return propagateNaN(out, a, ka, b, kb) ? Exc.IE : 0;
  const flags = ka === Kind.Denormal || kb === Kind.Denormal ? Exc.DE : 0;
  if (ka === Kind.Infinity || kb === Kind.Zero) {
    // Invalid before any denormal operand is noticed: IE alone.
    setIndefinite(out);
    return Exc.IE;
  }
  Rem.special = false;
  if (ka === Kind.Zero) {
    out.copy(a);
    return flags;
  }
  const x = UA.from(a);
  if (kb === Kind.Infinity)
    return flags | roundToControl(out, x.sign, x.e, x.hi, x.lo, 0, cw, Formats.ext64);
  const y = UB.from(b);
  const sign = x.sign;
  let d = x.e - y.e;
  let base = y.e;
  if (d >= 64) {
    const n = 32 + (d % 32);
    base = y.e + (d - n);
    d = n;
    Rem.partial = true;
  }
  let rsign = sign;
  let rt = 0;
  let rh = x.hi;
  let rl = x.lo;
  let q = 0;
  const bh = y.hi;
  const bl = y.lo;
  if (d < 0) {
    if (nearest && d === -1 && (rh > bh || (rh === bh && rl > bl))) {
      // |a| > |b|/2: the nearest quotient is 1; remainder = |b| − |a| with opposite sign.
      let low = bl * 2 - rl;
      const carry = Math.floor(low / TWO32);
      low -= carry * TWO32;
      const high = bh * 2 + carry - rh;
      Rem.q = 1;
      // 2|b| − |a| in units of 2^(e_b − 64): its bit 63 weighs 2^(e_b − 1).
      return flags | roundToControl(out, sign ^ 1, y.e - 1, high, low, 0, cw, Formats.ext64);
    }
    // |a| < |b|: a itself, re-encoded (pseudo-denormals come out normalized, and a tiny
    // result meets the underflow rules like any other).
    return flags | roundToControl(out, sign, x.e, x.hi, x.lo, 0, cw, Formats.ext64);
  }
  for (let i = 0; i <= d; i++) {
    q = (q << 1) & 7;
    if (rt !== 0 || rh > bh || (rh === bh && rl >= bl)) {
      let nl = rl - bl;
      let borrow = 0;
      if (nl < 0) {
        nl += TWO32;
        borrow = 1;
      }
      rh = rh - bh - borrow;
      if (rh < 0) rh += TWO32;
      rl = nl;
      rt = 0;
      q |= 1;
    }
    if (i < d) {
      rt = rh >>> 31;
      rh = ((rh << 1) | (rl >>> 31)) >>> 0;
      rl = (rl << 1) >>> 0;
    }
  }
  if (nearest && !Rem.partial) {
    // Round the quotient to nearest even: compare 2r with b.
    const r2t = rh >>> 31;
    const r2h = ((rh << 1) | (rl >>> 31)) >>> 0;
    const r2l = (rl << 1) >>> 0;
    const cmp =
      r2t !== 0 || r2h > bh || (r2h === bh && r2l > bl) ? 1 : r2h === bh && r2l === bl ? 0 : -1;
    if (cmp > 0 || (cmp === 0 && (q & 1) !== 0)) {
      let nl = bl - rl;
      let borrow = 0;
      if (nl < 0) {
        nl += TWO32;
        borrow = 1;
      }
      rh = bh - rh - borrow;
      rl = nl;
      rsign ^= 1;
      q = (q + 1) & 7;
    }
  }
  Rem.q = Rem.partial ? 0 : q;
  if (rh === 0 && rl === 0) {
    setZero(out, sign);
    return flags;
  }
  // The remainder r (below b's significand) counts units of 2^(base − 63): bit 63 weighs 2^base.
  return flags | roundToControl(out, rsign, base, rh >>> 0, rl >>> 0, 0, cw, Formats.ext64);
}
