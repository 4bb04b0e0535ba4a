import { describe, expect, it } from "vitest";
import { F80 } from "./float80.js";
import { Rem, extract, remainder, roundInt, scale } from "./misc80.js";
import { fromNumber, toNumber } from "./real-formats.js";
import { Exc } from "./round80.js";

const f = (x: number): F80 => fromNumber(new F80(), x);
const out = new F80();
const out2 = new F80();

describe("roundInt (frndint)", () => {
  it("rounds with the control word's mode, keeping the sign of zero", () => {
    expect(roundInt(out, f(2.5), 0x037f)).toBe(Exc.PE);
    expect(toNumber(out)).toBe(2);
    roundInt(out, f(2.5), 0x0b7f); // up
    expect(toNumber(out)).toBe(3);
    roundInt(out, f(-0.25), 0x0f7f); // chop
    expect(out.se).toBe(0x8000);
    expect(roundInt(out, f(2 ** 70), 0x037f)).toBe(0);
  });
});

describe("scale (fscale)", () => {
  it("multiplies by 2^trunc(b)", () => {
    scale(out, f(3), f(4.9), 0x037f);
    expect(toNumber(out)).toBe(48);
    scale(out, f(3), f(-1.5), 0x037f);
    expect(toNumber(out)).toBe(1.5);
  });
  it("handles infinite scales and invalid combinations", () => {
    scale(out, f(3), f(-Infinity), 0x037f);
    expect(toNumber(out)).toBe(0);
    expect(scale(out, f(0), f(Infinity), 0x037f)).toBe(Exc.IE);
  });
  it("overflows to infinity when masked", () => {
    const flags = scale(out, f(1), f(20000), 0x037f);
    expect(flags & Exc.OE).toBe(Exc.OE);
    expect(toNumber(out)).toBe(Infinity);
  });
});

describe("extract (fxtract)", () => {
  it("splits exponent and significand", () => {
    expect(extract(out, out2, f(-24))).toBe(0);
    expect([toNumber(out), toNumber(out2)]).toEqual([4, -1.5]);
  });
  it("gives −∞ and ZE for zero", () => {
    expect(extract(out, out2, f(0))).toBe(Exc.ZE);
    expect(toNumber(out)).toBe(-Infinity);
  });
});

describe("remainder (fprem, fprem1)", () => {
  it("truncates the quotient for fprem and reports its low bits", () => {
    remainder(out, f(17), f(5), false, 0x037f);
    expect([toNumber(out), Rem.q, Rem.partial]).toEqual([2, 3, false]);
    remainder(out, f(-17), f(5), false, 0x037f);
    expect(toNumber(out)).toBe(-2);
  });
  it("rounds the quotient to nearest for fprem1", () => {
    remainder(out, f(17), f(5), true, 0x037f);
    expect([toNumber(out), Rem.q]).toEqual([2, 3]);
    remainder(out, f(18), f(5), true, 0x037f);
    expect([toNumber(out), Rem.q]).toEqual([-2, 4]);
    remainder(out, f(3), f(4), true, 0x037f);
    expect([toNumber(out), Rem.q]).toEqual([-1, 1]);
  });
  it("is exact for values far beyond double precision", () => {
    remainder(out, f(2 ** 60 + 2 ** 10), f(7), false, 0x037f);
    expect(toNumber(out)).toBe(Number((2n ** 60n + 2n ** 10n) % 7n));
  });
  it("reduces partially when the exponents differ by 64 or more", () => {
    remainder(out, f(2 ** 200), f(3), false, 0x037f);
    expect(Rem.partial).toBe(true);
    expect(toNumber(out)).toBeLessThan(2 ** 200);
  });
  it("is invalid for an infinite dividend or a zero divisor", () => {
    expect(remainder(out, f(Infinity), f(3), false, 0x037f)).toBe(Exc.IE);
    expect(remainder(out, f(3), f(0), false, 0x037f)).toBe(Exc.IE);
  });
});
