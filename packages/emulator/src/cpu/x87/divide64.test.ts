import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { D, divideSignificands } from "./divide64.js";

/** Reference: restoring division, one quotient bit per step, with BigInt. */
function reference(xh: number, xl: number, yh: number, yl: number): [number, number, number] {
  const x = (BigInt(xh) << 32n) | BigInt(xl);
  const y = (BigInt(yh) << 32n) | BigInt(yl);
  const num = x << 80n;
  const qv = num / y;
  const window = (qv << 15n) | (num % y !== 0n ? 1n : 0n);
  return [
    Number((window >> 64n) & 0xffffffffn),
    Number((window >> 32n) & 0xffffffffn),
    Number(window & 0xffffffffn),
  ];
}

const word = fc.integer({ min: 0, max: 0xffffffff });
const top = fc.integer({ min: 0x80000000, max: 0xffffffff });

describe("divideSignificands", () => {
  it("divides 1 by 1.5", () => {
    divideSignificands(0x80000000, 0, 0xc0000000, 0);
    expect(D.w0).toBe(0x55555555);
    expect(D.w2 & 1).toBe(1);
  });

  it("is exact for equal operands", () => {
    divideSignificands(0xdeadbeef, 0x12345678, 0xdeadbeef, 0x12345678);
    expect([D.w0, D.w1, D.w2]).toEqual([0x80000000, 0, 0]);
  });

  it("agrees with exact long division on random significands", () => {
    fc.assert(
      fc.property(top, word, top, word, (xh, xl, yh, yl) => {
        divideSignificands(xh, xl, yh, yl);
        expect([D.w0, D.w1, D.w2]).toEqual(reference(xh, xl, yh, yl));
      }),
      { numRuns: 20000 },
    );
  });

  it("handles the extreme significands where estimates need correction", () => {
    const edges = [0x80000000, 0x80000001, 0xffffffff, 0xfffffffe, 0xc0000000];
    const lows = [0, 1, 0xffffffff, 0x80000000];
    for (const xh of edges)
      for (const xl of lows)
        for (const yh of edges)
          for (const yl of lows) {
            divideSignificands(xh, xl, yh, yl);
            expect([D.w0, D.w1, D.w2]).toEqual(reference(xh, xl, yh, yl));
          }
  });
});
