/**
 * The hardware layer on the emulated PC: real CPU, real devices. These are the issue's
 * proofs for traps: timer IRQs at the programmed rate, `int 0x80` from ring 3 with the
 * caller's registers, a ring-3 #PF on a kernel-only page, keyboard scancodes as key events.
 */
import { readFileSync } from "node:fs";
import { createMachine, type Machine } from "@native-kit/emulator";
import { System } from "@native-kit/system";
import { describe, expect, it } from "vitest";
import { Selector } from "../src/descriptors.js";
import { Keyboard, type KeyEvent } from "../src/drivers/keyboard.js";
import { Timer } from "../src/drivers/timer.js";
import { ArchLayout } from "../src/layout.js";
import { PageFaultError, PageFlag } from "../src/paging.js";
import { bringUpPlatform, PlatformKey, X86Platform } from "../src/platform.js";
import type { GeneralRegisters } from "../src/trap-frame.js";

const fixture = (name: string): Uint8Array =>
  readFileSync(new URL(`../fixtures/user/${name}.bin`, import.meta.url));

/** `sti; jmp $`: a ring-0 loop that keeps the CPU busy, so time advances by instructions. */
function spinWithInterrupts(machine: Machine): void {
  machine.memory.load(0x5000, Uint8Array.of(0xfb, 0xeb, 0xfe));
  machine.cpu.eip = 0x5000;
  machine.cpu.halted = false;
}

describe("platform bring-up", () => {
  it("loads GDT, IDT and TSS and leaves the CPU idle in ring 0", () => {
    const machine = createMachine();
    const system = new System(machine);
    system.install(new X86Platform());
    system.boot();
    const platform = system.get(PlatformKey);
    expect(machine.cpu.getCpl()).toBe(0);
    expect(machine.cpu.cs).toBe(Selector.KernelCode);
    expect(machine.cpu.ss).toBe(Selector.KernelData);
    expect(platform.kernelStack()).toBe(ArchLayout.stackTop);
    // The PIC now sends IRQ 0 to vector 0x20 and masks everything not claimed.
    expect(platform.irqs.masked & 0xfffb).toBe(0xfffb);
  });
});

describe("timer IRQ", () => {
  it("reaches the TypeScript handler at the programmed rate in virtual time", () => {
    // 1 µs per instruction: one virtual second is a million instructions.
    const machine = createMachine({ nsPerInstruction: 1000 });
    const system = new System(machine);
    const timer = system.install(new Timer({ hz: 100 }));
    system.boot();
    spinWithInterrupts(machine);
    const stamps: number[] = [];
    timer.onTick(() => void stamps.push(machine.clock.nowNs()));
    machine.runUntil(() => machine.clock.nowNs() >= 1e9, { maxInstructions: 2e6 });
    expect(timer.ticks).toBeGreaterThanOrEqual(99);
    expect(timer.ticks).toBeLessThanOrEqual(101);
    // Consecutive ticks are one PIT period apart (10 ms), within the few instructions a
    // trap takes to arrive.
    const gaps = stamps.slice(1).map((t, i) => t - stamps[i]!);
    for (const gap of gaps) expect(Math.abs(gap - 1e7)).toBeLessThan(100_000);
  });

  it("wakes the kernel's idle loop (hlt) at the programmed rate for one virtual second", () => {
    const machine = createMachine();
    const system = new System(machine);
    const timer = system.install(new Timer({ hz: 100 }));
    system.boot(); // the CPU now sits in the platform's `sti; hlt` loop
    machine.runUntil(() => machine.clock.nowNs() >= 1e9, { maxInstructions: 1e6 });
    expect(timer.ticks).toBe(100);
    expect(timer.uptimeMs).toBeCloseTo(1000, -1);
    expect(machine.cpu.halted).toBe(true);
  });

  it("gives the same tick times on every run", () => {
    const run = (): number[] => {
      const machine = createMachine({ nsPerInstruction: 100 });
      const system = new System(machine);
      const timer = system.install(new Timer({ hz: 1000 }));
      system.boot();
      spinWithInterrupts(machine);
      const stamps: number[] = [];
      timer.onTick(() => void stamps.push(machine.cpu.instructionCount));
      machine.runUntil(() => timer.ticks >= 20, { maxInstructions: 1e8 });
      return stamps;
    };
    expect(run()).toEqual(run());
  });
});

