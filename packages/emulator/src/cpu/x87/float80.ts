/**
 * The 80-bit extended-precision value as the x87 holds it, and its classification.
 *
 * A value is three integers: `se` (sign in bit 15, biased exponent in bits 0–14), and the
 * 64-bit significand as two unsigned 32-bit halves `hi` (bits 63–32, bit 31 of `hi` is the
 * explicit integer bit J) and `lo` (bits 31–0). This is exactly the memory layout of an
 * `m80` operand, so loads, stores and `fsave` images are a matter of copying words.
 */

/** Exponent bias of the extended format. */
export const BIAS = 16383;
/** The all-ones exponent of infinities and NaNs. */
export const EXP_MAX = 0x7fff;
/** Bit 31 of `hi`: the explicit integer bit J. */
export const J_BIT = 0x80000000;
/** Bit 30 of `hi`: the quiet bit of a NaN. */
export const QUIET_BIT = 0x40000000;

/** One mutable extended value. Instances are reused as scratch space; none is allocated per instruction. */
export class F80 {
  /** Sign (bit 15) and biased exponent (bits 0–14). */
  se = 0;
  /** Significand bits 63–32 (unsigned). */
  hi = 0;
  /** Significand bits 31–0 (unsigned). */
  lo = 0;

  /** Copies another value into this one. */
  copy(from: F80): this {
    this.se = from.se;
    this.hi = from.hi;
    this.lo = from.lo;
    return this;
  }

  /** Sets all three fields. */
  set(se: number, hi: number, lo: number): this {
    this.se = se;
    this.hi = hi >>> 0;
    this.lo = lo >>> 0;
    return this;
  }
}

/** The classes an extended value can fall into, in the x87's own terms. */
export const Kind = {
  /** ±0. */
  Zero: 0,
  /** A normal number (J set, exponent 1..0x7FFE). */
  Normal: 1,
  /** Exponent 0 with a nonzero significand (denormal or pseudo-denormal). */
  Denormal: 2,
  /** ±∞ (exponent 0x7FFF, significand 0x8000000000000000). */
  Infinity: 3,
  /** A quiet NaN. */
  QNaN: 4,
  /** A signaling NaN. */
  SNaN: 5,
  /** Unnormals, pseudo-NaNs and pseudo-infinities: J clear with a nonzero exponent. */
  Unsupported: 6,
} as const;
/** One of the {@link Kind} values. */
export type Kind = (typeof Kind)[keyof typeof Kind];

/**
 * Classifies an extended value given as its three fields.
 *
 * @example
 * classify(0x3fff, 0x80000000, 0); // Kind.Normal (1.0)
 */
export function classify(se: number, hi: number, lo: number): Kind {
  const exp = se & EXP_MAX;
  if (exp === 0) return hi === 0 && lo === 0 ? Kind.Zero : Kind.Denormal;
  if ((hi & J_BIT) === 0) return Kind.Unsupported;
  if (exp !== EXP_MAX) return Kind.Normal;
  if ((hi & 0x7fffffff) === 0 && lo === 0) return Kind.Infinity;
  return (hi & QUIET_BIT) !== 0 ? Kind.QNaN : Kind.SNaN;
}

/** True for {@link Kind.QNaN} and {@link Kind.SNaN}. */
export function isNaNKind(kind: Kind): boolean {
  return kind === Kind.QNaN || kind === Kind.SNaN;
}

/** Writes the QNaN "real indefinite" (the default result of an invalid operation) into `out`. */
export function setIndefinite(out: F80): F80 {
  return out.set(0xffff, 0xc0000000, 0);
}

/** Writes ±∞ into `out`. */
export function setInfinity(out: F80, sign: number): F80 {
  return out.set((sign << 15) | EXP_MAX, J_BIT, 0);
}

/** Writes ±0 into `out`. */
export function setZero(out: F80, sign: number): F80 {
  return out.set(sign << 15, 0, 0);
}

/** Number of leading zero bits of the 64-bit significand `hi:lo` (64 when both are zero). */
export function clz64(hi: number, lo: number): number {
  return hi !== 0 ? Math.clz32(hi) : 32 + Math.clz32(lo);
}

/**
 * The NaN an operation on two operands returns when at least one is a NaN, as the x87
 * chooses it: a QNaN beats an SNaN, between two NaNs of the same kind the larger
 * significand wins (the positive one on a tie). The result is quieted. Returns true when
 * an SNaN was involved (the caller raises the invalid-operation exception).
 */
export function propagateNaN(out: F80, a: F80, ka: Kind, b: F80, kb: Kind): boolean {
  const aNaN = isNaNKind(ka);
  const bNaN = isNaNKind(kb);
  let pick: F80;
  if (aNaN && bNaN && ka === kb) {
    const aHi = (a.hi | QUIET_BIT) >>> 0;
    const bHi = (b.hi | QUIET_BIT) >>> 0;
    if (aHi !== bHi) pick = aHi > bHi ? a : b;
    else if (a.lo !== b.lo) pick = a.lo > b.lo ? a : b;
    else pick = a.se <= b.se ? a : b;
  } else if (aNaN && bNaN) {
    pick = ka === Kind.QNaN ? a : b;
  } else {
    pick = aNaN ? a : b;
  }
  out.set(pick.se, pick.hi | QUIET_BIT, pick.lo);
  return ka === Kind.SNaN || kb === Kind.SNaN;
}
