import { describe, expect, it } from "vitest";
import { F80 } from "./float80.js";
import { Unpacked } from "./unpacked.js";

describe("Unpacked", () => {
  it("normalizes denormals and pseudo-denormals", () => {
    const u = new Unpacked().from(new F80().set(0x8000, 0, 1));
    expect([u.sign, u.e, u.hi, u.lo]).toEqual([1, -16382 - 63, 0x80000000, 0]);
    const p = new Unpacked().from(new F80().set(0, 0x80000000, 0));
    expect(p.e).toBe(-16382);
  });
  it("takes normal numbers as they are", () => {
    const u = new Unpacked().from(new F80().set(0x4000, 0xc0000000, 5));
    expect([u.sign, u.e, u.hi, u.lo]).toEqual([0, 1, 0xc0000000, 5]);
  });
});
