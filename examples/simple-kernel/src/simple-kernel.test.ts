import { createMachine } from "@native-kit/emulator";
import { TrapCode } from "@native-kit/arch-x86";
import { MemoryKey } from "@native-kit/memory";
import { NR } from "@native-kit/posix";
import { LogLevel } from "@native-kit/system";
import { describe, expect, it } from "vitest";
import { bootSimpleKernel, KERNEL_HELLO, USER_HELLO } from "./simple-kernel.js";
import { USER_CODE } from "./user-program.js";

describe("SimpleKernel", () => {
  it("prints from the kernel at boot, then from its ring-3 program, which exits 0", () => {
    const machine = createMachine();
    const kernel = bootSimpleKernel(machine);
    expect(machine.vga.text()[0]!.trimEnd()).toBe(KERNEL_HELLO);

    machine.runUntil(() => kernel.syscalls.lastExit !== null, { maxInstructions: 100_000 });
    const screen = machine.vga.text().map((l) => l.trimEnd());
    expect(screen.slice(0, 3)).toEqual([KERNEL_HELLO, USER_HELLO, ""]);
    expect(kernel.syscalls.lastExit).toEqual({ status: 0, fromKernel: false });
    // Both lines went through the same dispatcher: one write from printf, one from int 0x80.
    expect(kernel.syscalls.dispatcher.count(NR.write)).toBe(2);
    expect(machine.cpu.getCpl()).toBe(0); // back in the kernel's idle loop
    expect(machine.vga.cursor()).toMatchObject({ row: 2, column: 0 });
  });

  it("runs with paging on, the program in user pages and the kernel's pages out of its reach", () => {
    const machine = createMachine();
    const kernel = bootSimpleKernel(machine);
    machine.runUntil(() => kernel.syscalls.lastExit !== null, { maxInstructions: 100_000 });
    expect(machine.cpu.cr0 >>> 31).toBe(1);
    const space = kernel.get(MemoryKey).kernelSpace;
    expect(machine.cpu.cr3).toBe(space.directory);
    expect(space.translate(USER_CODE)).toMatchObject({ user: true, writable: false });
    expect(space.translate(TrapCode.common)).toMatchObject({ user: false });
    expect(kernel.log.entries().filter((e) => e.level >= LogLevel.Warn)).toEqual([]);
  });
});
