import { describe, expect, it } from "vitest";
import { F80 } from "./float80.js";
import {
  BIAS_ADJUST,
  Exc,
  Formats,
  R,
  RoundingMode,
  packDouble,
  packF80,
  packSingle,
  round,
  doubleHi,
  doubleLo,
} from "./round80.js";

/** Rounds the 96-bit pattern of 1/3 (0.0101…) with bit 95 weighing 2^-2. */
function third(format = Formats.ext64, rc: number = RoundingMode.Nearest): number {
  return round(0, -2, 0xaaaaaaaa, 0xaaaaaaaa, 0xaaaaaaaa, format, rc, true, true, BIAS_ADJUST);
}

describe("round", () => {
  it("rounds 1/3 to the issue's bit pattern 0x3FFD AAAAAAAAAAAAAAAB", () => {
    const flags = third();
    expect(packF80(new F80())).toMatchObject({ se: 0x3ffd, hi: 0xaaaaaaaa, lo: 0xaaaaaaab });
    expect(flags).toBe(Exc.PE | Exc.C1);
  });

  it("honours each rounding mode and reports round-up in C1", () => {
    expect(third(Formats.ext64, RoundingMode.Chop)).toBe(Exc.PE);
    expect(R.lo).toBe(0xaaaaaaaa);
    expect(third(Formats.ext64, RoundingMode.Down)).toBe(Exc.PE);
    expect(third(Formats.ext64, RoundingMode.Up)).toBe(Exc.PE | Exc.C1);
    expect(R.lo).toBe(0xaaaaaaab);
  });

  it("honours precision control (24 and 53 bits)", () => {
    third(Formats.ext24);
    expect([R.hi, R.lo]).toEqual([0xaaaaab00, 0]);
    third(Formats.ext53);
    expect([R.hi, R.lo]).toEqual([0xaaaaaaaa, 0xaaaaa800]);
  });

  it("breaks ties to even", () => {
    // 1 + 2^-64 exactly between 1 and 1 + 2^-63.
    round(0, 0, 0x80000000, 0, 0x80000000, Formats.ext64, RoundingMode.Nearest, true, true, 0);
    expect(R.lo).toBe(0);
    round(0, 0, 0x80000000, 1, 0x80000000, Formats.ext64, RoundingMode.Nearest, true, true, 0);
    expect(R.lo).toBe(2);
  });

  it("carries into the exponent", () => {
    round(
      0,
      0,
      0xffffffff,
      0xffffffff,
      0x80000000,
      Formats.ext64,
      RoundingMode.Nearest,
      true,
      true,
      0,
    );
    expect([R.e, R.hi, R.lo]).toEqual([1, 0x80000000, 0]);
  });

  it("overflows to infinity or the largest finite number by rounding mode", () => {
    let flags = round(
      0,
      20000,
      0x80000000,
      0,
      0,
      Formats.ext64,
      RoundingMode.Nearest,
      true,
      true,
      0,
    );
    expect(R.inf).toBe(true);
    expect(flags & (Exc.OE | Exc.PE)).toBe(Exc.OE | Exc.PE);
    flags = round(0, 20000, 0x80000000, 0, 0, Formats.ext64, RoundingMode.Chop, true, true, 0);
    expect(R.inf).toBe(false);
    expect(packF80(new F80())).toMatchObject({ se: 0x7ffe, hi: 0xffffffff, lo: 0xffffffff });
  });

  it("biases the exponent of an unmasked overflow and underflow", () => {
    let flags = round(
      0,
      16384,
      0x80000000,
      0,
      0,
      Formats.ext64,
      RoundingMode.Nearest,
      true,
      false,
      BIAS_ADJUST,
    );
    expect(flags).toBe(Exc.OE);
    expect(R.e).toBe(16384 - BIAS_ADJUST);
    flags = round(
      0,
      -16400,
      0x80000000,
      0,
      0,
      Formats.ext64,
      RoundingMode.Nearest,
      false,
      true,
      BIAS_ADJUST,
    );
    expect(flags).toBe(Exc.UE);
    expect(R.e).toBe(-16400 + BIAS_ADJUST);
  });

  it("denormalizes a masked tiny result and flags UE only when inexact", () => {
    expect(round(0, -16383, 0x80000000, 0, 0, Formats.ext64, 0, true, true, 0)).toBe(0);
    expect(packF80(new F80())).toMatchObject({ se: 0, hi: 0x40000000, lo: 0 });
    const flags = round(0, -16383, 0x80000000, 1, 0, Formats.ext64, 0, true, true, 0);
    expect(flags & Exc.UE).toBe(Exc.UE);
  });

  it("detects tininess after rounding", () => {
    // Just below 2^-1022 but rounding up to it at 53 bits: not tiny, no UE even unmasked.
    const flags = round(0, -1023, 0xffffffff, 0xffffffff, 0, Formats.double, 0, false, true, 0);
    expect(flags & Exc.UE).toBe(0);
    packDouble();
    expect([doubleHi, doubleLo]).toEqual([0x00100000, 0]);
  });

  it("packs singles and doubles, denormals included", () => {
    round(1, 0, 0x80000000, 0, 0, Formats.single, 0, true, true, 0);
    expect(packSingle()).toBe(0xbf800000);
    round(0, -149, 0x80000000, 0, 0, Formats.single, 0, true, true, 0);
    expect(packSingle()).toBe(1);
    round(0, 1, 0xc0000000, 0, 0, Formats.double, 0, true, true, 0);
    packDouble();
    expect([doubleHi, doubleLo]).toEqual([0x40080000, 0]);
  });
});
