/**
 * Errors a boot path reports for an image it cannot start. Each carries a machine-readable
 * {@link BootErrorCode} so a front end (the CLI) can map it to an exit status.
 */

/** Why an image could not be booted. */
export type BootErrorCode =
  /** Not an ELF file, or a structurally broken one (bad header, truncated segments). */
  | "not-elf"
  /** An ELF, but not a 32-bit little-endian i386 executable. */
  | "unsupported-elf"
  /** No valid Multiboot v1 header in the first 8 KiB, or one with requirements we lack. */
  | "no-multiboot-header"
  /** A segment, module or the boot information would land outside usable RAM. */
  | "does-not-fit"
  /** A ROM image whose size is not 64 or 128 KiB. */
  | "bad-rom-size";

/**
 * An image that cannot be booted, with a one-line message saying why.
 *
 * @example
 * ```ts
 * try { loadMultiboot(machine, bytes); }
 * catch (e) { if (e instanceof BootError) console.error(e.message); }
 * ```
 */
export class BootError extends Error {
  constructor(
    /** What kind of problem it is. */
    readonly code: BootErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "BootError";
  }
}
