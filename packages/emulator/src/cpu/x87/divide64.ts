/**
 * Division of 64-bit significands for `fdiv`: Knuth's long division (TAOCP 4.3.1,
 * algorithm D) in base 2^16, so that every partial product and estimate is an exact
 * integer in a double. Six quotient digits replace the 66 steps of bit-by-bit division.
 */

const u = new Uint32Array(10);
const v = new Uint32Array(4);
const q = new Uint32Array(6);

/** The quotient window of the last {@link divideSignificands}: bit 95 of D0:D1:D2 weighs 2^0. */
export const D = {
  /** Bits 95–64. */
  w0: 0,
  /** Bits 63–32. */
  w1: 0,
  /** Bits 31–0; bit 0 is sticky (set when the division is inexact below the window). */
  w2: 0,
};

/**
 * Divides the normalized significands `xh:xl` by `yh:yl` (bit 63 of both set) and leaves
 * the quotient, as a 96-bit window whose bit 95 weighs 2^0 with a sticky bit 0, in {@link D}.
 *
 * @example
 * divideSignificands(0x80000000, 0, 0xc0000000, 0); // 1/1.5: D.w0 = 0x55555555 (0.101…)
 */
export function divideSignificands(xh: number, xl: number, yh: number, yl: number): void {
  // Dividend X·2^80 in ten 16-bit limbs (the top one zero), divisor in four.
  u[0] = 0;
  u[1] = 0;
  u[2] = 0;
  u[3] = 0;
  u[4] = 0;
  u[5] = xl & 0xffff;
  u[6] = xl >>> 16;
  u[7] = xh & 0xffff;
  u[8] = xh >>> 16;
  u[9] = 0;
  v[0] = yl & 0xffff;
  v[1] = yl >>> 16;
  v[2] = yh & 0xffff;
  v[3] = yh >>> 16;
  const v3 = v[3]!;
  const v2 = v[2]!;
  for (let j = 5; j >= 0; j--) {
    const num = u[j + 4]! * 0x10000 + u[j + 3]!;
    let qhat = Math.floor(num / v3);
    let rhat = num - qhat * v3;
    while (qhat >= 0x10000 || qhat * v2 > rhat * 0x10000 + u[j + 2]!) {
      qhat--;
      rhat += v3;
      if (rhat >= 0x10000) break;
    }
    // u[j..j+4] -= qhat · v
    let carry = 0;
    let borrow = 0;
    for (let i = 0; i < 4; i++) {
      const p = qhat * v[i]! + carry;
      carry = Math.floor(p / 0x10000);
      let t = u[i + j]! - (p % 0x10000) - borrow;
      borrow = 0;
      if (t < 0) {
        t += 0x10000;
        borrow = 1;
      }
      u[i + j] = t;
    }
    let top = u[j + 4]! - carry - borrow;
    if (top < 0) {
      // The estimate was one too large: add the divisor back.
      qhat--;
      let c = 0;
      for (let i = 0; i < 4; i++) {
        const t = u[i + j]! + v[i]! + c;
        u[i + j] = t & 0xffff;
        c = t >>> 16;
      }
      top = (top + 0x10000 + c) & 0xffff;
    }
    u[j + 4] = top;
    q[j] = qhat;
  }
  const sticky = (u[0]! | u[1]! | u[2]! | u[3]!) !== 0 ? 1 : 0;
  // Q = X·2^80 / Y < 2^81; the window is Q << 15.
  const h = q[5]! * 0x10000 + q[4]!;
  const m = q[3]! * 0x10000 + q[2]!;
  const l = q[1]! * 0x10000 + q[0]!;
  D.w0 = ((h << 15) | (m >>> 17)) >>> 0;
  D.w1 = ((m << 15) | (l >>> 17)) >>> 0;
  D.w2 = ((l << 15) | sticky) >>> 0;
}
