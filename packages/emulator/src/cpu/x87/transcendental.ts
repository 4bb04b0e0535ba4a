/**
 * The transcendental instructions, evaluated in double-double arithmetic (about 106 bits)
 * and rounded once to the extended format with the current rounding mode.
 *
 * The x87 evaluates these with its own microcode to within about one extended ulp. This
 * emulation follows its steps where they shape the result — the exact argument reduction
 * by the processor's 66-bit π/2 for the trigonometric functions, the exponent split of
 * logarithms, tiny arguments (x·ln 2, y·x·log2 e, y/x), extended range for the final
 * products — and evaluates the core functions by series in double-double
 * (`double-double.ts`). On the recorded vectors 98% of the results are bit-identical to an
 * Intel x87 and all are within two extended ulps; C1 (round-up) may differ where Intel's
 * internal value lies on the other side of the final result. Special values, out-of-range
 * arguments and the exception flags follow the hardware.
 */

import { add, div, mul, roundToControl } from "./arith80.js";
import {
  type DD,
  PI as DD_PI,
  atan as ddAtan,
  LN2 as DD_LN2,
  LOG2E as DD_LOG2E,
  add as ddAdd,
  div as ddDiv,
  dd,
  expm1,
  fromF80,
  logRatio,
  mul as ddMul,
  neg,
  sinCos,
} from "./double-double.js";
import {
  BIAS,
  EXP_MAX,
  F80,
  Kind,
  classify,
  isNaNKind,
  propagateNaN,
  setIndefinite,
} from "./float80.js";
import { fromNumber, toNumber } from "./real-formats.js";
import { Exc } from "./round80.js";
import { Reduced, reduce } from "./trig-reduction.js";
import { Unpacked } from "./unpacked.js";

/** Below this biased exponent an argument is "tiny": sin x = tan x = x, 2^x − 1 = x·ln 2. */
const TINY_EXP = BIAS - 40;
/** Below this biased exponent 2^x − 1 = x·ln 2 and log2(1 + x) = x·log2 e to within 2^-70. */
const TINY_LOG_EXP = BIAS - 70;

/** 1 as an extended value. */
const ONE = new F80().set(0x3fff, 0x80000000, 0);
const L = new F80();
const T = new F80();
const U = new Unpacked();

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

/** Handles NaN/unsupported operands of the two-operand functions; -1 for numbers. */
function nanOperands(out: F80, a: F80, ka: Kind, b: F80, kb: Kind): number {
  if (ka === Kind.Unsupported || kb === Kind.Unsupported) {
    setIndefinite(out);
    return Exc.IE;
  }
  if (isNaNKind(ka) || isNaNKind(kb)) return propagateNaN(out, a, ka, b, kb) ? Exc.IE : 0;
  return -1;
}

/** π as 64 bits plus the 32 bits that follow, for correctly rounded multiples of π/4. */
const PI_HI = 0xc90fdaa2;
const PI_LO = 0x2168c234;
const PI_TAIL = 0xc4c6628b;

/**
 * Writes ±π/4, ±π/2, ±3π/4 or ±π (given as a double `angle`) correctly rounded to extended
 * with the rounding mode of `cw`: 3π/4 from π's 96 bits × 3, the others by exponent.
 */
function roundedMultipleOfPi(out: F80, angle: number, cw: number): void {
  const sign = angle < 0 ? 1 : 0;
  const quarters = Math.round(Math.abs(angle) / (Math.PI / 4));
  let se: number;
  let hi = PI_HI;
  let lo = PI_LO;
  let tail = PI_TAIL;
  if (quarters === 3) {
    // 3π/4 = 3·M·2^-64 with M the 64-bit significand of π: 3·M has 66 bits, so the 98-bit
    // product of M:tail by 3 is shifted right by two.
    const t = tail * 3;
    const l = lo * 3 + Math.floor(t / 0x100000000);
    const h = hi * 3 + Math.floor(l / 0x100000000);
    const tm = t % 0x100000000;
    const lm = l % 0x100000000;
    tail = ((lm % 4) * 0x40000000 + Math.floor(tm / 4)) >>> 0;
    lo = ((h % 4) * 0x40000000 + Math.floor(lm / 4)) >>> 0;
    hi = Math.floor(h / 4) >>> 0;
    se = BIAS + 1;
  } else {
    se = quarters === 1 ? BIAS - 1 : quarters === 2 ? BIAS : BIAS + 1;
  }
  const rc = (cw >>> 10) & 3;
  const up = rc === 0 ? tail >= 0x80000000 : rc === 2 ? sign === 0 : rc === 1 ? sign === 1 : false;
  if (up && tail !== 0) {
    lo += 1;
    if (lo > 0xffffffff) {
      lo = 0;
      hi += 1;
    }
  }
  out.set((sign << 15) | se, hi, lo);
}

