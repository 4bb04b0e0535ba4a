/**
 * Rounding extended values to integers (`fist`, `fistp`, `fbstp`, `frndint`) and building
 * extended values from integers (`fild`, `fbld`), exactly.
 */

import { BIAS, F80, clz64, setZero } from "./float80.js";
import { Exc, RoundingMode } from "./round80.js";
import { Unpacked } from "./unpacked.js";

const U = new Unpacked();

/** The result of the last {@link roundToInteger}: magnitude words, and whether it is ≥ 2^64. */
export const I = {
  /** Magnitude bits 63–32. */
  hi: 0,
  /** Magnitude bits 31–0. */
  lo: 0,
  /** True when the magnitude does not fit 64 bits. */
  huge: false,
  /** {@link Exc.PE} and {@link Exc.C1} bits of the rounding. */
  flags: 0,
};

/**
 * Rounds a finite value (normal, denormal or zero) to an integer with rounding mode `rc`,
 * leaving the magnitude in {@link I}.
 *
 * @example
 * roundToInteger(new F80().set(0x3fff, 0xc0000000, 0), RoundingMode.Nearest); // I.lo = 2 (1.5 → 2)
 */
export function roundToInteger(v: F80, rc: number): void {
  I.huge = false;
  I.flags = 0;
  if ((v.hi | v.lo) === 0) {
    I.hi = 0;
    I.lo = 0;
    return;
  }
  const u = U.from(v);
  const sign = u.sign;
  if (u.e >= 64) {
    I.huge = true;
    return;
  }
  let hi = u.hi;
  let lo = u.lo;
  // Fraction bits: r1 holds the bits just below the binary point (half = 0x80000000),
  // sticky anything further down.
  let r1 = 0;
  let sticky = false;
  const s = 63 - u.e;
  if (s >= 65) {
    sticky = true;
    hi = 0;
    lo = 0;
  } else if (s === 64) {
    r1 = hi;
    sticky = lo !== 0;
    hi = 0;
    lo = 0;
  } else if (s >= 32) {
    const t = s - 32;
    r1 = t === 0 ? lo : ((lo >>> t) | (hi << (32 - t))) >>> 0;
    sticky = t === 0 ? false : lo << (32 - t) !== 0;
    lo = t === 0 ? hi : hi >>> t;
    hi = 0;
  } else if (s > 0) {
    r1 = (lo << (32 - s)) >>> 0;
    lo = ((lo >>> s) | (hi << (32 - s))) >>> 0;
    hi = hi >>> s;
  }
  const inexact = r1 !== 0 || sticky;
  let up = false;
  if (inexact) {
    I.flags |= Exc.PE;
    if (rc === RoundingMode.Nearest)
      up = r1 > 0x80000000 || (r1 === 0x80000000 && (sticky || (lo & 1) !== 0));
    else if (rc === RoundingMode.Down) up = sign !== 0;
    else if (rc === RoundingMode.Up) up = sign === 0;
  }
  if (up) {
    I.flags |= Exc.C1;
    lo += 1;
    if (lo > 0xffffffff) {
      lo = 0;
      hi += 1;
      if (hi > 0xffffffff) {
        I.huge = true;
        hi = 0;
      }
    }
  }
  I.hi = hi >>> 0;
  I.lo = lo >>> 0;
}

/**
 * Writes `(-1)^sign × hi:lo` (a 64-bit magnitude) into `out` exactly.
 *
 * @example
 * fromInteger(out, 1, 0, 5); // out = -5.0 (0xC001 A000000000000000)
 */
export function fromInteger(out: F80, sign: number, hi: number, lo: number): F80 {
  if (hi === 0 && lo === 0) return setZero(out, sign);
  const s = clz64(hi, lo);
  if (s >= 32) {
    hi = lo << (s - 32);
    lo = 0;
  } else if (s > 0) {
    hi = (hi << s) | (lo >>> (32 - s));
    lo = lo << s;
  }
  return out.set((sign << 15) | (BIAS + 63 - s), hi, lo);
}

/**
 * Signed two's-complement integer of 16, 32 or 64 bits (as two words) into `out`.
 *
 * @example
 * fromSignedWords(out, 0xffffffff, 0xffffffff); // -1.0
 */
export function fromSignedWords(out: F80, hi: number, lo: number): F80 {
  if ((hi & 0x80000000) === 0) return fromInteger(out, 0, hi >>> 0, lo >>> 0);
  // Negate the 64-bit value.
  const nlo = (~lo + 1) >>> 0;
  let nhi = ~hi >>> 0;
  if (nlo === 0) nhi = (nhi + 1) >>> 0;
  return fromInteger(out, 1, nhi, nlo);
}

/** Packed-BCD digits of the last {@link toBcdDigits}: 18 digits, least significant first. */
export const bcdDigits = new Uint8Array(18);

/**
 * Splits a magnitude below 10^18 into decimal digits (into {@link bcdDigits}).
 * Uses only exact 36-bit intermediate values.
 */
export function toBcdDigits(hi: number, lo: number): void {
  for (let i = 0; i < 18; i++) {
    const rh = hi % 10;
    hi = Math.floor(hi / 10);
    const t = rh * 0x100000000 + lo;
    lo = Math.floor(t / 10);
    bcdDigits[i] = t % 10;
  }
}

/**
 * Builds an extended value from 18 decimal digits (least significant first) and a sign,
 * exactly. Intel leaves the result of invalid digits (A–F) undefined; here they are simply
 * accumulated with weight 10.
 *
 * @example
 * fromBcdDigits(out, 1, [2, 1]); // -12.0
 */
export function fromBcdDigits(out: F80, sign: number, digits: ArrayLike<number>): F80 {
  let hi = 0;
  let lo = 0;
  for (let i = 17; i >= 0; i--) {
    const t = lo * 10 + (digits[i] ?? 0);
    lo = t % 0x100000000;
    hi = (hi * 10 + Math.floor(t / 0x100000000)) % 0x100000000;
  }
  return fromInteger(out, sign, hi, lo);
}
