/**
 * Double-double arithmetic (an unevaluated sum hi + lo of two doubles, about 106 bits) for
 * the transcendental instructions: enough precision that rounding the result once to the
 * 64-bit extended significand gives the correctly rounded value in all but the rarest
 * near-tie cases. Dekker's and Knuth's error-free transformations; no FMA needed.
 *
 * Values are small immutable objects: the transcendental instructions are rare enough that
 * their allocations do not matter, unlike the arithmetic hot path.
 */

import { BIAS, EXP_MAX, F80 } from "./float80.js";

/** A double-double number hi + lo with |lo| ≤ ulp(hi)/2. */
export interface DD {
  readonly hi: number;
  readonly lo: number;
}

/** Dekker's splitter for 53-bit doubles: 2^27 + 1. */
const SPLIT = 134217729;

/** a + b exactly, as a normalized double-double (Knuth's two-sum). */
export function twoSum(a: number, b: number): DD {
  const s = a + b;
  const bb = s - a;
  const e = a - (s - bb) + (b - bb);
  return { hi: s, lo: e };
}

/** a × b exactly, as a double-double (Dekker's two-product). */
export function twoProd(a: number, b: number): DD {
  const p = a * b;
  const ca = SPLIT * a;
  const ah = ca - (ca - a);
  const al = a - ah;
  const cb = SPLIT * b;
  const bh = cb - (cb - b);
  const bl = b - bh;
  const e = ah * bh - p + ah * bl + al * bh + al * bl;
  return { hi: p, lo: e };
}

/** A double as a double-double. */
export function dd(x: number): DD {
  return { hi: x, lo: 0 };
}

/** a + b. */
export function add(a: DD, b: DD): DD {
  const s = twoSum(a.hi, b.hi);
  const t = twoSum(a.lo, b.lo);
  let lo = s.lo + t.hi;
  const u = twoSum(s.hi, lo);
  lo = u.lo + t.lo;
  return twoSum(u.hi, lo);
}

/** −a. */
export function neg(a: DD): DD {
  return { hi: -a.hi, lo: -a.lo };
}

/** a × b. */
export function mul(a: DD, b: DD): DD {
  const p = twoProd(a.hi, b.hi);
  return twoSum(p.hi, p.lo + (a.hi * b.lo + a.lo * b.hi));
}

/** a ÷ b (long division: two correction steps). */
export function div(a: DD, b: DD): DD {
  const q1 = a.hi / b.hi;
  let r = add(a, neg(mul(b, dd(q1))));
  const q2 = r.hi / b.hi;
  r = add(r, neg(mul(b, dd(q2))));
  const q3 = r.hi / b.hi;
  return add(twoSum(q1, q2), dd(q3));
}

/** ln 2 as a double-double. */
export const LN2: DD = { hi: 0.6931471805599453, lo: 2.3190468138462996e-17 };
/** log2 e as a double-double. */
export const LOG2E: DD = { hi: 1.4426950408889634, lo: 2.0355273740931033e-17 };

/**
 * A finite extended value as a double-double, exactly (its 64 significand bits fit in
 * two doubles). Values outside the double range are not representable: callers scale first.
 *
 * @example
 * fromF80(new F80().set(0x3fff, 0x80000000, 1)); // { hi: 1, lo: 2^-63 }
 */
export function fromF80(v: F80): DD {
  const exp = v.se & EXP_MAX;
  const sign = v.se & 0x8000 ? -1 : 1;
  const scale = Math.pow(2, (exp === 0 ? 1 : exp) - BIAS - 63);
  return twoSum(sign * v.hi * 0x100000000 * scale, sign * v.lo * scale);
}

/** eˣ − 1 by its Taylor series (for |x| ≤ 1, about 30 terms reach 2^-106). */
export function expm1(x: DD): DD {
  let term = x;
  let sum = x;
  for (let k = 2; k < 40; k++) {
    term = div(mul(term, x), dd(k));
    sum = add(sum, term);
    if (Math.abs(term.hi) < Math.abs(sum.hi) * 1e-34) break;
  }
  return sum;
}

/** sin x and cos x by their Taylor series (for |x| ≤ π/4). */
export function sinCos(x: DD): { sin: DD; cos: DD } {
  const x2 = mul(x, x);
  let term = x;
  let sin = x;
  for (let k = 1; k < 30; k++) {
    term = neg(div(mul(term, x2), dd(2 * k * (2 * k + 1))));
    sin = add(sin, term);
    if (Math.abs(term.hi) < Math.abs(sin.hi) * 1e-34) break;
  }
  term = dd(1);
  let cos = dd(1);
  for (let k = 1; k < 30; k++) {
    term = neg(div(mul(term, x2), dd((2 * k - 1) * (2 * k))));
    cos = add(cos, term);
    if (Math.abs(term.hi) < 1e-34) break;
  }
  return { sin, cos };
}

/**
 * ln((1 + s)/(1 − s)) = 2·atanh(s) by its series (for |s| ≤ 0.18, about 25 terms): the
 * logarithm of m is this at s = (m − 1)/(m + 1).
 */
export function logRatio(s: DD): DD {
  const s2 = mul(s, s);
  let power = s;
  let sum = s;
  for (let k = 3; k < 90; k += 2) {
    power = mul(power, s2);
    const term = div(power, dd(k));
    sum = add(sum, term);
    if (Math.abs(term.hi) < Math.abs(sum.hi) * 1e-34) break;
  }
  return add(sum, sum);
}

/** √a for a > 0 (one Newton step from the double square root). */
export function sqrt(a: DD): DD {
  const s = Math.sqrt(a.hi);
  const r = add(a, neg(twoProd(s, s)));
  return twoSum(s, r.hi / (2 * s));
}

/** π as a double-double. */
export const PI: DD = { hi: 3.141592653589793, lo: 1.2246467991473532e-16 };

/**
 * atan z for any finite z: |z| > 1 through π/2 − atan(1/z), then two argument halvings
 * (atan z = 2·atan(z / (1 + √(1 + z²)))) bring |z| below 0.2 for the Taylor series.
 */
export function atan(z: DD): DD {
  const negative = z.hi < 0;
  let x = negative ? neg(z) : z;
  const inverted = x.hi > 1;
  if (inverted) x = div(dd(1), x);
  for (let i = 0; i < 2; i++) x = div(x, add(dd(1), sqrt(add(dd(1), mul(x, x)))));
  const x2 = mul(x, x);
  let power = x;
  let sum = x;
  for (let k = 3; k < 120; k += 2) {
    power = neg(mul(power, x2));
    const term = div(power, dd(k));
    sum = add(sum, term);
    if (Math.abs(term.hi) < Math.abs(sum.hi) * 1e-34) break;
  }
  let r = mul(sum, dd(4));
  if (inverted) r = add(mul(PI, dd(0.5)), neg(r));
  return negative ? neg(r) : r;
}
