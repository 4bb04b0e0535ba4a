/**
 * Rounding of an exact intermediate result to a destination precision and exponent range,
 * with the IEEE flags the x87 reports.
 *
 * Every arithmetic routine computes its result exactly as a sign, an unbounded unbiased
 * exponent and a 96-bit significand (`hi:lo:ext`, bit 0 of `ext` doubling as the sticky
 * bit), then calls {@link round}. The rounded result is left in {@link R}, from which
 * {@link packF80}, {@link packDouble} and {@link packSingle} encode it.
 *
 * Underflow follows the x87: tininess is detected after rounding (a result that rounds up
 * to the smallest normal number, with the exponent unbounded, is not tiny); when underflow is
 * masked a tiny result is denormalized and UE is raised only if it is also inexact; when
 * unmasked, the result keeps full precision with its exponent biased up by `adjust`
 * (24576 for register destinations). Overflow is symmetric.
 */

import { BIAS, EXP_MAX, F80, J_BIT } from "./float80.js";

/** Status-word exception bits as the arithmetic routines report them, plus C1 for "rounded up". */
export const Exc = {
  /** Invalid operation. */
  IE: 0x01,
  /** Denormal operand. */
  DE: 0x02,
  /** Zero divide. */
  ZE: 0x04,
  /** Overflow. */
  OE: 0x08,
  /** Underflow. */
  UE: 0x10,
  /** Precision (inexact result). */
  PE: 0x20,
  /** Stack fault (with IE). */
  SF: 0x40,
  /** Condition code C1: set when an inexact result was rounded away from zero. */
  C1: 0x200,
} as const;

/** Rounding-control values of the control word (bits 10–11). */
export const RoundingMode = {
  /** Round to nearest, ties to even. */
  Nearest: 0,
  /** Round toward −∞. */
  Down: 1,
  /** Round toward +∞. */
  Up: 2,
  /** Round toward zero. */
  Chop: 3,
} as const;

/** Destination formats: significand bits and unbiased exponent range of normal numbers. */
export interface FloatFormat {
  /** Significand bits kept (24, 53 or 64). */
  readonly bits: 24 | 53 | 64;
  /** Smallest unbiased exponent of a normal number. */
  readonly emin: number;
  /** Largest unbiased exponent of a finite number. */
  readonly emax: number;
}

/** Extended exponent range at 64, 53 and 24 bits (precision control), and the memory formats. */
export const Formats = {
  /** Extended precision, 64-bit significand. */
  ext64: { bits: 64, emin: -16382, emax: 16383 } as FloatFormat,
  /** Extended exponent range, significand rounded to 53 bits (PC = 10b). */
  ext53: { bits: 53, emin: -16382, emax: 16383 } as FloatFormat,
  /** Extended exponent range, significand rounded to 24 bits (PC = 00b). */
  ext24: { bits: 24, emin: -16382, emax: 16383 } as FloatFormat,
  /** IEEE double (`m64real`). */
  double: { bits: 53, emin: -1022, emax: 1023 } as FloatFormat,
  /** IEEE single (`m32real`). */
  single: { bits: 24, emin: -126, emax: 127 } as FloatFormat,
} as const;

/** Exponent bias adjustment applied to register results of unmasked overflow/underflow. */
export const BIAS_ADJUST = 24576;

/** The rounded result of the last {@link round} call. */
export const R = {
  /** Sign bit (0 or 1). */
  sign: 0,
  /** Unbiased exponent of bit 63; equals the format's emin for denormals. */
  e: 0,
  /** Significand bits 63–32. */
  hi: 0,
  /** Significand bits 31–0. */
  lo: 0,
  /** True when the result is an infinity. */
  inf: false,
};

// The 96-bit working significand, kept in module variables so that rounding allocates nothing.
let w0 = 0;
let w1 = 0;
let w2 = 0;

/** Shifts `w0:w1:w2` right by `s` bits, folding every bit shifted out into bit 0 of `w2`. */
function shiftRightSticky(s: number): void {
  if (s <= 0) return;
  if (s >= 96) {
    const sticky = (w0 | w1 | w2) !== 0;
    w0 = 0;
    w1 = 0;
    w2 = sticky ? 1 : 0;
    return;
  }
  let sticky = 0;
  while (s >= 32) {
    sticky |= w2;
    w2 = w1;
    w1 = w0;
    w0 = 0;
    s -= 32;
  }
  if (s > 0) {
    sticky |= w2 << (32 - s);
    w2 = ((w2 >>> s) | (w1 << (32 - s))) >>> 0;
    w1 = ((w1 >>> s) | (w0 << (32 - s))) >>> 0;
    w0 = w0 >>> s;
  }
  if (sticky !== 0) w2 = (w2 | 1) >>> 0;
}

