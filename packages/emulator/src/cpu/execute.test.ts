import { describe, expect, it } from "vitest";
import { flatMachine } from "../../test/cpu/flat-machine.js";
import { SegReg, Vector } from "./constants.js";
import { reg8Index } from "./cpu.js";

const u = (v: number) => v >>> 0;

describe("execute: decoder and integer instructions (flat 32-bit)", () => {
  it("adds with lazy flags visible through pushfd", () => {
    // mov eax,0x7fffffff; add eax,1; pushfd; pop ebx; mov cl,0xff; inc cl; pushfd; pop edx; hlt
    const m = flatMachine("b8ffffff7f83c0019c5bb1fffec19c5af4");
    m.run();
    expect(u(m.cpu.regs[0]!)).toBe(0x80000000);
    // OF SF AF PF set, ZF CF clear, bit 1 always set.
    expect(m.cpu.regs[3]! & 0x8d5).toBe(0x800 | 0x80 | 0x10 | 0x04);
    // inc cl from 0xff: ZF AF PF set, CF preserved (clear), OF clear.
    expect(m.cpu.regs[2]! & 0x8d5).toBe(0x40 | 0x10 | 0x04);
  });

  it("decodes ModRM with SIB, scale, displacement and lea", () => {
    // mov ebx,0x2000; mov esi,3; mov dword [ebx+esi*4+8],0x11223344; mov eax,[ebx+esi*4+8];
    // lea ecx,[ebx+esi*8-1]; hlt
    const m = flatMachine("bb00200000be03000000c744b308443322118b44b3088d4cf3fff4");
    m.run();
    expect(m.memory.read32(0x2014)).toBe(0x11223344);
    expect(m.cpu.regs[0]).toBe(0x11223344);
    expect(m.cpu.regs[1]).toBe(0x2017);
  });

  it("honours the operand-size prefix and zero-extends movzx", () => {
    // mov eax,-1; mov ax,0x1234; add ax,0x10; movzx ebx,word [0x2000]; hlt
    const m = flatMachine("b8ffffffff66b834126683c0100fb71d00200000f4");
    m.memory.write32(0x2000, 0xaaaabbbb);
    m.run();
    expect(u(m.cpu.regs[0]!)).toBe(0xffff1244);
    expect(m.cpu.regs[3]).toBe(0xbbbb);
  });

  it("applies a segment override with the hidden FS base (TLS)", () => {
    // mov eax,[fs:0x10]; hlt
    const m = flatMachine("64a110000000f4");
    m.cpu.setSegmentCache(SegReg.FS, 0x33, 0x5000, 0xfff, 0x93 | 0x4000);
    m.memory.write32(0x5010, 0xfeedf00d);
    m.run();
    expect(u(m.cpu.regs[0]!)).toBe(0xfeedf00d);
  });

  it("runs rep movsb, rep stosd and repe cmpsb", () => {
    const m = flatMachine(
      "be00200000bf00300000b90a000000fcf3a4bf00400000b8ababababb908000000f3abbe00200000bf00300000b90a000000f3a6f4",
    );
    for (let i = 0; i < 10; i++) m.memory.write8(0x2000 + i, i + 1);
    m.run();
    for (let i = 0; i < 10; i++) expect(m.memory.read8(0x3000 + i)).toBe(i + 1);
    for (let i = 0; i < 8; i++) expect(m.memory.read32(0x4000 + i * 4)).toBe(0xabababab);
    expect(m.memory.read32(0x4020)).toBe(0);
    expect(m.cpu.regs[1]).toBe(0); // all ten bytes compared equal
    expect(m.cpu.getEflags() & 0x40).toBe(0x40);
  });

  it("shifts through shld/shrd and rotates through carry", () => {
    // mov eax,0x80000001; shld edx,eax,4; mov ebx,0x12345678; shrd ebx,eax,8; stc;
    // mov cl,0x81; rcl cl,1; mov ch,1; rcr ch,1; hlt
    const m = flatMachine("b8010000800fa4c204bb785634120facc308f9b181d0d1b501d0ddf4");
    m.cpu.regs[2] = 0;
    m.run();
    expect(m.cpu.regs[2]).toBe(0x8);
    expect(u(m.cpu.regs[3]!)).toBe(0x01123456);
    expect(m.cpu.regs8[reg8Index(1)]).toBe(0x03); // rcl 0x81 with CF=1 → 0x03, CF=1
    expect(m.cpu.regs8[reg8Index(5)]).toBe(0x80); // rcr 0x01 with CF=1 → 0x80, CF=1
    expect(m.cpu.getEflags() & 1).toBe(1);
  });

  it("multiplies to 64 bits and divides signed toward zero", () => {
    const m = flatMachine("b8ffffffffb9fffffffff7e189c689d7b8f9ffffff99b902000000f7f9f4");
    m.run();
    expect(m.cpu.regs[6]).toBe(1); // low half of 0xffffffff²
    expect(u(m.cpu.regs[7]!)).toBe(0xfffffffe);
    expect(m.cpu.regs[0]).toBe(-3);
    expect(m.cpu.regs[2]).toBe(-1);
  });

  it("scans bits, executes rep bsf as bsf, sets bits and swaps bytes", () => {
    const m = flatMachine("b80000f0000fbcc80fbdd0f30fbcf0bb100000000fbaeb020fc8f4");
    m.run();
    expect(m.cpu.regs[1]).toBe(20);
    expect(m.cpu.regs[2]).toBe(23);
    expect(m.cpu.regs[6]).toBe(20);
    expect(m.cpu.regs[3]).toBe(0x14);
    expect(u(m.cpu.regs[0]!)).toBe(0x0000f000);
  });

  it("compares and exchanges eight bytes", () => {
    const m = flatMachine(
      "c7050020000001000000c7050420000002000000b801000000ba02000000bb05000000b9060000000fc70d002000000f94c0f4",
    );
    m.run();
    expect(m.memory.read32(0x2000)).toBe(5);
    expect(m.memory.read32(0x2004)).toBe(6);
    expect(m.cpu.regs8[0]).toBe(1);
  });

  it("reports the CPUID identity with only implemented features", () => {
    const m = flatMachine("31c00fa289c6b8010000000fa2f4");
    m.run();
    expect(m.cpu.regs[6]).toBe(1);
    expect(m.cpu.regs[0]).toBe(0x633);
    const edx = m.cpu.regs[2]!;
    expect(edx & (1 << 15)).not.toBe(0); // CMOV
    expect(edx & (1 << 8)).not.toBe(0); // CX8
    expect(edx & (1 << 23)).toBe(0); // no MMX
    expect(edx & (1 << 25)).toBe(0); // no SSE
    expect(edx & 1).toBe(0); // no FPU attached
  });

  it("treats endbr32 and 0F 1F as NOPs", () => {
    const m = flatMachine("f30f1efb0f1f00b807000000f4");
    m.run();
    expect(m.cpu.regs[0]).toBe(7);
    expect(m.vector()).toBe(-1);
  });

  it("raises #UD for ud2 and reports the opcode", () => {
    const m = flatMachine("0f0b");
    const seen: number[][] = [];
    m.cpu.onInvalidOpcode = (eip, bytes) => seen.push([eip, ...bytes.slice(0, 2)]);
    m.run();
    expect(m.vector()).toBe(Vector.UD);
    expect(seen).toEqual([[0x1000, 0x0f, 0x0b]]);
    expect(m.cpu.invalidOpcodeCount).toBe(1);
    // The frame's return EIP points at the faulting instruction.
    expect(m.memory.read32(m.cpu.regs[4]! >>> 0)).toBe(0x1000);
  });

  it("raises #UD for opcodes outside the i686 map (SSE)", () => {
    const m = flatMachine("0f5800"); // addps xmm0, [eax]
    m.run();
    expect(m.vector()).toBe(Vector.UD);
  });

  it("adjusts BCD results", () => {
    const m = flatMachine("b01904282788c3b0352c472f88c766b80902d50af4");
    m.run();
    expect(m.cpu.regs8[reg8Index(3)]).toBe(0x47); // 19 + 28 = 47
    expect(m.cpu.regs8[reg8Index(7)]).toBe(0x88); // 35 - 47 = -12 → 88 with borrow
    expect(m.cpu.regs16[0]).toBe(29); // aad: 0x0209 → 29
  });

  it("moves conditionally and sets bytes from conditions", () => {
    const m = flatMachine("b801000000bb0200000039d80f4ccb0f4fd30f92c2f4");
    m.run();
    expect(m.cpu.regs[1]).toBe(2);
    expect(m.cpu.regs8[reg8Index(2)]).toBe(1); // setb DL (cmovg not taken)
  });

  it("exchanges and adds, and compares-exchanges registers", () => {
    const m = flatMachine(
      "b805000000c705002000000a000000f00fc10500200000bb03000000b9030000000fb1d9f4",
    );
    m.run();
    expect(m.memory.read32(0x2000)).toBe(15);
    // xadd left the old memory value 10 in EAX; cmpxchg ecx,ebx then finds EAX ≠ ECX and
    // loads EAX from ECX.
    expect(m.cpu.regs[0]).toBe(3);
    expect(m.cpu.getEflags() & 0x40).toBe(0);
  });

  it("builds and releases stack frames with enter/leave and pushad/popad", () => {
    const e = flatMachine("bd11110000c810000089e089ebc9f4");
    e.run();
    expect(e.cpu.regs[0]).toBe(0x80000 - 4 - 16);
    expect(e.cpu.regs[3]).toBe(0x80000 - 4);
    expect(e.cpu.regs[5]).toBe(0x1111);
    expect(e.cpu.regs[4]).toBe(0x80000);
    const p = flatMachine("b801000000b90200000060b800000000b90000000061f4");
    p.run();
    expect(p.cpu.regs[0]).toBe(1);
    expect(p.cpu.regs[1]).toBe(2);
    expect(p.cpu.regs[4]).toBe(0x80000);
  });

  it("loops with ecx", () => {
    const m = flatMachine("b90500000031c001c8e2fcf4");
    expect(m.run()).toBe(2 + 5 * 2 + 1);
    expect(m.cpu.regs[0]).toBe(15);
  });

  it("raises #DE for a zero divisor with EIP at the div", () => {
    const m = flatMachine("31c9f7f1");
    m.run();
    expect(m.vector()).toBe(Vector.DE);
    expect(m.memory.read32(m.cpu.regs[4]! >>> 0)).toBe(0x1002);
  });

  it("delivers int n as a trap with the return EIP after it", () => {
    const m = flatMachine("cd40f4");
    m.run();
    expect(m.vector()).toBe(0x40);
    expect(m.memory.read32(m.cpu.regs[4]! >>> 0)).toBe(0x1002);
  });

  it("copies with rep movs across pages, replicating overlapping forward copies", () => {
    // mov esi,0x2000; mov edi,0x2001; mov ecx,8; rep movsb;
    // mov esi,0x10ff0; mov edi,0x30ff8; mov ecx,0x2000; rep movsd; hlt
    const m = flatMachine("be00200000bf01200000b908000000f3a4bef00f0100bff80f0300b900200000f3a5f4");
    m.memory.write8(0x2000, 0xaa);
    for (let i = 0; i < 0x8000; i += 4) m.memory.write32(0x10ff0 + i, i * 7 + 1);
    const ran = m.run();
    for (let i = 0; i <= 8; i++) expect(m.memory.read8(0x2000 + i)).toBe(0xaa);
    expect(m.memory.read8(0x2009)).toBe(0);
    for (let i = 0; i < 0x8000; i += 4) {
      if (m.memory.read32(0x30ff8 + i) !== i * 7 + 1) throw new Error(`copy differs at +${i}`);
    }
    expect(m.cpu.regs[1]).toBe(0);
    expect(m.cpu.regs[6]).toBe(0x10ff0 + 0x8000);
    expect(m.cpu.regs[7]).toBe(0x30ff8 + 0x8000);
    // 8192 dwords take two slices of the run loop; each slice counts once.
    expect(ran).toBeLessThan(20);
  });

  it("fills with rep stosd/stosw across pages with any pattern", () => {
    // mov edi,0x4000; mov eax,0x12345678; mov ecx,3000; rep stosd;
    // mov ax,0x0720; mov ecx,5; rep stosw; hlt
    const m = flatMachine("bf00400000b878563412b9b80b0000f3ab66b82007b905000000f366abf4");
    m.run();
    for (let i = 0; i < 3000; i++) {
      if (m.memory.read32(0x4000 + i * 4) !== 0x12345678) throw new Error(`dword ${i} differs`);
    }
    for (let i = 0; i < 5; i++) expect(m.memory.read16(0x4000 + 12000 + i * 2)).toBe(0x0720);
    expect(m.memory.read16(0x4000 + 12010)).toBe(0);
    expect(m.cpu.regs[7]).toBe(0x4000 + 12010);
    expect(m.cpu.regs[1]).toBe(0);
  });
});
