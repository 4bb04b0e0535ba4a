import { describe, expect, it } from "vitest";
import { PageKind, PhysicalMemory } from "./physical-memory.js";

const MiB = 1 << 20;

describe("PhysicalMemory", () => {
  it("reads back little-endian values of every width, also across page boundaries", () => {
    const m = new PhysicalMemory(2 * MiB);
    m.write32(0x1000, 0xdeadbeef);
    expect(m.read32(0x1000)).toBe(0xdeadbeef);
    expect(m.read16(0x1001)).toBe(0xadbe);
    expect(m.read8(0x1003)).toBe(0xde);
    m.write32(0x1ffe, 0x11223344);
    expect(m.read32(0x1ffe)).toBe(0x11223344);
    expect(m.read8(0x2000)).toBe(0x22);
    m.write16(0x2fff, 0xabcd);
    expect(m.read16(0x2fff)).toBe(0xabcd);
    expect(m.u8[0x2fff]).toBe(0xcd);
  });

  it("reads unbacked addresses as an open bus and ignores writes there", () => {
    const m = new PhysicalMemory(2 * MiB);
    m.write32(0x300000, 0x1234);
    expect(m.read8(0x300000)).toBe(0xff);
    expect(m.read16(0x300000)).toBe(0xffff);
    expect(m.read32(0x300000)).toBe(0xffffffff);
    // The last bytes of RAM followed by open bus.
    m.write8(2 * MiB - 1, 0x42);
    expect(m.read16(2 * MiB - 1)).toBe(0xff42);
    expect(m.read32(2 * MiB - 2)).toBe(0xffff4200);
  });

  it("maps a ROM at the top of the first megabyte and below 4 GiB, and ignores writes to it", () => {
    const m = new PhysicalMemory(2 * MiB);
    const rom = new Uint8Array(0x20000).map((_, i) => i & 0xff);
    const before = m.layoutVersion;
    m.loadRom(rom);
    expect(m.layoutVersion).toBeGreaterThan(before);
    expect(m.pageKind[0xe0]).toBe(PageKind.Rom);
    expect(m.isRam(0xe0000)).toBe(false);
    expect(m.read8(0xe0001)).toBe(1);
    m.write8(0xe0001, 0x99);
    m.write32(0xfffc, 0x99999999);
    expect(m.read8(0xe0001)).toBe(1);
    expect(m.read32(0xfffffff0)).toBe(0xf3f2f1f0);
    expect(m.read8(0xfffe0002)).toBe(2);
    expect(m.read8(0xfffd0000)).toBe(0xff);
    // A 64 KiB ROM afterwards gives the lower 64 KiB back to RAM.
    m.loadRom(new Uint8Array(0x10000));
    expect(m.isRam(0xe0000)).toBe(true);
  });

  it("refuses ROM images that are not 64 or 128 KiB", () => {
    const m = new PhysicalMemory(2 * MiB);
    expect(() => m.loadRom(new Uint8Array(0x8000))).toThrow(/64 KiB or 128 KiB, got 32768 bytes/);
  });

  it("routes MMIO windows to their handler, inside and above RAM", () => {
    const m = new PhysicalMemory(2 * MiB);
    const log: string[] = [];
    const handler = {
      read: (off: number, size: number) => {
        log.push(`r${size}@${off.toString(16)}`);
        return 0x5a5a5a5a;
      },
      write: (off: number, size: number, v: number) =>
        log.push(`w${size}@${off.toString(16)}=${v.toString(16)}`),
    };
    m.mapMmio(0xa0000, 0x1000, handler);
    m.mapMmio(0xfec00000, 0x1000, handler);
    expect(m.pageKind[0xa0]).toBe(PageKind.Mmio);
    expect(m.read8(0xa0010)).toBe(0x5a);
    m.write16(0xa0020, 0xbeef);
    m.write32(0xfec00010, 0x1234);
    expect(m.read32(0xfec00004)).toBe(0x5a5a5a5a);
    expect(log).toEqual(["r1@10", "w2@20=beef", "w4@10=1234", "r4@4"]);
    expect(() => m.mapMmio(0xa0800, 0x1000, handler)).toThrow(/overlaps/);
  });

  it("loads host bytes into RAM and refuses loads past its end", () => {
    const m = new PhysicalMemory(MiB);
    m.load(0x500, new Uint8Array([1, 2, 3]));
    expect(m.read16(0x501)).toBe(0x0302);
    expect(() => m.load(MiB - 1, new Uint8Array(2))).toThrow(/RAM ends at 0x100000/);
  });

  it("refuses RAM sizes that are not whole pages between 1 MiB and 3 GiB", () => {
    expect(() => new PhysicalMemory(MiB + 1)).toThrow(RangeError);
    expect(() => new PhysicalMemory(4096)).toThrow(/at least|between/);
  });
});
