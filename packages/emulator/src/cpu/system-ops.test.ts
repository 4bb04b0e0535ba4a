import { describe, expect, it } from "vitest";
import { flatMachine, hexBytes } from "../../test/cpu/flat-machine.js";
import type { FlatMachine } from "../../test/cpu/flat-machine.js";
import { SegReg, Vector } from "./constants.js";
import { reg8Index } from "./cpu.js";

const GDT = 0x500;
const TSS = 0x3100;
const LDT = 0x3200;

/** Adds descriptors 0x18 (TSS), 0x20 (expand-down data), 0x28 (16-bit code), 0x30 (LDT). */
function withDescriptors(m: FlatMachine): FlatMachine {
  const put = (sel: number, low: number, high: number) => {
    m.memory.write32(GDT + sel, low);
    m.memory.write32(GDT + sel + 4, high);
  };
  put(0x18, ((TSS & 0xffff) << 16) | 0x67, 0x00008900 | ((TSS >>> 16) & 0xff));
  put(0x20, 0x00000fff, 0x00409600); // expand-down, B=1, limit 0xFFF
  put(0x28, 0x0000ffff, 0x00009a00); // 16-bit code
  put(0x30, ((LDT & 0xffff) << 16) | 0x17, 0x00008200 | ((LDT >>> 16) & 0xff));
  m.memory.write32(LDT + 8, (0x4000 << 16) | 0x0fff); // LDT 1: data at 0x4000
  m.memory.write32(LDT + 12, 0x00009200);
  m.cpu.gdtLimit = 0x37;
  return m;
}

const reg8 = (m: FlatMachine, r: number) => m.cpu.regs8[reg8Index(r)];

