import { describe, expect, it } from "vitest";
import { F80 } from "./float80.js";
import {
  fromNumber,
  loadDouble,
  loadSingle,
  storeReal,
  storedHi,
  storedLo,
  toNumber,
} from "./real-formats.js";
import { Exc } from "./round80.js";

const out = new F80();

describe("loads", () => {
  it("widen singles and doubles exactly", () => {
    expect(loadSingle(out, 0x3f800000)).toBe(0);
    expect(out).toMatchObject({ se: 0x3fff, hi: 0x80000000, lo: 0 });
    expect(loadDouble(out, 0x3fd55555, 0x55555555)).toBe(0);
    expect(toNumber(out)).toBe(1 / 3);
  });

  it("normalize denormals and raise DE", () => {
    expect(loadSingle(out, 0x00000001)).toBe(Exc.DE);
    expect(out).toMatchObject({ se: 0x3fff - 149, hi: 0x80000000 });
    expect(loadDouble(out, 0, 1)).toBe(Exc.DE);
    expect(out.se).toBe(0x3fff - 1074);
  });

  it("quiet SNaNs with IE on loads, and keep them signaling for arithmetic", () => {
    expect(loadSingle(out, 0x7f800001)).toBe(Exc.IE);
    expect(out.hi).toBe(0xc0000100);
    expect(loadSingle(out, 0x7f800001, false)).toBe(0);
    expect(out.hi).toBe(0x80000100);
    expect(loadDouble(out, 0xfff00000, 1)).toBe(Exc.IE);
    expect(out.se).toBe(0xffff);
  });
});

describe("stores", () => {
  it("round to the destination with the rounding mode", () => {
    expect(storeReal(fromNumber(new F80(), 1 / 3), false, 0x037f)).toBe(Exc.PE | Exc.C1);
    expect(storedHi).toBe(0x3eaaaaab);
    storeReal(fromNumber(new F80(), 1 / 3), false, 0x0f7f);
    expect(storedHi).toBe(0x3eaaaaaa);
  });

  it("overflow to infinity and underflow to denormals", () => {
    const flags = storeReal(fromNumber(new F80(), 1e300), false, 0x037f);
    expect(flags & Exc.OE).toBe(Exc.OE);
    expect(storedHi).toBe(0x7f800000);
    storeReal(new F80().set(0x3fff - 1074, 0x80000000, 0), true, 0x037f);
    expect([storedHi, storedLo]).toEqual([0, 1]);
  });

  it("store NaNs truncated and quieted, and the indefinite for unsupported values", () => {
    expect(storeReal(new F80().set(0x7fff, 0x80000000, 1), true, 0x037f)).toBe(Exc.IE);
    expect(storedHi).toBe(0x7ff80000);
    expect(storeReal(new F80().set(0x3fff, 0, 1), false, 0x037f)).toBe(Exc.IE);
    expect(storedHi).toBe(0xffc00000);
  });
});

describe("number conversions", () => {
  it("round-trip doubles", () => {
    for (const x of [0, -0, 1.5, -1e-310, 1e308, Infinity])
      expect(toNumber(fromNumber(out, x))).toBe(x);
    expect(Number.isNaN(toNumber(fromNumber(out, NaN)))).toBe(true);
  });
});
