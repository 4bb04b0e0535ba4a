/** The machine's own behaviour: wiring, reset, events, input queues, run-loop edge cases. */
import { describe, expect, it } from "vitest";
import { createMachine, type Machine, type MachineOptions } from "../../src/machine/machine.js";

/** Puts `code` at 0x1000 and the CPU there in flat protected mode. */
function withCode(code: number[], options: MachineOptions = {}) {
  const machine = createMachine(options);
  machine.cpu.enterFlatProtectedMode();
  machine.memory.load(0x1000, new Uint8Array(code));
  machine.cpu.eip = 0x1000;
  machine.cpu.regs[4] = 0x8000;
  return machine;
}

/**
 * Remaps the PICs to vectors 0x20/0x28 with only `irq` (and the cascade) unmasked, and installs a flat GDT
 * and an IDT whose gate for that IRQ runs `handler` (placed at 0x1100).
 */
function withIrqHandler(m: Machine, irq: number, handler: number[]): void {
  const master = irq < 8 ? 0xff & ~(1 << irq) : 0xfb;
  const slave = irq < 8 ? 0xff : 0xff & ~(1 << (irq - 8));
  for (const [p, v] of [
    [0x20, 0x11],
    [0x21, 0x20],
    [0x21, 0x04],
    [0x21, 0x01],
    [0x21, master],
    [0xa0, 0x11],
    [0xa1, 0x28],
    [0xa1, 0x02],
    [0xa1, 0x01],
    [0xa1, slave],
  ] as const) {
    m.io.write8(p, v);
  }
  // A GDT with flat code (0x08) and data (0x10): interrupt delivery reloads CS from it.
  m.cpu.gdtBase = 0x3000;
  m.cpu.gdtLimit = 23;
  m.memory.write32(0x3008, 0x0000ffff);
  m.memory.write32(0x300c, 0x00cf9a00);
  m.memory.write32(0x3010, 0x0000ffff);
  m.memory.write32(0x3014, 0x00cf9200);
  const idt = 0x2000;
  const vector = irq < 8 ? 0x20 + irq : 0x28 + irq - 8;
  m.cpu.idtBase = idt;
  m.cpu.idtLimit = vector * 8 + 7;
  m.memory.write32(idt + vector * 8, 0x00081100);
  m.memory.write32(idt + vector * 8 + 4, 0x00008e00);
  m.memory.load(0x1100, new Uint8Array(handler));
}

