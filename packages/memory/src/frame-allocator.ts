/**
 * The physical frame allocator: hands out 4 KiB frames of RAM that the machine's memory
 * map says are usable, tracked in a bitmap (one bit per frame, as in a real kernel's
 * `kalloc` of fixed-size pages).
 */
import { PAGE_SIZE } from "@native-kit/arch-x86";

/** One region of the memory map, as E820 and Multiboot report it (type 1 is usable RAM). */
export interface MemoryRegionLike {
  /** First physical address. */
  readonly base: number;
  /** Length in bytes. */
  readonly length: number;
  /** 1 = usable; anything else is reserved. */
  readonly type: number;
}

/** What a frame allocator offers. */
export interface FrameAllocator {
  /** Allocates one frame and returns its physical address. @throws {@link OutOfMemoryError}. */
  alloc(): number;
  /**
   * Allocates `count` physically contiguous frames that all lie below `limit`; returns the
   * first. @throws {@link OutOfMemoryError} when no such run is free.
   */
  allocContiguous(count: number, limit?: number): number;
  /** Returns a frame. @throws when it was not allocated. */
  free(frame: number): void;
  /** Frames free now. */
  readonly freeFrames: number;
  /** Frames the allocator manages. */
  readonly totalFrames: number;
}

/** Thrown when no frame is left. */
export class OutOfMemoryError extends Error {
  override readonly name = "OutOfMemoryError";
}

/** Lowest address handed out: below it live the BIOS area, VGA and the hardware layer. */
export const ALLOCATION_FLOOR = 0x100000;

/**
 * A bitmap allocator over the usable regions at or above {@link ALLOCATION_FLOOR}.
 *
 * @example
 * ```ts
 * const frames = new BitmapFrameAllocator(machine.memoryMap, machine.memory.size);
 * const frame = frames.alloc(); // 0x100000
 * frames.free(frame);
 * ```
 */
export class BitmapFrameAllocator implements FrameAllocator {
  /** Bit set = frame in use or not RAM. */
  private readonly used: Uint8Array;
  private readonly frameCount: number;
  private available = 0;
  private managed = 0;
  /** Where the next search starts (frames below it were full at the last look). */
  private cursor = 0;

  /**
   * @param regions - the machine's memory map.
   * @param ramSize - bytes of RAM actually present (regions past it are ignored).
   * @param reserved - extra physical ranges to keep out, e.g. a loaded kernel image.
   */
  constructor(
    regions: readonly MemoryRegionLike[],
    ramSize: number,
    reserved: readonly { base: number; length: number }[] = [],
  ) {
    this.frameCount = Math.floor(ramSize / PAGE_SIZE);
    this.used = new Uint8Array(Math.ceil(this.frameCount / 8)).fill(0xff);
    for (const r of regions) {
      if (r.type !== 1) continue;
      const first = Math.ceil(Math.max(r.base, ALLOCATION_FLOOR) / PAGE_SIZE);
      const end = Math.min(Math.floor((r.base + r.length) / PAGE_SIZE), this.frameCount);
      for (let f = first; f < end; f++) this.setFree(f);
    }
    for (const r of reserved) {
      const end = Math.min(Math.ceil((r.base + r.length) / PAGE_SIZE), this.frameCount);
      for (let f = Math.floor(r.base / PAGE_SIZE); f < end; f++)
        if (!this.isUsed(f)) this.setUsed(f);
    }
    this.managed = this.available;
  }

  /** Frames free now. */
  get freeFrames(): number {
    return this.available;
  }

  /** Frames this allocator manages (free or allocated). */
  get totalFrames(): number {
    return this.managed;
  }

  alloc(): number {
    for (let i = 0; i < this.frameCount; i++) {
      const f = (this.cursor + i) % this.frameCount;
      if (!this.isUsed(f)) {
        this.setUsed(f);
        this.cursor = f + 1;
        return f * PAGE_SIZE;
      }
    }
    throw new OutOfMemoryError(`out of physical memory: all ${this.managed} frames are in use`);
  }

  allocContiguous(count: number, limit = this.frameCount * PAGE_SIZE): number {
    if (!Number.isInteger(count) || count < 1) {
      throw new RangeError(`frame count must be a positive integer, got ${count}`);
    }
    const end = Math.min(this.frameCount, Math.floor(limit / PAGE_SIZE));
    let run = 0;
    for (let f = 0; f < end; f++) {
      run = this.isUsed(f) ? 0 : run + 1;
      if (run === count) {
        const first = f - count + 1;
        for (let g = first; g <= f; g++) this.setUsed(g);
        return first * PAGE_SIZE;
      }
    }
    throw new OutOfMemoryError(
      `no ${count} contiguous free frames below 0x${limit.toString(16)} (${this.available} frames free)`,
    );
  }

  free(frame: number): void {
    if (
      frame % PAGE_SIZE !== 0 ||
      frame < ALLOCATION_FLOOR ||
      frame >= this.frameCount * PAGE_SIZE
    ) {
      throw new RangeError(`0x${frame.toString(16)} is not a frame this allocator manages`);
    }
    const f = frame / PAGE_SIZE;
    if (!this.isUsed(f)) throw new Error(`frame 0x${frame.toString(16)} is freed twice`);
    this.setFree(f);
    if (f < this.cursor) this.cursor = f;
  }

  private isUsed(f: number): boolean {
    return (this.used[f >>> 3]! & (1 << (f & 7))) !== 0;
  }
  private setUsed(f: number): void {
    this.used[f >>> 3]! |= 1 << (f & 7);
    this.available--;
  }
  private setFree(f: number): void {
    this.used[f >>> 3]! &= ~(1 << (f & 7));
    this.available++;
  }
}
