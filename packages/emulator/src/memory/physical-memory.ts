/**
 * Physical memory of the emulated PC: RAM, the ROM window below 1 MiB with its alias
 * below 4 GiB, and memory-mapped device windows.
 *
 * The CPU's fast path reads and writes {@link PhysicalMemory.u8} (and the aligned views)
 * directly for pages whose {@link PhysicalMemory.pageKind} is {@link PageKind.Ram}; every
 * other physical address goes through the generic accessors here.
 */

/** What backs one 4 KiB physical page. */
export const PageKind = {
  /** Ordinary RAM: readable and writable straight from {@link PhysicalMemory.u8}. */
  Ram: 0,
  /** ROM: readable from {@link PhysicalMemory.u8}, writes are ignored. */
  Rom: 1,
  /** A device window: every access goes to its {@link MmioHandler}. */
  Mmio: 2,
} as const;
/** One of the {@link PageKind} values. */
export type PageKind = (typeof PageKind)[keyof typeof PageKind];

/** A device that answers physical memory accesses in a window of the address space. */
export interface MmioHandler {
  /** Reads `size` (1, 2 or 4) bytes at `offset` from the start of the window. */
  read(offset: number, size: 1 | 2 | 4): number;
  /** Writes `size` (1, 2 or 4) bytes at `offset` from the start of the window. */
  write(offset: number, size: 1 | 2 | 4, value: number): void;
}

interface MmioWindow {
  base: number;
  end: number;
  handler: MmioHandler;
}

/** Physical address where the top of a BIOS-replacement ROM image ends (exclusive) below 1 MiB. */
const ROM_LOW_END = 0x100000;
/** Lowest physical address a ROM image may occupy below 1 MiB (a 128 KiB image). */
const ROM_LOW_MIN = 0xe0000;
/** Size of a page, in bytes. */
const PAGE_SIZE = 4096;

/**
 * RAM plus the PC's fixed windows.
 *
 * @example
 * ```ts
 * const mem = new PhysicalMemory(32 * 1024 * 1024);
 * mem.write32(0x1000, 0xdeadbeef);
 * mem.read32(0x1000); // 0xdeadbeef
 * ```
 */
export class PhysicalMemory {
  /** RAM size in bytes (a multiple of 4 KiB, at least 1 MiB). */
  readonly size: number;
  /** The bytes of RAM (and of the ROM window below 1 MiB). */
  readonly u8: Uint8Array;
  /** What backs each 4 KiB page below {@link PhysicalMemory.size}: a {@link PageKind}. */
  readonly pageKind: Uint8Array;
  /**
   * Bumped on every change to {@link PhysicalMemory.pageKind}, so that caches of
   * physical page kinds (the CPU's TLB) know to flush.
   */
  layoutVersion = 0;
  private readonly dv: DataView;
  private readonly mmio: MmioWindow[] = [];
  private rom: Uint8Array | null = null;

  /** Creates `size` bytes of zeroed RAM. */
  constructor(size: number) {
    if (
      !Number.isInteger(size) ||
      size < ROM_LOW_END ||
      size % PAGE_SIZE !== 0 ||
      size > 0xc0000000
    ) {
      throw new RangeError(
        `RAM size must be a multiple of 4 KiB between 1 MiB and 3 GiB, got ${size} bytes`,
      );
    }
    this.size = size;
    this.u8 = new Uint8Array(size);
    this.dv = new DataView(this.u8.buffer);
    this.pageKind = new Uint8Array(size / PAGE_SIZE);
  }

  /**
   * Maps a BIOS-replacement ROM image (64 or 128 KiB) so that it ends at 1 MiB and,
   * as on a real PC, also at 4 GiB, where the reset vector 0xFFFFFFF0 lands.
   */
  loadRom(image: Uint8Array): void {
    if (image.length !== 0x10000 && image.length !== 0x20000) {
      throw new RangeError(`a ROM image must be 64 KiB or 128 KiB, got ${image.length} bytes`);
    }
    const base = ROM_LOW_END - image.length;
    this.u8.set(image, base);
    for (let page = ROM_LOW_MIN / PAGE_SIZE; page < ROM_LOW_END / PAGE_SIZE; page++) {
      this.pageKind[page] = page * PAGE_SIZE >= base ? PageKind.Rom : PageKind.Ram;
    }
    this.rom = image.slice();
    this.layoutVersion++;
  }

  /** Routes physical accesses in `[base, base + length)` to `handler`. */
  mapMmio(base: number, length: number, handler: MmioHandler): void {
    const end = base + length;
    for (const w of this.mmio) {
      if (base < w.end && w.base < end) {
        throw new RangeError(`MMIO window 0x${base.toString(16)} overlaps an existing one`);
      }
    }
    this.mmio.push({ base, end, handler });
    for (let a = base; a < end && a < this.size; a += PAGE_SIZE) {
      this.pageKind[a >>> 12] = PageKind.Mmio;
    }
    this.layoutVersion++;
  }