describe("Machine", () => {
  it("exposes memory, the port bus, the CPU and the devices, wired to their ports", () => {
    const m = createMachine({ memorySize: 8 << 20 });
    expect(m.memory.size).toBe(8 << 20);
    expect(m.memoryMap[3]).toEqual({ base: 0x100000, length: 7 << 20, type: 1 });
    for (const port of [
      0x20, 0xa0, 0x40, 0x61, 0x60, 0x64, 0x70, 0x80, 0xf4, 0x3f8, 0x2f8, 0x3d4,
    ]) {
      expect(m.io.isRegistered(port)).toBe(true);
    }
    expect(m.cpu.interruptLine).toBe(m.pic);
    expect(() => createMachine({ memorySize: 1 << 20 })).toThrow(/at least 2 MiB/);
  });

  it("stops at once on a debug-exit write and reports (value << 1) | 1", () => {
    // mov al, 5; out 0xf4, al; mov al, 0x41; (never runs)
    const m = withCode([0xb0, 0x05, 0xe6, 0xf4, 0xb0, 0x41, 0xf4]);
    const exits: number[][] = [];
    m.on("exit", (v, s) => exits.push([v, s]));
    expect(m.runFor(1000).reason).toBe("exit");
    expect(exits).toEqual([[5, 11]]);
    expect(m.cpu.regs[0]! & 0xff).toBe(5);
  });

  it("reports a guest reset request from the keyboard controller", () => {
    // mov al, 0xfe; out 0x64, al
    const m = withCode([0xb0, 0xfe, 0xe6, 0x64, 0xf4]);
    const resets: string[] = [];
    m.on("reset", (why) => resets.push(why));
    expect(m.runFor(1000).reason).toBe("reset");
    expect(resets).toEqual(["reset-request"]);
  });

  it("feeds queued serial input as the UART has room, and reports POST codes", () => {
    // mov dx, 0x3fc; mov al, 3; out dx, al (DTR+RTS); mov dx, 0x3f8;
    // in al, dx (COM1 RBR) twice, then out 0x80, al; hlt with IF=0
    const m = withCode([
      0x66, 0xba, 0xfc, 0x03, 0xb0, 0x03, 0xee, 0x66, 0xba, 0xf8, 0x03, 0xec, 0x88, 0xc3, 0xec,
      0xe6, 0x80, 0xfa, 0xf4,
    ]);
    const posts: number[] = [];
    m.on("post", (c) => posts.push(c));
    m.sendSerial([0x61, 0x62]);
    expect(m.runFor(1000).reason).toBe("halt");
    expect(m.cpu.regs[3]! & 0xff).toBe(0x61);
    expect(posts).toEqual([0x62]);
  });

  it("idles when halted with interrupts on and nothing to wake it, then wakes on a key", () => {
    const m = withCode([0xfb, 0xf4, 0xeb, 0xfd]); // sti; hlt; jmp back to hlt
    // handler: in al, 0x60; out 0xf4, al
    withIrqHandler(m, 1, [0xe4, 0x60, 0xe6, 0xf4]);
    expect(m.runFor(10_000).reason).toBe("idle");
    m.keyboard.pressKey("k");
    expect(m.runFor(10_000).reason).toBe("exit");
    expect(m.exitValue).toBe(0x25);
  });

  it("delivers PIT interrupts under the real clock while the asynchronous loop sleeps in hlt", async () => {
    const m = withCode([0xfb, 0xf4, 0xeb, 0xfd], { clock: "real" });
    // handler: mov al, 0x99; out 0xf4, al
    withIrqHandler(m, 0, [0xb0, 0x99, 0xe6, 0xf4]);
    m.io.write8(0x43, 0x34); // channel 0, mode 2
    m.io.write8(0x40, 0xa9); // 1193 clocks: 1 ms
    m.io.write8(0x40, 0x04);
    const started = performance.now();
    await expect(m.start()).resolves.toMatchObject({ reason: "exit" });
    expect(m.exitValue).toBe(0x99);
    expect(performance.now() - started).toBeGreaterThanOrEqual(0.9);
  });

  it("delivers the RTC's periodic interrupt through the slave PIC at the programmed rate", () => {
    const m = withCode([0xfb, 0xf4, 0xeb, 0xfd]);
    // handler: mov al, 0x0c; out 0x70, al; in al, 0x71 (acknowledge); out 0xf4, al
    withIrqHandler(m, 8, [0xb0, 0x0c, 0xe6, 0x70, 0xe4, 0x71, 0xe6, 0xf4]);
    m.io.write8(0x70, 0x0a);
    m.io.write8(0x71, 0x26); // 1024 Hz
    m.io.write8(0x70, 0x0b);
    m.io.write8(0x71, 0x42); // periodic interrupt enabled
    expect(m.runFor(100_000).reason).toBe("exit");
    expect(m.exitValue).toBe(0xc0);
    expect(m.clock.nowNs()).toBeGreaterThanOrEqual(1e9 / 1024);
    expect(m.clock.nowNs()).toBeLessThan(1e9 / 1024 + 1000);
  });

  it("resets the CPU and devices but keeps RAM and time running forward", () => {
    const m = withCode([0x90, 0x90, 0x90, 0xfa, 0xf4]);
    m.runFor(1000);
    const t = m.clock.nowNs();
    m.memory.write8(0x5000, 0x77);
    m.reset();
    expect(m.cpu.eip).toBe(0xfff0);
    expect(m.memory.read8(0x5000)).toBe(0x77);
    expect(m.clock.nowNs()).toBeGreaterThanOrEqual(t);
    expect(m.exitValue).toBeNull();
  });

  it("refuses to start twice", async () => {
    const m = withCode([0xeb, 0xfe]);
    const run = m.start();
    await expect(m.start()).rejects.toThrow(/already running/);
    m.stop();
    await expect(run).resolves.toMatchObject({ reason: "stopped" });
  });
});

describe("Machine x87 wiring", () => {
  it("has an x87 by default: fld1; fld1; faddp; fistp stores 2", () => {
    // fninit; fld1; fld1; faddp; fistp dword [0x5000]; cli; hlt
    const m = withCode([
      0xdb, 0xe3, 0xd9, 0xe8, 0xd9, 0xe8, 0xde, 0xc1, 0xdb, 0x1d, 0, 0x50, 0, 0, 0xfa, 0xf4,
    ]);
    expect(m.runFor(1000).reason).toBe("halt");
    expect(m.memory.read32(0x5000)).toBe(2);
  });

  it("builds a machine without a coprocessor on request (ESC raises #NM)", () => {
    const m = createMachine({ fpu: null });
    expect(m.cpu.fpu).toBeNull();
  });

  it("routes an unmasked x87 error to IRQ 13 when CR0.NE is clear, released by port 0xF0", () => {
    // fninit; fldcw [0x4000]; fld1; fldz; fdivp st1, st0 (1/0, zero-divide unmasked);
    // sti; fwait (reports the error: FERR# → IRQ 13);
    // wait: cmp byte [0x5000], 0; je wait; cli; hlt
    const m = withCode([
      0xdb, 0xe3, 0xd9, 0x2d, 0x00, 0x40, 0x00, 0x00, 0xd9, 0xe8, 0xd9, 0xee, 0xde, 0xf9, 0xfb,
      0x9b, 0x80, 0x3d, 0x00, 0x50, 0x00, 0x00, 0x00, 0x74, 0xf7, 0xfa, 0xf4,
    ]);
    m.memory.write16(0x4000, 0x037b); // the default control word with ZM clear
    // IRQ 13 handler: out 0xF0, al; EOI slave and master; inc dword [0x5000]; iret
    withIrqHandler(
      m,
      13,
      [0xe6, 0xf0, 0xb0, 0x20, 0xe6, 0xa0, 0xe6, 0x20, 0xff, 0x05, 0x00, 0x50, 0x00, 0x00, 0xcf],
    );
    expect(m.cpu.cr0 & 0x20).toBe(0); // CR0.NE clear: the PC/AT error path
    expect(m.runFor(10_000).reason).toBe("halt");
    expect(m.memory.read32(0x5000)).toBe(1);
    expect(m.fpuError.asserted).toBe(false);
  });
});
