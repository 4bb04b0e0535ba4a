import { describe, expect, it } from "vitest";
import { ALLOCATION_FLOOR, BitmapFrameAllocator, OutOfMemoryError } from "./frame-allocator.js";

const MiB = 1024 * 1024;
const pcMap = (ram: number) => [
  { base: 0, length: 0x9fc00, type: 1 },
  { base: 0x9fc00, length: 0x400, type: 2 },
  { base: 0xf0000, length: 0x10000, type: 2 },
  { base: 0x100000, length: ram - 0x100000, type: 1 },
  { base: 0xfffc0000, length: 0x40000, type: 2 },
];

describe("BitmapFrameAllocator", () => {
  it("manages the usable RAM above 1 MiB only", () => {
    const frames = new BitmapFrameAllocator(pcMap(4 * MiB), 4 * MiB);
    expect(frames.totalFrames).toBe((3 * MiB) / 4096);
    expect(frames.alloc()).toBe(ALLOCATION_FLOOR);
    expect(frames.alloc()).toBe(ALLOCATION_FLOOR + 4096);
    expect(frames.freeFrames).toBe(frames.totalFrames - 2);
  });

  it("skips reserved ranges and regions past the RAM size", () => {
    const frames = new BitmapFrameAllocator(pcMap(2 * MiB), 2 * MiB, [
      { base: 0x100000, length: 0x2001 },
    ]);
    expect(frames.alloc()).toBe(0x103000);
    expect(frames.totalFrames).toBe(256 - 3);
  });

  it("reuses freed frames and rejects double and foreign frees", () => {
    const frames = new BitmapFrameAllocator(pcMap(2 * MiB), 2 * MiB);
    const a = frames.alloc();
    frames.alloc();
    frames.free(a);
    expect(frames.alloc()).toBe(a);
    frames.free(a);
    expect(() => frames.free(a)).toThrow(/freed twice/);
    expect(() => frames.free(0x1000)).toThrow(/not a frame this allocator manages/);
    expect(() => frames.free(a + 1)).toThrow(RangeError);
  });

  it("throws OutOfMemoryError when every frame is taken", () => {
    const frames = new BitmapFrameAllocator([{ base: 0x100000, length: 0x2000, type: 1 }], 2 * MiB);
    frames.alloc();
    frames.alloc();
    expect(() => frames.alloc()).toThrow(OutOfMemoryError);
  });

  it("finds contiguous runs below a limit", () => {
    const frames = new BitmapFrameAllocator(pcMap(8 * MiB), 8 * MiB);
    const single = frames.alloc(); // 0x100000
    const run = frames.allocContiguous(4, 4 * MiB);
    expect(run).toBe(single + 4096);
    expect(frames.alloc()).toBe(run + 4 * 4096);
    expect(() => frames.allocContiguous(1024, 4 * MiB)).toThrow(
      /no 1024 contiguous free frames below 0x400000/,
    );
    expect(() => frames.allocContiguous(0)).toThrow(RangeError);
  });
});
