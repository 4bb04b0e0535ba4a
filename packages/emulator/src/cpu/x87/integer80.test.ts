import { describe, expect, it } from "vitest";
import { F80 } from "./float80.js";
import {
  I,
  bcdDigits,
  fromBcdDigits,
  fromInteger,
  fromSignedWords,
  roundToInteger,
  toBcdDigits,
} from "./integer80.js";
import { fromNumber, toNumber } from "./real-formats.js";
import { Exc, RoundingMode } from "./round80.js";

const f = (x: number): F80 => fromNumber(new F80(), x);

describe("roundToInteger", () => {
  it("rounds halves to even in nearest mode and reports C1 on round-up", () => {
    roundToInteger(f(2.5), RoundingMode.Nearest);
    expect([I.lo, I.flags]).toEqual([2, Exc.PE]);
    roundToInteger(f(3.5), RoundingMode.Nearest);
    expect([I.lo, I.flags]).toEqual([4, Exc.PE | Exc.C1]);
  });

  it("honours the directed modes on the magnitude", () => {
    roundToInteger(f(-2.25), RoundingMode.Down);
    expect(I.lo).toBe(3);
    roundToInteger(f(-2.25), RoundingMode.Up);
    expect(I.lo).toBe(2);
    roundToInteger(f(2.75), RoundingMode.Chop);
    expect(I.lo).toBe(2);
  });

  it("is exact for integers and marks magnitudes of 2^64 and beyond", () => {
    roundToInteger(f(2 ** 40 + 7), RoundingMode.Nearest);
    expect([I.hi, I.lo, I.flags]).toEqual([256, 7, 0]);
    roundToInteger(f(2 ** 64), RoundingMode.Nearest);
    expect(I.huge).toBe(true);
  });

  it("rounds tiny values to 0 or 1", () => {
    roundToInteger(f(1e-30), RoundingMode.Up);
    expect([I.lo, I.flags]).toEqual([1, Exc.PE | Exc.C1]);
    roundToInteger(f(0.5), RoundingMode.Nearest);
    expect(I.lo).toBe(0);
  });
});

describe("integer loads", () => {
  it("builds exact values from 64-bit two's complement", () => {
    expect(toNumber(fromSignedWords(new F80(), 0xffffffff, 0xffffffff))).toBe(-1);
    const min = fromSignedWords(new F80(), 0x80000000, 0);
    expect(min).toMatchObject({ se: 0xc03e, hi: 0x80000000, lo: 0 });
    const odd = fromInteger(new F80(), 0, 0xffffffff, 0xffffffff);
    expect(odd).toMatchObject({ se: 0x403e, hi: 0xffffffff, lo: 0xffffffff });
    expect(fromInteger(new F80(), 1, 0, 0).se).toBe(0x8000);
  });
});

describe("packed BCD", () => {
  it("round-trips 18 digits", () => {
    // 987654321098765432 = 0x0DB4DA5F49F8B478
    toBcdDigits(0x0db4da5f, 0x49f8b478);
    expect(Array.from(bcdDigits).reverse().join("")).toBe("987654321098765432");
    const v = fromBcdDigits(new F80(), 1, bcdDigits);
    expect(v).toMatchObject(fromInteger(new F80(), 1, 0x0db4da5f, 0x49f8b478));
  });
});
