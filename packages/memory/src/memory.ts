/**
 * `Memory`: the memory-manager component. Builds the frame allocator from the machine's
 * memory map, the kernel's address space, and turns paging on; other components allocate
 * frames and user pages through the {@link MemoryKey} service.
 */
import { PAGE_SIZE, PlatformKey, type X86Machine } from "@native-kit/arch-x86";
import type { Component, ComponentContext } from "@native-kit/system";
import { ServiceKey } from "@native-kit/system";
import {
  AddressSpace,
  buildKernelLowTable,
  KERNEL_LOW_END,
  type MapOptions,
} from "./address-space.js";
import {
  BitmapFrameAllocator,
  type FrameAllocator,
  type MemoryRegionLike,
} from "./frame-allocator.js";

/** A machine that may report its memory map (the emulator's `Machine` does). */
export type MachineWithMemoryMap = X86Machine & {
  readonly memoryMap?: readonly MemoryRegionLike[];
};

/** The memory service. */
export interface MemoryService {
  /** Physical frames. */
  readonly frames: FrameAllocator;
  /** The kernel's address space (the one loaded in CR3 after boot). */
  readonly kernelSpace: AddressSpace;
  /** Creates an empty address space sharing the kernel's low 4 MiB. */
  createAddressSpace(): AddressSpace;
  /**
   * Allocates zeroed frames for `bytes` starting at page-aligned `linear` in `space` and
   * maps them; returns the frames in order.
   */
  allocate(space: AddressSpace, linear: number, bytes: number, options: MapOptions): number[];
  /**
   * Allocates a zeroed kernel stack of `pages` pages in the low 4 MiB, which every address
   * space maps kernel-only at the same addresses; returns its top (a TSS.ESP0 value).
   */
  allocateKernelStack(pages?: number): KernelStack;
  /** Frees a stack from {@link MemoryService.allocateKernelStack}. */
  freeKernelStack(stack: KernelStack): void;
}

/** A kernel stack: `pages` pages from `base`; the stack grows down from `top`. */
export interface KernelStack {
  /** Lowest address. */
  readonly base: number;
  /** One past the highest address: the initial stack pointer. */
  readonly top: number;
  /** Size in pages. */
  readonly pages: number;
}

/** The memory service key. */
export const MemoryKey: ServiceKey<MemoryService> = new ServiceKey<MemoryService>("memory");

/**
 * The memory manager as a component.
 *
 * @example
 * ```ts
 * system.install(new Memory());
 * system.boot();
 * const memory = system.get(MemoryKey);
 * memory.allocate(memory.kernelSpace, 0x08048000, 4096, { user: true, writable: true });
 * ```
 */
export class Memory implements Component<MachineWithMemoryMap> {
  readonly name = "memory";
  readonly provides = [MemoryKey];
  readonly needs = [PlatformKey];

  /** Builds the allocator and kernel space and turns paging on. */
  init(ctx: ComponentContext<MachineWithMemoryMap>): void {
    const { memory } = ctx.machine;
    const map = ctx.machine.memoryMap ?? [{ base: 0, length: memory.size, type: 1 }];
    const frames = new BitmapFrameAllocator(map, memory.size);
    const lowTable = buildKernelLowTable(memory, frames);
    const kernelSpace = AddressSpace.create(memory, frames, lowTable);
    const service: MemoryService = {
      frames,
      kernelSpace,
      createAddressSpace: () => AddressSpace.create(memory, frames, lowTable),
      allocate: (space, linear, bytes, options) => {
        if (linear % PAGE_SIZE !== 0) {
          throw new RangeError(`allocation at 0x${linear.toString(16)} is not page aligned`);
        }
        const out: number[] = [];
        for (let off = 0; off < bytes; off += PAGE_SIZE) {
          const frame = frames.alloc();
          memory.u8.fill(0, frame, frame + PAGE_SIZE);
          space.map(linear + off, frame, options);
          out.push(frame);
        }
        return out;
      },
      allocateKernelStack: (pages = 2) => {
        const base = frames.allocContiguous(pages, KERNEL_LOW_END);
        memory.u8.fill(0, base, base + pages * PAGE_SIZE);
        return { base, top: base + pages * PAGE_SIZE, pages };
      },
      freeKernelStack: (stack) => {
        for (let i = 0; i < stack.pages; i++) frames.free(stack.base + i * PAGE_SIZE);
      },
    };
    ctx.get(PlatformKey).enablePaging(kernelSpace.directory);
    ctx.provide(MemoryKey, service);
    ctx.log.info(
      `${frames.freeFrames} free frames of ${frames.totalFrames} (${(frames.totalFrames * 4) >> 10} MiB); paging on`,
    );
  }
}
