import { describe, expect, it } from "vitest";
import { flatMachine } from "../../test/cpu/flat-machine.js";
import { IoBus } from "../io/io-bus.js";
import { PhysicalMemory } from "../memory/physical-memory.js";
import { SegReg, Vector } from "./constants.js";
import { Cpu } from "./cpu.js";

const IDT = 0x800;

describe("interrupt and exception delivery", () => {
  it("delivers int n through the real-mode IVT", () => {
    const mem = new PhysicalMemory(1 << 20);
    const cpu = new Cpu(mem, new IoBus());
    cpu.setSegmentCache(SegReg.CS, 0, 0, 0xffff, 0x9b);
    cpu.eip = 0x7c00;
    cpu.regs[4] = 0x7000;
    mem.load(0x7c00, new Uint8Array([0xcd, 0x10])); // int 0x10
    mem.write32(0x10 * 4, (0x0050 << 16) | 0x0003); // 0050:0003
    mem.write8(0x503, 0xf4);
    cpu.setEflags(0x202);
    cpu.run(10);
    expect(cpu.halted).toBe(true);
    expect(cpu.cs).toBe(0x50);
    expect(cpu.eip).toBe(0x4);
    expect(mem.read16(0x7000 - 2)).toBe(0x202); // FLAGS
    expect(mem.read16(0x7000 - 4)).toBe(0); // CS
    expect(mem.read16(0x7000 - 6)).toBe(0x7c02); // IP after int
    expect(cpu.getEflags() & 0x200).toBe(0);
  });

  it("reports a not-present gate as #NP with the IDT error code (IDT bit, EXT)", () => {
    const m = flatMachine("0f0b"); // ud2
    m.memory.write8(IDT + Vector.UD * 8 + 5, 0x0e); // clear P
    m.run();
    expect(m.vector()).toBe(Vector.NP);
    expect(m.memory.read32(m.cpu.regs[4]! >>> 0)).toBe(Vector.UD * 8 + 2 + 1);
  });

  it("escalates a contributory fault during #GP delivery to #DF", () => {
    const m = flatMachine("8ed8"); // mov ds, ax
    m.cpu.regs[0] = 0x50; // beyond the GDT limit: #GP(0x50)
    m.memory.write8(IDT + Vector.GP * 8 + 5, 0x0e);
    m.run();
    expect(m.vector()).toBe(Vector.DF);
    expect(m.memory.read32(m.cpu.regs[4]! >>> 0)).toBe(0);
  });

  it("shuts down on a triple fault and tells the host", () => {
    const m = flatMachine("0f0b");
    m.cpu.idtLimit = 0;
    let calls = 0;
    m.cpu.onTripleFault = () => calls++;
    const n = m.cpu.run(100);
    expect(calls).toBe(1);
    expect(m.cpu.shutdown).toBe(true);
    expect(n).toBe(1);
    expect(m.cpu.run(100)).toBe(0);
  });

  it("wakes from hlt for an interrupt from the line, pushing the EIP after hlt", () => {
    const m = flatMachine("fbf4f4"); // sti; hlt; hlt
    const pending = [0x30];
    m.cpu.interruptLine = {
      hasInterrupt: () => pending.length > 0,
      acknowledge: () => pending.shift()!,
    };
    pending.length = 0;
    m.cpu.run(10);
    expect(m.cpu.halted).toBe(true);
    expect(m.cpu.run(10)).toBe(0); // nothing pending: stays halted
    pending.push(0x30);
    m.cpu.run(10);
    expect(m.vector()).toBe(0x30);
    expect(m.memory.read32(m.cpu.regs[4]! >>> 0)).toBe(0x1002);
  });

  it("delivers an NMI even with IF=0 and blocks the next until iret", () => {
    const m = flatMachine("f4");
    m.run();
    m.cpu.raiseNmi();
    m.cpu.run(1);
    expect(m.vector()).toBe(Vector.NMI);
    expect(m.cpu.nmiBlocked).toBe(true);
  });

  it("single-steps with TF: a #DB trap after the instruction following popf", () => {
    // pushfd; or dword [esp],0x100; popfd; nop; inc eax; hlt
    const m = flatMachine("9c810c24000100009d9040f4");
    m.run();
    expect(m.vector()).toBe(Vector.DB);
    // The trap came after the nop (the first instruction run with TF=1), before inc eax.
    expect(m.memory.read32(m.cpu.regs[4]! >>> 0)).toBe(0x100a);
    expect(m.cpu.regs[0]).toBe(0);
    expect(m.cpu.dr[6]! & 0x4000).toBe(0x4000);
    // The handler runs with TF clear; the pushed EFLAGS keep it.
    expect(m.cpu.getEflags() & 0x100).toBe(0);
    expect(m.memory.read32((m.cpu.regs[4]! >>> 0) + 8) & 0x100).toBe(0x100);
  });

  it("returns to ring 3 with iret, caching the code and stack descriptors separately", () => {
    // push 0x23; push 0x70000; push 2; push 0x1b; push 0x1014; iret; jmp $
    const m = flatMachine("6a23680000070068020000006a1b6814100000cfebfe");
    m.memory.write32(0x500 + 0x18, 0x0000ffff); // ring-3 code
    m.memory.write32(0x500 + 0x1c, 0x00cffa00);
    m.memory.write32(0x500 + 0x20, 0x0000ffff); // ring-3 data
    m.memory.write32(0x500 + 0x24, 0x00cff200);
    m.cpu.gdtLimit = 0x27;
    m.cpu.run(20);
    expect(m.cpu.getCpl()).toBe(3);
    expect([m.cpu.cs, m.cpu.ss, m.cpu.eip, m.cpu.regs[4]]).toEqual([0x1b, 0x23, 0x1014, 0x70000]);
    expect(m.cpu.segAttr[SegReg.CS]! & 0xff).toBe(0xfb); // code, accessed, DPL 3
    expect(m.cpu.segAttr[SegReg.SS]! & 0xff).toBe(0xf3); // data, accessed, DPL 3
    expect(m.memory.read32(0x500 + 0x1c) & 0x100).toBe(0x100);
  });
});