/** Shifts `w0:w1:w2` left until bit 95 is set; returns the shift (the words must not all be 0). */
function normalizeLeft(): number {
  let shift = 0;
  while (w0 === 0) {
    w0 = w1;
    w1 = w2;
    w2 = 0;
    shift += 32;
  }
  const s = Math.clz32(w0);
  if (s > 0) {
    w0 = ((w0 << s) | (w1 >>> (32 - s))) >>> 0;
    w1 = ((w1 << s) | (w2 >>> (32 - s))) >>> 0;
    w2 = (w2 << s) >>> 0;
  }
  return shift + s;
}

/**
 * True when the working significand, whose exponent `e` is just below the normal range,
 * rounds up at the format's precision to exactly 2^emin (so it is not tiny after rounding).
 */
function roundsToMinNormal(e: number, format: FloatFormat, rc: number, sign: number): boolean {
  if (e !== format.emin - 1) return false;
  const bits = format.bits;
  let keptOnes: boolean;
  let r1: number;
  let rest: number;
  let half: number;
  if (bits === 64) {
    keptOnes = w0 === 0xffffffff && w1 === 0xffffffff;
    r1 = w2;
    rest = 0;
    half = 0x80000000;
  } else if (bits === 53) {
    keptOnes = w0 === 0xffffffff && w1 >>> 11 === 0x1fffff;
    r1 = w1 & 0x7ff;
    rest = w2;
    half = 0x400;
  } else {
    keptOnes = w0 >>> 8 === 0xffffff;
    r1 = w0 & 0xff;
    rest = w1 | w2;
    half = 0x80;
  }
  if (!keptOnes || (r1 === 0 && rest === 0)) return false;
  if (rc === RoundingMode.Nearest) return r1 >= half; // the kept lsb is 1, so a tie rounds up
  if (rc === RoundingMode.Down) return sign !== 0;
  if (rc === RoundingMode.Up) return sign === 0;
  return false;
}

/**
 * Rounds `(-1)^sign × 0.hi:lo:ext × 2^(e+1)` (that is, bit 95 of the triple has weight 2^e)
 * to `format` with rounding mode `rc`, leaving the result in {@link R}.
 *
 * @param adjust - exponent adjustment for unmasked overflow/underflow (24576 for register
 *   destinations; 0 for memory destinations, which the caller does not write then).
 * @returns the {@link Exc} bits raised (PE, UE, OE and C1 for a round-up).
 *
 * @example
 * // 1/3 = 0.0101…: bit 95 (the first 1) weighs 2^-2.
 * round(0, -2, 0xaaaaaaaa, 0xaaaaaaaa, 0xaaaaaaaa, Formats.ext64, RoundingMode.Nearest, true, true, BIAS_ADJUST);
 * packF80(out); // 0x3FFD AAAAAAAAAAAAAAAB, returns Exc.PE | Exc.C1
 */
