import { describe, expect, it } from "vitest";
import { F80 } from "./float80.js";
import { fromNumber, toNumber } from "./real-formats.js";
import { Exc } from "./round80.js";
import { OUT_OF_RANGE, Trig, arctan, trig, twoToXMinusOne, ylog2x } from "./transcendental.js";
import { Reduced, reduce } from "./trig-reduction.js";

const f = (x: number): F80 => fromNumber(new F80(), x);
const out = new F80();

describe("trig", () => {
  it("evaluates sin, cos and tan", () => {
    expect(trig(out, f(0.5), Trig.Sin, 0x037f) & Exc.PE).toBe(Exc.PE);
    expect(toNumber(out)).toBeCloseTo(Math.sin(0.5), 15);
    trig(out, f(1e6), Trig.Cos, 0x037f);
    expect(toNumber(out)).toBeCloseTo(Math.cos(1e6), 9);
    trig(out, f(-2), Trig.Tan, 0x037f);
    expect(toNumber(out)).toBeCloseTo(Math.tan(-2), 14);
  });
  it("refuses |x| ≥ 2^63 and is invalid for infinities", () => {
    expect(trig(out, f(2 ** 63), Trig.Sin, 0x037f)).toBe(OUT_OF_RANGE);
    expect(trig(out, f(Infinity), Trig.Sin, 0x037f)).toBe(Exc.IE);
  });
  it("returns tiny arguments unchanged and 1 for their cosine", () => {
    const tiny = new F80().set(0x3fff - 100, 0x80000000, 0);
    trig(out, tiny, Trig.Sin, 0x037f);
    expect(out).toEqual(tiny);
    trig(out, tiny, Trig.Cos, 0x037f);
    expect(toNumber(out)).toBe(1);
  });
});

describe("reduce", () => {
  it("reduces by the 66-bit π/2 into a quadrant", () => {
    reduce(f(3 * Math.PI), 3 * Math.PI);
    expect(Reduced.quadrant).toBe(2);
    expect(Math.abs(Reduced.r)).toBeLessThan(1e-15);
    reduce(f(-Math.PI / 2), -Math.PI / 2);
    expect(Reduced.quadrant).toBe(3);
  });
});

describe("f2xm1, fyl2x, fyl2xp1, fpatan", () => {
  it("computes 2^x − 1 inside −1..1 and leaves larger arguments alone", () => {
    twoToXMinusOne(out, f(0.5), 0x037f);
    expect(toNumber(out)).toBeCloseTo(Math.SQRT2 - 1, 15);
    twoToXMinusOne(out, f(3), 0x037f);
    expect(toNumber(out)).toBe(3);
  });
  it("computes y·log2 x with ZE for x = 0 and IE for x < 0", () => {
    ylog2x(out, f(8), f(3), false, 0x037f);
    expect(toNumber(out)).toBe(9);
    expect(ylog2x(out, f(0), f(1), false, 0x037f) & Exc.ZE).toBe(Exc.ZE);
    expect(toNumber(out)).toBe(-Infinity);
    expect(ylog2x(out, f(-1), f(1), false, 0x037f)).toBe(Exc.IE);
    ylog2x(out, f(1e-20), f(1), true, 0x037f);
    expect(toNumber(out)).toBeCloseTo(1e-20 / Math.LN2, 30);
  });
  it("keeps logarithms of values beyond the double range", () => {
    ylog2x(out, new F80().set(0x3fff + 5000, 0x80000000, 0), f(1), false, 0x037f);
    expect(toNumber(out)).toBe(5000);
  });
  it("computes atan2 with its quadrants", () => {
    arctan(out, f(-1), f(1), 0x037f);
    expect(toNumber(out)).toBeCloseTo((3 * Math.PI) / 4, 15);
    arctan(out, f(2), f(1e-300), 0x037f);
    expect(toNumber(out)).toBeCloseTo(5e-301, 310);
  });
});

describe("fpatan with infinities", () => {
  it("gives correctly rounded multiples of π/4", () => {
    const big = new F80().set(0x3fff + 9000, 0x80000000, 0); // beyond the double range
    arctan(out, big, f(-Infinity), 0x037f);
    expect(out).toMatchObject({ se: 0xbfff, hi: 0xc90fdaa2, lo: 0x2168c235 }); // −π/2
    arctan(out, f(-Infinity), f(Infinity), 0x037f);
    expect(out).toMatchObject({ se: 0x4000, hi: 0x96cbe3f9, lo: 0x990e91a8 }); // 3π/4
    arctan(out, f(-Infinity), f(Infinity), 0x0f7f);
    expect(out.lo).toBe(0x990e91a7);
    arctan(out, f(Infinity), f(-0), 0x037f);
    expect(out.se).toBe(0x8000);
  });
});

describe("fyl2xp1 at the edge of its range", () => {
  it("returns x itself for x ≤ −1, as measured on the host (fyl2xp1(−1) with y = 2 is −1, PE)", () => {
    expect(ylog2x(out, f(-1), f(2), true, 0x037f)).toBe(Exc.PE);
    expect(toNumber(out)).toBe(-1);
  });
});