describe("ring 3", () => {
  it("delivers int 0x80 with the caller's registers and returns the handler's eax", () => {
    const machine = createMachine();
    const platform = bringUpPlatform(machine);
    machine.memory.load(0x400000, fixture("int80-regs"));
    const calls: (GeneralRegisters & { fromUser: boolean; cs: number })[] = [];
    platform.interrupts.on(0x80, (frame) => {
      calls.push({ ...frame.registers(), fromUser: frame.fromUser, cs: frame.cs });
      if (calls.length === 1) frame.eax = 0xcafe;
    });
    platform.enterUserMode({ eip: 0x400000, esp: 0x410000 });
    machine.runUntil(() => calls.length >= 2, { maxInstructions: 10_000 });
    expect(calls[0]).toEqual({
      eax: 0x11111111,
      ebx: 0x22222222,
      ecx: 0x33333333,
      edx: 0x44444444,
      esi: 0x55555555,
      edi: 0x66666666,
      ebp: 0x77777777,
      fromUser: true,
      cs: Selector.UserCode,
    });
    expect(calls[1]).toMatchObject({ eax: 2, ebx: 0xcafe });
    expect(machine.cpu.getCpl()).toBe(3);
  });

  it("raises #PF on a kernel-only page with CR2 and the error code, and the kernel goes on", () => {
    const machine = createMachine({ nsPerInstruction: 100 });
    const platform = bringUpPlatform(machine);
    const { memory } = machine;
    // Page tables by hand: low 4 MiB identity kernel-only; 0x400000 code and 0x401000 stack for ring 3.
    const dir = 0x200000;
    const low = 0x201000;
    const user = 0x202000;
    for (let i = 0; i < 1024; i++)
      memory.write32(low + i * 4, (i << 12) | PageFlag.Present | PageFlag.Writable);
    const userDir = PageFlag.Present | PageFlag.Writable | PageFlag.User;
    memory.write32(dir, low | PageFlag.Present | PageFlag.Writable);
    memory.write32(dir + 4, user | userDir);
    memory.write32(user, 0x300000 | PageFlag.Present | PageFlag.User);
    memory.write32(user + 4, 0x301000 | userDir);
    memory.load(0x300000, fixture("kernel-page-fault"));
    platform.enablePaging(dir);

    const faults: { cr2: number; error: number; eip: number }[] = [];
    platform.interrupts.on(14, (frame) => {
      faults.push({ cr2: machine.cpu.cr2 >>> 0, error: frame.errorCode, eip: frame.eip });
      platform.interrupts.resumeIdle(frame); // the program is abandoned
    });
    let calls = 0;
    platform.interrupts.on(0x80, () => void calls++);
    let ticks = 0;
    platform.irqs.on(0, () => void ticks++);
    machine.io.write8(0x43, 0x34);
    machine.io.write8(0x40, 0x9c); // divisor 1193: 1 kHz
    machine.io.write8(0x40, 0x04);

    platform.enterUserMode({ eip: 0x400000, esp: 0x402000 });
    machine.runUntil(() => faults.length > 0, { maxInstructions: 10_000 });
    expect(faults).toEqual([
      { cr2: 0x12000, error: PageFaultError.Present | PageFaultError.User, eip: 0x400000 },
    ]);
    expect(calls).toBe(0);
    // The kernel keeps running: back in ring 0, and timer interrupts still arrive.
    spinWithInterrupts(machine);
    machine.runUntil(() => ticks >= 3, { maxInstructions: 1e7 });
    expect(ticks).toBe(3);
    expect(machine.cpu.getCpl()).toBe(0);
    expect(platform.interrupts.fatal).toBeNull();
  });

  it("kills a program that takes an unhandled exception and reports it", () => {
    const machine = createMachine();
    const platform = bringUpPlatform(machine);
    machine.memory.load(0x400000, Uint8Array.of(0x0f, 0x0b)); // ud2
    platform.enterUserMode({ eip: 0x400000, esp: 0x410000 });
    machine.runUntil(() => platform.interrupts.fatal !== null, { maxInstructions: 10_000 });
    expect(platform.interrupts.fatal).toMatchObject({ vector: 6, eip: 0x400000, fromUser: true });
    expect(machine.cpu.getCpl()).toBe(0);
  });

  it("refuses to enter ring 3 from inside a trap handler", () => {
    const machine = createMachine();
    const platform = bringUpPlatform(machine);
    machine.memory.load(0x400000, fixture("int80-regs"));
    let error = "";
    platform.interrupts.on(0x80, () => {
      try {
        platform.enterUserMode({ eip: 0x400000, esp: 0x410000 });
      } catch (e) {
        error = (e as Error).message;
      }
    });
    platform.enterUserMode({ eip: 0x400000, esp: 0x410000 });
    machine.runUntil(() => error !== "", { maxInstructions: 10_000 });
    expect(error).toMatch(/from a trap handler/);
  });
});

describe("keyboard", () => {
  it("turns scancodes injected into the machine into key events", () => {
    const machine = createMachine();
    const system = new System(machine);
    const keyboard = system.install(new Keyboard());
    system.boot();
    spinWithInterrupts(machine);
    const events: KeyEvent[] = [];
    keyboard.onKey((e) => void events.push(e));
    machine.keyboard.injectScancodes([0x2a, 0x23, 0xa3, 0xaa, 0x17, 0x97, 0x1c, 0x9c]);
    machine.runUntil(() => events.length >= 8, { maxInstructions: 1e6 });
    expect(events.filter((e) => e.pressed).map((e) => e.key)).toEqual([
      "LeftShift",
      "h",
      "i",
      "Enter",
    ]);
    expect(keyboard.read()).toBe("Hi\n");
  });

  it("types what the machine's US-layout typing helper sends, Ctrl and arrows included", () => {
    const machine = createMachine();
    const system = new System(machine);
    const keyboard = system.install(new Keyboard());
    system.boot();
    const keys: string[] = [];
    keyboard.onKey((e) => {
      if (e.pressed) keys.push(e.key);
    });
    const text = 'Hello, World! ~ 42 {a|b} "q"\n';
    // One key at a time: the keyboard's own buffer is small and drops what overflows it.
    const drained = () => machine.keyboard.pendingScancodes === 0;
    for (const ch of text) {
      machine.keyboard.typeText(ch);
      machine.runUntil(drained, { maxInstructions: 1e6 });
    }
    machine.keyboard.pressKey("c", { ctrl: true });
    machine.runUntil(drained, { maxInstructions: 1e6 });
    machine.keyboard.pressKey("ArrowUp");
    machine.runUntil(() => drained() && keys.includes("ArrowUp"), { maxInstructions: 1e6 });
    expect(keyboard.read()).toBe(text + "\x03");
    expect(keys.at(-1)).toBe("ArrowUp");
  });
});