  /** True when the page holding `address` is plain RAM that may be accessed through {@link PhysicalMemory.u8}. */
  isRam(address: number): boolean {
    address >>>= 0;
    return address < this.size && this.pageKind[address >>> 12] === PageKind.Ram;
  }

  /** Reads one byte of physical memory. Unbacked addresses read as 0xFF (an open bus). */
  read8(address: number): number {
    address >>>= 0;
    if (address < this.size && this.pageKind[address >>> 12] !== PageKind.Mmio) {
      return this.u8[address]!;
    }
    return this.slowRead(address, 1);
  }

  /** Reads a little-endian 16-bit value; may straddle pages. */
  read16(address: number): number {
    address >>>= 0;
    if (
      (address & 0xfff) <= 0xffe &&
      address + 1 < this.size &&
      this.pageKind[address >>> 12] !== PageKind.Mmio
    ) {
      return this.dv.getUint16(address, true);
    }
    if ((address & 0xfff) === 0xfff) return this.read8(address) | (this.read8(address + 1) << 8);
    return this.slowRead(address, 2);
  }

  /** Reads a little-endian 32-bit value (unsigned); may straddle pages. */
  read32(address: number): number {
    address >>>= 0;
    if (
      (address & 0xfff) <= 0xffc &&
      address + 3 < this.size &&
      this.pageKind[address >>> 12] !== PageKind.Mmio
    ) {
      return this.dv.getUint32(address, true);
    }
    if ((address & 0xfff) > 0xffc) {
      return (this.read16(address) | (this.read16(address + 2) << 16)) >>> 0;
    }
    return this.slowRead(address, 4) >>> 0;
  }

  /** Writes one byte. Writes to ROM and to unbacked addresses are ignored. */
  write8(address: number, value: number): void {
    address >>>= 0;
    if (address < this.size && this.pageKind[address >>> 12] === PageKind.Ram) {
      this.u8[address] = value;
      return;
    }
    this.slowWrite(address, 1, value & 0xff);
  }

  /** Writes a little-endian 16-bit value; may straddle pages. */
  write16(address: number, value: number): void {
    address >>>= 0;
    if (
      (address & 0xfff) <= 0xffe &&
      address + 1 < this.size &&
      this.pageKind[address >>> 12] === PageKind.Ram
    ) {
      this.dv.setUint16(address, value, true);
      return;
    }
    if ((address & 0xfff) === 0xfff) {
      this.write8(address, value);
      this.write8(address + 1, value >>> 8);
      return;
    }
    this.slowWrite(address, 2, value & 0xffff);
  }

  /** Writes a little-endian 32-bit value; may straddle pages. */
  write32(address: number, value: number): void {
    address >>>= 0;
    if (
      (address & 0xfff) <= 0xffc &&
      address + 3 < this.size &&
      this.pageKind[address >>> 12] === PageKind.Ram
    ) {
      this.dv.setUint32(address, value >>> 0, true);
      return;
    }
    if ((address & 0xfff) > 0xffc) {
      this.write16(address, value);
      this.write16(address + 2, value >>> 16);
      return;
    }
    this.slowWrite(address, 4, value >>> 0);
  }

  /** Copies `bytes` into RAM at `address` (host-side loading; ignores page kinds). */
  load(address: number, bytes: Uint8Array): void {
    if (address < 0 || address + bytes.length > this.size) {
      throw new RangeError(
        `cannot load ${bytes.length} bytes at 0x${address.toString(16)}: RAM ends at 0x${this.size.toString(16)}`,
      );
    }
    this.u8.set(bytes, address);
  }

  private findMmio(address: number): MmioWindow | undefined {
    for (const w of this.mmio) if (address >= w.base && address < w.end) return w;
    return undefined;
  }

  private slowRead(address: number, size: 1 | 2 | 4): number {
    const w = this.findMmio(address);
    if (w) {
      // A device may answer with more bits than asked for; the bus carries only `size` bytes.
      const v = w.handler.read(address - w.base, size);
      return size === 1 ? v & 0xff : size === 2 ? v & 0xffff : v >>> 0;
    }
    if (this.rom && address >= 0x100000000 - this.rom.length) {
      const off = address - (0x100000000 - this.rom.length);
      let v = 0;
      for (let i = 0; i < size; i++) v |= (this.rom[off + i] ?? 0xff) << (8 * i);
      return v >>> 0;
    }
    if (address < this.size) {
      let v = 0;
      for (let i = 0; i < size; i++) v |= this.read8(address + i) << (8 * i);
      return v >>> 0;
    }
    return size === 1 ? 0xff : size === 2 ? 0xffff : 0xffffffff;
  }

  private slowWrite(address: number, size: 1 | 2 | 4, value: number): void {
    const w = this.findMmio(address);
    if (w) {
      w.handler.write(address - w.base, size, value);
      return;
    }
    if (address < this.size && this.pageKind[address >>> 12] === PageKind.Ram) {
      for (let i = 0; i < size; i++) this.u8[address + i] = value >>> (8 * i);
    }
  }
}
