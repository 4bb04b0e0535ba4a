import { describe, expect, it } from "vitest";
import { hex, runFixture } from "./fixture-harness.js";

const STACK0 = 0x90000;
const STACK3 = 0x80000;

describe("fixture usermode.asm (ring 3, int 0x80, call gate, privilege faults)", () => {
  const run = runFixture("usermode");

  it("enters ring 3 through iret and calls a DPL-3 gate with a stack switch", () => {
    expect(run.tripleFaults).toBe(0);
    expect(hex(run.reports.slice(0, 7))).toEqual(
      hex([0x1b, 0x1b, 0x23, STACK3, STACK0 - 20 - 4, 42, 43]),
    );
  });

  it("faults on each privilege violation with the right error code", () => {
    expect(hex(run.reports.slice(7, 21))).toEqual(
      hex([
        0xee00000d,
        0x10, //   mov ds, ring-0 data selector: #GP(0x10)
        0xee00000d,
        0, //      cli with IOPL 0
        0xee00000d,
        0, //      hlt at CPL 3
        0xee00000d,
        0, //      out to a port denied by the I/O bitmap
        0xee00000e,
        5, //      read of a supervisor page: #PF(P|U)
        0xee00000e,
        7, //      write of a supervisor page: #PF(P|W|U)
        0xee00000d,
        0x81 * 8 + 2, // int to a DPL-0 gate: #GP(IDT selector)
      ]),
    );
  });

  it("calls ring 0 through a call gate, copying the parameter, and returns with retf", () => {
    expect(hex(run.reports.slice(22, 29))).toEqual(
      hex([0x08, 0x77, 0x1b, STACK3 - 4, STACK0 - 20, STACK3, 0x1b]),
    );
  });

  it("keeps the ring-3 stack intact and reaches ring 0 again", () => {
    expect(run.reports[21]).toBe(STACK3);
    expect(hex(run.reports.slice(29))).toEqual(hex([0x08]));
    expect(run.cpu.getCpl()).toBe(0);
  });
});