export function round(
  sign: number,
  e: number,
  hi: number,
  lo: number,
  ext: number,
  format: FloatFormat,
  rc: number,
  ueMasked: boolean,
  oeMasked: boolean,
  adjust: number,
): number {
  w0 = hi >>> 0;
  w1 = lo >>> 0;
  w2 = ext >>> 0;
  R.sign = sign;
  R.inf = false;
  if ((w0 | w1 | w2) === 0) {
    R.e = format.emin;
    R.hi = 0;
    R.lo = 0;
    return 0;
  }
  e -= normalizeLeft();
  let flags = 0;
  let tinyMasked = false;
  if (e < format.emin && !roundsToMinNormal(e, format, rc, sign)) {
    if (ueMasked) {
      shiftRightSticky(format.emin - e);
      e = format.emin;
      tinyMasked = true;
    } else {
      flags |= Exc.UE;
      e += adjust;
      if (e < format.emin) {
        // Too small even for the biased exponent (fscale): the hardware delivers a zero.
        R.e = format.emin;
        R.hi = 0;
        R.lo = 0;
        return flags | Exc.PE;
      }
    }
  } else if (e < format.emin) {
    // Not tiny after rounding: the value rounds up to the smallest normal number.
    shiftRightSticky(format.emin - e);
    e = format.emin;
  }
  let r1: number;
  let rest: number;
  let half: number;
  let lsb: number;
  const bits = format.bits;
  if (bits === 64) {
    r1 = w2;
    rest = 0;
    half = 0x80000000;
    lsb = w1 & 1;
  } else if (bits === 53) {
    r1 = w1 & 0x7ff;
    rest = w2;
    half = 0x400;
    lsb = (w1 >>> 11) & 1;
  } else {
    r1 = w0 & 0xff;
    rest = w1 | w2;
    half = 0x80;
    lsb = (w0 >>> 8) & 1;
  }
  const inexact = r1 !== 0 || rest !== 0;
  let up = false;
  if (inexact) {
    flags |= Exc.PE;
    if (tinyMasked) flags |= Exc.UE;
    if (rc === RoundingMode.Nearest) up = r1 > half || (r1 === half && (rest !== 0 || lsb !== 0));
    else if (rc === RoundingMode.Down) up = sign !== 0;
    else if (rc === RoundingMode.Up) up = sign === 0;
  }
  if (bits === 64) {
    w2 = 0;
  } else if (bits === 53) {
    w1 = (w1 & ~0x7ff) >>> 0;
    w2 = 0;
  } else {
    w0 = (w0 & ~0xff) >>> 0;
    w1 = 0;
    w2 = 0;
  }
  if (up) {
    flags |= Exc.C1;
    if (bits === 64) w1 += 1;
    else if (bits === 53) w1 += 0x800;
    else w0 += 0x100;
    if (w1 > 0xffffffff) {
      w1 = 0;
      w0 += 1;
    }
    if (w0 > 0xffffffff) {
      w0 = J_BIT;
      e += 1;
    }
  }
  if (e > format.emax) {
    flags |= Exc.OE;
    if (oeMasked) {
      flags |= Exc.PE;
      const toInfinity =
        rc === RoundingMode.Nearest ||
        (rc === RoundingMode.Down && sign !== 0) ||
        (rc === RoundingMode.Up && sign === 0);
      if (toInfinity) {
        flags |= Exc.C1;
        R.inf = true;
        w0 = J_BIT;
        w1 = 0;
      } else {
        flags &= ~Exc.C1;
        e = format.emax;
        w0 = bits === 24 ? 0xffffff00 : 0xffffffff;
        w1 = bits === 64 ? 0xffffffff : bits === 53 ? 0xfffff800 : 0;
      }
    } else {
      e -= adjust;
      if (e > format.emax) {
        // Too large even for the biased exponent (fscale): the hardware delivers an infinity.
        flags |= Exc.PE | Exc.C1;
        R.inf = true;
        w0 = J_BIT;
        w1 = 0;
      }
    }
  }
  R.e = e;
  R.hi = w0 >>> 0;
  R.lo = w1 >>> 0;
  return flags;
}

/** Encodes {@link R} as an extended value into `out`. */
export function packF80(out: F80): F80 {
  const s = R.sign << 15;
  if (R.inf) return out.set(s | EXP_MAX, J_BIT, 0);
  if ((R.hi & J_BIT) === 0) return out.set(s, R.hi, R.lo);
  return out.set(s | ((R.e + BIAS) & EXP_MAX), R.hi, R.lo);
}

/** High 32 bits of the last {@link packDouble} result. */
export let doubleHi = 0;
/** Low 32 bits of the last {@link packDouble} result. */
export let doubleLo = 0;

/** Encodes {@link R} (rounded to {@link Formats.double}) as an IEEE double in {@link doubleHi}/{@link doubleLo}. */
export function packDouble(): void {
  const s = R.sign << 31;
  if (R.inf) {
    doubleHi = (s | 0x7ff00000) >>> 0;
    doubleLo = 0;
    return;
  }
  const biased = (R.hi & J_BIT) === 0 ? 0 : R.e + 1023;
  doubleHi = (s | (biased << 20) | ((R.hi >>> 11) & 0xfffff)) >>> 0;
  doubleLo = ((R.hi << 21) | (R.lo >>> 11)) >>> 0;
}

/** Encodes {@link R} (rounded to {@link Formats.single}) as an IEEE single. */
export function packSingle(): number {
  const s = R.sign << 31;
  if (R.inf) return (s | 0x7f800000) >>> 0;
  const biased = (R.hi & J_BIT) === 0 ? 0 : R.e + 127;
  return (s | (biased << 23) | ((R.hi >>> 8) & 0x7fffff)) >>> 0;
}
