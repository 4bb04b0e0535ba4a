import { describe, expect, it } from "vitest";
import { HYPERCALL_PORT } from "./layout.js";
import { assembleCommon, assembleSetup, assembleStub, STUB_STRIDE, TrapCode } from "./trap-code.js";

/** Where a stub's trailing `jmp rel32` lands. */
function jumpTarget(vector: number): number {
  const stub = assembleStub(vector);
  const rel = new DataView(stub.buffer).getInt32(stub.length - 4, true);
  return TrapCode.stubs + vector * STUB_STRIDE + stub.length + rel;
}

describe("trap stubs", () => {
  it("push a zero error code only for vectors where the CPU pushes none", () => {
    expect([...assembleStub(0x20).slice(0, 7)]).toEqual([0x6a, 0x00, 0x68, 0x20, 0, 0, 0]);
    expect([...assembleStub(14).slice(0, 5)]).toEqual([0x68, 14, 0, 0, 0]);
  });

  it("push vectors above 0x7f without sign extension", () => {
    expect([...assembleStub(0x80).slice(2, 7)]).toEqual([0x68, 0x80, 0, 0, 0]);
  });

  it("all jump to the common path and fit their slot", () => {
    for (let v = 0; v < 256; v++) {
      expect(jumpTarget(v)).toBe(TrapCode.common);
      expect(assembleStub(v).length).toBeLessThanOrEqual(STUB_STRIDE);
    }
  });

  it("hand over through the hypercall port right before the exit label", () => {
    const common = assembleCommon();
    const out = TrapCode.exit - TrapCode.common - 1;
    expect(common[out]).toBe(0xee); // out dx, al
    expect(common[out - 3]).toBe(0xba); // mov dx, imm16
    expect(common[out - 2]! | (common[out - 1]! << 8)).toBe(HYPERCALL_PORT);
    expect(common.at(-1)).toBe(0xcf); // iret
  });

  it("setup ends with hlt and fits before the idle loop", () => {
    const setup = assembleSetup();
    expect(setup.at(-1)).toBe(0xf4);
    expect(TrapCode.setup + setup.length).toBeLessThan(TrapCode.idle);
  });
});
