/**
 * Finding and checking the Multiboot v1 header: a 4-byte-aligned structure within the
 * first 8 KiB of a kernel image, `magic, flags, checksum` with the three summing to 0.
 * Only ELF kernels are loaded: the address fields of flag bit 16 (the "a.out kludge" for
 * flat binaries) are ignored, and the ELF program headers say where everything goes.
 */
import { BootError } from "./boot-error.js";

/** The header's magic number. */
export const MULTIBOOT_HEADER_MAGIC = 0x1badb002;
/** The value a Multiboot loader leaves in EAX. */
export const MULTIBOOT_BOOTLOADER_MAGIC = 0x2badb002;
/** How far into the image the header may start. */
export const MULTIBOOT_SEARCH_LIMIT = 8192;

/** Flag bits 0–15 are requirements; a loader must refuse unknown ones. */
const FLAG_PAGE_ALIGN = 1 << 0;
const FLAG_MEMORY_INFO = 1 << 1;
const FLAG_VIDEO_MODE = 1 << 2;
const SUPPORTED_REQUIREMENTS = FLAG_PAGE_ALIGN | FLAG_MEMORY_INFO | FLAG_VIDEO_MODE;

/** A validated header. */
export interface MultibootHeader {
  /** Byte offset of the header in the image. */
  offset: number;
  /** The header's flags. */
  flags: number;
  /** Bit 0: modules must be page-aligned. */
  pageAlignModules: boolean;
}

/**
 * Locates the Multiboot header of `image`.
 *
 * @throws {@link BootError} `no-multiboot-header` when there is none in the first 8 KiB, or
 * when it demands a feature this loader lacks (unknown requirement bits 3–15).
 *
 * @example
 * ```ts
 * findMultibootHeader(kernelBytes).offset; // 0x1000
 * ```
 */
export function findMultibootHeader(image: Uint8Array): MultibootHeader {
  const dv = new DataView(image.buffer, image.byteOffset, image.byteLength);
  const limit = Math.min(image.length, MULTIBOOT_SEARCH_LIMIT) - 12;
  for (let off = 0; off <= limit; off += 4) {
    if (dv.getUint32(off, true) !== MULTIBOOT_HEADER_MAGIC) continue;
    const flags = dv.getUint32(off + 4, true);
    const checksum = dv.getUint32(off + 8, true);
    if (((MULTIBOOT_HEADER_MAGIC + flags + checksum) & 0xffffffff) !== 0) continue;
    const unsupported = flags & 0xffff & ~SUPPORTED_REQUIREMENTS;
    if (unsupported) {
      throw new BootError(
        "no-multiboot-header",
        `Multiboot header requires unsupported features (flags 0x${unsupported.toString(16)})`,
      );
    }
    return { offset: off, flags, pageAlignModules: (flags & FLAG_PAGE_ALIGN) !== 0 };
  }
  throw new BootError(
    "no-multiboot-header",
    "no Multiboot header (magic 0x1BADB002 with a valid checksum) in the first 8 KiB",
  );
}
