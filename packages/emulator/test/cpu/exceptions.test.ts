import { describe, expect, it } from "vitest";
import { hex, runFixture } from "./fixture-harness.js";

describe("fixture exceptions.asm (ring-0 exceptions from reset)", () => {
  const run = runFixture("exceptions");

  it("runs to its final hlt without a triple fault", () => {
    expect(run.tripleFaults).toBe(0);
    expect(run.cpu.halted).toBe(true);
  });

  it("delivers each exception with the SDM's error code", () => {
    const r = run.reports;
    const afterInt3 = r[4]!;
    expect(hex(r)).toEqual(
      hex([
        0xee000000, // #DE: div by zero
        0xee000000, // #DE: idiv overflow
        0xee000006, // #UD: ud2
        0xee000003, // #BP handler
        afterInt3, //  its return EIP (a trap: after int3)
        afterInt3, //  the address of the label after int3
        0xee000004, // #OF: into with OF=1
        0xee000005, // #BR: bound
        0xee00000b, // #NP(0x38)
        0x38,
        0xee00000d, // #GP(0x50): selector beyond the GDT limit
        0x50,
        0xee00000c, // #SS(0x38): not-present stack segment
        0x38,
        0xee000007, // #NM: ESC without a coprocessor
        0xee000008, // #DF(0): #NP while delivering #NP
        0,
        0x10, // DS still the flat data selector
      ]),
    );
  });
});
