/**
 * The Multiboot v1 boot path: what GRUB does for a kernel ELF, done by the host.
 *
 * 1. Check the image: an i386 ELF32 executable with a Multiboot header in its first 8 KiB.
 * 2. Copy each `PT_LOAD` segment to its physical address and zero its .bss tail; every
 *    byte must land in usable RAM.
 * 3. Load the modules page-aligned above the kernel.
 * 4. Build the Multiboot information structure in conventional memory (at
 *    {@link MULTIBOOT_INFO_BASE}): mem_lower/mem_upper, the command line, the module list,
 *    the memory map and the boot loader's name.
 * 5. Enter the kernel as the specification says: protected mode with flat 4 GiB segments,
 *    paging off, IF=0, EAX=0x2BADB002, EBX=the information structure, EIP=the entry point.
 *    ESP is undefined by the specification; it is set to {@link MULTIBOOT_INFO_BASE} so a
 *    kernel that pushes before setting its own stack still writes to free RAM.
 */
import type { Cpu } from "../cpu/cpu.js";
import { EXTENDED_MEMORY_BASE, MemoryType, type MemoryRegion } from "../machine/memory-map.js";
import type { PhysicalMemory } from "../memory/physical-memory.js";
import { BootError } from "./boot-error.js";
import { parseElf32, PT_LOAD } from "./elf.js";
import { findMultibootHeader, MULTIBOOT_BOOTLOADER_MAGIC } from "./multiboot-header.js";

/** Where the Multiboot information structure and its strings and tables are built. */
export const MULTIBOOT_INFO_BASE = 0x10000;
/** Where that area ends (the EBDA). */
const INFO_AREA_END = 0x9fc00;

/** Flags of the information structure (which fields are valid). */
const INFO_MEMORY = 1 << 0;
const INFO_CMDLINE = 1 << 2;
const INFO_MODS = 1 << 3;
const INFO_MMAP = 1 << 6;
const INFO_LOADER_NAME = 1 << 9;
const INFO_SIZE = 88;

/** A boot module (an initrd, a program) the loader places in memory for the kernel. */
export interface MultibootModule {
  /** The module's bytes. */
  data: Uint8Array;
  /** Its string (by convention the module's file name and arguments). */
  cmdline?: string;
}

/** What a Multiboot boot needs from the machine. */
export interface MultibootTarget {
  /** Where the kernel is loaded. */
  readonly memory: PhysicalMemory;
  /** The CPU that is put in the entry state. */
  readonly cpu: Pick<Cpu, "reset" | "enterFlatProtectedMode" | "regs" | "eip">;
  /** The memory map passed to the kernel; segments must land in its usable regions. */
  readonly memoryMap: readonly MemoryRegion[];
}

/** Options of {@link bootMultiboot}. */
export interface MultibootOptions {
  /** The kernel command line (defaults to empty). */
  cmdline?: string;
  /** Modules to load, in order. */
  modules?: readonly MultibootModule[];
}

/** Where things were put, for diagnostics and tests. */
export interface MultibootLoad {
  /** Physical entry point the CPU starts at. */
  entry: number;
  /** Physical address of the information structure (EBX). */
  infoAddress: number;
  /** First byte past the highest loaded kernel segment. */
  kernelEnd: number;
  /** Physical ranges of the loaded modules. */
  modules: { start: number; end: number }[];
}

const hex = (n: number): string => "0x" + n.toString(16);

/**
 * Loads a Multiboot v1 ELF kernel and puts the CPU at its entry point.
 *
 * @throws {@link BootError} for a non-ELF file, a foreign ELF, a missing or unsupported
 * Multiboot header, or segments, modules or boot data that do not fit in usable RAM.
 *
 * @example
 * ```ts
 * const machine = createMachine();
 * bootMultiboot(machine, readFileSync("kernel.elf"), { cmdline: "verbose" });
 * await machine.runUntilExit();
 * ```
 */
