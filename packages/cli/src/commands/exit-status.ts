/**
 * The exit statuses of `native-kit boot`. A guest's own verdict, written to the
 * debug-exit port, is always odd (`(value << 1) | 1`, as QEMU's isa-debug-exit), so every
 * status the emulator chooses for itself is even and never collides with one.
 */
export const BootExit = {
  /** The guest halted with interrupts disabled (`cli; hlt`): a clean stop. */
  Halted: 0,
  /** Bad command-line arguments. */
  Usage: 2,
  /** The kernel, ROM or a module file is missing or unreadable. */
  MissingImage: 4,
  /** The image is not bootable: not an ELF, no Multiboot header, wrong ROM size, does not fit. */
  MalformedImage: 6,
  /** The guest triple-faulted (the CPU shut down). */
  TripleFault: 8,
  /** `--timeout` expired before the guest exited. */
  Timeout: 10,
  /** The guest asked for a system reset (there is no firmware to restart). */
  ResetRequest: 12,
  /** The emulator itself failed (a bug: please report it). */
  InternalError: 14,
  /** The user quit (Ctrl+] on the terminal display, or SIGINT). */
  Interrupted: 130,
} as const;

/** One of the {@link BootExit} statuses. */
export type BootExit = (typeof BootExit)[keyof typeof BootExit];