describe("system instructions and segmentation", () => {
  it("far jumps, calls and returns at the same privilege", () => {
    const m = flatMachine(
      "ea101000000800909090909090909090b8010000009a301000000800bb02000000f49090909090909090909090909090b903000000cb",
    );
    m.run();
    expect([m.cpu.regs[0], m.cpu.regs[1], m.cpu.regs[3]]).toEqual([1, 3, 2]);
    expect(m.cpu.cs).toBe(0x08);
    expect(m.cpu.regs[4]).toBe(0x80000);
  });

  it("reads access rights and limits with lar/lsl, failing on bad selectors", () => {
    const m = flatMachine("66b810000f02d80f03c80f94c266b850000f03f00f95c6f4");
    m.run();
    expect(m.cpu.regs[3]! & 0x00ffff00).toBe(0x00cf9200); // flat data: G, B, P, DPL 0, RW
    expect(m.cpu.regs[1]! >>> 0).toBe(0xffffffff);
    expect(reg8(m, 2)).toBe(1); // ZF after lsl of 0x10
    expect(reg8(m, 6)).toBe(1); // ZF clear after lsl of a selector beyond the GDT
  });

  it("verifies readability and writability", () => {
    const m = flatMachine("66b808000f00e00f94c30f00e80f94c766b810000f00e80f94c1f4");
    m.run();
    expect(reg8(m, 3)).toBe(1); // code 0x08 readable
    expect(reg8(m, 7)).toBe(0); // code not writable
    expect(reg8(m, 1)).toBe(1); // data 0x10 writable
  });

  it("stores descriptor-table registers, CR0 and the MSW", () => {
    const m = flatMachine("0f0105003000000f010d103000000f20c00f20e3660f01e1f4");
    m.run();
    expect(m.memory.read16(0x3000)).toBe(23);
    expect(m.memory.read32(0x3002)).toBe(GDT);
    expect(m.memory.read16(0x3010)).toBe(0x7ff);
    expect(m.memory.read32(0x3012)).toBe(0x800);
    expect(m.cpu.regs[0]! & 1).toBe(1);
    expect(m.cpu.regs16[2]).toBe(m.cpu.cr0 & 0xffff);
  });

  it("loads the task register (marking the TSS busy) and the LDT", () => {
    const m = withDescriptors(flatMachine("66b818000f00d8660f00cb0f001500300000660f00c1f4"));
    m.memory.write16(0x3000, 0x30);
    m.run();
    expect(m.vector()).toBe(-1);
    expect(m.cpu.trSel).toBe(0x18);
    expect(m.cpu.trBase).toBe(TSS);
    expect((m.memory.read32(GDT + 0x18 + 4) >>> 8) & 0xf).toBe(0xb);
    expect(m.cpu.regs16[6]).toBe(0x18);
    expect(m.cpu.ldtBase).toBe(LDT);
    expect(m.cpu.regs16[2]).toBe(0x30);
  });

  it("loads a segment from the LDT", () => {
    const m = withDescriptors(flatMachine("66b80c008ee064a104000000f4"));
    m.cpu.ldtSel = 0x30;
    m.cpu.ldtBase = LDT;
    m.cpu.ldtLimit = 0x17;
    m.memory.write32(0x4004, 0x5a5a1234);
    m.run();
    expect(m.cpu.getSegmentBase(SegReg.FS)).toBe(0x4000);
    expect(m.cpu.regs[0]).toBe(0x5a5a1234);
  });

  it("checks expand-down segment limits", () => {
    const m = withDescriptors(flatMachine("66b820008ed8a1002000008b1dfe0f0000f4"));
    m.memory.write32(0x2000, 77);
    m.run();
    expect(m.cpu.regs[0]).toBe(77); // above the limit: valid
    expect(m.vector()).toBe(Vector.GP); // at or below the limit: #GP(0)
    expect(m.memory.read32(m.cpu.regs[4]! >>> 0)).toBe(0);
  });

  it("runs 16-bit code in protected mode with operand-size prefixes", () => {
    const m = withDescriptors(flatMachine("ea101000002800909090909090909090"));
    m.memory.load(0x1010, hexBytes("b8341266bb4433221101d8f4"));
    m.run();
    expect(m.cpu.cs).toBe(0x28);
    expect(m.cpu.regs16[0]).toBe(0x4578);
    expect(m.cpu.regs[3]).toBe(0x11223344);
  });

  it("refuses control-register moves outside ring 0", () => {
    const m = withDescriptors(flatMachine("0f20d8")); // mov eax, cr3
    m.memory.write32(TSS + 4, 0x90000); // ESP0
    m.memory.write32(TSS + 8, 0x10); // SS0
    m.cpu.trSel = 0x18;
    m.cpu.trBase = TSS;
    m.cpu.trLimit = 0x67;
    m.cpu.trType = 0xb;
    // Ring-3 flat segments (the GDT needs them only for the return; the caches suffice).
    m.cpu.cpl = 3;
    m.cpu.setSegmentCache(SegReg.CS, 0x1b, 0, 0xffffffff, 0xcffb);
    m.cpu.setSegmentCache(SegReg.SS, 0x23, 0, 0xffffffff, 0xcff3);
    m.cpu.updateCplMasks();
    m.run();
    expect(m.vector()).toBe(Vector.GP);
    expect(m.cpu.regs[4]).toBe(0x90000 - 24); // error code, EIP, CS, EFLAGS, ESP, SS
    expect(m.memory.read32(0x90000 - 24)).toBe(0);
    expect(m.memory.read32(0x90000 - 20)).toBe(0x1000);
    expect(m.memory.read32(0x90000 - 16)).toBe(0x1b);
    expect(m.memory.read32(0x90000 - 4)).toBe(0x23);
  });

  it("raises #AC(0) for a misaligned ring-3 access with CR0.AM and EFLAGS.AC", () => {
    // mov eax,[0x2000]; mov bl,[0x2001]; mov ecx,[0x2002]
    const m = withDescriptors(flatMachine("a1002000008a1d012000008b0d02200000"));
    m.memory.write32(TSS + 4, 0x90000);
    m.memory.write32(TSS + 8, 0x10);
    m.cpu.trSel = 0x18;
    m.cpu.trBase = TSS;
    m.cpu.trLimit = 0x67;
    m.cpu.trType = 0xb;
    m.memory.write32(0x2000, 0x44332211);
    m.cpu.cr0 |= 1 << 18; // AM
    m.cpu.cpl = 3;
    m.cpu.setSegmentCache(SegReg.CS, 0x1b, 0, 0xffffffff, 0xcffb);
    m.cpu.setSegmentCache(SegReg.SS, 0x23, 0, 0xffffffff, 0xcff3);
    m.cpu.setEflags(0x40002); // AC
    m.run();
    expect(m.cpu.regs[0]).toBe(0x44332211); // aligned dword: fine
    expect(reg8(m, 3)).toBe(0x22); // bytes are never misaligned
    expect(m.vector()).toBe(Vector.AC);
    expect(m.memory.read32(0x90000 - 24)).toBe(0); // error code
    expect(m.memory.read32(0x90000 - 20)).toBe(0x100b); // the misaligned mov
  });

  it("raises #GP(0) when execution runs past the CS limit", () => {
    const m = flatMachine("9090909090f4");
    m.cpu.setSegmentCache(SegReg.CS, 0x08, 0, 0x1003, 0x409b);
    m.run();
    expect(m.vector()).toBe(Vector.GP);
    expect(m.memory.read32(m.cpu.regs[4]! >>> 0)).toBe(0);
    expect(m.memory.read32((m.cpu.regs[4]! >>> 0) + 4)).toBe(0x1004);
  });

  it("raises #GP(0) at a near jump whose target is past the CS limit", () => {
    const m = flatMachine("90eb10f4"); // nop; jmp +0x10; hlt
    m.cpu.setSegmentCache(SegReg.CS, 0x08, 0, 0x100f, 0x409b);
    m.run();
    expect(m.vector()).toBe(Vector.GP);
    expect(m.memory.read32((m.cpu.regs[4]! >>> 0) + 4)).toBe(0x1001); // EIP of the jmp
  });
});