/** Unbiased exponent of a finite nonzero value, denormals normalized. */
function exponentOf(v: F80): number {
  const exp = v.se & EXP_MAX;
  if (exp !== 0) return exp - BIAS;
  const lead = v.hi !== 0 ? Math.clz32(v.hi) : 32 + Math.clz32(v.lo);
  return 1 - BIAS - lead;
}

/**
 * `fsin`, `fcos` or the tangent of `fptan` of `a` into `out`.
 *
 * @returns the {@link Exc} flags, or {@link OUT_OF_RANGE} when |a| ≥ 2^63.
 * @example
 * trig(out, zero, Trig.Cos); // out = 1.0
 */
export function trig(out: F80, a: F80, op: number, cw: number): number {
  const ka = classify(a.se, a.hi, a.lo);
  const special = nanOperand(out, a, ka);
  if (special >= 0) return special;
  if (ka === Kind.Infinity) {
    setIndefinite(out);
    return Exc.IE;
  }
  if ((a.se & EXP_MAX) >= BIAS + 63) return OUT_OF_RANGE;
  const x = toNumber(a);
  if (ka === Kind.Zero) {
    out.copy(op === Trig.Cos ? ONE : a);
    return 0;
  }
  if ((a.se & EXP_MAX) < TINY_EXP) {
    // sin x = tan x = x and cos x = 1 to far less than an extended ulp. x is re-encoded:
    // a pseudo-denormal comes back normal, a denormal biased when underflow is unmasked.
    if (op === Trig.Cos) {
      out.copy(ONE);
      return finiteFlags(ka);
    }
    const u = U.from(a);
    const flags = roundToControl(out, u.sign, u.e, u.hi, u.lo, 0, cw | 0x300);
    return finiteFlags(ka) | (flags & Exc.UE) | ((out.se & EXP_MAX) === 0 ? Exc.UE : 0);
  }
  reduce(a, x);
  const k = Reduced.quadrant;
  const { sin, cos } = sinCos(Reduced.reduced ? Reduced.exact : fromF80(a));
  let v: DD;
  if (op === Trig.Sin) v = k === 0 ? sin : k === 1 ? cos : k === 2 ? neg(sin) : neg(cos);
  else if (op === Trig.Cos) v = k === 0 ? cos : k === 1 ? neg(sin) : k === 2 ? neg(cos) : sin;
  else v = (k & 1) === 0 ? ddDiv(sin, cos) : neg(ddDiv(cos, sin));
  return finiteFlags(ka) | (roundDD(out, v, cw, 0) & ~Exc.PE);
}

/**
 * `f2xm1`: 2^a − 1, defined for −1 ≤ a ≤ 1. Outside that range Intel processors return
 * the operand unchanged, and so does this.
 *
 * @returns the {@link Exc} flags.
 */
export function twoToXMinusOne(out: F80, a: F80, cw: number): number {
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
  const exp = a.se & EXP_MAX;
  if (exp >= BIAS && !(exp === BIAS && a.hi === 0x80000000 && a.lo === 0)) {
    out.copy(a);
    return finiteFlags(ka);
  }
  if (exp < TINY_LOG_EXP) {
    // x·ln 2 with x's exponent applied after the double-double product: any x, denormals too.
    const flags = roundDD(out, ddMul(significandOf(a), DD_LN2), cw, exponentOf(a));
    return finiteFlags(ka) | flags | ((out.se & EXP_MAX) === 0 ? Exc.UE : 0);
  }
  return finiteFlags(ka) | (roundDD(out, expm1(ddMul(fromF80(a), DD_LN2)), cw, 0) & ~Exc.PE);
}

/**
 * `fyl2x` (`plusOne` false: y·log2(x)) and `fyl2xp1` (y·log2(x + 1)), x = `st0`, y = `st1`.
 * The logarithm is formed as an extended value, then multiplied by y in extended range.
 *
 * @returns the {@link Exc} flags (IE for a negative x or 0·∞, ZE for log of zero).
 */
