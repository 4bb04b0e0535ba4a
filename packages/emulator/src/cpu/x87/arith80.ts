/**
 * The correctly rounded basic operations of the x87 on 80-bit values: add/subtract,
 * multiply, divide and square root, with precision control, rounding control, the IEEE
 * special cases and the exception flags. Each computes the exact result with integer
 * arithmetic on 32-bit words (64×64-bit products through 16-bit limbs, quotients by long
 * division in base 2^16, roots digit by digit after a seed from the double root) and hands
 * it to {@link round}.
 */

import { D, divideSignificands } from "./divide64.js";
import {
  F80,
  Kind,
  classify,
  isNaNKind,
  propagateNaN,
  setIndefinite,
  setInfinity,
  setZero,
} from "./float80.js";
import {
  BIAS_ADJUST,
  Exc,
  Formats,
  R,
  RoundingMode,
  packF80,
  round,
  type FloatFormat,
} from "./round80.js";
import { Unpacked } from "./unpacked.js";

const TWO32 = 0x100000000;
const UA = new Unpacked();
const UB = new Unpacked();

/** The format that precision control (control word bits 8–9) selects for arithmetic results. */
export function precisionFormat(cw: number): FloatFormat {
  const pc = (cw >>> 8) & 3;
  return pc === 0 ? Formats.ext24 : pc === 2 ? Formats.ext53 : Formats.ext64;
}

/** Rounds an exact result to the precision and rounding mode of `cw` and packs it into `out`. */
export function roundToControl(
  out: F80,
  sign: number,
  e: number,
  hi: number,
  lo: number,
  ext: number,
  cw: number,
  format: FloatFormat = precisionFormat(cw),
): number {
  const flags = round(
    sign,
    e,
    hi,
    lo,
    ext,
    format,
    (cw >>> 10) & 3,
    (cw & Exc.UE) !== 0,
    (cw & Exc.OE) !== 0,
    BIAS_ADJUST,
  );
  packF80(out);
  return flags;
}

/**
 * Handles the operands no arithmetic can use: unsupported encodings (invalid operation,
 * indefinite result) and NaNs (propagated). Returns the flags, or -1 when both operands are
 * numbers (zero, denormal, normal or infinity).
 */
function nanOperands(out: F80, a: F80, ka: Kind, b: F80, kb: Kind): number {
  if (ka === Kind.Unsupported || kb === Kind.Unsupported) {
    setIndefinite(out);
    return Exc.IE;
  }
  if (isNaNKind(ka) || isNaNKind(kb)) return propagateNaN(out, a, ka, b, kb) ? Exc.IE : 0;
  return -1;
}

/** DE when either operand is a denormal. */
function denormalFlag(ka: Kind, kb: Kind): number {
  return ka === Kind.Denormal || kb === Kind.Denormal ? Exc.DE : 0;
}

/**
 * `out = a + b`, or `a - b` when `subtract` is set, rounded per `cw`.
 *
 * @returns the {@link Exc} flags raised.
 * @example
 * add(out, one, one, false, 0x037f); // out = 2.0, flags 0
 */
