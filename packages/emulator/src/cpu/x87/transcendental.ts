/**
 * The transcendental instructions, computed through JavaScript doubles.
 *
 * The x87 evaluates these with its own 67-bit-plus internal algorithms; this emulation
 * converts the operands to the nearest double, uses `Math.*`, and converts the result back
 * exactly. Results are therefore accurate to about 1 double ulp (53 bits), not to the
 * 64-bit extended ulp of the hardware: the low 11 significand bits may differ from a real
 * CPU. Special values (zeros, infinities, NaNs, out-of-range arguments), the flags and the
 * condition codes follow the hardware.
 */

import { F80, Kind, classify, isNaNKind, propagateNaN, setIndefinite } from "./float80.js";
import { Exc } from "./round80.js";
import { fromNumber, toNumber } from "./real-formats.js";

/** Largest argument magnitude `fsin`/`fcos`/`fptan`/`fsincos` reduce: 2^63. */
const TRIG_LIMIT = 2 ** 63;

/** The trigonometric operations. */
export const Trig = {
  /** `fsin`. */
  Sin: 0,
  /** `fcos`. */
  Cos: 1,
  /** `fptan` (the caller pushes 1.0). */
  Tan: 2,
} as const;

/** Sentinel result of {@link trig}: the argument is out of range (C2 = 1, operand unchanged). */
export const OUT_OF_RANGE = -1;

/** Flags raised for a finite nonzero operand: DE for denormals, PE for the (inexact) result. */
function finiteFlags(kind: Kind): number {
  return (kind === Kind.Denormal ? Exc.DE : 0) | Exc.PE;
}

/** A NaN or unsupported operand: result into `out`, flags returned; -1 for numbers. */
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
 * `fsin`, `fcos` or the tangent of `fptan` of `a` into `out`.
 *
 * @returns the {@link Exc} flags, or {@link OUT_OF_RANGE} when |a| ≥ 2^63.
 * @example
 * trig(out, zero, Trig.Cos); // out = 1.0
 */
export function trig(out: F80, a: F80, op: number): number {
  const ka = classify(a.se, a.hi, a.lo);
  const special = nanOperand(out, a, ka);
  if (special >= 0) return special;
  if (ka === Kind.Infinity) {
    setIndefinite(out);
    return Exc.IE;
  }
  const x = toNumber(a);
  if (Math.abs(x) >= TRIG_LIMIT) return OUT_OF_RANGE;
  if (ka === Kind.Zero) {
    if (op === Trig.Cos) fromNumber(out, 1);
    else out.copy(a);
    return 0;
  }
  fromNumber(out, op === Trig.Sin ? Math.sin(x) : op === Trig.Cos ? Math.cos(x) : Math.tan(x));
  return finiteFlags(ka);
}

/**
 * `f2xm1`: 2^a − 1 (defined for −1 ≤ a ≤ 1).
 *
 * @returns the {@link Exc} flags.
 */
export function twoToXMinusOne(out: F80, a: F80): number {
  const ka = classify(a.se, a.hi, a.lo);
  const special = nanOperand(out, a, ka);
  if (special >= 0) return special;
  if (ka === Kind.Zero) {
    out.copy(a);
    return 0;
  }
  if (ka === Kind.Infinity) {
    fromNumber(out, a.se >>> 15 ? -1 : Infinity);
    return 0;
  }
  fromNumber(out, Math.expm1(toNumber(a) * Math.LN2));
  return finiteFlags(ka);
}

/** Handles NaN/unsupported operands of the two-operand functions; -1 for numbers. */
function nanOperands(out: F80, a: F80, ka: Kind, b: F80, kb: Kind): number {
  if (ka === Kind.Unsupported || kb === Kind.Unsupported) {
    setIndefinite(out);
    return Exc.IE;
  }
  if (isNaNKind(ka) || isNaNKind(kb)) return propagateNaN(out, a, ka, b, kb) ? Exc.IE : 0;
  return -1;
}

/**
 * `fyl2x` (`plusOne` false: y·log2(x)) and `fyl2xp1` (y·log2(x + 1)), x = `st0`, y = `st1`.
 *
 * @returns the {@link Exc} flags (IE for a negative x or 0·∞, ZE for log of zero).
 */
export function ylog2x(out: F80, st0: F80, st1: F80, plusOne: boolean): number {
  const kx = classify(st0.se, st0.hi, st0.lo);
  const ky = classify(st1.se, st1.hi, st1.lo);
  const special = nanOperands(out, st0, kx, st1, ky);
  if (special >= 0) return special;
  const denormal = kx === Kind.Denormal || ky === Kind.Denormal ? Exc.DE : 0;
  const x = toNumber(st0);
  const y = toNumber(st1);
  const lg = plusOne ? Math.log1p(x) / Math.LN2 : Math.log2(x);
  const r = y * lg;
  if (Number.isNaN(r)) {
    setIndefinite(out);
    return denormal | Exc.IE;
  }
  fromNumber(out, r);
  if (!plusOne && kx === Kind.Zero && ky !== Kind.Zero) return denormal | Exc.ZE;
  const exact = r === 0 || !Number.isFinite(r) || (lg === 0 && Number.isFinite(y));
  return denormal | (exact ? 0 : Exc.PE);
}

/**
 * `fpatan`: the angle of (x = `st0`, y = `st1`), that is atan2(y, x), with C's special
 * cases (which the x87 shares).
 *
 * @returns the {@link Exc} flags.
 */
export function arctan(out: F80, st0: F80, st1: F80): number {
  const kx = classify(st0.se, st0.hi, st0.lo);
  const ky = classify(st1.se, st1.hi, st1.lo);
  const special = nanOperands(out, st0, kx, st1, ky);
  if (special >= 0) return special;
  const denormal = kx === Kind.Denormal || ky === Kind.Denormal ? Exc.DE : 0;
  const r = Math.atan2(toNumber(st1), toNumber(st0));
  fromNumber(out, r);
  return denormal | (r === 0 ? 0 : Exc.PE);
}
