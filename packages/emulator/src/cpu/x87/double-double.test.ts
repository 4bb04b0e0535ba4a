import { describe, expect, it } from "vitest";
import {
  LN2,
  PI,
  add,
  atan,
  dd,
  div,
  expm1,
  fromF80,
  logRatio,
  mul,
  sinCos,
  sqrt,
  twoProd,
  twoSum,
} from "./double-double.js";
import { F80 } from "./float80.js";

/** Checks a double-double against reference hi/lo parts (computed with mpmath at 300 bits). */
function close(a: { hi: number; lo: number }, hi: number, lo: number, ulps = 4): void {
  expect(a.hi).toBe(hi);
  expect(Math.abs(a.lo - lo)).toBeLessThanOrEqual(Math.abs(hi) * 2 ** -104 * ulps);
}

describe("error-free transformations", () => {
  it("keep the rounding error of a sum and a product", () => {
    expect(twoSum(1, 2 ** -60)).toEqual({ hi: 1, lo: 2 ** -60 });
    const p = twoProd(1 + 2 ** -30, 1 + 2 ** -30);
    expect(p).toEqual({ hi: 1 + 2 ** -29, lo: 2 ** -60 });
  });
});

describe("double-double arithmetic", () => {
  it("adds, multiplies and divides beyond double precision", () => {
    const third = div(dd(1), dd(3));
    close(mul(third, dd(3)), 1, 0);
    close(add(third, third), 0.6666666666666666, 3.700743415417188e-17);
    close(sqrt(dd(2)), Math.SQRT2, -9.667293313452913e-17);
  });

  it("converts extended values exactly", () => {
    const v = fromF80(new F80().set(0x3fff, 0x80000000, 1));
    expect(v).toEqual({ hi: 1, lo: 2 ** -63 });
  });
});

describe("series", () => {
  it("evaluates e − 1, sin, cos, ln 2 and π/4 to about 2^-104", () => {
    close(expm1(dd(1)), 1.7182818284590453, -7.747991575210629e-17, 16);
    const { sin, cos } = sinCos(dd(0.5));
    close(sin, 0.479425538604203, -5.103969860556013e-18, 16);
    close(cos, 0.8775825618903728, -4.2623149864279997e-17, 16);
    // ln 2 = ln((1 + 1/3) / (1 − 1/3)).
    close(logRatio(div(dd(1), dd(3))), LN2.hi, LN2.lo, 16);
    close(mul(atan(dd(1)), dd(4)), PI.hi, PI.lo, 16);
  });
});
