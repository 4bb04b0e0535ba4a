import { PlatformKey, type Platform, type X86Machine } from "@native-kit/arch-x86";
import { System, type Component } from "@native-kit/system";
import { describe, expect, it } from "vitest";
import { Memory, MemoryKey, type MachineWithMemoryMap } from "./memory.js";

function rig(memoryMap?: { base: number; length: number; type: number }[]) {
  const size = 8 << 20;
  const u8 = new Uint8Array(size);
  const dv = new DataView(u8.buffer);
  const memory = {
    size,
    u8,
    read32: (a: number) => dv.getUint32(a, true),
    write32: (a: number, v: number) => dv.setUint32(a, v >>> 0, true),
  };
  const machine = { memory, memoryMap } as unknown as MachineWithMemoryMap;
  const pagingOn: number[] = [];
  const platform: Component<X86Machine> = {
    name: "test-platform",
    provides: [PlatformKey],
    init: (ctx) =>
      ctx.provide(PlatformKey, {
        enablePaging: (dir: number) => void pagingOn.push(dir),
      } as unknown as Platform),
  };
  const system = new System<MachineWithMemoryMap>(machine);
  system.install(platform);
  system.install(new Memory());
  system.boot();
  return { system, pagingOn, memory: system.get(MemoryKey) };
}

describe("Memory", () => {
  it("turns paging on with the kernel space's directory", () => {
    const { pagingOn, memory } = rig();
    expect(pagingOn).toEqual([memory.kernelSpace.directory]);
  });

  it("takes frames from the machine's memory map", () => {
    const { memory } = rig([
      { base: 0, length: 0x9fc00, type: 1 },
      { base: 0x100000, length: 0x100000, type: 1 },
    ]);
    // 256 frames in 1-2 MiB; the low page table and the directory are already taken.
    expect(memory.frames.totalFrames).toBe(256);
    expect(memory.frames.freeFrames).toBe(254);
  });

  it("allocates zeroed, mapped pages with the asked permissions", () => {
    const { memory } = rig();
    const frames = memory.allocate(memory.kernelSpace, 0x08048000, 5000, {
      user: true,
      writable: true,
    });
    expect(frames).toHaveLength(2);
    expect(memory.kernelSpace.translate(0x08049000)).toEqual({
      physical: frames[1],
      user: true,
      writable: true,
    });
    expect(() => memory.allocate(memory.kernelSpace, 0x08048800, 1, {})).toThrow(
      /not page aligned/,
    );
  });

  it("creates address spaces that share the kernel's low memory only", () => {
    const { memory } = rig();
    memory.allocate(memory.kernelSpace, 0x40000000, 4096, { user: true });
    const other = memory.createAddressSpace();
    expect(other.translate(0xb8000)).toEqual(memory.kernelSpace.translate(0xb8000));
    expect(other.translate(0x40000000)).toBeNull();
  });

  it("allocates kernel stacks every address space sees, kernel-only", () => {
    const { memory } = rig();
    const stack = memory.allocateKernelStack(2);
    expect(stack.top - stack.base).toBe(8192);
    expect(stack.top).toBeLessThanOrEqual(0x400000);
    const other = memory.createAddressSpace();
    expect(other.translate(stack.top - 4)).toEqual({
      physical: stack.top - 4,
      writable: true,
      user: false,
    });
    const free = memory.frames.freeFrames;
    memory.freeKernelStack(stack);
    expect(memory.frames.freeFrames).toBe(free + 2);
  });
});
