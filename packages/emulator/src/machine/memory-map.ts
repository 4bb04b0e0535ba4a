/**
 * The physical memory map the machine reports, as a PC BIOS reports it through
 * INT 15h/E820 and a Multiboot loader passes it on: the regions a kernel may use and the
 * ones it must leave alone.
 */

/** Region types, numbered as E820 and Multiboot number them. */
export const MemoryType = {
  /** RAM the operating system may use. */
  Usable: 1,
  /** Reserved: firmware, device windows, ROM. */
  Reserved: 2,
} as const;
/** One of the {@link MemoryType} values. */
export type MemoryType = (typeof MemoryType)[keyof typeof MemoryType];

/** One entry of the memory map: `length` bytes from `base`. */
export interface MemoryRegion {
  /** First physical address. */
  base: number;
  /** Size in bytes. */
  length: number;
  /** What the region is. */
  type: MemoryType;
}

/** End of conventional memory: the extended BIOS data area (EBDA) starts here. */
export const EBDA_BASE = 0x9fc00;
/** Start of the motherboard BIOS area below 1 MiB. */
export const BIOS_AREA_BASE = 0xf0000;
/** Start of extended memory. */
export const EXTENDED_MEMORY_BASE = 0x100000;
/** Start of the firmware window under 4 GiB (where the ROM's alias and reset vector live). */
export const HIGH_BIOS_BASE = 0xfffc0000;

/**
 * The memory map of a PC with `ramSize` bytes of RAM, in address order.
 *
 * @example
 * ```ts
 * pcMemoryMap(32 << 20);
 * // [ { base: 0x0,        length: 0x9fc00,   type: 1 },   conventional memory
 * //   { base: 0x9fc00,    length: 0x400,     type: 2 },   EBDA
 * //   { base: 0xf0000,    length: 0x10000,   type: 2 },   BIOS
 * //   { base: 0x100000,   length: 0x1f00000, type: 1 },   RAM above 1 MiB
 * //   { base: 0xfffc0000, length: 0x40000,   type: 2 } ]  firmware under 4 GiB
 * ```
 */
export function pcMemoryMap(ramSize: number): MemoryRegion[] {
  return [
    { base: 0, length: EBDA_BASE, type: MemoryType.Usable },
    { base: EBDA_BASE, length: 0xa0000 - EBDA_BASE, type: MemoryType.Reserved },
    { base: BIOS_AREA_BASE, length: 0x100000 - BIOS_AREA_BASE, type: MemoryType.Reserved },
    {
      base: EXTENDED_MEMORY_BASE,
      length: ramSize - EXTENDED_MEMORY_BASE,
      type: MemoryType.Usable,
    },
    { base: HIGH_BIOS_BASE, length: 0x100000000 - HIGH_BIOS_BASE, type: MemoryType.Reserved },
  ];
}

/**
 * Formats a memory map as the table a BIOS or the original kit printed at boot.
 *
 * @example
 * ```ts
 * formatMemoryMap(pcMemoryMap(32 << 20))[0];
 * // "0x0000000000000000-0x000000000009fbff usable"
 * ```
 */
export function formatMemoryMap(map: readonly MemoryRegion[]): string[] {
  const hex = (n: number) => "0x" + n.toString(16).padStart(16, "0");
  return map.map(
    (r) =>
      `${hex(r.base)}-${hex(r.base + r.length - 1)} ${r.type === MemoryType.Usable ? "usable" : "reserved"}`,
  );
}
