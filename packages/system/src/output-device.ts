/**
 * Where kernel text goes: the contract a console driver implements so that the system's
 * default output (kernel log, `printf`, `write` to fd 1 and 2) can reach it.
 */

/**
 * A device that displays or transmits text.
 *
 * @example
 * ```ts
 * const captured: string[] = [];
 * const device: OutputDevice = { write: (text) => void captured.push(text) };
 * system.setDefaultOutput(device);
 * ```
 */
export interface OutputDevice {
  /** Writes `text` as-is (newlines included); the device decides how to show it. */
  write(text: string): void;
}
