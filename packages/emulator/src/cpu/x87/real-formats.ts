/**
 * Conversions between the extended format and the IEEE single (`m32real`) and double
 * (`m64real`) memory formats, with the flags `fld`/`fst` raise.
 *
 * Loads are exact (every single and double is an extended value; denormals are normalized
 * and raise DE; SNaNs are quieted and raise IE). Stores round to the destination's
 * precision and exponent range with the current rounding mode.
 */

import {
  BIAS,
  F80,
  J_BIT,
  Kind,
  QUIET_BIT,
  classify,
  clz64,
  setInfinity,
  setZero,
} from "./float80.js";
import { Exc, Formats, packDouble, packSingle, round, doubleHi, doubleLo } from "./round80.js";
import { Unpacked } from "./unpacked.js";

const U = new Unpacked();

/**
 * `fld m32real`: the single with bit pattern `bits` into `out`. With `quiet` false (an
 * arithmetic operand) an SNaN stays signaling and raises nothing here.
 *
 * @returns the {@link Exc} flags (DE for a denormal, IE for an SNaN).
 * @example
 * loadSingle(out, 0x3f800000); // out = 1.0
 */
export function loadSingle(out: F80, bits: number, quiet = true): number {
  const sign = bits >>> 31;
  const exp = (bits >>> 23) & 0xff;
  const frac = bits & 0x7fffff;
  if (exp === 0xff) {
    if (frac === 0) {
      setInfinity(out, sign);
      return 0;
    }
    const signaling = (frac & 0x400000) === 0;
    out.set((sign << 15) | 0x7fff, J_BIT | (frac << 8) | (quiet ? QUIET_BIT : 0), 0);
    return signaling && quiet ? Exc.IE : 0;
  }
  if (exp === 0) {
    if (frac === 0) {
      setZero(out, sign);
      return 0;
    }
    const s = Math.clz32(frac) - 8; // leading zeros inside the 24-bit field
    out.set((sign << 15) | (BIAS - 126 - s), (frac << (8 + s)) >>> 0, 0);
    return Exc.DE;
  }
  out.set((sign << 15) | (exp - 127 + BIAS), J_BIT | (frac << 8), 0);
  return 0;
}

/**
 * `fld m64real`: the double with bit pattern `hi:lo` into `out` (`quiet` as in {@link loadSingle}).
 *
 * @returns the {@link Exc} flags (DE for a denormal, IE for an SNaN).
 */
export function loadDouble(out: F80, hi: number, lo: number, quiet = true): number {
  const sign = hi >>> 31;
  const exp = (hi >>> 20) & 0x7ff;
  const fhi = hi & 0xfffff;
  // The 52-bit fraction left-aligned below J: fraction bits 51..0 → significand bits 62..11.
  let shi = ((fhi << 11) | (lo >>> 21)) >>> 0;
  let slo = (lo << 11) >>> 0;
  if (exp === 0x7ff) {
    if (fhi === 0 && lo === 0) {
      setInfinity(out, sign);
      return 0;
    }
    const signaling = (fhi & 0x80000) === 0;
    out.set((sign << 15) | 0x7fff, J_BIT | shi | (quiet ? QUIET_BIT : 0), slo);
    return signaling && quiet ? Exc.IE : 0;
  }
  if (exp === 0) {
    if (fhi === 0 && lo === 0) {
      setZero(out, sign);
      return 0;
    }
    const s = clz64(shi, slo);
    if (s >= 32) {
      shi = slo << (s - 32);
      slo = 0;
    } else {
      shi = (shi << s) | (slo >>> (32 - s));
      slo = slo << s;
    }
    out.set((sign << 15) | (BIAS - 1022 - s), shi, slo);
    return Exc.DE;
  }
  out.set((sign << 15) | (exp - 1023 + BIAS), J_BIT | shi, slo);
  return 0;
}

/** Bits of the last {@link storeReal} result: the single, or the double's high word. */
export let storedHi = 0;
/** Low word of the last {@link storeReal} double result. */
export let storedLo = 0;

/**
 * `fst m32real`/`fst m64real`: rounds `v` to single (`double` false) or double with the
 * rounding mode of `cw`, leaving the bits in {@link storedHi}/{@link storedLo}.
 *
 * @returns the {@link Exc} flags (IE for SNaN or unsupported, OE, UE, PE, C1; a denormal
 *   source raises no DE). With OE or UE unmasked the caller must not write memory.
 */
export function storeReal(v: F80, double: boolean, cw: number): number {
  const kind = classify(v.se, v.hi, v.lo);
  const sign = v.se >>> 15;
  switch (kind) {
    case Kind.Zero:
      storedHi = (sign << 31) >>> 0;
      storedLo = 0;
      return 0;
    case Kind.Infinity:
      storedHi = ((sign << 31) | (double ? 0x7ff00000 : 0x7f800000)) >>> 0;
      storedLo = 0;
      return 0;
    case Kind.QNaN:
    case Kind.SNaN: {
      const hi = v.hi | QUIET_BIT;
      if (double) {
        storedHi = ((sign << 31) | 0x7ff00000 | ((hi >>> 11) & 0xfffff)) >>> 0;
        storedLo = ((hi << 21) | (v.lo >>> 11)) >>> 0;
      } else {
        storedHi = ((sign << 31) | 0x7f800000 | ((hi >>> 8) & 0x7fffff)) >>> 0;
        storedLo = 0;
      }
      return kind === Kind.SNaN ? Exc.IE : 0;
    }
    case Kind.Unsupported:
      storedHi = double ? 0xfff80000 : 0xffc00000;
      storedLo = 0;
      return Exc.IE;
    default: {
      const u = U.from(v);
      const flags = round(
        sign,
        u.e,
        u.hi,
        u.lo,
        0,
        double ? Formats.double : Formats.single,
        (cw >>> 10) & 3,
        (cw & Exc.UE) !== 0,
        (cw & Exc.OE) !== 0,
        0,
      );
      if (double) {
        packDouble();
        storedHi = doubleHi;
        storedLo = doubleLo;
      } else {
        storedHi = packSingle();
        storedLo = 0;
      }
      return flags;
    }
  }
}

/**
 * The nearest JavaScript number to an extended value (for the transcendental functions,
 * which the x87 emulation computes through doubles).
 *
 * @example
 * toNumber(new F80().set(0x3fff, 0x80000000, 0)); // 1
 */
export function toNumber(v: F80): number {
  const kind = classify(v.se, v.hi, v.lo);
  const sign = v.se >>> 15 ? -1 : 1;
  if (kind === Kind.Zero) return sign * 0;
  if (kind === Kind.Infinity) return sign * Infinity;
  if (kind === Kind.QNaN || kind === Kind.SNaN || kind === Kind.Unsupported) return NaN;
  const u = U.from(v);
  // The significand rounds once to 53 bits; the power of two is applied in two steps near
  // the ends of the double range so that the scale factor itself never overflows to 0 or ∞.
  const m = sign * ((u.hi * 0x100000000 + u.lo) / 2 ** 63);
  if (u.e < -1000) return m * Math.pow(2, u.e + 200) * 2 ** -200;
  if (u.e > 1000) return m * Math.pow(2, u.e - 200) * 2 ** 200;
  return m * Math.pow(2, u.e);
}

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

/**
 * An exact extended value from a JavaScript number.
 *
 * @example
 * fromNumber(out, 0.5); // 0x3FFE 8000000000000000
 */
export function fromNumber(out: F80, x: number): F80 {
  f64[0] = x;
  loadDouble(out, u32[1] ?? 0, u32[0] ?? 0);
  return out;
}
