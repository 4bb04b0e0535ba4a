/**
 * Page-table entry formats of the i386's two-level paging (4 KiB pages, and 4 MiB pages
 * with CR4.PSE), and a software walk of the tables in guest memory. `memory` builds its
 * address spaces with these; the trap path uses the walk to find the trap frame.
 */
import type { PhysicalMemory } from "@native-kit/emulator";

/** Bits of a page-directory or page-table entry (SDM vol. 3A §4.3). */
export const PageFlag = {
  /** The entry maps something. */
  Present: 1 << 0,
  /** Writable (with CR0.WP, also for the kernel). */
  Writable: 1 << 1,
  /** Reachable from ring 3. */
  User: 1 << 2,
  /** Write-through caching. */
  WriteThrough: 1 << 3,
  /** Caching disabled. */
  CacheDisable: 1 << 4,
  /** Set by the CPU on any access through the entry. */
  Accessed: 1 << 5,
  /** Set by the CPU on a write to the page (PTEs and 4 MiB PDEs only). */
  Dirty: 1 << 6,
  /** In a PDE: maps a 4 MiB page (needs CR4.PSE). */
  LargePage: 1 << 7,
  /** Not flushed from the TLB on a CR3 load (needs CR4.PGE). */
  Global: 1 << 8,
  /** Available to software: the kernel marks copy-on-write pages with it. */
  CopyOnWrite: 1 << 9,
} as const;

/** Mask of the frame address in a 4 KiB entry. */
export const FRAME_MASK = 0xfffff000;
/** Size of a page. */
export const PAGE_SIZE = 4096;
/** CR0.PG: paging enabled. */
export const CR0_PG = 0x80000000;
/** CR0.WP: supervisor writes honour the R/W bit. */
export const CR0_WP = 0x00010000;

/** Bits of the error code the CPU pushes for a page fault (#PF, vector 14). */
export const PageFaultError = {
  /** The page was present (a protection violation) rather than not present. */
  Present: 1 << 0,
  /** The access was a write. */
  Write: 1 << 1,
  /** The access came from ring 3. */
  User: 1 << 2,
} as const;

/** The fields of a page-table or page-directory entry. */
export interface PageEntry {
  /** Physical address of the frame (or page table), 4 KiB aligned. */
  frame: number;
  /** Present bit. */
  present: boolean;
  /** R/W bit. */
  writable: boolean;
  /** U/S bit. */
  user: boolean;
  /** Accessed bit. */
  accessed: boolean;
  /** Dirty bit. */
  dirty: boolean;
  /** The remaining flag bits (PWT, PCD, PS, G, available bits) as they are in the entry. */
  other: number;
}

/**
 * Encodes an entry.
 *
 * @example
 * ```ts
 * encodePageEntry({ frame: 0x200000, present: true, writable: true, user: true }); // 0x200007
 * ```
 */
export function encodePageEntry(
  e: Pick<PageEntry, "frame" | "present"> & Partial<Omit<PageEntry, "frame" | "present">>,
): number {
  if ((e.frame & 0xfff) !== 0) {
    throw new RangeError(`page frame 0x${e.frame.toString(16)} is not 4 KiB aligned`);
  }
  let v = (e.frame & FRAME_MASK) | ((e.other ?? 0) & 0xf98);
  if (e.present) v |= PageFlag.Present;
  if (e.writable) v |= PageFlag.Writable;
  if (e.user) v |= PageFlag.User;
  if (e.accessed) v |= PageFlag.Accessed;
  if (e.dirty) v |= PageFlag.Dirty;
  return v >>> 0;
}

/** Decodes an entry. */
export function decodePageEntry(value: number): PageEntry {
  return {
    frame: (value & FRAME_MASK) >>> 0,
    present: (value & PageFlag.Present) !== 0,
    writable: (value & PageFlag.Writable) !== 0,
    user: (value & PageFlag.User) !== 0,
    accessed: (value & PageFlag.Accessed) !== 0,
    dirty: (value & PageFlag.Dirty) !== 0,
    other: value & 0xf98,
  };
}

/** Index into the page directory of a linear address (bits 31–22). */
export function directoryIndex(linear: number): number {
  return linear >>> 22;
}

/** Index into the page table of a linear address (bits 21–12). */
export function tableIndex(linear: number): number {
  return (linear >>> 12) & 0x3ff;
}

/** The result of a software page walk. */
export interface Translation {
  /** The physical address. */
  physical: number;
  /** Writable at every level. */
  writable: boolean;
  /** User-accessible at every level. */
  user: boolean;
}

/**
 * Walks the tables under `cr3` for `linear`, as the MMU would, without touching
 * accessed/dirty bits. Returns `null` when a level is not present.
 */
export function translate(memory: PhysicalMemory, cr3: number, linear: number): Translation | null {
  linear >>>= 0;
  const pde = memory.read32(((cr3 & FRAME_MASK) >>> 0) + directoryIndex(linear) * 4);
  if ((pde & PageFlag.Present) === 0) return null;
  if ((pde & PageFlag.LargePage) !== 0) {
    return {
      physical: ((pde & 0xffc00000) | (linear & 0x3fffff)) >>> 0,
      writable: (pde & PageFlag.Writable) !== 0,
      user: (pde & PageFlag.User) !== 0,
    };
  }
  const pte = memory.read32(((pde & FRAME_MASK) >>> 0) + tableIndex(linear) * 4);
  if ((pte & PageFlag.Present) === 0) return null;
  return {
    physical: ((pte & FRAME_MASK) | (linear & 0xfff)) >>> 0,
    writable: (pde & pte & PageFlag.Writable) !== 0,
    user: (pde & pte & PageFlag.User) !== 0,
  };
}