export function add(out: F80, a: F80, b: F80, subtract: boolean, cw: number): number {
  const ka = classify(a.se, a.hi, a.lo);
  const kb = classify(b.se, b.hi, b.lo);
  const special = nanOperands(out, a, ka, b, kb);
  if (special >= 0) return special;
  let flags = denormalFlag(ka, kb);
  const sa = a.se >>> 15;
  const sb = (b.se >>> 15) ^ (subtract ? 1 : 0);
  if (ka === Kind.Infinity || kb === Kind.Infinity) {
    if (ka === Kind.Infinity && kb === Kind.Infinity && sa !== sb) {
      setIndefinite(out);
      return flags | Exc.IE;
    }
    setInfinity(out, ka === Kind.Infinity ? sa : sb);
    return flags;
  }
  if (ka === Kind.Zero && kb === Kind.Zero) {
    setZero(out, sa === sb ? sa : ((cw >>> 10) & 3) === RoundingMode.Down ? 1 : 0);
    return flags;
  }
  if (kb === Kind.Zero || ka === Kind.Zero) {
    const u = UA.from(ka === Kind.Zero ? b : a);
    return flags | roundToControl(out, ka === Kind.Zero ? sb : sa, u.e, u.hi, u.lo, 0, cw);
  }
  let x = UA.from(a);
  let y = UB.from(b);
  let sx = sa;
  let sy = sb;
  if (x.e < y.e || (x.e === y.e && (x.hi < y.hi || (x.hi === y.hi && x.lo < y.lo)))) {
    const t = x;
    x = y;
    y = t;
    sx = sb;
    sy = sa;
  }
  // Align y under x in a 96-bit window, keeping everything shifted out as a sticky bit.
  const d = x.e - y.e;
  let y0 = y.hi;
  let y1 = y.lo;
  let y2 = 0;
  if (d >= 96) {
    y0 = 0;
    y1 = 0;
    y2 = 1;
  } else if (d > 0) {
    let s = d;
    let sticky = 0;
    while (s >= 32) {
      sticky |= y2;
      y2 = y1;
      y1 = y0;
      y0 = 0;
      s -= 32;
    }
    if (s > 0) {
      sticky |= y2 << (32 - s);
      y2 = ((y2 >>> s) | (y1 << (32 - s))) >>> 0;
      y1 = ((y1 >>> s) | (y0 << (32 - s))) >>> 0;
      y0 = y0 >>> s;
    }
    if (sticky !== 0) y2 = (y2 | 1) >>> 0;
  }
  let e = x.e;
  let r0: number;
  let r1: number;
  let r2: number;
  if (sx === sy) {
    r2 = y2;
    r1 = x.lo + y1;
    r0 = x.hi + y0;
    if (r1 >= TWO32) {
      r1 -= TWO32;
      r0 += 1;
    }
    if (r0 >= TWO32) {
      // Carry out of bit 63: shift right one, keeping the lost bit sticky.
      const lost = r2 & 1;
      r2 = ((r2 >>> 1) | ((r1 & 1) << 31) | lost) >>> 0;
      r1 = ((r1 >>> 1) | ((r0 & 1) << 31)) >>> 0;
      r0 = (r0 - TWO32) / 2 + 0x80000000;
      e += 1;
    }
  } else {
    r2 = 0 - y2;
    let borrow = 0;
    if (r2 < 0) {
      r2 += TWO32;
      borrow = 1;
    }
    r1 = x.lo - y1 - borrow;
    borrow = 0;
    if (r1 < 0) {
      r1 += TWO32;
      borrow = 1;
    }
    r0 = x.hi - y0 - borrow;
    if (r0 === 0 && r1 === 0 && r2 === 0) {
      setZero(out, ((cw >>> 10) & 3) === RoundingMode.Down ? 1 : 0);
      return flags;
    }
  }
  flags |= roundToControl(out, sx, e, r0, r1, r2, cw);
  return flags;
}

/**
 * `out = a × b`, rounded per `cw`.
 *
 * @returns the {@link Exc} flags raised.
 */
export function mul(out: F80, a: F80, b: F80, cw: number): number {
  const ka = classify(a.se, a.hi, a.lo);
  const kb = classify(b.se, b.hi, b.lo);
  const special = nanOperands(out, a, ka, b, kb);
  if (special >= 0) return special;
  const flags = denormalFlag(ka, kb);
  const sign = (a.se ^ b.se) >>> 15;
  if (ka === Kind.Infinity || kb === Kind.Infinity) {
    if (ka === Kind.Zero || kb === Kind.Zero) {
      setIndefinite(out);
      return flags | Exc.IE;
    }
    setInfinity(out, sign);
    return flags;
  }
  if (ka === Kind.Zero || kb === Kind.Zero) {
    setZero(out, sign);
    return flags;
  }
  const x = UA.from(a);
  const y = UB.from(b);
  mul64(x.hi, x.lo, y.hi, y.lo);
  return flags | roundToControl(out, sign, x.e + y.e + 1, P3, P2, P1 | (P0 !== 0 ? 1 : 0), cw);
}

