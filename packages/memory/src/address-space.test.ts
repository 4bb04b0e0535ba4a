import type { X86Machine } from "@native-kit/arch-x86";
import { PageFlag } from "@native-kit/arch-x86";
import { describe, expect, it } from "vitest";
import { AddressSpace, buildKernelLowTable } from "./address-space.js";
import { BitmapFrameAllocator } from "./frame-allocator.js";

/** Just enough physical memory for page tables (memory does not import the emulator). */
function ram(size: number): X86Machine["memory"] {
  const u8 = new Uint8Array(size);
  const dv = new DataView(u8.buffer);
  const fake = {
    size,
    u8,
    read32: (a: number) => dv.getUint32(a, true),
    write32: (a: number, v: number) => dv.setUint32(a, v >>> 0, true),
  };
  return fake as unknown as X86Machine["memory"];
}

function rig() {
  const memory = ram(8 << 20);
  const frames = new BitmapFrameAllocator([{ base: 0, length: 8 << 20, type: 1 }], 8 << 20);
  const low = buildKernelLowTable(memory, frames);
  return { memory, frames, low, space: AddressSpace.create(memory, frames, low) };
}

describe("AddressSpace", () => {
  it("identity-maps the low 4 MiB kernel-only", () => {
    const { space } = rig();
    expect(space.translate(0x12345)).toEqual({ physical: 0x12345, writable: true, user: false });
    expect(space.translate(0xb8000)?.user).toBe(false);
  });

  it("maps, translates and unmaps user pages, creating page tables on demand", () => {
    const { space, frames } = rig();
    const before = frames.freeFrames;
    const frame = frames.alloc();
    space.map(0x08048000, frame, { user: true });
    expect(frames.freeFrames).toBe(before - 2); // the frame and one new page table
    expect(space.translate(0x08048abc)).toEqual({
      physical: frame + 0xabc,
      writable: false,
      user: true,
    });
    expect(space.unmap(0x08048000)).toBe(frame);
    expect(space.translate(0x08048000)).toBeNull();
    expect(space.unmap(0x08048000)).toBeNull();
    expect(space.unmap(0xd0000000)).toBeNull();
  });

  it("shares the low table between spaces and keeps user pages apart", () => {
    const { memory, frames, low, space } = rig();
    const other = AddressSpace.create(memory, frames, low);
    space.map(0x40000000, frames.alloc(), { user: true, writable: true });
    expect(other.translate(0x40000000)).toBeNull();
    expect(memory.read32(other.directory) & ~0xfff).toBe(low);
    expect(memory.read32(other.directory) & PageFlag.Present).toBe(1);
  });

  it("rejects unaligned mappings and mappings inside the kernel's low memory", () => {
    const { space } = rig();
    expect(() => space.map(0x08048001, 0x200000)).toThrow(/not page aligned/);
    expect(() => space.map(0x1000, 0x200000)).toThrow(/kernel's shared low 4 MiB/);
  });
});
