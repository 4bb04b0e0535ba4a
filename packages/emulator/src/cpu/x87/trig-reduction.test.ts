import { describe, expect, it } from "vitest";
import { F80 } from "./float80.js";
import { fromNumber } from "./real-formats.js";
import { Reduced, reduce } from "./trig-reduction.js";

describe("reduce", () => {
  it("leaves arguments within π/4 alone", () => {
    reduce(fromNumber(new F80(), 0.5), 0.5);
    expect([Reduced.r, Reduced.quadrant]).toEqual([0.5, 0]);
  });
  it("reduces exactly, far beyond double precision", () => {
    // 2^62: the quadrant and remainder follow from the 66-bit π/2, as on the hardware.
    reduce(fromNumber(new F80(), 2 ** 62), 2 ** 62);
    expect(Math.abs(Reduced.r)).toBeLessThanOrEqual(Math.PI / 4);
    expect(Reduced.quadrant).toBeGreaterThanOrEqual(0);
    expect(Reduced.quadrant).toBeLessThan(4);
  });
  it("gives sin/cos consistent with Math for moderate arguments", () => {
    for (const x of [1, 2, 10, 100, -7.5]) {
      reduce(fromNumber(new F80(), x), x);
      const k = Reduced.quadrant;
      const r = Reduced.r;
      const s =
        k === 0 ? Math.sin(r) : k === 1 ? Math.cos(r) : k === 2 ? -Math.sin(r) : -Math.cos(r);
      expect(s).toBeCloseTo(Math.sin(x), 12);
    }
  });
});
