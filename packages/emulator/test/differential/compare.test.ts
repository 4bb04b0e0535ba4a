import { describe, expect, it } from "vitest";
import { expectedState, type VectorCase } from "./case-format.js";
import { type ActualState, compareCase, flagNames, formatFailure } from "./compare.js";

const addCase: VectorCase = {
  c: "01d8",
  d: "add eax, ebx",
  t: "arith",
  z: 32,
  s: 1,
  r: [
    [0, 1],
    [3, 2],
  ],
  p: [],
  f: 0x2,
  o: { r: [[0, 3]], f: 0x206, m: [[10, 0x55]] },
};

function asRecorded(c: VectorCase): ActualState {
  const e = expectedState(c);
  return {
    vector: e.vector,
    regs: e.regs.slice(),
    eflags: e.eflags,
    eipOffset: e.eipOffset,
    errorCode: e.errorCode,
    mem: e.mem.slice(),
    low: e.low.slice(),
    frameBytes: new Set(),
  };
}

describe("compareCase", () => {
  it("accepts the recorded state", () => {
    expect(compareCase(addCase, asRecorded(addCase))).toEqual([]);
  });

  it("reports a wrong register, flag and byte", () => {
    const a = asRecorded(addCase);
    a.regs[0] = 4;
    a.eflags = 0x202;
    a.mem[10] = 0;
    const diffs = compareCase(addCase, a);
    expect(diffs).toHaveLength(3);
    expect(diffs[0]).toMatch(/^eax: expected 0x00000003, got 0x00000004/);
    expect(diffs[1]).toMatch(/expected PF, got -/);
    expect(diffs[2]).toMatch(/mem\[buf\+10\]/);
  });

  it("ignores flags the SDM leaves undefined and reports the others", () => {
    const logic: VectorCase = { ...addCase, t: "logic" };
    const a = asRecorded(logic);
    a.eflags ^= 0x10; // AF
    expect(compareCase(logic, a)).toEqual([]);
    a.eflags ^= 0x01; // CF
    expect(compareCase(logic, a)).toHaveLength(1);
  });

  it("ignores only the operand-size part of an undefined destination", () => {
    const bsf: VectorCase = { ...addCase, t: "bitScan", z: 16, a: 0, g: 0 };
    const a = asRecorded(bsf);
    a.regs[0] = (a.regs[0]! ^ 0xffff) >>> 0;
    expect(compareCase(bsf, a)).toEqual([]);
    a.regs[0] = (a.regs[0]! ^ 0x10000) >>> 0;
    expect(compareCase(bsf, a)[0]).toMatch(/^eax/);
  });

  it("ignores an undefined memory destination only when the rule says so", () => {
    const shld: VectorCase = { ...addCase, t: "doubleShift", z: 16, a: 20, w: 10 };
    const a = asRecorded(shld);
    a.mem[10] = 0;
    a.mem[11] = 0xee;
    expect(compareCase(shld, a)).toEqual([]);
    a.mem[12] = 0xee;
    expect(compareCase(shld, a)).toHaveLength(1);
    expect(compareCase({ ...shld, a: 3 }, a)).toHaveLength(3);
  });

  it("reports a missing or different fault and a wrong faulting EIP", () => {
    const div: VectorCase = { ...addCase, t: "div", o: { r: [], f: 2, m: [], v: 0, e: 0 } };
    const a = asRecorded(div);
    expect(compareCase(div, a)).toEqual([]);
    expect(compareCase(div, { ...a, vector: 0xffffffff })[0]).toMatch(
      /expected vector 0, got no fault/,
    );
    expect(compareCase(div, { ...a, eipOffset: 2 })[0]).toMatch(/faulting EIP/);
  });

  it("masks nothing when the first instruction faulted before executing", () => {
    const de: VectorCase = { ...addCase, t: "div", o: { r: [], f: 0x2, m: [], v: 0, e: 0 } };
    const a = asRecorded(de);
    a.eflags |= 0x1;
    expect(compareCase(de, a)[0]).toMatch(/^eflags/);
    // A #DE further into a sequence keeps the rule's mask.
    const later: VectorCase = { ...de, o: { ...de.o, e: 2 } };
    expect(compareCase(later, { ...a, eipOffset: 2 })).toEqual([]);
  });

  it("compares the error code of faults that push one", () => {
    const gp: VectorCase = { ...addCase, o: { r: [], f: 2, m: [], v: 13, e: 0, x: 0x0c } };
    const a = asRecorded(gp);
    expect(compareCase(gp, a)).toEqual([]);
    expect(compareCase(gp, { ...a, errorCode: 0 })[0]).toMatch(/error code: expected 0xc, got 0x0/);
  });

  it("compares the bytes below the buffer too", () => {
    const c: VectorCase = { ...addCase, o: { ...addCase.o, m: [[-1, 0x99]] } };
    const a = asRecorded(c);
    expect(compareCase(c, a)).toEqual([]);
    a.low[15] = 0;
    expect(compareCase(c, a)[0]).toMatch(/^mem\[buf-1\] \(0x0010ffff\): expected 0x99, got 0x0/);
  });

  it("skips bytes covered by the emulator's exception frame", () => {
    const a = asRecorded(addCase);
    a.mem[10] = 0;
    expect(compareCase(addCase, { ...a, frameBytes: new Set([10]) })).toEqual([]);
  });

  it("passes on a replay problem as the only difference", () => {
    expect(compareCase(addCase, { ...asRecorded(addCase), problem: "did not halt" })).toEqual([
      "did not halt",
    ]);
  });
});

describe("formatFailure", () => {
  it("shows description, bytes, inputs and diff lines", () => {
    const text = formatFailure(addCase, ["eax: expected 1, got 2"]);
    expect(text).toContain("add eax, ebx");
    expect(text).toContain("[bytes 01d8]");
    expect(text).toContain("eax=0x00000001");
    expect(text).toContain("    eax: expected 1, got 2");
  });

  it("names flags", () => {
    expect(flagNames(0x8c1, 0xcd5)).toBe("CF ZF SF OF");
    expect(flagNames(0, 0xcd5)).toBe("-");
  });
});