export function bootMultiboot(
  target: MultibootTarget,
  image: Uint8Array,
  options: MultibootOptions = {},
): MultibootLoad {
  const elf = parseElf32(image);
  const header = findMultibootHeader(image);
  const { memory, memoryMap } = target;

  // Check every segment before writing any of them.
  const loads = elf.segments.filter((s) => s.type === PT_LOAD && s.memSize > 0);
  if (loads.length === 0) throw new BootError("not-elf", "ELF has no loadable segments");
  let kernelEnd = 0;
  for (const [i, s] of loads.entries()) {
    const end = s.paddr + s.memSize;
    if (!inUsableRam(memoryMap, memory.size, s.paddr, end)) {
      throw new BootError(
        "does-not-fit",
        `ELF segment ${i} at ${hex(s.paddr)}-${hex(end - 1)} is outside usable RAM ` +
          `(RAM above 1 MiB ends at ${hex(memory.size)})`,
      );
    }
    if (s.paddr < INFO_AREA_END && end > MULTIBOOT_INFO_BASE) {
      throw new BootError(
        "does-not-fit",
        `ELF segment ${i} at ${hex(s.paddr)} overlaps the boot information area ` +
          `${hex(MULTIBOOT_INFO_BASE)}-${hex(INFO_AREA_END - 1)}`,
      );
    }
    kernelEnd = Math.max(kernelEnd, end);
  }
  for (const s of loads) {
    memory.load(s.paddr, image.subarray(s.offset, s.offset + s.fileSize));
    memory.u8.fill(0, s.paddr + s.fileSize, s.paddr + s.memSize);
  }

  // Modules go page-aligned above the kernel (and above 1 MiB).
  const modules: { start: number; end: number }[] = [];
  let next = pageAlign(Math.max(kernelEnd, EXTENDED_MEMORY_BASE));
  for (const [i, m] of (options.modules ?? []).entries()) {
    const start = next;
    const end = start + m.data.length;
    if (!inUsableRam(memoryMap, memory.size, start, Math.max(end, start + 1))) {
      throw new BootError(
        "does-not-fit",
        `module ${i} (${m.data.length} bytes) does not fit in RAM above the kernel ` +
          `(RAM ends at ${hex(memory.size)})`,
      );
    }
    memory.load(start, m.data);
    modules.push({ start, end });
    next = pageAlign(end);
  }
  void header.pageAlignModules; // modules are always page-aligned, which satisfies bit 0

  const infoAddress = writeInfo(target, options, modules);

  // The ELF entry is virtual; a higher-half kernel links at one address and loads at
  // another, so translate it through the segment that contains it, as GRUB does.
  const home = loads.find((s) => elf.entry >= s.vaddr && elf.entry < s.vaddr + s.memSize);
  const entry = home ? elf.entry - home.vaddr + home.paddr : elf.entry;

  const cpu = target.cpu;
  cpu.reset();
  cpu.enterFlatProtectedMode();
  cpu.regs.fill(0);
  cpu.regs[0] = MULTIBOOT_BOOTLOADER_MAGIC | 0; // EAX
  cpu.regs[3] = infoAddress; // EBX
  cpu.regs[4] = MULTIBOOT_INFO_BASE; // ESP
  cpu.eip = entry;
  return { entry, infoAddress, kernelEnd, modules };
}

function pageAlign(n: number): number {
  return Math.ceil(n / 4096) * 4096;
}

/** True when `[start, end)` lies inside one usable region and inside RAM. */
function inUsableRam(
  map: readonly MemoryRegion[],
  ramSize: number,
  start: number,
  end: number,
): boolean {
  if (end > ramSize) return false;
  return map.some(
    (r) => r.type === MemoryType.Usable && start >= r.base && end <= r.base + r.length,
  );
}

/** Builds the information structure and everything it points to; returns its address. */
function writeInfo(
  target: MultibootTarget,
  options: MultibootOptions,
  modules: readonly { start: number; end: number }[],
): number {
  const { memory, memoryMap } = target;
  const info = MULTIBOOT_INFO_BASE;
  let cursor = info + INFO_SIZE;
  const alloc = (size: number): number => {
    const at = cursor;
    cursor = (cursor + size + 3) & ~3;
    if (cursor > INFO_AREA_END) {
      throw new BootError(
        "does-not-fit",
        "the Multiboot information (command lines, module list, memory map) exceeds " +
          `${INFO_AREA_END - MULTIBOOT_INFO_BASE} bytes`,
      );
    }
    return at;
  };
  const putString = (s: string): number => {
    const bytes = new TextEncoder().encode(s);
    const at = alloc(bytes.length + 1);
    memory.load(at, bytes);
    memory.write8(at + bytes.length, 0);
    return at;
  };

  memory.u8.fill(0, info, info + INFO_SIZE);
  let flags = INFO_MEMORY | INFO_CMDLINE | INFO_MMAP | INFO_LOADER_NAME;
  const lower = memoryMap.find((r) => r.base === 0 && r.type === MemoryType.Usable);
  const upper = memoryMap.find(
    (r) => r.base === EXTENDED_MEMORY_BASE && r.type === MemoryType.Usable,
  );
  memory.write32(info + 4, Math.floor((lower?.length ?? 0) / 1024));
  memory.write32(info + 8, Math.floor((upper?.length ?? 0) / 1024));
  memory.write32(info + 16, putString(options.cmdline ?? ""));

  const mods = options.modules ?? [];
  if (mods.length > 0) {
    flags |= INFO_MODS;
    const table = alloc(16 * mods.length);
    for (const [i, m] of mods.entries()) {
      const place = modules[i]!;
      memory.write32(table + i * 16, place.start);
      memory.write32(table + i * 16 + 4, place.end);
      memory.write32(table + i * 16 + 8, putString(m.cmdline ?? ""));
      memory.write32(table + i * 16 + 12, 0);
    }
    memory.write32(info + 20, mods.length);
    memory.write32(info + 24, table);
  }

  // Each mmap entry is preceded by its size (20), which does not count itself.
  const mmap = alloc(24 * memoryMap.length);
  for (const [i, r] of memoryMap.entries()) {
    const e = mmap + i * 24;
    memory.write32(e, 20);
    memory.write32(e + 4, r.base >>> 0);
    memory.write32(e + 8, Math.floor(r.base / 0x100000000));
    memory.write32(e + 12, r.length >>> 0);
    memory.write32(e + 16, Math.floor(r.length / 0x100000000));
    memory.write32(e + 20, r.type);
  }
  memory.write32(info + 44, 24 * memoryMap.length);
  memory.write32(info + 48, mmap);
  memory.write32(info + 64, putString("native-kit"));
  memory.write32(info, flags);
  return info;
}
