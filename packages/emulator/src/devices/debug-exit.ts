/**
 * QEMU's isa-debug-exit device on port 0xF4: a guest writes a value and the emulator
 * exits with status `(value << 1) | 1`. Tests and CI use it to end a run with a verdict.
 */
import type { IoBus } from "../io/io-bus.js";

/** The port QEMU's `-device isa-debug-exit` uses by default, and so do we. */
export const DEBUG_EXIT_PORT = 0xf4;

/**
 * The host exit status for a value written to the debug-exit port: `(value << 1) | 1`,
 * truncated to the 8 bits a process exit status holds.
 *
 * @example
 * ```ts
 * debugExitStatus(0); // 1
 * debugExitStatus(0x10); // 33
 * ```
 */
export function debugExitStatus(value: number): number {
  return ((value << 1) | 1) & 0xff;
}

/**
 * Debug-exit port: reports the written value; the machine stops and emits its exit event.
 *
 * @example
 * ```ts
 * const exit = new DebugExit();
 * exit.attach(io);
 * exit.onExit = (value) => process.exit(debugExitStatus(value));
 * ```
 */
export class DebugExit {
  /** Called with the value the guest wrote (byte, word or dword, as written). */
  onExit: ((value: number) => void) | null = null;

  /** Decodes port 0xF4 (one to four bytes wide). */
  attach(io: IoBus): void {
    io.register(DEBUG_EXIT_PORT, 1, {
      read: () => 0xff,
      write: (_port, _size, value) => this.onExit?.(value >>> 0),
    });
  }

  /** Nothing to reset: the device holds no state. */
  reset(): void {}
}
