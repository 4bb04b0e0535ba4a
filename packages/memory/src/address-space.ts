/**
 * `AddressSpace`: a two-level i386 page directory in guest memory, with map, unmap and
 * translate. Page tables come from the frame allocator; the low 4 MiB (BIOS area, VGA,
 * the hardware layer's tables and trap code) are shared, kernel-only, by every space.
 */
import {
  directoryIndex,
  FRAME_MASK,
  PAGE_SIZE,
  PageFlag,
  tableIndex,
  translate,
  type Translation,
  type X86Machine,
} from "@native-kit/arch-x86";
import type { FrameAllocator } from "./frame-allocator.js";

/** Guest physical memory, as the hardware layer types it (memory does not import the emulator). */
type PhysicalMemory = X86Machine["memory"];

/** How a page is mapped. */
export interface MapOptions {
  /** Ring 3 may write it. Default false. */
  writable?: boolean;
  /** Ring 3 may reach it. Default false (kernel-only). */
  user?: boolean;
}

/** Linear addresses below this are the kernel's identity-mapped low memory. */
export const KERNEL_LOW_END = 0x400000;

/**
 * One address space.
 *
 * @example
 * ```ts
 * const space = AddressSpace.create(memory, frames, kernelLowTable);
 * space.map(0x08048000, frames.alloc(), { user: true, writable: false });
 * platform.enablePaging(space.directory);
 * ```
 */
export class AddressSpace {
  private constructor(
    private readonly memory: PhysicalMemory,
    private readonly frames: FrameAllocator,
    /** Physical address of the page directory (the CR3 value). */
    readonly directory: number,
  ) {}

  /**
   * Creates a space whose first directory entry points at `lowTable`, the shared page
   * table of the kernel's low 4 MiB.
   */
  static create(memory: PhysicalMemory, frames: FrameAllocator, lowTable: number): AddressSpace {
    const directory = frames.alloc();
    memory.u8.fill(0, directory, directory + PAGE_SIZE);
    // Writable|User at the directory level: the PTEs alone decide, so one low table can
    // hold both kernel-only and (later) user pages.
    memory.write32(directory, lowTable | PageFlag.Present | PageFlag.Writable | PageFlag.User);
    return new AddressSpace(memory, frames, directory);
  }

  /**
   * Maps the page at `linear` to `frame`.
   *
   * @throws when either is not page aligned or the page lies in the shared kernel low 4 MiB.
   */
  map(linear: number, frame: number, options: MapOptions = {}): void {
    linear >>>= 0;
    if (linear % PAGE_SIZE !== 0 || frame % PAGE_SIZE !== 0) {
      throw new RangeError(
        `map 0x${linear.toString(16)} → 0x${frame.toString(16)}: not page aligned`,
      );
    }
    if (linear < KERNEL_LOW_END) {
      throw new RangeError(`0x${linear.toString(16)} is in the kernel's shared low 4 MiB`);
    }
    const table = this.tableFor(linear, true)!;
    let entry = frame | PageFlag.Present;
    if (options.writable) entry |= PageFlag.Writable;
    if (options.user) entry |= PageFlag.User;
    this.memory.write32(table + tableIndex(linear) * 4, entry);
  }

  /** Removes the mapping of the page at `linear`; returns the frame it mapped, or null. */
  unmap(linear: number): number | null {
    const table = this.tableFor(linear >>> 0, false);
    if (table === null) return null;
    const slot = table + tableIndex(linear >>> 0) * 4;
    const entry = this.memory.read32(slot);
    if ((entry & PageFlag.Present) === 0) return null;
    this.memory.write32(slot, 0);
    return (entry & FRAME_MASK) >>> 0;
  }

  /** Where `linear` leads, with its permissions, or null when unmapped. */
  translate(linear: number): Translation | null {
    return translate(this.memory, this.directory, linear);
  }

  private tableFor(linear: number, create: boolean): number | null {
    const slot = this.directory + directoryIndex(linear) * 4;
    const pde = this.memory.read32(slot);
    if ((pde & PageFlag.Present) !== 0) return (pde & FRAME_MASK) >>> 0;
    if (!create) return null;
    const table = this.frames.alloc();
    this.memory.u8.fill(0, table, table + PAGE_SIZE);
    this.memory.write32(slot, table | PageFlag.Present | PageFlag.Writable | PageFlag.User);
    return table;
  }
}

/**
 * Builds the page table of the kernel's low 4 MiB: identity-mapped, writable, kernel-only,
 * so the trap code, descriptor tables and kernel stack are out of ring 3's reach.
 */
export function buildKernelLowTable(memory: PhysicalMemory, frames: FrameAllocator): number {
  const table = frames.alloc();
  const top = Math.min(KERNEL_LOW_END, memory.size);
  for (let i = 0; i < 1024; i++) {
    const addr = i * PAGE_SIZE;
    memory.write32(table + i * 4, addr < top ? addr | PageFlag.Present | PageFlag.Writable : 0);
  }
  return table;
}
