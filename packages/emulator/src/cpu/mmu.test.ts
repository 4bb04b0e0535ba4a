import { describe, expect, it } from "vitest";
import { flatMachine } from "../../test/cpu/flat-machine.js";
import { Cr0, Cr4, Vector } from "./constants.js";
import { GUEST_FAULT } from "./guest-fault.js";
import { TlbBit } from "./mmu.js";

const PD = 0x100000;
const PT = 0x101000;

/** A flat machine with paging on: identity map of 4 MiB, user-writable. */
function paged() {
  const m = flatMachine("f4");
  for (let i = 0; i < 1024; i++) m.memory.write32(PT + i * 4, (i << 12) | 7);
  m.memory.write32(PD, PT | 7);
  m.cpu.setCr3(PD);
  m.cpu.cr0 |= Cr0.PG | Cr0.WP;
  m.cpu.flushTlb();
  return m;
}

/** The CPU whose recorded fault {@link faultOf} reads. */
let lastCpu: { faultVector: number; faultError: number } | null = null;
/** Runs `fn` and returns the guest fault it raised, or null. */
function faultOf(fn: () => void): { vector: number; error: number } | null {
  try {
    fn();
    return null;
  } catch (e) {
    if (e !== GUEST_FAULT || lastCpu === null) throw e;
    return { vector: lastCpu.faultVector, error: lastCpu.faultError };
  }
}

describe("MMU and software TLB", () => {
  it("translates through the tables and caches the result", () => {
    const m = paged();
    m.memory.write32(PT + 0x10 * 4, 0x200000 | 7); // 0x10000 → 0x200000
    m.memory.write32(0x200010, 0xabcd1234);
    expect(m.cpu.readLin32(0x10010) >>> 0).toBe(0xabcd1234);
    expect(m.cpu.tlb[0x10]! & ~0xfff).toBe(0x200000);
    // Changing the PTE without a flush keeps the stale translation, as on hardware.
    m.memory.write32(PT + 0x10 * 4, 0x300000 | 7);
    expect(m.cpu.readLin32(0x10010) >>> 0).toBe(0xabcd1234);
    m.cpu.invalidatePage(0x10000);
    expect(m.cpu.readLin32(0x10010)).toBe(0);
    m.memory.write32(PT + 0x10 * 4, 0x200000 | 7);
    m.cpu.setCr3(PD); // flushes
    expect(m.cpu.readLin32(0x10010) >>> 0).toBe(0xabcd1234);
  });

  it("sets accessed on read and dirty on the first write only", () => {
    const m = paged();
    m.cpu.readLin8(0x5000);
    expect(m.memory.read32(PT + 5 * 4) & 0x60).toBe(0x20);
    expect(m.cpu.tlb[5]! & TlbBit.SupWrite).toBe(0);
    m.cpu.writeLin8(0x5000, 1);
    expect(m.memory.read32(PT + 5 * 4) & 0x60).toBe(0x60);
    expect(m.cpu.tlb[5]! & TlbBit.SupWrite).not.toBe(0);
    expect(m.memory.read32(PD) & 0x20).toBe(0x20);
  });

  it("raises #PF with CR2 and P/W/U error bits", () => {
    const m = paged();
    lastCpu = m.cpu;
    m.memory.write32(PT + 7 * 4, 0x7000 | 1); // supervisor, read-only
    expect(faultOf(() => m.cpu.readLin32(0x800000))).toEqual({ vector: Vector.PF, error: 0 });
    expect(m.cpu.cr2).toBe(0x800000);
    expect(faultOf(() => m.cpu.writeLin32(0x7000, 1))).toEqual({ vector: Vector.PF, error: 3 });
    m.cpu.cpl = 3;
    m.cpu.updateCplMasks();
    expect(faultOf(() => m.cpu.readLin8(0x7004))).toEqual({ vector: Vector.PF, error: 5 });
    expect(faultOf(() => m.cpu.writeLin8(0x7004, 0))).toEqual({ vector: Vector.PF, error: 7 });
    expect(m.cpu.cr2).toBe(0x7004);
  });

  it("lets supervisor writes through read-only pages only with CR0.WP clear", () => {
    const m = paged();
    lastCpu = m.cpu;
    m.memory.write32(PT + 7 * 4, 0x7000 | 1);
    m.cpu.cr0 &= ~Cr0.WP;
    m.cpu.flushTlb();
    expect(faultOf(() => m.cpu.writeLin32(0x7000, 0x55))).toBeNull();
    expect(m.memory.read32(0x7000)).toBe(0x55);
  });

  it("maps 4 MiB pages only with CR4.PSE", () => {
    const m = paged();
    lastCpu = m.cpu;
    m.memory.write32(PD + 4, 0x00000083); // 4..8 MiB → physical 0, PS
    m.memory.write32(0x3004, 0x77);
    m.cpu.cr4 |= Cr4.PSE;
    m.cpu.flushTlb();
    expect(m.cpu.readLin32(0x403004)).toBe(0x77);
    expect(m.memory.read32(PD + 4) & 0x20).toBe(0x20);
  });

  it("crosses page boundaries checking both pages before writing", () => {
    const m = paged();
    lastCpu = m.cpu;
    m.memory.write32(PT + 9 * 4, 0); // page 9 not present
    m.memory.write32(0x8ffc, 0x11111111);
    expect(faultOf(() => m.cpu.writeLin32(0x8ffe, 0x22222222))).toEqual({
      vector: Vector.PF,
      error: 2,
    });
    expect(m.memory.read32(0x8ffc)).toBe(0x11111111);
    expect(m.cpu.cr2).toBe(0x9000); // the first byte in the missing page
  });
});
