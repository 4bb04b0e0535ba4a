/**
 * Finite nonzero extended values taken apart for arithmetic: sign, unbounded unbiased
 * exponent and a normalized 64-bit significand (denormals are shifted up so that J is set).
 */

import { BIAS, EXP_MAX, F80, clz64 } from "./float80.js";

/** A finite nonzero value with its significand normalized (bit 31 of `hi` set). */
export class Unpacked {
  /** Sign bit. */
  sign = 0;
  /** Unbiased exponent of significand bit 63. */
  e = 0;
  /** Significand bits 63–32. */
  hi = 0;
  /** Significand bits 31–0. */
  lo = 0;

  /**
   * Takes apart a finite nonzero value (normal, denormal or pseudo-denormal).
   *
   * @example
   * new Unpacked().from(new F80().set(0x0000, 0x00000001, 0)); // e = -16382 - 31
   */
  from(v: F80): this {
    this.sign = v.se >>> 15;
    const exp = v.se & EXP_MAX;
    // Exponent 0 means 2^(1-BIAS) whatever J says: denormals and pseudo-denormals alike.
    let e = (exp === 0 ? 1 : exp) - BIAS;
    let hi = v.hi;
    let lo = v.lo;
    const s = clz64(hi, lo);
    if (s > 0 && s < 64) {
      if (s >= 32) {
        hi = lo << (s - 32);
        lo = 0;
      } else {
        hi = (hi << s) | (lo >>> (32 - s));
        lo = lo << s;
      }
      e -= s;
    }
    this.e = e;
    this.hi = hi >>> 0;
    this.lo = lo >>> 0;
    return this;
  }
}