/** Words of the last {@link mul64} product, most significant first: P3:P2:P1:P0. */
let P3 = 0;
let P2 = 0;
let P1 = 0;
let P0 = 0;

/** 64×64 → 128-bit unsigned product into P3:P2:P1:P0, through 16-bit limbs so every partial product is exact. */
function mul64(ah: number, al: number, bh: number, bl: number): void {
  const a0 = al & 0xffff;
  const a1 = al >>> 16;
  const a2 = ah & 0xffff;
  const a3 = ah >>> 16;
  const b0 = bl & 0xffff;
  const b1 = bl >>> 16;
  const b2 = bh & 0xffff;
  const b3 = bh >>> 16;
  let c = a0 * b0;
  const l0 = c % 0x10000;
  c = Math.floor(c / 0x10000) + a0 * b1 + a1 * b0;
  const l1 = c % 0x10000;
  c = Math.floor(c / 0x10000) + a0 * b2 + a1 * b1 + a2 * b0;
  const l2 = c % 0x10000;
  c = Math.floor(c / 0x10000) + a0 * b3 + a1 * b2 + a2 * b1 + a3 * b0;
  const l3 = c % 0x10000;
  c = Math.floor(c / 0x10000) + a1 * b3 + a2 * b2 + a3 * b1;
  const l4 = c % 0x10000;
  c = Math.floor(c / 0x10000) + a2 * b3 + a3 * b2;
  const l5 = c % 0x10000;
  c = Math.floor(c / 0x10000) + a3 * b3;
  const l6 = c % 0x10000;
  const l7 = Math.floor(c / 0x10000);
  P0 = l0 + l1 * 0x10000;
  P1 = l2 + l3 * 0x10000;
  P2 = l4 + l5 * 0x10000;
  P3 = l6 + l7 * 0x10000;
}

/**
 * `out = a ÷ b`, rounded per `cw`.
 *
 * @returns the {@link Exc} flags raised (ZE for a finite nonzero dividend over zero).
 */
export function div(out: F80, a: F80, b: F80, cw: number): number {
  const ka = classify(a.se, a.hi, a.lo);
  const kb = classify(b.se, b.hi, b.lo);
  const special = nanOperands(out, a, ka, b, kb);
  if (special >= 0) return special;
  const flags = denormalFlag(ka, kb);
  const sign = (a.se ^ b.se) >>> 15;
  if (ka === Kind.Infinity) {
    if (kb === Kind.Infinity) {
      setIndefinite(out);
      return flags | Exc.IE;
    }
    setInfinity(out, sign);
    return flags;
  }
  if (kb === Kind.Infinity) {
    setZero(out, sign);
    return flags;
  }
  if (kb === Kind.Zero) {
    if (ka === Kind.Zero) {
      setIndefinite(out);
      return flags | Exc.IE;
    }
    // A denormal dividend over zero reports ZE alone.
    setInfinity(out, sign);
    return Exc.ZE;
  }
  if (ka === Kind.Zero) {
    setZero(out, sign);
    return flags;
  }
  const x = UA.from(a);
  const y = UB.from(b);
  divideSignificands(x.hi, x.lo, y.hi, y.lo);
  return flags | roundToControl(out, sign, x.e - y.e, D.w0, D.w1, D.w2, cw);
}

/**
 * `out = √a`, rounded per `cw`. √−0 is −0; any other negative operand is invalid.
 *
 * @returns the {@link Exc} flags raised.
 */
