import { describe, expect, it } from "vitest";
import { AF, CF, OF, PF, SF, STATUS_FLAGS, UNDEFINED, ZF, isMaskTag } from "./undefined-flags.js";

describe("UNDEFINED", () => {
  it("leaves nothing undefined for plain arithmetic and moves", () => {
    expect(UNDEFINED.arith({ size: 32, aux: 0 })).toEqual({ flags: 0, dest: false });
    expect(UNDEFINED.none({ size: 8, aux: 0 })).toEqual({ flags: 0, dest: false });
  });

  it("masks AF after logic operations", () => {
    expect(UNDEFINED.logic({ size: 16, aux: 0 }).flags).toBe(AF);
  });

  it("follows the count for shifts", () => {
    expect(UNDEFINED.shlShr({ size: 32, aux: 0 }).flags).toBe(0);
    expect(UNDEFINED.shlShr({ size: 32, aux: 1 }).flags).toBe(AF);
    expect(UNDEFINED.shlShr({ size: 32, aux: 5 }).flags).toBe(AF | OF);
    expect(UNDEFINED.shlShr({ size: 8, aux: 8 }).flags).toBe(AF | OF | CF);
    expect(UNDEFINED.sar({ size: 8, aux: 8 }).flags).toBe(AF | OF);
  });

  it("leaves only OF undefined for multi-bit rotates", () => {
    expect(UNDEFINED.rotate({ size: 8, aux: 1 }).flags).toBe(0);
    expect(UNDEFINED.rotate({ size: 8, aux: 0 }).flags).toBe(0);
    expect(UNDEFINED.rotate({ size: 8, aux: 9 }).flags).toBe(OF);
  });

  it("makes SHLD/SHRD results undefined past the operand size", () => {
    expect(UNDEFINED.doubleShift({ size: 16, aux: 17 })).toEqual({
      flags: STATUS_FLAGS,
      dest: true,
    });
    expect(UNDEFINED.doubleShift({ size: 16, aux: 16 })).toEqual({ flags: AF | OF, dest: false });
    expect(UNDEFINED.doubleShift({ size: 32, aux: 1 })).toEqual({ flags: AF, dest: false });
  });

  it("makes the BSF/BSR destination undefined only for a zero source", () => {
    expect(UNDEFINED.bitScan({ size: 32, aux: 0 }).dest).toBe(true);
    expect(UNDEFINED.bitScan({ size: 32, aux: 8 }).dest).toBe(false);
    expect(UNDEFINED.bitScan({ size: 32, aux: 8 }).flags & ZF).toBe(0);
  });

  it("masks the SDM's flags for mul, div and BCD", () => {
    expect(UNDEFINED.mul({ size: 32, aux: 0 }).flags).toBe(SF | ZF | AF | PF);
    expect(UNDEFINED.div({ size: 32, aux: 0 }).flags).toBe(STATUS_FLAGS);
    expect(UNDEFINED.daa({ size: 8, aux: 0 }).flags).toBe(OF);
    expect(UNDEFINED.aaa({ size: 8, aux: 0 }).flags).toBe(OF | SF | ZF | PF);
    expect(UNDEFINED.aam({ size: 8, aux: 0 }).flags).toBe(OF | AF | CF);
    expect(UNDEFINED.bt({ size: 32, aux: 0 }).flags).toBe(OF | SF | AF | PF);
  });

  it("knows its own tags only", () => {
    expect(isMaskTag("mul")).toBe(true);
    expect(isMaskTag("toString")).toBe(false);
    expect(isMaskTag("nope")).toBe(false);
  });
});
