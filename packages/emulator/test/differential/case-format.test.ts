import { describe, expect, it } from "vitest";
import {
  DATA_BASE,
  NO_FAULT,
  STACK_OFFSET,
  codeBytes,
  expectedState,
  initialState,
  toHex,
  xorshift32,
  type VectorCase,
} from "./case-format.js";

const base: VectorCase = {
  c: "01d8",
  d: "add eax, ebx",
  t: "arith",
  z: 32,
  s: 7,
  r: [[0, 5]],
  p: [[3, 0xab]],
  f: 0x2,
  o: { r: [[0, 12]], f: 0x206, m: [[4, 0x11]] },
};

describe("xorshift32", () => {
  it("is deterministic per seed and differs between seeds", () => {
    const a = xorshift32(1);
    const b = xorshift32(1);
    const c = xorshift32(2);
    const seqA = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(seqA);
    expect([c(), c(), c()]).not.toEqual(seqA);
    for (const v of seqA) expect(v).toBeGreaterThanOrEqual(0);
  });

  it("never gets stuck at zero", () => {
    const next = xorshift32(0x9e3779b9);
    expect(next()).not.toBe(0);
  });
});

describe("initialState", () => {
  it("applies register and buffer overrides over the seeded values", () => {
    const s = initialState(base);
    expect(s.regs[0]).toBe(5);
    expect(s.regs[4]).toBe(DATA_BASE + STACK_OFFSET);
    expect(s.mem[3]).toBe(0xab);
    expect(s.mem).toHaveLength(256);
    expect(initialState(base)).toEqual(s);
  });

  it("puts negative offsets in the bytes below the buffer and rejects others", () => {
    const s = initialState({
      ...base,
      p: [
        [-1, 0x77],
        [-16, 0x66],
      ],
    });
    expect(s.low).toHaveLength(16);
    expect(s.low[15]).toBe(0x77);
    expect(s.low[0]).toBe(0x66);
    expect(() => initialState({ ...base, p: [[-17, 1]] })).toThrow(RangeError);
    expect(() => initialState({ ...base, p: [[256, 1]] })).toThrow(RangeError);
  });

  it("lets a case move ESP", () => {
    expect(initialState({ ...base, r: [[4, 0x1234]] }).regs[4]).toBe(0x1234);
  });
});

describe("expectedState", () => {
  it("rebuilds the recorded registers, flags and memory", () => {
    const e = expectedState(base);
    const init = initialState(base);
    expect(e.vector).toBe(NO_FAULT);
    expect(e.regs[0]).toBe(12);
    expect(e.regs[1]).toBe(init.regs[1]);
    expect(e.eflags).toBe(0x206);
    expect(e.mem[4]).toBe(0x11);
    expect(e.mem[5]).toBe(init.mem[5]);
  });

  it("carries the fault vector and EIP offset", () => {
    const e = expectedState({ ...base, o: { r: [], f: 2, m: [], v: 0, e: 0 } });
    expect(e.vector).toBe(0);
    expect(e.eipOffset).toBe(0);
  });
});

describe("codeBytes / toHex", () => {
  it("round-trips instruction bytes", () => {
    expect(Array.from(codeBytes({ c: "0fc8f4" }))).toEqual([0x0f, 0xc8, 0xf4]);
    expect(toHex([0x0f, 0xc8, 0xf4])).toBe("0fc8f4");
  });

  it("rejects malformed hex and overlong cases", () => {
    expect(() => codeBytes({ c: "0fc" })).toThrow(/bad instruction bytes/);
    expect(() => codeBytes({ c: "zz" })).toThrow(/bad instruction bytes/);
    expect(() => codeBytes({ c: "90".repeat(33) })).toThrow(/bad instruction bytes/);
  });
});
