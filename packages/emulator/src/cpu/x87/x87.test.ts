import { describe, expect, it } from "vitest";
import { FPU_FAULT, FakeFpuHost, ctx } from "../../../test/x87/fake-fpu-host.js";
import { X87, controlWord } from "./x87.js";

/** A fresh FPU and host; `run` executes one instruction given as opcode and ModRM. */
function setup(): {
  fpu: X87;
  host: FakeFpuHost;
  run: (op: number, modrm: number, addr?: number) => void;
} {
  const fpu = new X87();
  fpu.reset();
  const host = new FakeFpuHost(0x1000);
  return { fpu, host, run: (op, modrm, addr = -1) => fpu.execute(host, ctx(op, modrm, addr)) };
}

const view = (host: FakeFpuHost): DataView => new DataView(host.memory.buffer);

describe("X87", () => {
  it("computes 1.0L/3 as 0x3FFD AAAAAAAAAAAAAAAB (the issue's example)", () => {
    const { host, run } = setup();
    view(host).setInt16(0x100, 3, true);
    run(0xd9, 0xe8); // fld1
    run(0xde, 0x35, 0x100); // fidiv m16int
    run(0xdb, 0x3d, 0x200); // fstp m80
    const v = view(host);
    expect([v.getUint16(0x208, true), v.getUint32(0x204, true), v.getUint32(0x200, true)]).toEqual([
      0x3ffd, 0xaaaaaaaa, 0xaaaaaaab,
    ]);
  });

  it("loads the constants with the rounding mode applied", () => {
    const { fpu, run } = setup();
    run(0xd9, 0xeb); // fldpi
    expect([fpu.hi[fpu.phys(0)], fpu.lo[fpu.phys(0)]]).toEqual([0xc90fdaa2, 0x2168c235]);
    fpu.cw = 0x077f; // round down
    run(0xd9, 0xeb);
    expect(fpu.lo[fpu.phys(0)]).toBe(0x2168c234);
  });

  it("sets SF, IE and C1 on stack overflow and pushes the indefinite when masked", () => {
    const { fpu, run } = setup();
    for (let i = 0; i < 9; i++) run(0xd9, 0xee); // fldz ×9
    expect(fpu.statusWord() & 0x0241).toBe(0x0241);
    expect([fpu.se[fpu.phys(0)], fpu.hi[fpu.phys(0)]]).toEqual([0xffff, 0xc0000000]);
  });

  it("sets SF and IE with C1 clear on stack underflow", () => {
    const { fpu, run } = setup();
    run(0xd8, 0xc1); // fadd st0, st1 on an empty stack
    expect(fpu.statusWord() & 0x0241).toBe(0x0041);
  });

  it("keeps an unmasked exception pending until the next waiting instruction", () => {
    const { fpu, host, run } = setup();
    fpu.cw = 0x037b; // unmask ZE
    run(0xd9, 0xe8); // fld1
    run(0xd9, 0xee); // fldz
    run(0xde, 0xf9); // fdivp: 1/0
    expect(fpu.statusWord() & 0x8084).toBe(0x8084); // B, ES, ZE
    expect(host.fpuErrors).toBe(0);
    expect(fpu.emptyMask).toBe(0xff ^ 0xc0); // destination and pop suppressed
    run(0xdd, 0x3d, 0x300); // fnstsw m16: no wait
    expect(host.fpuErrors).toBe(0);
    host.faultOnFpuError = true;
    const top = fpu.top;
    expect(() => run(0xd9, 0xe8)).toThrow(FPU_FAULT); // fld1 waits: #MF before executing
    expect([host.fpuErrors, fpu.top]).toEqual([1, top]);
    expect(() => fpu.wait(host)).toThrow(FPU_FAULT);
    host.faultOnFpuError = false;
    run(0xd9, 0xe8); // IRQ 13 mode: the request is raised and the instruction executes
    expect([host.fpuErrors, fpu.top]).toEqual([3, (top + 7) & 7]);
    run(0xdb, 0xe2); // fnclex
    fpu.wait(host);
    expect(host.fpuErrors).toBe(3);
  });

  it("stores integers with the rounding mode and the integer indefinite on overflow", () => {
    const { fpu, host, run } = setup();
    const v = view(host);
    v.setFloat64(0x100, -2.5, true);
    run(0xdd, 0x05, 0x100); // fld m64
    run(0xdb, 0x15, 0x110); // fist m32 (nearest: -2)
    fpu.cw = 0x077f;
    run(0xdb, 0x15, 0x114); // round down: -3
    expect([v.getInt32(0x110, true), v.getInt32(0x114, true)]).toEqual([-2, -3]);
    v.setFloat64(0x100, 1e10, true);
    run(0xdd, 0x05, 0x100);
    run(0xdf, 0x15, 0x118); // fist m16
    expect(v.getUint16(0x118, true)).toBe(0x8000);
    expect(fpu.statusWord() & 1).toBe(1);
  });

  it("converts packed BCD both ways", () => {
    const { host, run } = setup();
    const m = host.memory;
    m.set([0x21, 0x43, 0x65, 0x87, 0x09, 0, 0, 0, 0, 0x80], 0x100); // -987654321
    run(0xdf, 0x25, 0x100); // fbld
    run(0xdf, 0x35, 0x120); // fbstp
    expect(Array.from(m.subarray(0x120, 0x12a))).toEqual([
      0x21, 0x43, 0x65, 0x87, 0x09, 0, 0, 0, 0, 0x80,
    ]);
  });

  it("compares into C0/C2/C3 and into EFLAGS for fcomi", () => {
    const { fpu, host, run } = setup();
    run(0xd9, 0xe8); // 1
    run(0xd9, 0xee); // 0 (ST0), 1 (ST1)
    run(0xd8, 0xd1); // fcom st1: 0 < 1
    expect(fpu.statusWord() & 0x4500).toBe(0x0100);
    run(0xdb, 0xf1); // fcomi st1
    expect(host.eflags & 0x45).toBe(0x01);
    run(0xd9, 0xe4); // ftst: 0 = 0
    expect(fpu.statusWord() & 0x4500).toBe(0x4000);
  });

  it("classifies with fxam, the empty register included", () => {
    const { fpu, run } = setup();
    run(0xd9, 0xe5);
    expect(fpu.statusWord() & 0x4500).toBe(0x4100); // empty
    run(0xd9, 0xe8);
    run(0xd9, 0xe0); // fchs: -1
    run(0xd9, 0xe5);
    expect(fpu.statusWord() & 0x4700).toBe(0x0600); // normal, C1 = sign
  });

  it("moves conditionally on EFLAGS", () => {
    const { fpu, host, run } = setup();
    run(0xd9, 0xe8); // 1
    run(0xd9, 0xee); // ST0 = 0, ST1 = 1
    host.eflags = 0x202; // CF clear
    run(0xda, 0xc1); // fcmovb: no move
    expect(fpu.se[fpu.phys(0)]).toBe(0);
    host.eflags = 0x203;
    run(0xda, 0xc1); // fcmovb: move
    expect(fpu.se[fpu.phys(0)]).toBe(0x3fff);
  });

  it("reports the status word in AX and the control word with its reserved bits", () => {
    const { fpu, host, run } = setup();
    run(0xd9, 0xe8);
    run(0xdf, 0xe0); // fnstsw ax
    expect(host.ax).toBe(0x3800);
    view(host).setUint16(0x100, 0xffff, true);
    run(0xd9, 0x2d, 0x100); // fldcw
    run(0xd9, 0x3d, 0x102); // fnstcw
    expect(view(host).getUint16(0x102, true)).toBe(0x1f7f);
    expect(controlWord(0)).toBe(0x0040);
    expect(fpu.cw).toBe(0x1f7f);
  });

  it("raises #UD for undefined encodings and leaves the state alone", () => {
    const { fpu, host, run } = setup();
    run(0xd9, 0x0d, 0x100); // D9 /1 memory
    run(0xd9, 0xd1);
    run(0xdb, 0x0d, 0x100); // fisttp (SSE3) is not a P6 instruction
    run(0xde, 0xd8);
    run(0xdd, 0xf0);
    expect(host.invalidOpcodes).toBe(5);
    expect(fpu.emptyMask).toBe(0xff);
  });

  it("records the instruction and data pointers for fnstenv", () => {
    const { host, fpu } = setup();
    fpu.execute(host, ctx(0xdd, 0x05, 0x100, { eip: 0x1234, cs: 0x1b, dataSelector: 0x23 }));
    fpu.execute(host, ctx(0xd9, 0x35, 0x200)); // fnstenv m28
    const v = view(host);
    expect(v.getUint32(0x20c, true)).toBe(0x1234);
    expect(v.getUint32(0x210, true)).toBe((0x505 << 16) | 0x1b);
    expect(v.getUint32(0x214, true)).toBe(0x100);
    expect(v.getUint16(0x218, true)).toBe(0x23);
    expect(fpu.cw & 0x3f).toBe(0x3f); // fnstenv masks everything
  });

  it("fnsave reinitializes and frstor brings the state back", () => {
    const { fpu, run } = setup();
    run(0xd9, 0xeb); // fldpi
    run(0xdd, 0x35, 0x100); // fnsave
    expect(fpu.emptyMask).toBe(0xff);
    run(0xdd, 0x25, 0x100); // frstor
    expect([fpu.top, fpu.hi[fpu.phys(0)], fpu.emptyMask]).toEqual([7, 0xc90fdaa2, 0x7f]);
  });

  it("computes a partial remainder with C2 set and finishes it in later steps", () => {
    const { fpu, host, run } = setup();
    const v = view(host);
    v.setFloat64(0x100, 3, true);
    v.setFloat64(0x108, 2 ** 200, true);
    run(0xdd, 0x05, 0x100);
    run(0xdd, 0x05, 0x108);
    let steps = 0;
    do {
      run(0xd9, 0xf8); // fprem
      steps++;
    } while ((fpu.statusWord() & 0x400) !== 0 && steps < 10);
    expect(steps).toBe(4);
    run(0xdd, 0x1d, 0x110); // fstp m64
    expect(v.getFloat64(0x110, true)).toBe(1); // 2^200 mod 3 = 1
  });

  it("evaluates sin and cos to double accuracy and refuses |x| ≥ 2^63", () => {
    const { fpu, host, run } = setup();
    const v = view(host);
    v.setFloat64(0x100, 1, true);
    run(0xdd, 0x05, 0x100);
    run(0xd9, 0xfb); // fsincos: ST0 = cos, ST1 = sin
    run(0xdd, 0x1d, 0x110);
    run(0xdd, 0x1d, 0x118);
    expect(v.getFloat64(0x110, true)).toBeCloseTo(Math.cos(1), 15);
    expect(v.getFloat64(0x118, true)).toBeCloseTo(Math.sin(1), 15);
    v.setFloat64(0x100, 2 ** 64, true);
    run(0xdd, 0x05, 0x100);
    run(0xd9, 0xfe); // fsin
    expect(fpu.statusWord() & 0x400).toBe(0x400);
    expect(fpu.hi[fpu.phys(0)]).toBe(0x80000000);
  });

  it("offers the hardware RESET state besides the fninit one", () => {
    const { fpu } = setup();
    fpu.powerOnState();
    expect([fpu.cw, fpu.statusWord(), fpu.tagWord()]).toEqual([0x0040, 0, 0x5555]);
    fpu.reset();
    expect([fpu.cw, fpu.tagWord()]).toEqual([0x037f, 0xffff]);
  });
});
