/**
 * Ordered and unordered comparison of extended values (`fcom`, `fucom`, `ficom`, `ftst`,
 * `fcomi`, `fucomi`).
 */

import { F80, Kind, classify, isNaNKind } from "./float80.js";
import { Exc } from "./round80.js";
import { Unpacked } from "./unpacked.js";

/** Outcomes of {@link compare}. */
export const Relation = {
  /** a < b. */
  Less: 0,
  /** a = b (including +0 = −0). */
  Equal: 1,
  /** a > b. */
  Greater: 2,
  /** At least one operand is a NaN or an unsupported encoding. */
  Unordered: 3,
} as const;
/** One of the {@link Relation} values. */
export type Relation = (typeof Relation)[keyof typeof Relation];

const UA = new Unpacked();
const UB = new Unpacked();

/** Flags raised by the last {@link compare} (IE, DE). */
export let compareFlags = 0;

/**
 * Compares `a` with `b`. An ordered comparison (`quiet` false: `fcom`) raises IE for any NaN;
 * an unordered one (`fucom`) only for signaling NaNs. Unsupported encodings always raise IE.
 *
 * @example
 * compare(one, two, false); // Relation.Less
 */
export function compare(a: F80, b: F80, quiet: boolean): Relation {
  const ka = classify(a.se, a.hi, a.lo);
  const kb = classify(b.se, b.hi, b.lo);
  if (ka === Kind.Unsupported || kb === Kind.Unsupported) {
    compareFlags = Exc.IE;
    return Relation.Unordered;
  }
  if (isNaNKind(ka) || isNaNKind(kb)) {
    compareFlags = !quiet || ka === Kind.SNaN || kb === Kind.SNaN ? Exc.IE : 0;
    return Relation.Unordered;
  }
  compareFlags = ka === Kind.Denormal || kb === Kind.Denormal ? Exc.DE : 0;
  const sa = a.se >>> 15;
  const sb = b.se >>> 15;
  if (ka === Kind.Zero && kb === Kind.Zero) return Relation.Equal;
  if (ka === Kind.Zero) return sb ? Relation.Greater : Relation.Less;
  if (kb === Kind.Zero) return sa ? Relation.Less : Relation.Greater;
  if (sa !== sb) return sa ? Relation.Less : Relation.Greater;
  const m = magnitudeOrder(a, ka, b, kb);
  if (m === 0) return Relation.Equal;
  return m < 0 !== (sa === 1) ? Relation.Less : Relation.Greater;
}

/** −1, 0 or 1 as |a| is below, equal to or above |b| (both nonzero numbers or infinities). */
function magnitudeOrder(a: F80, ka: Kind, b: F80, kb: Kind): number {
  if (ka === Kind.Infinity || kb === Kind.Infinity) {
    if (ka === kb) return 0;
    return ka === Kind.Infinity ? 1 : -1;
  }
  const x = UA.from(a);
  const y = UB.from(b);
  if (x.e !== y.e) return x.e < y.e ? -1 : 1;
  if (x.hi !== y.hi) return x.hi < y.hi ? -1 : 1;
  if (x.lo !== y.lo) return x.lo < y.lo ? -1 : 1;
  return 0;
}
