/**
 * Argument reduction for `fsin`, `fcos`, `fptan` and `fsincos` the way the x87 does it:
 * modulo π/2 as a 66-bit constant, exactly, before the function of the reduced argument is
 * evaluated. Using the processor's own 66-bit π (rather than the true π) is what makes the
 * emulated results follow the hardware for large arguments, where the hardware's result
 * drifts away from the mathematical sine.
 */

import { dd, twoSum } from "./double-double.js";
import { F80 } from "./float80.js";
import { Unpacked } from "./unpacked.js";

/** π/2 × 2^65 rounded to 66 bits: 0x3_243F6A88_85A308D3 (top word, middle, low). */
const P2 = 0x3;
const P1 = 0x243f6a88;
const P0 = 0x85a308d3;
const TWO32 = 0x100000000;

const U = new Unpacked();

/** Result of {@link reduce}: the reduced argument as a number and the quadrant. */
export const Reduced = {
  /** x − k·π/2 with |r| ≤ π/4 (as a double; the subtraction itself was exact). */
  r: 0,
  /** k mod 4. */
  quadrant: 0,
  /** The reduced argument exactly, as a double-double (valid after a reduction). */
  exact: dd(0),
  /** True when {@link reduce} reduced (|x| > π/4); otherwise use the argument itself. */
  reduced: false,
};

/**
 * Reduces a finite `x` with |x| < 2^63 into {@link Reduced}. Arguments below π/4 in
 * magnitude are returned unchanged (quadrant 0).
 *
 * @example
 * reduce(threePi); // Reduced.quadrant = 2 (3π ≡ π mod 2π), Reduced.r ≈ 0
 */
export function reduce(x: F80, asNumber: number): void {
  Reduced.quadrant = 0;
  Reduced.r = asNumber;
  Reduced.reduced = false;
  if (Math.abs(asNumber) <= Math.PI / 4) return;
  const u = U.from(x);
  // |x| / (π/2) = X·2^(e+2) / P: long division of the 64-bit significand followed by e+2 zeros.
  const steps = 64 + u.e + 2;
  let r2 = 0;
  let r1 = 0;
  let r0 = 0;
  let q = 0;
  for (let i = 0; i < steps; i++) {
    const bit = i < 32 ? (u.hi >>> (31 - i)) & 1 : i < 64 ? (u.lo >>> (63 - i)) & 1 : 0;
    r2 = (r2 << 1) | (r1 >>> 31);
    r1 = ((r1 << 1) | (r0 >>> 31)) >>> 0;
    r0 = ((r0 << 1) | bit) >>> 0;
    q = (q << 1) & 7;
    if (r2 > P2 || (r2 === P2 && (r1 > P1 || (r1 === P1 && r0 >= P0)))) {
      let n0 = r0 - P0;
      let borrow = 0;
      if (n0 < 0) {
        n0 += TWO32;
        borrow = 1;
      }
      let n1 = r1 - P1 - borrow;
      borrow = 0;
      if (n1 < 0) {
        n1 += TWO32;
        borrow = 1;
      }
      r2 = r2 - P2 - borrow;
      r1 = n1;
      r0 = n0;
      q |= 1;
    }
  }
  let rem = (r2 * TWO32 * TWO32 + r1 * TWO32 + r0) * 2 ** -65;
  // The same 66-bit remainder exactly: its top 34 and low 32 bits are each exact doubles.
  let exact = twoSum((r2 * TWO32 + r1) * 2 ** -33, r0 * 2 ** -65);
  // Round the quotient to nearest so that |r| ≤ π/4.
  const pHalf = (P2 * TWO32 * TWO32 + P1 * TWO32 + P0) * 2 ** -66;
  if (rem > pHalf) {
    // P − R exactly in words, then scaled: keeps the low bits of a small difference.
    let d0 = P0 - r0;
    let borrow = 0;
    if (d0 < 0) {
      d0 += TWO32;
      borrow = 1;
    }
    let d1 = P1 - r1 - borrow;
    borrow = 0;
    if (d1 < 0) {
      d1 += TWO32;
      borrow = 1;
    }
    const d2 = P2 - r2 - borrow;
    rem = -(d2 * TWO32 * TWO32 + d1 * TWO32 + d0) * 2 ** -65;
    exact = twoSum(-(d2 * TWO32 + d1) * 2 ** -33, -d0 * 2 ** -65);
    q += 1;
  }
  const negative = u.sign !== 0;
  Reduced.r = negative ? -rem : rem;
  Reduced.exact = negative ? { hi: -exact.hi, lo: -exact.lo } : exact;
  Reduced.reduced = true;
  Reduced.quadrant = negative ? (4 - (q & 3)) & 3 : q & 3;
}
