/**
 * DESIGN.md's step 3 on the emulated PC: a timer handler saves the interrupted program's
 * frame and restores another's, and `iret` resumes whichever the frame now describes.
 */
import { readFileSync } from "node:fs";
import { createMachine } from "@native-kit/emulator";
import { describe, expect, it } from "vitest";
import { bringUpPlatform } from "../src/platform.js";
import type { SavedFrame } from "../src/trap-frame.js";
import { userFrame } from "../src/user-mode.js";

const fixture = (name: string): Uint8Array =>
  readFileSync(new URL(`../fixtures/user/${name}.bin`, import.meta.url));

describe("context switch from a timer handler", () => {
  it("runs two ring-3 programs in turns, starting from the idle loop, keeping their registers", () => {
    const machine = createMachine({ nsPerInstruction: 100 });
    const platform = bringUpPlatform(machine);
    machine.memory.load(0x400000, fixture("counter-a"));
    machine.memory.load(0x430000, fixture("counter-b"));
    const saved: SavedFrame[] = [
      userFrame({ eip: 0x400000, esp: 0x410000 }),
      userFrame({ eip: 0x430000, esp: 0x450000 }),
    ];
    let current = -1; // the idle loop
    let switches = 0;
    let idleFrame: SavedFrame | null = null;
    platform.irqs.on(0, (frame) => {
      if (current < 0) idleFrame = frame.save();
      else saved[current] = frame.save();
      current = (current + 1) % 2;
      frame.restore(saved[current]!);
      switches++;
    });
    machine.io.write8(0x43, 0x34);
    machine.io.write8(0x40, 0x9c); // 1 kHz
    machine.io.write8(0x40, 0x04);

    machine.runUntil(() => switches >= 20, { maxInstructions: 1e7 });
    const countA = machine.memory.read32(0x420000);
    const countB = machine.memory.read32(0x440000);
    expect(idleFrame).not.toBeNull();
    expect(machine.memory.read32(0x420004)).toBe(0xaaaa0001);
    expect(machine.memory.read32(0x440004)).toBe(0xbbbb0002);
    // Each ran for about half of the 20 slices of ~10 000 instructions (3 per count).
    expect(countA).toBeGreaterThan(20_000);
    expect(countB).toBeGreaterThan(20_000);
    // Each program's EAX is its own count: the registers travel with the saved frames.
    expect(saved[0]!.words[7]).toBe(countA);
    expect(platform.interrupts.fatal).toBeNull();
  });

  it("refuses to restore a ring-3 frame where a ring-0 frame has no room", () => {
    const machine = createMachine();
    const platform = bringUpPlatform(machine);
    let error = "";
    platform.interrupts.on(3, (frame) => {
      try {
        frame.restore(userFrame({ eip: 0x400000, esp: 0x410000 }));
      } catch (e) {
        error = (e as Error).message;
      }
    });
    // int3 from a ring-0 routine deep in the stack, not from the idle loop
    machine.memory.load(0x5000, Uint8Array.of(0xcc, 0xf4)); // int3; hlt
    machine.cpu.regs[4] = 0x18000;
    machine.cpu.eip = 0x5000;
    machine.cpu.halted = false;
    machine.runUntil(() => error !== "", { maxInstructions: 1000 });
    expect(error).toMatch(/no room to resume ring-3 code/);
  });
});
