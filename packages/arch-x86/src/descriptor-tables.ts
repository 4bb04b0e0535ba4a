/**
 * Builds the GDT, TSS and IDT in guest memory at the addresses of {@link ArchLayout}, and
 * maintains the parts the kernel changes later: TSS.ESP0 and the TLS slots.
 */
import type { PhysicalMemory } from "@native-kit/emulator";
import {
  encodeGate,
  encodeSegment,
  GDT_ENTRIES,
  Selector,
  TLS_ENTRY_COUNT,
  TLS_FIRST_ENTRY,
} from "./descriptors.js";
import { ArchLayout } from "./layout.js";
import { STUB_STRIDE, TrapCode } from "./trap-code.js";

/** Size of a 32-bit TSS without an I/O permission bitmap. */
export const TSS_SIZE = 104;
/** Offset of ESP0 in the TSS. */
const TSS_ESP0 = 4;
/** Offset of SS0 in the TSS. */
const TSS_SS0 = 8;
/** Offset of the I/O map base in the TSS. */
const TSS_IOMAP = 102;

/** Vectors that ring-3 code may raise with `int n`: breakpoint, overflow, system call. */
export const USER_VECTORS: ReadonlySet<number> = new Set([3, 4, 0x80]);

function writeDescriptor(
  memory: PhysicalMemory,
  table: number,
  index: number,
  d: [number, number],
): void {
  memory.write32(table + index * 8, d[0]);
  memory.write32(table + index * 8 + 4, d[1]);
}

/** Writes the GDT: null, kernel code/data, user code/data, TSS, three empty TLS slots. */
export function writeGdt(memory: PhysicalMemory): void {
  for (let i = 0; i < GDT_ENTRIES; i++) writeDescriptor(memory, ArchLayout.gdt, i, [0, 0]);
  const flat = { base: 0, limit: 0xfffff } as const;
  writeDescriptor(
    memory,
    ArchLayout.gdt,
    Selector.KernelCode >> 3,
    encodeSegment({ ...flat, kind: "code", dpl: 0 }),
  );
  writeDescriptor(
    memory,
    ArchLayout.gdt,
    Selector.KernelData >> 3,
    encodeSegment({ ...flat, kind: "data", dpl: 0 }),
  );
  writeDescriptor(
    memory,
    ArchLayout.gdt,
    Selector.UserCode >> 3,
    encodeSegment({ ...flat, kind: "code", dpl: 3 }),
  );
  writeDescriptor(
    memory,
    ArchLayout.gdt,
    Selector.UserData >> 3,
    encodeSegment({ ...flat, kind: "data", dpl: 3 }),
  );
  writeDescriptor(
    memory,
    ArchLayout.gdt,
    Selector.Tss >> 3,
    encodeSegment({ base: ArchLayout.tss, limit: TSS_SIZE - 1, kind: "tss", dpl: 0 }),
  );
}

/** The base/limit of a thread-local-storage segment (`set_thread_area`'s user_desc). */
export interface TlsSegment {
  /** Linear base address (what `%gs:0` reads). */
  base: number;
  /** Limit in bytes minus one, or in pages minus one when `pageGranular`. */
  limit: number;
  /** Limit in 4 KiB units. */
  pageGranular: boolean;
}

/**
 * Sets TLS slot `slot` (0–2, GDT entries 6–8) to a ring-3 data segment, or clears it
 * when `segment` is `null`. Returns the selector user code loads (RPL 3).
 */
export function writeTlsSlot(
  memory: PhysicalMemory,
  slot: number,
  segment: TlsSegment | null,
): number {
  if (!Number.isInteger(slot) || slot < 0 || slot >= TLS_ENTRY_COUNT) {
    throw new RangeError(`TLS slot must be 0..${TLS_ENTRY_COUNT - 1}, got ${slot}`);
  }
  const index = TLS_FIRST_ENTRY + slot;
  const d: [number, number] = segment
    ? encodeSegment({ ...segment, kind: "data", dpl: 3 })
    : [0, 0];
  writeDescriptor(memory, ArchLayout.gdt, index, d);
  return (index << 3) | 3;
}

/** Writes the TSS: SS0:ESP0 is the kernel trap stack; no I/O bitmap (ring 3 gets no ports). */
export function writeTss(memory: PhysicalMemory): void {
  for (let i = 0; i < TSS_SIZE; i += 4) memory.write32(ArchLayout.tss + i, 0);
  memory.write32(ArchLayout.tss + TSS_ESP0, ArchLayout.stackTop);
  memory.write32(ArchLayout.tss + TSS_SS0, Selector.KernelData);
  memory.write16(ArchLayout.tss + TSS_IOMAP, TSS_SIZE); // base past the limit: no bitmap
}

/** Sets the stack the CPU switches to on a trap from ring 3. */
export function setKernelStack(memory: PhysicalMemory, esp0: number): void {
  memory.write32(ArchLayout.tss + TSS_ESP0, esp0 >>> 0);
}

/** Reads TSS.ESP0. */
export function kernelStack(memory: PhysicalMemory): number {
  return memory.read32(ArchLayout.tss + TSS_ESP0);
}

/**
 * Writes the IDT: all 256 vectors are interrupt gates to their stubs (IF cleared, so a
 * host handler never nests), reachable from ring 3 only for {@link USER_VECTORS}.
 */
export function writeIdt(memory: PhysicalMemory): void {
  for (let v = 0; v < 256; v++) {
    const gate = encodeGate(
      TrapCode.stubs + v * STUB_STRIDE,
      Selector.KernelCode,
      "interrupt",
      USER_VECTORS.has(v) ? 3 : 0,
    );
    writeDescriptor(memory, ArchLayout.idt, v, gate);
  }
}

/** Writes the GDTR and IDTR images that the setup routine loads. */
export function writeTableRegisters(memory: PhysicalMemory): void {
  memory.write16(TrapCode.gdtr, GDT_ENTRIES * 8 - 1);
  memory.write32(TrapCode.gdtr + 2, ArchLayout.gdt);
  memory.write16(TrapCode.idtr, 256 * 8 - 1);
  memory.write32(TrapCode.idtr + 2, ArchLayout.idt);
}
