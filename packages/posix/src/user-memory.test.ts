import { PageFlag, type X86Machine } from "@native-kit/arch-x86";
import { describe, expect, it } from "vitest";
import { Errno, ErrnoError } from "./errno.js";
import { KernelBuffer, PagedUserMemory } from "./user-memory.js";

function machine(paging: boolean): X86Machine {
  const size = 4 << 20;
  const u8 = new Uint8Array(size);
  const dv = new DataView(u8.buffer);
  const memory = {
    size,
    u8,
    read32: (a: number) => dv.getUint32(a, true),
    write32: (a: number, v: number) => dv.setUint32(a, v >>> 0, true),
  };
  // Directory at 0x100000; 0x400000 → 0x200000 (user), 0x401000 → 0x201000 (user),
  // 0x402000 → 0x202000 (kernel-only).
  memory.write32(0x100000 + 4, 0x101000 | PageFlag.Present | PageFlag.User | PageFlag.Writable);
  memory.write32(0x101000 + 0, 0x200000 | PageFlag.Present | PageFlag.User);
  memory.write32(0x101000 + 4, 0x201000 | PageFlag.Present | PageFlag.User);
  memory.write32(0x101000 + 8, 0x202000 | PageFlag.Present);
  const cpu = { cr0: paging ? 0x80000001 : 1, cr3: 0x100000 };
  return { memory, cpu } as unknown as X86Machine;
}

const efault = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e instanceof ErrnoError && e.errno === Errno.EFAULT;
  }
  return false;
};

describe("PagedUserMemory", () => {
  it("reads across user pages through the page tables", () => {
    const m = machine(true);
    m.memory.u8.set([1, 2], 0x200ffe);
    m.memory.u8.set([3, 4], 0x201000);
    expect([...new PagedUserMemory(m).read(0x400ffe, 4)]).toEqual([1, 2, 3, 4]);
  });

  it("refuses kernel-only and unmapped pages with EFAULT", () => {
    const m = new PagedUserMemory(machine(true));
    expect(efault(() => m.read(0x401ff0, 32))).toBe(true); // runs into the kernel-only page
    expect(efault(() => m.read(0x800000, 1))).toBe(true);
    expect(efault(() => m.read(0x400000, 0x7ffff000))).toBe(true); // no 2 GiB host buffer first
  });

  it("reads physical memory when paging is off, bounded by RAM", () => {
    const m = machine(false);
    m.memory.u8[0x1234] = 9;
    expect([...new PagedUserMemory(m).read(0x1234, 1)]).toEqual([9]);
    expect(efault(() => new PagedUserMemory(m).read((4 << 20) - 2, 4))).toBe(true);
    expect(efault(() => new PagedUserMemory(m).read(0, 0x7ffff000))).toBe(true);
  });
});

describe("KernelBuffer", () => {
  it("serves offsets into host bytes and faults outside them", () => {
    const b = new KernelBuffer(Uint8Array.of(5, 6, 7));
    expect([...b.read(1, 2)]).toEqual([6, 7]);
    expect(efault(() => b.read(2, 2))).toBe(true);
  });
});
