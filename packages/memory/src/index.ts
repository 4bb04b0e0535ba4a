/**
 * `@native-kit/memory`: physical frames from the machine's memory map, address spaces with
 * two-level page tables in guest memory, and the `Memory` component that turns paging on.
 *
 * @packageDocumentation
 */

// memory.ts
export { Memory, MemoryKey } from "./memory.js";
export type { MemoryService, MachineWithMemoryMap, KernelStack } from "./memory.js";

// frame-allocator.ts
export { BitmapFrameAllocator, OutOfMemoryError, ALLOCATION_FLOOR } from "./frame-allocator.js";
export type { FrameAllocator, MemoryRegionLike } from "./frame-allocator.js";

// address-space.ts
export { AddressSpace, buildKernelLowTable, KERNEL_LOW_END } from "./address-space.js";
export type { MapOptions } from "./address-space.js";