export function ylog2x(out: F80, st0: F80, st1: F80, plusOne: boolean, cw: number): number {
  const kx = classify(st0.se, st0.hi, st0.lo);
  const ky = classify(st1.se, st1.hi, st1.lo);
  const special = nanOperands(out, st0, kx, st1, ky);
  if (special >= 0) return special;
  const denormal = kx === Kind.Denormal || ky === Kind.Denormal ? Exc.DE : 0;
  const x = toNumber(st0);
  if (plusOne && kx === Kind.Infinity && st0.se >>> 15 !== 0) {
    // log2(1 − ∞) is invalid.
    setIndefinite(out);
    return Exc.IE;
  }
  if (plusOne && x <= -1) {
    // Outside the documented range down to x = −1 itself: Intel processors return x.
    out.copy(st0);
    return denormal | Exc.PE;
  }
  if (!plusOne && st0.se >>> 15 !== 0 && kx !== Kind.Zero) {
    // The logarithm of a negative number is invalid before any denormal operand.
    setIndefinite(out);
    return Exc.IE;
  }
  const specialOperand =
    kx === Kind.Zero || kx === Kind.Infinity || ky === Kind.Zero || ky === Kind.Infinity;
  const tiny = plusOne && (st0.se & EXP_MAX) < TINY_LOG_EXP;
  let flags: number;
  let exact = false;
  if (specialOperand) {
    // Zeros and infinities: the product is exact, or invalid (0·∞).
    // Only the sign of a finite nonzero logarithm matters against y = 0 or ±∞.
    if (kx === Kind.Zero || kx === Kind.Infinity) {
      if (plusOne) L.copy(st0);
      else fromNumber(L, kx === Kind.Zero ? -Infinity : Infinity);
    } else if (plusOne) {
      fromNumber(L, st0.se >>> 15 ? -1 : 1);
    } else {
      const one = st0.se === BIAS && st0.hi === 0x80000000 && st0.lo === 0;
      fromNumber(L, one ? 0 : exponentOf(st0) < 0 ? -1 : 1);
    }
    exact = true;
    flags = mul(out, st1, L, cw | 0x300);
    if ((flags & Exc.IE) !== 0) return denormal | flags;
  } else if (tiny) {
    // y·x·log2 e as one double-double product, the exponents of x and y applied at the end.
    const p = ddMul(ddMul(significandOf(st0), DD_LOG2E), significandOf(st1));
    flags = roundDD(out, p, cw, exponentOf(st0) + exponentOf(st1));
  } else {
    // log2 of x (or of 1 + x) as a double-double, then y·L rounded once.
    let lg: DD;
    if (plusOne && Math.abs(x) < 1) {
      const xd = fromF80(st0);
      lg = ddMul(logRatio(ddDiv(xd, ddAdd(dd(2), xd))), DD_LOG2E);
    } else if (plusOne && Number.isFinite(x)) {
      lg = log2(ddAdd(dd(1), fromF80(st0)), 0);
    } else {
      // Even an exact logarithm (x a power of two) reports PE on Intel processors, except
      // log2(1) = 0, whose product is an exact zero.
      exact = st0.se === BIAS && st0.hi === 0x80000000 && st0.lo === 0;
      lg = log2(significandOf(st0), exponentOf(st0));
    }
    if (exact) {
      // y·log2(1) = ±0 with y's sign, exactly.
      out.set(st1.se & 0x8000, 0, 0);
      flags = 0;
    } else {
      flags = roundDD(out, ddMul(significandOf(st1), lg), cw, exponentOf(st1));
    }
  }
  const zeroDivide =
    !plusOne && kx === Kind.Zero && ky !== Kind.Zero && ky !== Kind.Infinity ? Exc.ZE : 0;
  const resultKind = classify(out.se, out.hi, out.lo);
  const inexact = (!exact && resultKind !== Kind.Infinity) || (flags & Exc.PE) !== 0;
  // A tiny inexact result underflows even when its final rounding happened to be exact.
  const underflow =
    inexact && (resultKind === Kind.Denormal || (resultKind === Kind.Zero && !exact));
  return (
    // ZE (log of zero) outranks a denormal y.
    (zeroDivide !== 0 ? 0 : denormal) |
    zeroDivide |
    (flags & (Exc.OE | Exc.UE)) |
    (inexact ? Exc.PE : 0) |
    (underflow ? Exc.UE : 0)
  );
}

/** The significand of a finite nonzero value with its sign, in [1, 2), as an exact double-double. */
function significandOf(v: F80): DD {
  const lead = v.hi !== 0 ? Math.clz32(v.hi) : 32 + Math.clz32(v.lo);
  let hi = v.hi;
  let lo = v.lo;
  if (lead >= 32) {
    hi = lo << (lead - 32);
    lo = 0;
  } else if (lead > 0) {
    hi = (hi << lead) | (lo >>> (32 - lead));
    lo = lo << lead;
  }
  return fromF80(T.set((v.se & 0x8000) | BIAS, hi >>> 0, lo >>> 0));
}