export function sqrt(out: F80, a: F80, cw: number): number {
  const ka = classify(a.se, a.hi, a.lo);
  if (ka === Kind.Unsupported) {
    setIndefinite(out);
    return Exc.IE;
  }
  if (isNaNKind(ka)) {
    propagateNaN(out, a, ka, a, ka);
    return ka === Kind.SNaN ? Exc.IE : 0;
  }
  const sign = a.se >>> 15;
  if (ka === Kind.Zero) {
    out.copy(a);
    return 0;
  }
  if (sign !== 0) {
    // A negative operand is invalid before it is a denormal: IE alone.
    setIndefinite(out);
    return Exc.IE;
  }
  const flags = ka === Kind.Denormal ? Exc.DE : 0;
  if (ka === Kind.Infinity) {
    out.copy(a);
    return flags;
  }
  const x = UA.from(a);
  // a = A × 2^(e−63) with A the 64-bit significand; make the power even (A' ≤ 65 bits).
  let ee = x.e - 63;
  if ((ee & 1) !== 0) ee -= 1;
  // The radicand A' (A, or A << 1 to make the power even) as a 66-bit field at the top of
  // u0:u1:u2, consumed two bits at a time; zeros follow it.
  const shift = ((x.e - 63) & 1) !== 0 ? 31 : 30;
  let u0 = (x.hi >>> (32 - shift)) >>> 0;
  let u1 = ((x.hi << shift) | (x.lo >>> (32 - shift))) >>> 0;
  let u2 = (x.lo << shift) >>> 0;
  // Digit-by-digit square root of A' × 2^68: 67 result bits. The first 26 come at once from
  // the double square root of the radicand's top 52 bits (exact below 2^53, then checked).
  const top = u0 * 0x100000 + (u1 >>> 12);
  let seed = Math.floor(Math.sqrt(top));
  while (seed * seed > top) seed--;
  while ((seed + 1) * (seed + 1) <= top) seed++;
  u0 = ((u1 << 20) | (u2 >>> 12)) >>> 0;
  u1 = (u2 << 20) >>> 0;
  u2 = 0;
  let r0 = 0;
  let r1 = 0;
  let r2 = top - seed * seed;
  let q0 = 0;
  let q1 = 0;
  let q2 = seed;
  for (let i = 26; i < 67; i++) {
    const pair = u0 >>> 30;
    u0 = ((u0 << 2) | (u1 >>> 30)) >>> 0;
    u1 = ((u1 << 2) | (u2 >>> 30)) >>> 0;
    u2 = (u2 << 2) >>> 0;
    r0 = ((r0 << 2) | (r1 >>> 30)) >>> 0;
    r1 = ((r1 << 2) | (r2 >>> 30)) >>> 0;
    r2 = ((r2 << 2) | pair) >>> 0;
    const t0 = ((q0 << 2) | (q1 >>> 30)) >>> 0;
    const t1 = ((q1 << 2) | (q2 >>> 30)) >>> 0;
    const t2 = ((q2 << 2) | 1) >>> 0;
    q0 = ((q0 << 1) | (q1 >>> 31)) >>> 0;
    q1 = ((q1 << 1) | (q2 >>> 31)) >>> 0;
    q2 = (q2 << 1) >>> 0;
    if (r0 > t0 || (r0 === t0 && (r1 > t1 || (r1 === t1 && r2 >= t2)))) {
      let n2 = r2 - t2;
      let borrow = 0;
      if (n2 < 0) {
        n2 += TWO32;
        borrow = 1;
      }
      let n1 = r1 - t1 - borrow;
      borrow = 0;
      if (n1 < 0) {
        n1 += TWO32;
        borrow = 1;
      }
      r0 = r0 - t0 - borrow;
      r1 = n1;
      r2 = n2;
      q2 = (q2 | 1) >>> 0;
    }
  }
  const sticky = r0 !== 0 || r1 !== 0 || r2 !== 0 ? 1 : 0;
  // q < 2^67 sits in q0:q1:q2 with its bit 66 at bit 2 of q0: move bit 66 to bit 95.
  const h = ((q0 << 29) | (q1 >>> 3)) >>> 0;
  const m = ((q1 << 29) | (q2 >>> 3)) >>> 0;
  const l = ((q2 << 29) | sticky) >>> 0;
  // Bit 95 of h:m:l has weight 2^66 × 2^(ee/2 − 34).
  return flags | roundToControl(out, 0, ee / 2 + 32, h, m, l, cw);
}

/** Re-exported for callers that round through {@link R} directly. */
export { R };
