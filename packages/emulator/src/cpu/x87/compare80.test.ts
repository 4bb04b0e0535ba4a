import { describe, expect, it } from "vitest";
import { Relation, compare, compareFlags } from "./compare80.js";
import { F80 } from "./float80.js";
import { fromNumber } from "./real-formats.js";
import { Exc } from "./round80.js";

const f = (x: number): F80 => fromNumber(new F80(), x);
const qnan = new F80().set(0x7fff, 0xc0000000, 0);
const snan = new F80().set(0x7fff, 0x80000000, 1);

describe("compare", () => {
  it("orders numbers, infinities and zeros", () => {
    expect(compare(f(1), f(2), false)).toBe(Relation.Less);
    expect(compare(f(-1), f(-2), false)).toBe(Relation.Greater);
    expect(compare(f(0), f(-0), false)).toBe(Relation.Equal);
    expect(compare(f(-Infinity), f(-1e308), false)).toBe(Relation.Less);
    expect(compare(f(3), f(3), false)).toBe(Relation.Equal);
    expect(compareFlags).toBe(0);
  });

  it("distinguishes values that differ only beyond double precision", () => {
    const a = new F80().set(0x3fff, 0x80000000, 1);
    expect(compare(a, f(1), false)).toBe(Relation.Greater);
  });

  it("raises IE for QNaNs only in ordered comparisons, always for SNaNs", () => {
    expect(compare(qnan, f(1), false)).toBe(Relation.Unordered);
    expect(compareFlags).toBe(Exc.IE);
    expect(compare(qnan, f(1), true)).toBe(Relation.Unordered);
    expect(compareFlags).toBe(0);
    compare(f(1), snan, true);
    expect(compareFlags).toBe(Exc.IE);
  });

  it("raises DE for denormal operands", () => {
    compare(new F80().set(0, 0, 1), f(0), false);
    expect(compareFlags).toBe(Exc.DE);
  });
});