/** e + log2(m) for a positive double-double m, folded into [√½, √2) for the series. */
function log2(m: DD, e: number): DD {
  const shift = Math.floor(Math.log2(m.hi));
  const scale = Math.pow(2, -shift);
  let mm: DD = { hi: m.hi * scale, lo: m.lo * scale };
  let exponent = e + shift;
  if (mm.hi > Math.SQRT2) {
    mm = { hi: mm.hi / 2, lo: mm.lo / 2 };
    exponent++;
  } else if (mm.hi < Math.SQRT1_2) {
    mm = { hi: mm.hi * 2, lo: mm.lo * 2 };
    exponent--;
  }
  const s = ddDiv(ddAdd(mm, dd(-1)), ddAdd(mm, dd(1)));
  return ddAdd(dd(exponent), ddMul(logRatio(s), DD_LOG2E));
}

/**
 * Rounds a double-double (times 2^expOffset) to extended with the rounding mode of `cw`:
 * hi + lo is formed exactly and rounded once; the power of two is applied afterwards, which
 * rounds a second time only when the result leaves the extended range.
 */
function roundDD(out: F80, v: DD, cw: number, expOffset: number): number {
  fromNumber(T, v.hi);
  fromNumber(L, v.lo);
  const flags = add(out, T, L, false, cw | 0x033f) & (Exc.PE | Exc.C1);
  if (expOffset === 0 || (out.se & EXP_MAX) === 0) return flags;
  const u = U.from(out);
  return (flags & Exc.PE) | roundToControl(out, u.sign, u.e + expOffset, u.hi, u.lo, 0, cw | 0x300);
}

/**
 * `fpatan`: the angle of (x = `st0`, y = `st1`), that is atan2(y, x), with C's special
 * cases (which the x87 shares). Only the ratio of the operands matters, so operands outside
 * the double range are scaled first; very small ratios give y/x in extended precision.
 *
 * @returns the {@link Exc} flags.
 */
export function arctan(out: F80, st0: F80, st1: F80, cw: number): number {
  const kx = classify(st0.se, st0.hi, st0.lo);
  const ky = classify(st1.se, st1.hi, st1.lo);
  const special = nanOperands(out, st0, kx, st1, ky);
  if (special >= 0) return special;
  const denormal = kx === Kind.Denormal || ky === Kind.Denormal ? Exc.DE : 0;
  const finite = (k: Kind): boolean => k === Kind.Normal || k === Kind.Denormal;
  if (finite(kx) && finite(ky)) {
    const d = exponentOf(st1) - exponentOf(st0);
    const ySign = st1.se >>> 15;
    const xSign = st0.se >>> 15;
    if (d < -80 && xSign === 0) {
      // atan(y/x) = y/x to far below an ulp.
      const flags = div(out, st1, st0, cw | 0x300) & ~Exc.C1;
      // atan z < z: the result is inexact, so a denormal one has underflowed.
      const tiny = (out.se & EXP_MAX) === 0 ? Exc.UE : 0;
      return denormal | flags | tiny | Exc.PE;
    }
    if (d < -80 || d > 80) {
      // ±π/2 or ±π, less than an ulp away: rounded in the current mode.
      roundedMultipleOfPi(out, (ySign ? -1 : 1) * (d > 80 ? Math.PI / 2 : Math.PI), cw);
      return denormal | Exc.PE;
    }
    // atan of the ratio in double-double, shifted by ±π for a negative x; then one rounding.
    const z = ddDiv(significandOf(st1), significandOf(st0));
    let angle = ddAtan({ hi: z.hi * Math.pow(2, d), lo: z.lo * Math.pow(2, d) });
    if (xSign) angle = ddAdd(angle, ySign ? neg(DD_PI) : DD_PI);
    roundDD(out, angle, cw, 0);
    return denormal | Exc.PE;
  }
  {
    // A zero or an infinity on either side: the angle depends only on the signs and on which
    // operand is zero or infinite (a denormal counts as any finite nonzero number).
    const xs = st0.se >>> 15 ? -1 : 1;
    const ys = st1.se >>> 15 ? -1 : 1;
    const xv = kx === Kind.Infinity ? xs * Infinity : kx === Kind.Zero ? xs * 0 : xs;
    const yv = ky === Kind.Infinity ? ys * Infinity : ky === Kind.Zero ? ys * 0 : ys;
    const angle = Math.atan2(yv, xv);
    if (angle === 0) {
      out.set(st1.se & 0x8000, 0, 0);
      return denormal;
    }
    roundedMultipleOfPi(out, angle, cw);
    return denormal | Exc.PE;
  }
}
