/**
 * A strict reader of ELF32 executables for i386: the file header and the program
 * headers, which is all a boot loader needs. Every field a loader relies on is checked,
 * so a broken or foreign file gets a clear {@link BootError} instead of a bad load.
 */
import { BootError } from "./boot-error.js";

/** `PT_LOAD`: a segment to copy into memory. */
export const PT_LOAD = 1;

/** One program header. */
export interface ElfSegment {
  /** Segment type (`PT_LOAD` = 1 for loadable segments). */
  type: number;
  /** Offset of the segment's bytes in the file. */
  offset: number;
  /** Virtual address. */
  vaddr: number;
  /** Physical address (where a Multiboot loader puts it). */
  paddr: number;
  /** Bytes present in the file. */
  fileSize: number;
  /** Bytes in memory (the rest, past `fileSize`, is zero: .bss). */
  memSize: number;
  /** `PF_X` = 1, `PF_W` = 2, `PF_R` = 4. */
  flags: number;
}

/** The parts of an ELF32 executable a loader uses. */
export interface Elf32 {
  /** `e_type`: 2 for an executable. */
  type: number;
  /** Entry point (virtual address). */
  entry: number;
  /** All program headers, in file order. */
  segments: ElfSegment[];
}

const EM_386 = 3;
const ET_EXEC = 2;
const PHDR_SIZE = 32;

/**
 * Parses the ELF header and program headers of `bytes`.
 *
 * @throws {@link BootError} `not-elf` for a file without the ELF magic or with headers
 * or segments past its end; `unsupported-elf` for a 64-bit, big-endian, non-i386 or
 * non-executable ELF.
 *
 * @example
 * ```ts
 * const elf = parseElf32(readFileSync("kernel.elf"));
 * elf.entry; // 0x100010
 * ```
 */
export function parseElf32(bytes: Uint8Array): Elf32 {
  if (
    bytes.length < 4 ||
    bytes[0] !== 0x7f ||
    bytes[1] !== 0x45 ||
    bytes[2] !== 0x4c ||
    bytes[3] !== 0x46
  ) {
    throw new BootError("not-elf", "not an ELF file (no \\x7fELF magic)");
  }
  if (bytes.length < 52) throw new BootError("not-elf", "truncated ELF header");
  if (bytes[4] !== 1) {
    throw new BootError("unsupported-elf", `ELF class ${bytes[4]} is not ELFCLASS32 (1)`);
  }
  if (bytes[5] !== 1) {
    throw new BootError("unsupported-elf", "ELF data encoding is not little-endian");
  }
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const type = dv.getUint16(16, true);
  const machine = dv.getUint16(18, true);
  if (machine !== EM_386) {
    throw new BootError("unsupported-elf", `ELF machine ${machine} is not i386 (EM_386 = 3)`);
  }
  if (type !== ET_EXEC) {
    throw new BootError("unsupported-elf", `ELF type ${type} is not an executable (ET_EXEC = 2)`);
  }
  const entry = dv.getUint32(24, true);
  const phoff = dv.getUint32(28, true);
  const phentsize = dv.getUint16(42, true);
  const phnum = dv.getUint16(44, true);
  if (phnum === 0) throw new BootError("not-elf", "ELF has no program headers");
  if (phentsize < PHDR_SIZE) {
    throw new BootError("not-elf", `ELF program header size ${phentsize} is below 32`);
  }
  if (phoff + phnum * phentsize > bytes.length) {
    throw new BootError("not-elf", "ELF program headers run past the end of the file");
  }
  const segments: ElfSegment[] = [];
  for (let i = 0; i < phnum; i++) {
    const o = phoff + i * phentsize;
    const seg: ElfSegment = {
      type: dv.getUint32(o, true),
      offset: dv.getUint32(o + 4, true),
      vaddr: dv.getUint32(o + 8, true),
      paddr: dv.getUint32(o + 12, true),
      fileSize: dv.getUint32(o + 16, true),
      memSize: dv.getUint32(o + 20, true),
      flags: dv.getUint32(o + 24, true),
    };
    if (seg.type === PT_LOAD) {
      if (seg.offset + seg.fileSize > bytes.length) {
        throw new BootError("not-elf", `ELF segment ${i} runs past the end of the file`);
      }
      if (seg.fileSize > seg.memSize) {
        throw new BootError("not-elf", `ELF segment ${i} has more file bytes than memory bytes`);
      }
    }
    segments.push(seg);
  }
  return { type, entry, segments };
}
