/**
 * Encoders for the 8-byte descriptors of the GDT and IDT: segment descriptors (code,
 * data, TSS) and interrupt/trap gates, as the Intel SDM vol. 3A §3.4.5 and §6.11 lay them
 * out. Each returns the two little-endian doublewords `[low, high]`.
 */

/** Segment selectors of the GDT that {@link writeGdt} writes. */
export const Selector = {
  /** Ring-0 flat code (matches the emulator's flat protected-mode entry state). */
  KernelCode: 0x08,
  /** Ring-0 flat data and stack. */
  KernelData: 0x10,
  /** Ring-3 flat code (RPL 3). */
  UserCode: 0x1b,
  /** Ring-3 flat data and stack (RPL 3). */
  UserData: 0x23,
  /** The TSS descriptor (loaded with `ltr`). */
  Tss: 0x28,
} as const;

/** GDT index of the first thread-local-storage slot; Linux i386 uses entries 6–8 too. */
export const TLS_FIRST_ENTRY = 6;
/** How many thread-local-storage slots the GDT has (entries 6, 7 and 8). */
export const TLS_ENTRY_COUNT = 3;
/** Number of descriptors in the GDT. */
export const GDT_ENTRIES = 16;

/** Access-byte bits of a segment descriptor. */
export const SegmentAccess = {
  /** Present. */
  Present: 0x80,
  /** Code or data (clear for system descriptors such as the TSS). */
  CodeOrData: 0x10,
  /** Executable (code segment). */
  Executable: 0x08,
  /** Readable code / writable data. */
  ReadWrite: 0x02,
  /** Accessed (set by the CPU). */
  Accessed: 0x01,
  /** System type: available 32-bit TSS. */
  Tss32Available: 0x09,
} as const;

/** What kind of segment a descriptor describes. */
export type SegmentKind = "code" | "data" | "tss";

/** The fields of a segment descriptor. */
export interface SegmentDescriptor {
  /** Linear base address. */
  base: number;
  /** Limit in bytes minus one when `pageGranular` is false, in 4 KiB pages minus one when true. */
  limit: number;
  /** Code, data or TSS. */
  kind: SegmentKind;
  /** Descriptor privilege level, 0 (kernel) or 3 (user). */
  dpl: 0 | 3;
  /** Limit counted in 4 KiB units (G bit). Default: true for code/data, false for a TSS. */
  pageGranular?: boolean;
  /** Present bit. Default: true (a TLS slot that was never set is not present). */
  present?: boolean;
}

/**
 * Encodes a segment descriptor.
 *
 * @example
 * ```ts
 * encodeSegment({ base: 0, limit: 0xfffff, kind: "code", dpl: 0 }); // [0x0000ffff, 0x00cf9a00]
 * ```
 */
export function encodeSegment(d: SegmentDescriptor): [number, number] {
  if (d.limit < 0 || d.limit > 0xfffff || !Number.isInteger(d.limit)) {
    throw new RangeError(`segment limit must fit in 20 bits, got ${d.limit}`);
  }
  const base = d.base >>> 0;
  const granular = d.pageGranular ?? d.kind !== "tss";
  let access = ((d.present ?? true) ? SegmentAccess.Present : 0) | (d.dpl << 5);
  let flags = granular ? 0x8 : 0;
  if (d.kind === "tss") {
    access |= SegmentAccess.Tss32Available;
  } else {
    access |= SegmentAccess.CodeOrData | SegmentAccess.ReadWrite;
    if (d.kind === "code") access |= SegmentAccess.Executable;
    flags |= 0x4; // D/B: 32-bit code, 32-bit stack
  }
  const low = ((base & 0xffff) << 16) | (d.limit & 0xffff);
  const high =
    ((base >>> 16) & 0xff) |
    (access << 8) |
    (((d.limit >>> 16) & 0xf) << 16) |
    (flags << 20) |
    (base & 0xff000000);
  return [low >>> 0, high >>> 0];
}

/** Decodes the base, limit (in bytes, granularity applied) and access byte of a descriptor. */
export function decodeSegment(
  low: number,
  high: number,
): { base: number; limitBytes: number; access: number; dpl: number; present: boolean } {
  const base = ((low >>> 16) | ((high & 0xff) << 16) | (high & 0xff000000)) >>> 0;
  const rawLimit = (low & 0xffff) | (high & 0xf0000);
  const granular = (high & 0x800000) !== 0;
  const limitBytes = granular ? rawLimit * 4096 + 4095 : rawLimit;
  const access = (high >>> 8) & 0xff;
  return { base, limitBytes, access, dpl: (access >>> 5) & 3, present: (access & 0x80) !== 0 };
}

/** The kind of an IDT gate: interrupt gates clear IF on entry, trap gates leave it. */
export type GateKind = "interrupt" | "trap";

/**
 * Encodes a 32-bit interrupt or trap gate pointing at `selector:offset`. `dpl` is the
 * lowest privilege allowed to reach the gate with `int n` (3 for `int 0x80`).
 */
export function encodeGate(
  offset: number,
  selector: number,
  kind: GateKind,
  dpl: 0 | 3,
): [number, number] {
  const type = kind === "interrupt" ? 0xe : 0xf;
  const low = ((selector & 0xffff) << 16) | (offset & 0xffff);
  const high = (offset & 0xffff0000) | 0x8000 | (dpl << 13) | (type << 8);
  return [low >>> 0, high >>> 0];
}
