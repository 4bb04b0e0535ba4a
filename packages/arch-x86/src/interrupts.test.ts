import { describe, expect, it } from "vitest";
import { fakeMachine } from "../test/fake-machine.js";
import { Selector } from "./descriptors.js";
import { Interrupts } from "./interrupts.js";
import { HYPERCALL_PORT } from "./layout.js";
import { TrapCode } from "./trap-code.js";
import { FrameOffset } from "./trap-frame.js";

/** Puts a frame on the fake stack as CPU + stub would, and points ESP at it. */
function pushFrame(
  machine: ReturnType<typeof fakeMachine>,
  at: number,
  fields: Partial<Record<keyof typeof FrameOffset, number>>,
): void {
  for (const [name, value] of Object.entries(fields)) {
    machine.memory.write32(at + FrameOffset[name as keyof typeof FrameOffset], value);
  }
  machine.cpu.regs[4] = at;
}

describe("Interrupts", () => {
  it("calls the handler of the vector on the stack with a live frame", () => {
    const m = fakeMachine();
    const interrupts = new Interrupts(m);
    interrupts.attach();
    pushFrame(m, 0x1ffb4, {
      vector: 0x80,
      eax: 4,
      ebx: 1,
      ecx: 0x8049000,
      edx: 12,
      eip: 0x8048010,
      cs: Selector.UserCode,
      eflags: 0x202,
      userEsp: 0xbffff000,
      userSs: Selector.UserData,
    });
    const seen: number[] = [];
    interrupts.on(0x80, (frame) => {
      seen.push(frame.vector, frame.eax, frame.ebx, frame.ecx, frame.edx, frame.esp);
      expect(frame.fromUser).toBe(true);
      frame.eax = 12;
    });
    m.io.write8(HYPERCALL_PORT, 0);
    expect(seen).toEqual([0x80, 4, 1, 0x8049000, 12, 0xbffff000]);
    expect(m.memory.read32(0x1ffb4 + FrameOffset.eax)).toBe(12);
    expect(interrupts.count(0x80)).toBe(1);
    expect(interrupts.fatal).toBeNull();
  });

  it("abandons ring-3 code on an unhandled exception and idles", () => {
    const m = fakeMachine();
    const interrupts = new Interrupts(m);
    interrupts.attach();
    pushFrame(m, 0x1ffb4, { vector: 13, errorCode: 0x28, eip: 0x8048000, cs: Selector.UserCode });
    interrupts.dispatch();
    expect(interrupts.fatal?.message).toMatch(
      /unhandled #GP general protection \(vector 13, error 0x28\) at ring 3/,
    );
    const frame = interrupts.currentFrame()!;
    expect(frame.eip).toBe(TrapCode.idle);
    expect(frame.cs).toBe(Selector.KernelCode);
    expect(frame.ds).toBe(Selector.KernelData);
  });

  it("resumes ring-0 code when an interrupt handler throws, without throwing into the CPU", () => {
    const m = fakeMachine();
    const interrupts = new Interrupts(m);
    const reported: string[] = [];
    interrupts.onFatal = (t) => void reported.push(t.message);
    interrupts.on(0x21, () => {
      throw new Error("driver bug");
    });
    pushFrame(m, 0x1ff00, { vector: 0x21, eip: TrapCode.idle, cs: Selector.KernelCode });
    expect(() => interrupts.dispatch()).not.toThrow();
    expect(reported[0]).toMatch(/handler of interrupt 0x21 .* failed: driver bug/);
    expect(interrupts.currentFrame()!.eip).toBe(TrapCode.idle);
  });

  it("halts on an exception in ring 0 whose handler throws", () => {
    const m = fakeMachine();
    const interrupts = new Interrupts(m);
    interrupts.on(14, () => {
      throw new Error("cannot resolve");
    });
    pushFrame(m, 0x1ff00, { vector: 14, eip: 0x13000, cs: Selector.KernelCode });
    interrupts.dispatch();
    expect(interrupts.fatal).toMatchObject({ vector: 14, fromUser: false });
    expect(interrupts.currentFrame()!.eip).toBe(TrapCode.halt);
  });

  it("kills ring-3 code whose system-call handler throws", () => {
    const m = fakeMachine();
    const interrupts = new Interrupts(m);
    interrupts.on(0x80, () => {
      throw new Error("bug in a syscall");
    });
    pushFrame(m, 0x1ffb4, { vector: 0x80, eip: 0x400000, cs: Selector.UserCode });
    interrupts.dispatch();
    expect(interrupts.fatal).toMatchObject({ vector: 0x80, fromUser: true });
    expect(interrupts.currentFrame()!.eip).toBe(TrapCode.idle);
  });

  it("reads the frame through the page tables when paging is on", () => {
    const m = fakeMachine();
    const interrupts = new Interrupts(m);
    // map linear 0xc0000000 → physical 0x30000 through a directory at 0x100000
    m.memory.write32(0x100000 + (0xc0000000 >>> 22) * 4, 0x101000 | 3);
    m.memory.write32(0x101000, 0x30000 | 3);
    m.cpu.cr0 = 0x80000001;
    m.cpu.cr3 = 0x100000;
    m.memory.write32(0x30010 + FrameOffset.vector, 3);
    m.cpu.regs[4] = 0xc0000010 | 0;
    let vector = -1;
    interrupts.on(3, (f) => void (vector = f.vector));
    interrupts.dispatch();
    expect(vector).toBe(3);
    m.cpu.regs[4] = 0xd0000000 | 0;
    interrupts.dispatch();
    expect(interrupts.fatal?.message).toBe("trap frame is not mapped");
    expect(m.cpu.halted).toBe(true);
  });

  it("allows one handler per vector and rejects bad vectors", () => {
    const interrupts = new Interrupts(fakeMachine());
    const off = interrupts.on(0x80, () => {});
    expect(() => interrupts.on(0x80, () => {})).toThrow(/vector 0x80 already has a handler/);
    off();
    expect(interrupts.has(0x80)).toBe(false);
    expect(() => interrupts.on(256, () => {})).toThrow(RangeError);
  });
});
