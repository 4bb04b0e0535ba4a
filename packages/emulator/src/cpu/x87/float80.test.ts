import { describe, expect, it } from "vitest";
import {
  F80,
  Kind,
  classify,
  clz64,
  propagateNaN,
  setIndefinite,
  setInfinity,
  setZero,
} from "./float80.js";

describe("classify", () => {
  it("names every class of extended encoding", () => {
    expect(classify(0x0000, 0, 0)).toBe(Kind.Zero);
    expect(classify(0x8000, 0, 0)).toBe(Kind.Zero);
    expect(classify(0x3fff, 0x80000000, 0)).toBe(Kind.Normal);
    expect(classify(0x0000, 0, 1)).toBe(Kind.Denormal);
    expect(classify(0x0000, 0x80000000, 0)).toBe(Kind.Denormal); // pseudo-denormal
    expect(classify(0x7fff, 0x80000000, 0)).toBe(Kind.Infinity);
    expect(classify(0x7fff, 0xc0000000, 0)).toBe(Kind.QNaN);
    expect(classify(0x7fff, 0x80000000, 1)).toBe(Kind.SNaN);
    expect(classify(0x3fff, 0x40000000, 0)).toBe(Kind.Unsupported); // unnormal
    expect(classify(0x7fff, 0, 0)).toBe(Kind.Unsupported); // pseudo-infinity
  });
});

describe("constructors of special values", () => {
  it("writes the indefinite, infinities and zeros", () => {
    const v = new F80();
    expect(setIndefinite(v)).toMatchObject({ se: 0xffff, hi: 0xc0000000, lo: 0 });
    expect(setInfinity(v, 1)).toMatchObject({ se: 0xffff, hi: 0x80000000, lo: 0 });
    expect(setZero(v, 1)).toMatchObject({ se: 0x8000, hi: 0, lo: 0 });
  });
  it("copies and keeps halves unsigned", () => {
    const v = new F80().set(1, -1, -2);
    expect(v.hi).toBe(0xffffffff);
    expect(new F80().copy(v)).toEqual(v);
  });
});

describe("clz64", () => {
  it("counts across both halves", () => {
    expect(clz64(0x80000000, 0)).toBe(0);
    expect(clz64(0, 1)).toBe(63);
    expect(clz64(0, 0)).toBe(64);
  });
});

describe("propagateNaN", () => {
  const out = new F80();
  const q1 = new F80().set(0x7fff, 0xc0000000, 1);
  const q2 = new F80().set(0xffff, 0xc0000000, 2);
  const s1 = new F80().set(0x7fff, 0xa0000000, 0);
  const one = new F80().set(0x3fff, 0x80000000, 0);
  it("prefers the QNaN over an SNaN and reports the SNaN", () => {
    expect(propagateNaN(out, s1, Kind.SNaN, q1, Kind.QNaN)).toBe(true);
    expect(out).toMatchObject({ se: 0x7fff, hi: 0xc0000000, lo: 1 });
  });
  it("takes the larger significand between two QNaNs", () => {
    expect(propagateNaN(out, q1, Kind.QNaN, q2, Kind.QNaN)).toBe(false);
    expect(out.lo).toBe(2);
  });
  it("takes the positive NaN when the significands tie", () => {
    const negative = new F80().set(0xffff, 0xc0000000, 1);
    propagateNaN(out, negative, Kind.QNaN, q1, Kind.QNaN);
    expect(out.se).toBe(0x7fff);
  });
  it("quiets an SNaN combined with a number", () => {
    expect(propagateNaN(out, one, Kind.Normal, s1, Kind.SNaN)).toBe(true);
    expect(out).toMatchObject({ se: 0x7fff, hi: 0xe0000000 });
  });
});
