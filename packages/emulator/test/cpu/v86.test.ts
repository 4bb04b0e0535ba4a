import { describe, expect, it } from "vitest";
import { hex, runFixture } from "./fixture-harness.js";

describe("fixture v86.asm (virtual-8086 mode)", () => {
  const run = runFixture("v86");

  it("enters v86 through iret and leaves it through an interrupt gate", () => {
    expect(run.tripleFaults).toBe(0);
    expect(hex(run.reports.slice(0, 9))).toEqual(
      hex([
        0x0800, // CS pushed from v86
        0x20000, // EFLAGS.VM in the pushed image
        0x0700, // SS
        0x0c00, // ES
        0x0900, // DS
        0x0b00, // FS
        0x0a00, // GS
        0, //      DS nulled in the ring-0 handler
        0x1234, // AX
      ]),
    );
  });

  it("returns into v86 with iret and addresses memory as segment × 16", () => {
    expect(run.reports[9]).toBe(0xbeef);
  });

  it("raises #GP(0) for cli in v86 with IOPL 0", () => {
    expect(hex(run.reports.slice(10))).toEqual(hex([0xee00000d, 0, 0x20000, 0x0c]));
  });
});
