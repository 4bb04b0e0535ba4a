import { describe, expect, it } from "vitest";
import { flatMachine, hexBytes } from "../../test/cpu/flat-machine.js";
import { IoBus } from "../io/io-bus.js";
import { PhysicalMemory } from "../memory/physical-memory.js";
import { Cr0, SegReg, Vector } from "./constants.js";
import { Cpu } from "./cpu.js";
import type { Fpu, FpuHost, FpuInstructionContext } from "./fpu-interface.js";

describe("Cpu API", () => {
  it("starts in real mode at F000:FFF0 with base FFFF0000", () => {
    const cpu = new Cpu(new PhysicalMemory(1 << 20), new IoBus());
    expect(cpu.cs).toBe(0xf000);
    expect(cpu.getSegmentBase(SegReg.CS)).toBe(0xffff0000);
    expect(cpu.eip).toBe(0xfff0);
    expect(cpu.cr0 & Cr0.PE).toBe(0);
    expect(cpu.getEflags()).toBe(2);
    expect(cpu.isProtectedMode()).toBe(false);
  });

  it("runs the reset vector of a ROM image", () => {
    const mem = new PhysicalMemory(1 << 20);
    const rom = new Uint8Array(0x10000).fill(0xf4);
    rom.set([0xb8, 0x34, 0x12, 0xf4], 0x100); // mov ax,0x1234; hlt
    rom.set([0xea, 0x00, 0x01, 0x00, 0xf0], 0xfff0); // jmp F000:0100
    mem.loadRom(rom);
    const cpu = new Cpu(mem, new IoBus());
    expect(cpu.run(10)).toBe(3);
    expect(cpu.regs16[0]).toBe(0x1234);
    expect(cpu.getSegmentBase(SegReg.CS)).toBe(0xf0000);
  });

  it("enters the flat Multiboot state", () => {
    const cpu = new Cpu(new PhysicalMemory(1 << 20), new IoBus());
    cpu.enterFlatProtectedMode();
    expect(cpu.isProtectedMode()).toBe(true);
    expect([cpu.cs, cpu.ds, cpu.es, cpu.ss, cpu.fs, cpu.gs]).toEqual([
      8, 0x10, 0x10, 0x10, 0x10, 0x10,
    ]);
    expect(cpu.getCpl()).toBe(0);
    expect(cpu.getSegmentBase(SegReg.DS)).toBe(0);
  });

  it("counts retired instructions and stops at the requested number", () => {
    const m = flatMachine("9090909090f4");
    expect(m.cpu.run(3)).toBe(3);
    expect(m.cpu.eip).toBe(0x1003);
    expect(m.cpu.run(100)).toBe(3);
    expect(m.cpu.instructionCount).toBe(6);
    expect(m.cpu.halted).toBe(true);
  });

  it("lets I/O handlers see coherent registers and propagates their exceptions", () => {
    const m = flatMachine("b001e690f4"); // mov al,1; out 0x90,al; hlt
    let seen = -1;
    m.io.register(0x90, 1, {
      read: () => 0,
      write: () => {
        seen = m.cpu.eip;
        throw new Error("host says stop");
      },
    });
    expect(() => m.cpu.run(10)).toThrow("host says stop");
    expect(seen).toBe(0x1004); // EIP already past the out inside the handler
    expect(m.cpu.eip).toBe(0x1002); // rolled back to the out when the handler threw
  });

  it("raises #NM for ESC without a coprocessor or with CR0.TS", () => {
    const m = flatMachine("d94304f4"); // fld dword [ebx+4]
    m.run();
    expect(m.vector()).toBe(Vector.NM);
  });

  it("hands ESC instructions to the FPU with the operand's linear address", () => {
    const m = flatMachine("d94304f4");
    const seen: FpuInstructionContext[] = [];
    const fpu: Fpu = {
      reset() {},
      execute(host: FpuHost, ctx: FpuInstructionContext) {
        seen.push({ ...ctx });
        host.setAx(host.readU32(ctx.linear));
      },
      wait() {},
    };
    m.cpu.fpu = fpu;
    m.cpu.regs[3] = 0x2000;
    m.memory.write32(0x2004, 0x3f80);
    m.run();
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      opcode: 0xd9,
      modrm: 0x43,
      linear: 0x2004,
      operandSize: 32,
      eip: 0x1000,
      cs: 8,
    });
    expect(m.cpu.regs16[0]).toBe(0x3f80);
    m.cpu.cr0 |= Cr0.TS;
    m.cpu.eip = 0x1000;
    m.cpu.halted = false;
    m.run();
    expect(m.vector()).toBe(Vector.NM);
  });

  it("decodes hexBytes for the fixtures", () => {
    expect(Array.from(hexBytes("00ff10"))).toEqual([0, 255, 16]);
  });
});
