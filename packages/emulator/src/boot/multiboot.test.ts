import { describe, expect, it } from "vitest";
import { pcMemoryMap } from "../machine/memory-map.js";
import { PhysicalMemory } from "../memory/physical-memory.js";
import { BootError } from "./boot-error.js";
import { bootMultiboot, MULTIBOOT_INFO_BASE } from "./multiboot.js";
import { findMultibootHeader } from "./multiboot-header.js";
import { buildElf } from "./__tests__/images.js";

/** The CPU as the loader drives it: records the entry state. */
function fakeTarget(size = 4 << 20) {
  const calls: string[] = [];
  const cpu = {
    regs: new Int32Array(8),
    eip: 0,
    reset: () => calls.push("reset"),
    enterFlatProtectedMode: () => calls.push("flat"),
  };
  return { memory: new PhysicalMemory(size), cpu, memoryMap: pcMemoryMap(size), calls };
}

const code = new Uint8Array([0xfa, 0xf4]); // cli; hlt

describe("findMultibootHeader", () => {
  it("finds a header with a valid checksum in the first 8 KiB", () => {
    const image = buildElf([{ paddr: 0x100000, data: code }]);
    expect(findMultibootHeader(image)).toMatchObject({ offset: 0x1000, pageAlignModules: true });
  });

  it("skips a magic with a bad checksum and one beyond 8 KiB", () => {
    const image = new Uint8Array(0x3000);
    const dv = new DataView(image.buffer);
    dv.setUint32(0x100, 0x1badb002, true);
    dv.setUint32(0x104, 0, true);
    dv.setUint32(0x108, 0, true); // wrong checksum
    dv.setUint32(0x2000, 0x1badb002, true);
    dv.setUint32(0x2008, -0x1badb002 >>> 0, true);
    expect(() => findMultibootHeader(image)).toThrow(/no Multiboot header/);
  });

  it("refuses requirement bits it does not implement", () => {
    const image = buildElf([{ paddr: 0x100000, data: code }], { flags: 0x10003 | 0x8 });
    expect(() => findMultibootHeader(image)).toThrow(/unsupported features \(flags 0x8\)/);
  });
});

describe("bootMultiboot", () => {
  it("loads segments, zeroes .bss and enters with the Multiboot register state", () => {
    const t = fakeTarget();
    t.memory.u8.fill(0xaa, 0x200000, 0x201000);
    const image = buildElf([
      { paddr: 0x100000, data: code },
      { paddr: 0x200000, data: new Uint8Array([7, 7]), memSize: 0x1000 },
    ]);
    const load = bootMultiboot(t, image, { cmdline: "root=/dev/ram0" });
    expect(t.calls).toEqual(["reset", "flat"]);
    expect(t.cpu.eip).toBe(0x10000c);
    expect(t.cpu.regs[0]! >>> 0).toBe(0x2badb002);
    expect(t.cpu.regs[3]).toBe(MULTIBOOT_INFO_BASE);
    expect(t.memory.read8(0x10000c)).toBe(0xfa);
    expect(t.memory.read8(0x200001)).toBe(7);
    expect(t.memory.read8(0x200002)).toBe(0);
    expect(t.memory.read8(0x200fff)).toBe(0);
    expect(load.kernelEnd).toBe(0x201000);
  });

  it("builds the information structure: memory sizes, command line, memory map, loader name", () => {
    const t = fakeTarget(8 << 20);
    bootMultiboot(t, buildElf([{ paddr: 0x100000, data: code }]), { cmdline: "hello=1" });
    const m = t.memory;
    const info = MULTIBOOT_INFO_BASE;
    const str = (addr: number) => {
      let s = "";
      for (let c = m.read8(addr); c !== 0; c = m.read8(++addr)) s += String.fromCharCode(c);
      return s;
    };
    const flags = m.read32(info);
    expect(flags & 0x245).toBe(0x245); // mem, cmdline, mmap, loader name
    expect(flags & 0x8).toBe(0); // no modules
    expect(m.read32(info + 4)).toBe(639);
    expect(m.read32(info + 8)).toBe(7 * 1024);
    expect(str(m.read32(info + 16))).toBe("hello=1");
    expect(str(m.read32(info + 64))).toBe("native-kit");
    const mmap = m.read32(info + 48);
    const entries: number[][] = [];
    for (let p = mmap; p < mmap + m.read32(info + 44); p += m.read32(p) + 4) {
      entries.push([m.read32(p + 4), m.read32(p + 12), m.read32(p + 20)]);
    }
    expect(entries).toEqual(t.memoryMap.map((r) => [r.base, r.length, r.type]));
  });

  it("loads modules page-aligned above the kernel and lists them", () => {
    const t = fakeTarget();
    const image = buildElf([{ paddr: 0x100000, data: code, memSize: 0x1800 }]);
    const load = bootMultiboot(t, image, {
      modules: [
        { data: new TextEncoder().encode("first module"), cmdline: "one" },
        { data: new Uint8Array(5000), cmdline: "two --x" },
      ],
    });
    expect(load.modules).toEqual([
      { start: 0x102000, end: 0x102000 + 12 },
      { start: 0x103000, end: 0x103000 + 5000 },
    ]);
    const info = MULTIBOOT_INFO_BASE;
    expect(t.memory.read32(info) & 0x8).toBe(0x8);
    expect(t.memory.read32(info + 20)).toBe(2);
    const table = t.memory.read32(info + 24);
    expect(t.memory.read32(table + 16)).toBe(0x103000);
    expect(t.memory.read8(0x102000)).toBe("f".charCodeAt(0));
  });

  it("translates a higher-half entry point through its segment", () => {
    const t = fakeTarget();
    const image = buildElf([{ paddr: 0x100000, vaddr: 0xc0100000, data: code }], {
      entry: 0xc010000c,
    });
    expect(bootMultiboot(t, image).entry).toBe(0x10000c);
  });

  it("refuses an ELF without a Multiboot header", () => {
    const t = fakeTarget();
    const image = buildElf([{ paddr: 0x100000, data: code }], { header: false });
    expect(() => bootMultiboot(t, image)).toThrow(BootError);
    expect(() => bootMultiboot(t, image)).toThrow(/no Multiboot header/);
  });

  it("refuses segments outside RAM or over reserved areas, before writing anything", () => {
    const t = fakeTarget(4 << 20);
    const beyond = buildElf([
      { paddr: 0x100000, data: code },
      { paddr: 0x3ff000, data: new Uint8Array(4), memSize: 0x2000 },
    ]);
    expect(() => bootMultiboot(t, beyond)).toThrow(
      /segment 1 at 0x3ff000-0x400fff is outside usable RAM/,
    );
    expect(t.memory.read8(0x10000c)).toBe(0);
    const bios = buildElf([{ paddr: 0xf0000, data: code }]);
    expect(() => bootMultiboot(t, bios)).toThrow(/outside usable RAM/);
    const info = buildElf([{ paddr: 0x10000, data: code }]);
    expect(() => bootMultiboot(t, info)).toThrow(/overlaps the boot information area/);
  });

  it("refuses modules that do not fit", () => {
    const t = fakeTarget(2 << 20);
    const image = buildElf([{ paddr: 0x100000, data: code }]);
    expect(() => bootMultiboot(t, image, { modules: [{ data: new Uint8Array(2 << 20) }] })).toThrow(
      /module 0 \(2097152 bytes\) does not fit/,
    );
  });
});
